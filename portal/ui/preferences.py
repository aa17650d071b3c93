"""Display preferences: language, text size and contrast.

They work without JavaScript: any URL accepts ``?lang=en``, ``?schrift=gross`` or
``?kontrast=hoch``; the choice is shown at once and remembered in one small cookie.
That cookie and the session cookie are the only cookies the portal sets.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, quote, urlencode

from flask import current_app, g, request

COOKIE_NAME = "anzeige"  # in production "__Host-anzeige": see PREFERENCE_COOKIE_NAME in portal/config.py
COOKIE_MAX_AGE = 365 * 24 * 3600
TEXT_SIZES = ("normal", "gross", "sehr-gross")
CONTRASTS = ("normal", "hoch")
# The URL parameter for each preference, and the values it accepts (None: the configured languages).
PARAMETERS = {"lang": "lang", "schrift": "size", "kontrast": "contrast"}


@dataclass(frozen=True)
class Preferences:
    lang: str
    size: str = "normal"
    contrast: str = "normal"

    @property
    def css_classes(self) -> str:
        return f"schrift-{self.size} kontrast-{self.contrast}"

    def cookie_value(self) -> str:
        return urlencode({"lang": self.lang, "schrift": self.size, "kontrast": self.contrast})


def _allowed(field: str) -> tuple[str, ...]:
    if field == "lang":
        return tuple(current_app.config["LANGUAGES"])
    return TEXT_SIZES if field == "size" else CONTRASTS


def _apply(prefs: Preferences, pairs) -> Preferences:
    for param, value in pairs:
        field = PARAMETERS.get(param)
        if field and value in _allowed(field):
            prefs = replace(prefs, **{field: value})
    return prefs


def load_preferences(default_lang: str) -> None:
    """Read the remembered preferences, then any change asked for in the URL (before_request)."""
    name = cookie_name()
    remembered = _apply(Preferences(lang=default_lang), parse_qsl(request.cookies.get(name, "")))
    g.prefs = _apply(remembered, request.args.items(multi=True))
    g.prefs_changed = g.prefs != remembered or (
        name not in request.cookies and any(p in request.args for p in PARAMETERS)
    )


def cookie_name() -> str:
    return current_app.config.get("PREFERENCE_COOKIE_NAME", COOKIE_NAME)


def load_request_preferences() -> None:
    from ..i18n import best_language

    load_preferences(best_language())
    g.lang = g.prefs.lang


def remember_preferences(response):
    """Store changed preferences (after_request)."""
    if getattr(g, "prefs_changed", False):
        response.set_cookie(
            cookie_name(),
            g.prefs.cookie_value(),
            max_age=COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            path="/",
            secure=current_app.config["PREFERENCE_COOKIE_SECURE"],
        )
    return response


def url_with(**changes) -> str:
    """The current URL with some query parameters changed (for the language and display links)."""
    args = {k: v for k, v in request.args.items() if k not in changes}
    args.update({k: v for k, v in changes.items() if v is not None})
    query = urlencode(args)
    return quote(request.path) + (f"?{query}" if query else "")
