"""Start page, accessibility statement with the barrier report, privacy, imprint, support staff page.

Settings: BARRIER_REPORT_RETENTION_MONTHS (12): barrier reports are deleted this many months
after they came (`flask --app portal purge`); the report form says so. A new report queues a notice
for the operators (portal.operator.notices, without what it says); they work on it at /betrieb.
"""
from ..config import _int
from ..housekeeping import register_purger
from .purge import purge_barrier_reports
from .routes import bp


def init_app(app):
    app.config.setdefault("BARRIER_REPORT_RETENTION_MONTHS", _int("BARRIER_REPORT_RETENTION_MONTHS", 12))
    app.register_blueprint(bp)
    register_purger(app, "barrier reports",
                    lambda now: purge_barrier_reports(now, app.config["BARRIER_REPORT_RETENTION_MONTHS"]))
