"""The readers' voice: "Das verstehe ich nicht" on every reader page and section, "Dieses Wort
erklären" in the dictionary, and the hard places ranked on the operator's desk and by
`flask --app portal feedback list`.

A flag stores the place (page path, section key), the optional word, the language and the day;
nothing that identifies the reader (no address, no session, no account, no time of day). The desk
marks a place as reworked with a note (audited); only later flags count for it after that.

Settings (environment, read here):
- READER_FEEDBACK_RETENTION_MONTHS (12): flags and rework marks are deleted after this (`purge`);
- READER_FEEDBACK_RATE_LIMIT ("30 per minute;300 per day"): flags per address (IPv6: per /64).
"""
from __future__ import annotations

import os

from flask import Flask

from ..config import _int
from ..housekeeping import register_demo_loader, register_purger
from . import logic, places
from .cli import feedback_cli
from .demo import load_demo
from .desk import desk_bp
from .models import ReaderFlag
from .routes import bp, messages_for

DEFAULT_RATE_LIMIT = "30 per minute;300 per day"


def init_app(app: Flask) -> None:
    app.config.setdefault("READER_FEEDBACK_RETENTION_MONTHS", _int("READER_FEEDBACK_RETENTION_MONTHS", 12))
    app.config.setdefault("READER_FEEDBACK_RATE_LIMIT", os.environ.get("READER_FEEDBACK_RATE_LIMIT") or DEFAULT_RATE_LIMIT)
    app.register_blueprint(bp)
    app.register_blueprint(desk_bp)
    app.jinja_env.globals.update(
        voice_page=places.here,
        voice_anchor=places.anchor,
        voice_sections=places.split_sections,
        voice_messages=messages_for,
        voice_word_max=ReaderFlag.WORD_MAX,
    )
    app.cli.add_command(feedback_cli)
    register_demo_loader(app, "reader feedback", load_demo)
    register_purger(app, "reader feedback",
                    lambda now: logic.purge(now, app.config["READER_FEEDBACK_RETENTION_MONTHS"]))
