"""The page frame shared by every feature: base layout, form macros, display preferences, error pages."""
from __future__ import annotations

from flask import Blueprint, Flask, g, request
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from ..content.render import render_law_line

from . import assets, errors, pending, preferences, reading, rendercache
from .names import long_name
from .text import easy, plain

bp = Blueprint("ui", __name__, template_folder="templates")

# Paths, not endpoints: these URLs are promises to users, and each feature owns its blueprint.
MAIN_NAVIGATION = (
    ("/", _l("Start")),
    ("/module", _l("Module")),
    ("/klaerung", _l("Klärung")),
    ("/budget", _l("Persönliches Budget")),
    ("/kontakt", _l("Kontakt")),
    ("/woerterbuch", _l("Wörter·buch")),
)


def main_navigation():
    return MAIN_NAVIGATION


def is_current_section(path: str) -> bool:
    if path == "/":
        return request.path == "/"
    return request.path == path or request.path.startswith(path + "/")


def field_anchor(field) -> str:
    """Where an error-summary link jumps to: the field itself, or the first choice of a group."""
    if field.type in ("RadioField", "MultiCheckboxField", "SelectMultipleField"):
        return f"{field.id}-0"
    return field.id


def fachleute(references) -> Markup:
    """The "Für Fach·leute: § …" line of a data file's `law:` value, in the page's language."""
    return render_law_line(references, g.get("lang", "de"))


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.filters["easy"] = easy
    app.jinja_env.filters["plain"] = plain
    app.jinja_env.filters["fachleute"] = fachleute
    app.jinja_env.filters["long_name"] = long_name
    app.jinja_env.globals.update(
        main_navigation=main_navigation,
        is_current_section=is_current_section,
        url_with=preferences.url_with,
        field_anchor=field_anchor,
        static_url=assets.static_url,
        icon=assets.icon,
        explain_terms=reading.explain_terms,
        claim_read_aloud=reading.claim_read_aloud,
    )
    app.before_request(preferences.load_request_preferences)
    app.after_request(preferences.remember_preferences)
    app.after_request(assets.cache_static)
    errors.register(app)
    rendercache.init_app(app)
    pending.init_app(app)

