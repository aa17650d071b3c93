"""What providers offer the public: offered Bausteine with their own texts and hours, the cost
calculation, success stories. The shared data layer of the provider profile pages (in /anbieter),
the public provider pages (/anbieter-finden, /geschichten) and the cost plan (/kosten)."""
from flask import Flask

from . import models  # noqa: F401  (the tables must be known before the migrations run)


def init_app(app: Flask) -> None:
    pass
