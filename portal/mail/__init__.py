"""The mail outbox and its retrying sender (being built)."""
from flask import Flask

from . import models  # noqa: F401  (the table must be known before the migrations run)


def init_app(app: Flask) -> None:
    pass
