"""The contact request (/kontakt): a person asks the responsible provider to get in touch."""
from flask import Flask

from . import models  # noqa: F401  (the tables must be known before the migrations run)


def init_app(app: Flask) -> None:
    pass
