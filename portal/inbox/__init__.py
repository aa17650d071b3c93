"""The provider's private inbox (/anbieter): log-in, requests, notes, status, export, audit."""
from flask import Flask

from . import models  # noqa: F401  (the tables must be known before the migrations run)


def init_app(app: Flask) -> None:
    pass
