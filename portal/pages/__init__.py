"""Start page, accessibility statement with the barrier report, privacy, imprint, support staff page,
and "Geld und Sicherheit" with its comparison table (content/easy_language/<lang>/vergleich.yaml,
read and checked once at start-up by comparison.py).

Settings: BARRIER_REPORT_RETENTION_MONTHS (12): barrier reports are deleted this many months
after they came (`flask --app portal purge`); the report form says so. A new report queues a notice
for the operators (portal.operator.notices, without what it says); they work on it at /betrieb.
"""
from pathlib import Path

from ..config import _int
from ..housekeeping import register_purger
from .comparison import EXTENSION_KEY as COMPARISON_KEY
from .comparison import load_comparisons
from .purge import purge_barrier_reports
from .routes import bp


def init_app(app):
    app.config.setdefault("BARRIER_REPORT_RETENTION_MONTHS", _int("BARRIER_REPORT_RETENTION_MONTHS", 12))
    # Parsed once; a broken vergleich.yaml stops start-up with `file:line: problem`.
    app.extensions[COMPARISON_KEY] = load_comparisons(Path(app.config["CONTENT_DIR"]), app.extensions["content"])
    app.register_blueprint(bp)
    register_purger(app, "barrier reports",
                    lambda now: purge_barrier_reports(now, app.config["BARRIER_REPORT_RETENTION_MONTHS"]))
