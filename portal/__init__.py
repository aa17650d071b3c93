"""JobBudget-Portal: a plain-language self-service portal for people in sheltered workshops."""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask
from jinja2 import StrictUndefined

from . import catalogues, housekeeping, pagecache, session, ui
from .config import PROJECT_ROOT, build_config
from .extensions import babel, csrf, db, limiter, migrate
from .features import register_features
from .i18n import compile_catalogues, select_locale
from .security import add_security_headers


def create_app(config: dict | None = None) -> Flask:
    """Build the portal. `config` overrides settings from the environment (tests pass their own)."""
    instance_path = Path(os.environ.get("PORTAL_INSTANCE_PATH", PROJECT_ROOT / "instance"))
    app = Flask(
        __name__,
        instance_path=str(instance_path),
        static_folder=str(PROJECT_ROOT / "static"),
        static_url_path="/static",
    )
    app.config.update(build_config(instance_path, config))
    app.jinja_env.undefined = StrictUndefined
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    if app.config.get("PROXY_FIX"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    session.init_app(app)  # the session cookie is encrypted (portal/session.py)
    _init_database(app)
    compile_catalogues(PROJECT_ROOT / "translations")
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    limiter.init_app(app)

    from .content import load_library

    app.extensions["content"] = load_library(Path(app.config["CONTENT_DIR"]))

    ui.init_app(app)
    housekeeping.init_app(app)
    catalogues.init_app(app)
    register_features(app)
    app.after_request(add_security_headers)
    pagecache.init_app(app)
    return app


def _init_database(app: Flask) -> None:
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        from sqlalchemy import event

        with app.app_context():
            # Several gunicorn workers share one SQLite file: wait for the lock instead of failing.
            @event.listens_for(db.engine, "connect")
            def _sqlite_pragmas(dbapi_connection, _record):
                cursor = dbapi_connection.cursor()
                cursor.execute("PRAGMA foreign_keys=ON")
                cursor.execute("PRAGMA busy_timeout=10000")
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.close()

