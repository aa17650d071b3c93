"""The provider's private inbox (/anbieter): log-in, requests, notes, status, assignment,
export, deletion, audit.

Settings (environment, read here): INBOX_IDLE_MINUTES (30: a session ends after this much
inactivity), INBOX_ABSOLUTE_HOURS (8: a session ends this long after the log-in in any case),
INBOX_LOGIN_RATE_LIMIT (log-in tries per address, "10 per minute"), INBOX_GLOBAL_FAILURES_PER_MINUTE
(60: above this many failed log-ins in a minute, across all addresses, every address waits after
its first wrong password and a warning is logged; 0 switches the brake off),
AUDIT_RETENTION_MONTHS (24: audit entries and deletion records are deleted after this).
"""
from __future__ import annotations

import os

from flask import Flask

from ..config import _int
from ..housekeeping import register_purger
from . import audit, models  # noqa: F401  (the tables must be known before the migrations run)
from .routes import bp
from .throttle import FORGET_AFTER


def _configure(app: Flask) -> None:
    app.config.setdefault("INBOX_IDLE_MINUTES", _int("INBOX_IDLE_MINUTES", 30))
    app.config.setdefault("INBOX_ABSOLUTE_HOURS", _int("INBOX_ABSOLUTE_HOURS", 8))
    app.config.setdefault("INBOX_GLOBAL_FAILURES_PER_MINUTE", _int("INBOX_GLOBAL_FAILURES_PER_MINUTE", 60))
    app.config.setdefault("INBOX_LOGIN_RATE_LIMIT", os.environ.get("INBOX_LOGIN_RATE_LIMIT", "10 per minute"))
    app.config.setdefault("AUDIT_RETENTION_MONTHS", _int("AUDIT_RETENTION_MONTHS", 24))


def _purge_throttle(now) -> int:
    from ..extensions import db
    from .models import LoginThrottle

    stale = (LoginThrottle.last_failure_at < now - FORGET_AFTER) & (
        LoginThrottle.locked_until.is_(None) | (LoginThrottle.locked_until < now))
    deleted = db.session.execute(db.delete(LoginThrottle).where(stale)).rowcount
    db.session.commit()
    return deleted


def init_app(app: Flask) -> None:
    _configure(app)
    app.register_blueprint(bp)
    register_purger(app, "inbox audit log", lambda now: audit.purge(now, app.config["AUDIT_RETENTION_MONTHS"]))
    register_purger(app, "failed log-in counts", _purge_throttle)
