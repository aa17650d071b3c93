"""Providers (integration services): their areas, partner workshops and staff accounts.

No web pages: `flask --app portal providers …` and `users …` manage them; the demo data are
the five JobBudget practice sites.
"""
from flask import Flask

from ..housekeeping import register_demo_loader
from . import models  # noqa: F401  (the tables must be known before the migrations run)
from .cli import providers_cli, users_cli
from .demo import load_demo


def init_app(app: Flask) -> None:
    app.cli.add_command(providers_cli)
    app.cli.add_command(users_cli)
    register_demo_loader(app, "providers", load_demo)
