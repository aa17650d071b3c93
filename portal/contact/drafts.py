"""The answers of a request that is not sent yet, stored on the server under a random token.

The session cookie carries only the token; the table stores its SHA-256, so a copy of the
database alone does not let anyone continue someone else's draft.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app, session

from ..extensions import db
from ..providers.dbtypes import utcnow
from .models import ContactDraft, SentDraft

SESSION_KEY = "contact_draft"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _lifetime() -> timedelta:
    return timedelta(hours=current_app.config["CONTACT_DRAFT_HOURS"])


def _current() -> ContactDraft | None:
    token = session.get(SESSION_KEY)
    if not isinstance(token, str):
        return None
    draft = db.session.get(ContactDraft, _hash(token))
    if draft is not None and draft.updated_at < utcnow() - _lifetime():
        return None  # expired: the purge removes it
    return draft


def load_answers() -> dict:
    draft = _current()
    return dict(draft.answers) if draft is not None else {}


def save_answers(answers: dict) -> None:
    draft = _current()
    if draft is None:
        token = secrets.token_urlsafe(32)
        session[SESSION_KEY] = token
        draft = ContactDraft(token_hash=_hash(token))
        db.session.add(draft)
    draft.answers = dict(answers)  # a new object, so the JSON column sees the change
    draft.updated_at = utcnow()
    db.session.commit()


def delete_current() -> int:
    """Delete this session's draft in the current transaction (the caller commits); returns how
    many drafts this statement deleted: 1, or 0 when another request deleted it first."""
    token = session.get(SESSION_KEY)
    if not isinstance(token, str):
        return 0
    return db.session.execute(db.delete(ContactDraft).where(ContactDraft.token_hash == _hash(token))).rowcount


def mark_sent(provider_slug: str) -> None:
    """Remember, in the sending transaction, that this session's draft was sent."""
    token = session.get(SESSION_KEY)
    if isinstance(token, str):
        db.session.add(SentDraft(token_hash=_hash(token), provider_slug=provider_slug))


def sent_to() -> str | None:
    """The provider this session's draft was sent to, when another request sent it a moment ago."""
    token = session.get(SESSION_KEY)
    if not isinstance(token, str):
        return None
    sent = db.session.get(SentDraft, _hash(token))
    return sent.provider_slug if sent is not None else None


def forget() -> None:
    session.pop(SESSION_KEY, None)


def discard() -> None:
    """Throw the draft away now ("Neu anfangen", or after sending)."""
    delete_current()
    db.session.commit()
    forget()


def purge(now: datetime, hours: int) -> int:
    deleted = db.session.execute(
        db.delete(ContactDraft).where(ContactDraft.updated_at < now - timedelta(hours=hours))
    ).rowcount
    db.session.execute(db.delete(SentDraft).where(SentDraft.sent_at < now - timedelta(hours=hours)))
    db.session.commit()
    return deleted
