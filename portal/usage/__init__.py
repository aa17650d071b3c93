"""Usage at a glance, without tracking: counters for the operator's desk (/betrieb/nutzung).

Counted on the server, per day, with no cookie, no address and nothing per person: Klärung started
and finished, each Klärung question reached (where people stop), contact requests per provider,
application letters made, dictionary words looked up. Each place that counts calls
`usage.count(kind, item)` once (`counters.py`); the desk shows charts and tables (`report.py`,
`charts.py`) and a CSV download.

Setting (environment): USAGE_RETENTION_MONTHS (24): counters of days older than this are deleted
by `flask --app portal purge` (the privacy page says so).
"""
from __future__ import annotations

import os

from flask import Flask

from ..housekeeping import register_purger
from .counters import (  # noqa: F401  (the hooks' names)
    CONTACT_REQUEST, GLOSSARY_WORD, KLAERUNG_FINISHED, KLAERUNG_QUESTION, KLAERUNG_STARTED, LETTER_MADE, count,
)
from .counters import purge


def init_app(app: Flask) -> None:
    app.config.setdefault("USAGE_RETENTION_MONTHS", int(os.environ.get("USAGE_RETENTION_MONTHS", "24")))
    register_purger(app, "usage counters", lambda now: purge(now, app.config["USAGE_RETENTION_MONTHS"]))
