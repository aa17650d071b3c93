"""`flask --app portal content check`: the easy-language lint as a Flask command.

The work is done in `portal.content.lint.run_check` (which also runs without Flask:
`python -m portal.content.lint`); this module only wires it to the app's CONTENT_DIR.
"""
from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

content_cli = AppGroup("content", help="Check the easy-language content files.")


@content_cli.command("check")
def check_command() -> None:
    """Print every problem as `file:line: rule: text`; exit 1 if there are errors."""
    from .lint import run_check  # textstat/pyphen: only when the command runs

    exit_code = run_check(Path(current_app.config["CONTENT_DIR"]), echo=click.echo)
    if exit_code:
        raise SystemExit(exit_code)


def register(app: Flask) -> None:
    app.cli.add_command(content_cli)
