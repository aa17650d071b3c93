"""/healthz: 200 when the database answers, 503 when not (for load balancers and monitoring), and
/robots.txt for the machines that crawl the site."""
from flask import Blueprint, Response, current_app
from sqlalchemy import text

from .extensions import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy"; the reason goes to the log
        db.session.rollback()
        current_app.logger.exception("health check: the database does not answer")
        return {"status": "unavailable", "database": "down"}, 503
    return {"status": "ok", "database": "up"}, 200


# Crawlers following the dictionary's counting links would count as readers looking up a word; the
# staff and operator areas have nothing to index.
ROBOTS = """User-agent: *
Disallow: /woerterbuch/wort/
Disallow: /anbieter/
Disallow: /betrieb
"""


@bp.get("/robots.txt")
def robots():
    return Response(ROBOTS, mimetype="text/plain")


def init_app(app):
    app.register_blueprint(bp)
