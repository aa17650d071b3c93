"""The mail outbox and its retrying sender (`flask --app portal outbox send`).

Settings (environment): MAIL_SERVER, MAIL_PORT, MAIL_USE_TLS, MAIL_USERNAME, MAIL_PASSWORD,
MAIL_SENDER (read by portal.config), MAIL_TIMEOUT (seconds, default 10), MAIL_SEND_IMMEDIATELY
(send right after a request is stored; default on, off in tests), MAIL_KEEP_SENT_DAYS (30),
MAIL_KEEP_FAILED_DAYS (90).
"""
from __future__ import annotations

import os

from flask import Flask

from ..config import _bool, _int  # the environment helpers of portal.config: one meaning of "on"
from ..housekeeping import register_purger
from . import models  # noqa: F401  (the table must be known before the migrations run)
from .cli import outbox_cli
from .outbox import purge, queue, send_after_response, send_due

__all__ = ["queue", "send_after_response", "send_due"]


def init_app(app: Flask) -> None:
    app.config.setdefault("MAIL_TIMEOUT", float(os.environ.get("MAIL_TIMEOUT") or 10))
    app.config.setdefault("MAIL_SEND_IMMEDIATELY", _bool("MAIL_SEND_IMMEDIATELY", not app.testing))
    app.config.setdefault("MAIL_KEEP_SENT_DAYS", _int("MAIL_KEEP_SENT_DAYS", 30))
    app.config.setdefault("MAIL_KEEP_FAILED_DAYS", _int("MAIL_KEEP_FAILED_DAYS", 90))
    app.cli.add_command(outbox_cli)
    register_purger(
        app, "mail outbox",
        lambda now: purge(now, app.config["MAIL_KEEP_SENT_DAYS"], app.config["MAIL_KEEP_FAILED_DAYS"]),
    )
