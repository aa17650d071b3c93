"""The budget's blueprint and the helpers every budget view uses."""
from __future__ import annotations

from flask import Blueprint, current_app, g

bp = Blueprint("budget", __name__, template_folder="templates", url_prefix="/budget")

EXTENSION_KEY = "portal.budget"


def texts():
    """The budget texts of the request's language (read once at start-up)."""
    return current_app.extensions[EXTENSION_KEY][g.lang]


def private(response):
    """Pages and files with what the person typed: no cache may keep them (shared workshop computers)."""
    response.headers["Cache-Control"] = "no-store"
    return response
