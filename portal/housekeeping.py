"""One `purge` command and one `demo load` command for every kind of data.

Each feature registers what it keeps and for how long (`register_purger`) and its demo data
(`register_demo_loader`); the commands run them all, so there is exactly one place to look.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

# name → function(now) -> number of rows deleted
Purger = Callable[[datetime], int]
# name → function() -> short description of what was loaded
DemoLoader = Callable[[], str]

EXTENSION_KEY = "portal.housekeeping"


def _registry(app: Flask) -> dict:
    return app.extensions.setdefault(EXTENSION_KEY, {"purgers": {}, "demo": {}})


def register_purger(app: Flask, name: str, purger: Purger) -> None:
    _registry(app)["purgers"][name] = purger


def register_demo_loader(app: Flask, name: str, loader: DemoLoader) -> None:
    _registry(app)["demo"][name] = loader


def refuse_demo_in_production() -> None:
    """Demo data never enter a production database: the demo providers' made-up postcode areas
    would catch real people's requests, and the demo accounts' password is in the README."""
    if current_app.config["PORTAL_ENV"] == "production":
        from .config import ConfigurationError

        raise ConfigurationError(
            "demo load refuses to run in production: the demo providers would receive real requests. "
            "Add the real providers with: flask --app portal providers add"
        )


def purge_all(now: datetime | None = None) -> dict[str, int]:
    now = now or datetime.now(timezone.utc)
    return {name: purger(now) for name, purger in _registry(current_app)["purgers"].items()}


@click.command("purge")
@with_appcontext
def purge_command():
    """Delete data that is kept no longer than promised (resume codes, closed requests, old logs …)."""
    for name, count in purge_all().items():
        click.echo(f"{name}: {count} deleted")


demo_cli = AppGroup("demo", help="Demo data for trying the portal out.")


@demo_cli.command("load")
def demo_load_command():
    """Load the demo data (not in production). Running it again changes nothing that is already there."""
    try:
        refuse_demo_in_production()
    except RuntimeError as error:
        raise click.ClickException(str(error)) from None
    for name, loader in _registry(current_app)["demo"].items():
        click.echo(f"{name}: {loader()}")


def init_app(app: Flask) -> None:
    _registry(app)
    app.cli.add_command(purge_command)
    app.cli.add_command(demo_cli)
