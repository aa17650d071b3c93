"""`flask --app portal content check`: the easy-language lint as a Flask command.

The command is registered as a Flask CLI plugin (pyproject: `flask.commands`), so it runs
WITHOUT building the app: broken content stops the portal from starting, and this is exactly
the command that has to say why. The folder is CONTENT_DIR from the environment, else the
project's `content/easy_language`. The work is done in `portal.content.lint.run_check`
(also `python -m portal.content.lint`).
"""
from __future__ import annotations

import os
from pathlib import Path

import click

from ..config import PROJECT_ROOT


def content_dir() -> Path:
    return Path(os.environ.get("CONTENT_DIR", PROJECT_ROOT / "content" / "easy_language"))


@click.group("content", help="Check the easy-language content files.")
def content_cli() -> None:
    pass


@content_cli.command("check")
def check_command() -> None:
    """Print every problem as `file:line: rule: text`; exit 1 if there are errors."""
    from .lint import run_check  # textstat/pyphen: only when the command runs

    exit_code = run_check(content_dir(), echo=click.echo)
    if exit_code:
        raise SystemExit(exit_code)
