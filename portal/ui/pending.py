"""Post/Redirect/Get for every form: what a person typed waits briefly on the server.

Why: a page that answers a POST makes the browser's back button and reload ask "Confirm form
resubmission". So no POST answers with a page:
- a form with errors: when a view answers a POST with a page (200) while one of its `PortalForm`s has
  errors, `redirect_failed_post` keeps the typed values and the errors here and answers 303 to the GET
  of the same address, where the form shows them again (`PortalForm.__init__`);
  a POST-only address names the page of its form with `form_page(url)`;
- other typed data that a later GET shows (the letter preview) goes in with `keep(slot, data)`.

What is typed may be personal (health data), and the session cookie is signed but readable: the values
stay in the table `pending_form`, under the hash of a random key that only the session holds. An entry
lives `LIFETIME` at most; `flask --app portal purge` deletes the expired ones. Passwords and the form
token are never kept.
"""
from __future__ import annotations

import hashlib
import json
import secrets
from datetime import timedelta

from flask import Flask, g, has_request_context, request, session
from werkzeug.datastructures import MultiDict

from ..extensions import db
from ..housekeeping import register_purger
from ..providers.dbtypes import UTCDateTime, utcnow

LIFETIME = timedelta(minutes=60)
SESSION_KEY = "pending"
FORM_SLOT = "form"
FORMS_KEY = "portal_forms"
PAGE_KEY = "portal_form_page"
SKIPPED_TYPES = ("CSRFTokenField", "PasswordField")


class PendingForm(db.Model):
    """Typed values waiting for the GET after a POST (a form with errors, the letter preview)."""

    __tablename__ = "pending_form"

    key_hash = db.Column(db.String(64), primary_key=True)
    data = db.Column(db.Text, nullable=False)
    expires_at = db.Column(UTCDateTime(), nullable=False, index=True)


def _row_key(slot: str, create: bool = False) -> str | None:
    token = session.get(SESSION_KEY)
    if not isinstance(token, str):
        if not create:
            return None
        token = session[SESSION_KEY] = secrets.token_urlsafe(24)
    return hashlib.sha256(f"{token}:{slot}".encode()).hexdigest()


def keep(slot: str, data: dict) -> None:
    """Keep `data` (JSON) for this session under `slot`, for `LIFETIME`, replacing what was there."""
    key = _row_key(slot, create=True)
    row = db.session.get(PendingForm, key) or PendingForm(key_hash=key)
    row.data = json.dumps(data, ensure_ascii=False)
    row.expires_at = utcnow() + LIFETIME
    db.session.add(row)
    db.session.commit()


def peek(slot: str) -> dict | None:
    """What this session keeps under `slot`, or None (nothing, or expired)."""
    if not has_request_context():
        return None
    key = _row_key(slot)
    if key is None:
        return None
    cache = g.setdefault("portal_pending", {})
    if slot not in cache:
        row = db.session.get(PendingForm, key)
        cache[slot] = json.loads(row.data) if row is not None and row.expires_at > utcnow() else None
    return cache[slot]


def discard(slot: str) -> None:
    key = _row_key(slot)
    if key is None:
        return
    g.setdefault("portal_pending", {})[slot] = None
    row = db.session.get(PendingForm, key)
    if row is not None:
        db.session.delete(row)
        db.session.commit()


def purge_expired(now) -> int:
    deleted = db.session.execute(db.delete(PendingForm).where(PendingForm.expires_at <= now)).rowcount
    db.session.commit()
    return deleted


# --- forms with errors -------------------------------------------------------------------------


def form_key(form) -> str:
    return _key_of(type(form), form._prefix)


def _key_of(form_class, prefix: str) -> str:
    return f"{form_class.__module__}.{form_class.__qualname__}:{(prefix or '').rstrip('-_;:/.')}"


def form_page(url: str) -> None:
    """For a POST-only address: the page (GET) that shows this form, where its errors go."""
    g.setdefault(PAGE_KEY, url)


def note_form(form) -> None:
    """Called by `PortalForm.__init__`: the forms of this request, to look for errors after the view."""
    g.setdefault(FORMS_KEY, []).append(form)


def note_validation(form, valid: bool) -> None:
    """Called by `PortalForm.validate()` on a POST: a form sent without errors needs its kept values no more."""
    if valid and session.get(SESSION_KEY) is not None:
        waiting = peek(FORM_SLOT)
        if waiting and waiting.get("form") == form_key(form):
            discard(FORM_SLOT)


def waiting_formdata_for(form_class, prefix: str) -> tuple[MultiDict, dict] | None:
    """The typed values and errors of a form on this page, if its POST had errors a moment ago."""
    if request.method != "GET" or SESSION_KEY not in session:
        return None
    waiting = peek(FORM_SLOT)
    if not waiting or waiting.get("path") != request.path or waiting.get("form") != _key_of(form_class, prefix):
        return None
    return MultiDict([tuple(pair) for pair in waiting["values"]]), waiting["errors"]


def has_waiting_form() -> bool:
    """True when this page will show a form with kept values (it must not come from a cache)."""
    if not has_request_context() or SESSION_KEY not in session or request.method != "GET":
        return False
    waiting = peek(FORM_SLOT)
    return bool(waiting and waiting.get("path") == request.path)


def _typed_values(form) -> list[list[str]]:
    skipped = {field.name for field in form if field.type in SKIPPED_TYPES}
    return [[name, value] for name, value in request.form.items(multi=True)
            if name not in skipped and not name.endswith("csrf_token") and isinstance(value, str)]


def _errors(form) -> dict[str, list[str]]:
    return {field.name: [str(message) for message in field.errors if not isinstance(message, (list, dict))]
            for field in form if field.errors and field.type != "CSRFTokenField"}


def redirect_failed_post(response):
    """after_request: a POST answered with its form page and errors becomes 303 to the page's GET."""
    if request.method != "POST":
        return response
    # The form with errors: from its validators, or added by the view (a wrong password).
    form = next((form for form in g.get(FORMS_KEY, ()) if form.errors), None)
    if form is None or response.status_code != 200 or response.mimetype != "text/html":
        return response
    target = g.get(PAGE_KEY)
    if target is None:
        if request.url_rule is None or "GET" not in request.url_rule.methods:
            return response
        target = request.script_root + request.full_path.rstrip("?")
    path = target.split("#", 1)[0].split("?", 1)[0]
    keep(FORM_SLOT, {
        "path": path[len(request.script_root):] if path.startswith(request.script_root) else path,
        "form": form_key(form),
        "values": _typed_values(form),
        "errors": _errors(form),
    })
    # Changed in place, so the headers other hooks set (security, no-store, cookies) stay.
    response.status_code = 303
    response.headers["Location"] = target
    response.set_data(b"")
    return response


def init_app(app: Flask) -> None:
    app.after_request(redirect_failed_post)
    register_purger(app, "typed form values", purge_expired)
