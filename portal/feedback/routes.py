"""POST /verstehen: a reader's "Das verstehe ich nicht" (or, from the dictionary, "Dieses Wort
erklären"). Without JavaScript the form posts and the answer is a 303 back to the place, where a
short thank-you waits (flash); our script sends the same form in place and gets JSON instead.

Protection against forged posts from other sites: the form carries no token (it stands on pages that
are the same for everyone and cached, and a token would give every reader a session). Instead the
post must come from a page of the portal itself: the browser's `Sec-Fetch-Site: same-origin`, or
else an `Origin` (or, lacking both, a `Referer`) with the portal's own host. A post without any of
them is refused. Rate limit: READER_FEEDBACK_RATE_LIMIT per address (IPv6: per /64); the count
lives in the limiter's storage only, never with the flag.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, g, jsonify, redirect, request
from flask_babel import gettext as _

from ..clock import today_in_berlin
from ..extensions import address_key, csrf, db, limiter
from . import logic, places
from .forms import FlagForm
from .models import WORD_MISSING

bp = Blueprint("feedback", __name__, template_folder="templates")

THANKS, PROBLEM = "voice", "voice-error"  # flash categories: "<category>:<section>"


def feedback_rate_limit() -> str:
    return current_app.config["READER_FEEDBACK_RATE_LIMIT"]


def same_origin() -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        return urlsplit(origin).netloc == request.host
    referrer = request.headers.get("Referer")
    if referrer:
        return urlsplit(referrer).netloc == request.host
    return False


def wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes["application/json"] > request.accept_mimetypes["text/html"]


@bp.post("/verstehen")
@csrf.exempt  # the check is same_origin() (see above)
@limiter.limit(feedback_rate_limit, key_func=address_key, methods=["POST"])
def flag():
    if not same_origin():
        abort(400)
    form = FlagForm()
    page, section = form.page.data or "", form.section.data or ""
    if not places.is_reader_page(page) or not places.is_section_key(section):
        abort(400)
    word_missing = section == WORD_MISSING
    if word_missing and not form.word.data:
        form.word.errors = [_("Bitte schreiben Sie das Wort.")]
        valid = False
    else:
        valid = form.validate()
    if not valid:
        message = str(next(iter(form.word.errors), "")) or _("Das hat nicht geklappt. Bitte versuchen Sie es noch einmal.")
        if wants_json():  # 200: the request worked, the answer says what to fix (shown in place)
            return jsonify(error=message)
        flash(message, f"{PROBLEM}:{section}")
        return _back(page, section)
    if not form.is_spam:
        logic.record_flag(page, section, form.word.data or "", g.lang, today_in_berlin())
        db.session.commit()
    message = thanks(word_missing)
    if wants_json():
        return jsonify(message=message)
    flash(message, f"{THANKS}:{section}")
    return _back(page, section)


def thanks(word_missing: bool) -> str:
    if word_missing:
        return _("Danke! Das Team vom Portal bekommt das Wort. Vielleicht erklären wir es bald im Wörter·buch.")
    return _("Danke! Das Team vom Portal bekommt Ihren Hinweis. So können wir den Text leichter machen.")


def _back(page: str, section: str):
    return redirect(f"{request.script_root}{page}#{places.anchor(section)}", code=303)


def messages_for(section: str) -> list[tuple[str, str]]:
    """The thank-you or problem waiting for this section's control: [(kind, text)]."""
    from flask import get_flashed_messages

    found = []
    for category, message in get_flashed_messages(with_categories=True):
        kind, _sep, key = str(category).partition(":")
        if kind in (THANKS, PROBLEM) and key == section:
            found.append((kind, message))
    return found
