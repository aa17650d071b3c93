"""The operator's desk (/betrieb): the page of the organisation that runs the portal.

Operator accounts (`flask --app portal users create --operator --email …`) log in at the same
/anbieter/anmelden as provider staff, with the same passwords, throttle, sessions and audit log
(portal.inbox.auth), and land here. They belong to no provider and never see a contact request;
provider staff never see the desk (404 both ways).

The desk is built from sections (`sections.py`); the first one is the barrier reports from the
accessibility page's form: a list with status (neu, in Arbeit, erledigt), a page per report to
change its status and add notes. A new report sends the operators a notice through the mail
outbox, without what the report says (`notices.py`). The usage section shows the last 7 days of the
counters (portal.usage) and links /betrieb/nutzung: charts with tables, a period, a CSV download
(`usage_routes.py`).

Settings (environment, read here): OPERATOR_NOTIFY_EMAIL (none): where the notice about a new
barrier report goes, one address or several separated by commas; when it is empty, the notice
goes to every active operator account.
"""
from __future__ import annotations

import os

from flask import Flask

from ..housekeeping import register_demo_loader
from .demo import load_demo
from .routes import bp
from . import usage_routes  # noqa: F401  (/betrieb/nutzung, on the same blueprint)


def init_app(app: Flask) -> None:
    app.config.setdefault("OPERATOR_NOTIFY_EMAIL", os.environ.get("OPERATOR_NOTIFY_EMAIL", ""))
    app.register_blueprint(bp)
    register_demo_loader(app, "operator", load_demo)
