"""The contact request (/kontakt): a person asks the responsible provider to get in touch.

Settings (environment, read here): CONTACT_RETENTION_MONTHS (12: closed requests are deleted
after this; the consent text must say the same), CONTACT_INACTIVE_MONTHS (6: open requests with
no activity for this long are closed, and so deleted CONTACT_RETENTION_MONTHS later; the consent
text says this too), CONTACT_FALLBACK_PROVIDER (slug of the
provider that gets requests from places nobody serves; none by default),
CONTACT_DRAFT_HOURS (24), CONTACT_STEP_RATE_LIMIT (for the question pages; sending uses
FORM_RATE_LIMIT), PORTAL_BASE_URL (the portal's address for links in provider mails).
"""
from __future__ import annotations

import os

from flask import Flask

from ..config import _int
from ..housekeeping import register_demo_loader, register_purger
from . import models  # noqa: F401  (the tables must be known before the migrations run)
from .demo import load_demo_requests
from .drafts import purge as purge_drafts
from .purge import close_inactive_requests, purge_closed_requests
from .routes import bp
from .texts import EXTENSION_KEY, check_retention, load_texts


def _configure(app: Flask) -> None:
    app.config.setdefault("CONTACT_RETENTION_MONTHS", _int("CONTACT_RETENTION_MONTHS", 12))
    app.config.setdefault("CONTACT_INACTIVE_MONTHS", _int("CONTACT_INACTIVE_MONTHS", 6))
    app.config.setdefault("CONTACT_FALLBACK_PROVIDER", os.environ.get("CONTACT_FALLBACK_PROVIDER", ""))
    app.config.setdefault("CONTACT_DRAFT_HOURS", _int("CONTACT_DRAFT_HOURS", 24))
    # A person answers about 10 short pages; a typo or two must never lock them out.
    app.config.setdefault("CONTACT_STEP_RATE_LIMIT", os.environ.get("CONTACT_STEP_RATE_LIMIT", "120 per minute"))
    app.config.setdefault("PORTAL_BASE_URL", os.environ.get("PORTAL_BASE_URL", ""))


def init_app(app: Flask) -> None:
    _configure(app)
    texts = load_texts(app.config["CONTENT_DIR"], app.config["LANGUAGES"])
    check_retention(texts, app.config["CONTACT_RETENTION_MONTHS"], app.config["CONTACT_INACTIVE_MONTHS"])
    app.extensions[EXTENSION_KEY] = texts
    app.register_blueprint(bp)
    # Closing comes first: a request closed today is deleted by the retention of closed requests later.
    register_purger(app, "inactive contact requests closed",
                    lambda now: close_inactive_requests(now, app.config["CONTACT_INACTIVE_MONTHS"]))
    register_purger(app, "closed contact requests",
                    lambda now: purge_closed_requests(now, app.config["CONTACT_RETENTION_MONTHS"]))
    register_purger(app, "unfinished contact requests",
                    lambda now: purge_drafts(now, app.config["CONTACT_DRAFT_HOURS"]))
    register_demo_loader(app, "contact requests", load_demo_requests)
