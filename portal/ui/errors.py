"""Error pages in easy language, inside the portal's frame, with the right status code."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import Flask, g, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .preferences import load_request_preferences

ERROR_TEXTS = {
    400: (
        _l("Das hat nicht geklappt"),
        [_l("Die Anfrage war nicht richtig."), _l("Bitte versuchen Sie es noch einmal.")],
    ),
    403: (
        _l("Diese Seite ist nicht für Sie"),
        [_l("Sie dürfen diese Seite nicht sehen."), _l("Vielleicht müssen Sie sich zuerst anmelden.")],
    ),
    404: (
        _l("Diese Seite gibt es nicht"),
        [_l("Wir finden diese Seite nicht."), _l("Vielleicht ist die Adresse falsch."), _l("Auf der Start·seite finden Sie alles.")],
    ),
    405: (
        _l("Das hat nicht geklappt"),
        [_l("So können Sie diese Seite nicht öffnen."), _l("Bitte benutzen Sie die Links auf der Seite.")],
    ),
    429: (
        _l("Bitte machen Sie eine kurze Pause"),
        [_l("Es kamen sehr viele Anfragen in kurzer Zeit."), _l("Warten Sie bitte 1 Minute."), _l("Dann versuchen Sie es noch einmal.")],
    ),
    500: (
        _l("Bei uns ist ein Fehler passiert"),
        [_l("Das ist nicht Ihre Schuld."), _l("Bitte versuchen Sie es später noch einmal."), _l("Wir kümmern uns um den Fehler.")],
    ),
}
CSRF_TEXT = (
    _l("Das Formular ist abgelaufen"),
    [_l("Sie haben das Formular lange offen gehabt."), _l("Oder Ihr Browser hat keine Cookies erlaubt."), _l("Gehen Sie bitte zurück und schicken Sie es noch einmal.")],
)


def render_error(status: int, texts=None, back_url: str | None = None):
    if "prefs" not in g:  # routing and CSRF errors happen before the preferences are read
        load_request_preferences()
    title, lines = texts or ERROR_TEXTS.get(status, ERROR_TEXTS[500])
    return render_template("ui/error.html", title=title, lines=lines,
                           back_url=_same_site_referrer() or back_url), status


def _same_site_referrer() -> str | None:
    """The page the person came from, as a path on this site; None (only the start page link)
    for anything else. The Referer header can be forged, so the link must never lead away:
    a path like `//other.host/x` (or with a backslash) would be read by the browser as another host."""
    referrer = request.referrer
    if not referrer:
        return None
    parts = urlsplit(referrer)
    if parts.scheme not in ("", "http", "https") or parts.netloc != request.host:
        return None
    link = parts.path + (f"?{parts.query}" if parts.query else "")
    if not _LOCAL_LINK.match(link):
        return None
    return link


# One slash, then no second slash or backslash; no blanks or control characters anywhere
# (browsers drop tabs and line breaks from a link, which could make "/\t/host" into "//host").
_LOCAL_LINK = re.compile(r"^/(?![/\\])[^\\\s\x00-\x1f\x7f]*$")


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        # Without a referrer (browsers may hide it) the way back is the form's own page: forms post
        # to the page they are on. (The Klärung has its own page for this: it continues with the code.)
        return render_error(400, CSRF_TEXT, back_url=request.path)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code in ERROR_TEXTS:
            return render_error(error.code)
        return error

    @app.errorhandler(InternalServerError)
    def server_error(error):
        return render_error(500)
