"""Entry point for gunicorn: `PORTAL_ENV=production gunicorn wsgi:app`.

PORTAL_ENV must be set: a server started without it would quietly run as development (a secret key
from a file, cookies over plain HTTP, demo data allowed). In production the database is checked
before the first request (no demo providers, no account with the demo password).
"""
import os

from portal import create_app
from portal.config import ConfigurationError
from portal.security import check_production_data

if not os.environ.get("PORTAL_ENV"):
    raise ConfigurationError(
        "PORTAL_ENV is not set. wsgi.py serves the portal: set PORTAL_ENV=production on a server "
        "(or PORTAL_ENV=development to try it out)."
    )

app = create_app()
check_production_data(app)
