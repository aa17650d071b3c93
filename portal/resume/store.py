"""The resume store: answers kept server-side under a resume code, for 30 days.

Codes are three words and a number (codes.py); old two-word codes still open until they expire.

Shared API (the Klärung and the Persönliches Budget use it; add to it, never change it):
new_code, load, save, delete, purge_expired, current_code, ensure_code, forget_code.
Additions: expires_at(code), discard(code, section), remember_code(code).
"""
from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone

from flask import current_app, g, has_request_context, request, session
from sqlalchemy import bindparam, select

from ..extensions import db
from . import codes
from .models import ResumeRecord

LIFETIME = timedelta(days=30)
SESSION_KEY = "resume_code"
READS_KEY = "portal.resume.reads"
_RECORDS = ResumeRecord.__table__
# Built once, and on the table rather than the model: the most frequent query of the portal (every
# personal page) then skips the ORM's per-statement work.
_READ = select(_RECORDS.c.data, _RECORDS.c.expires_at).where(_RECORDS.c.code_hash == bindparam("digest"))


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _hash(code: str) -> str | None:
    normalised = codes.normalise(code)
    if normalised is None:
        return None
    return codes.code_hash(normalised, current_app.config["SECRET_KEY"])


def _record(code: str) -> ResumeRecord | None:
    """The record of a code, expired or not (None for unknown or malformed codes)."""
    digest = _hash(code)
    if digest is None:
        return None
    return db.session.execute(db.select(ResumeRecord).filter_by(code_hash=digest)).scalar_one_or_none()


def _is_live(record: ResumeRecord, now: datetime) -> bool:
    return _not_expired(record.expires_at, now)


def _not_expired(expires: datetime, now: datetime) -> bool:
    if expires.tzinfo is None:  # SQLite hands back naive datetimes; they were stored in UTC
        expires = expires.replace(tzinfo=timezone.utc)
    return expires > now


def _current_lang() -> str:
    if has_request_context() and getattr(g, "lang", None):
        return g.lang
    return "de"


def new_code(lang: str | None = None) -> str:
    """Create an empty record and return its code, in the words of the current language."""
    now = _now()
    for _attempt in range(20):
        code = codes.generate(lang or _current_lang())
        if _record(code) is None:
            db.session.add(
                ResumeRecord(code_hash=_hash(code), data={}, created_at=now, updated_at=now, expires_at=now + LIFETIME)
            )
            db.session.commit()
            _forget_read(_hash(code))
            return code
    raise RuntimeError("no free resume code found in 20 attempts: the word lists are far too short")


def load(code: str) -> dict | None:
    """The record's data, or None when the code is unknown, malformed or expired."""
    data = _read(code)
    return None if data is None else copy.deepcopy(data)


def _read(code: str) -> dict | None:
    """The live record's data as stored, asked of the database at most once per request: a page
    checks the session's code and then reads its answers, and both are the same row."""
    digest = _hash(code)
    if digest is None:
        return None
    reads = _reads()
    if digest in reads:
        return reads[digest]
    row = db.session.execute(_READ, {"digest": digest}).one_or_none()
    data = (row.data or {}) if row is not None and _not_expired(row.expires_at, _now()) else None
    reads[digest] = data
    return data


def _reads() -> dict:
    """This request's reads by code hash (outside a request: a fresh dict, so nothing is kept).

    Kept in the request's environ, not in `g`: an application context can outlive a request."""
    if not has_request_context():
        return {}
    return request.environ.setdefault(READS_KEY, {})


def _forget_read(digest: str | None) -> None:
    _reads().pop(digest, None)


def expires_at(code: str) -> datetime | None:
    """When the record of a live code will be deleted (UTC), or None."""
    record = _record(code)
    if record is None or not _is_live(record, _now()):
        return None
    expires = record.expires_at
    return expires if expires.tzinfo else expires.replace(tzinfo=timezone.utc)


def save(code: str, section: str, data) -> None:
    """Store `data` (JSON-serialisable) under data[section] and keep the record 30 more days.

    A code whose record has expired starts again empty; an unknown code gets a new record,
    so that a purge between two clicks does not lose the answer being saved. The record of an
    old two-word code keeps its expiry (codes.is_legacy): weak codes die out within 30 days.
    """
    digest = _hash(code)
    if digest is None:
        raise ValueError("not a resume code")
    now = _now()
    record = _record(code)
    if record is None:
        record = ResumeRecord(code_hash=digest, data={}, created_at=now)
        db.session.add(record)
    elif not _is_live(record, now):
        record.data = {}
    content = copy.deepcopy(record.data or {})
    content[section] = copy.deepcopy(data)
    record.data = content  # a new object, so SQLAlchemy sees the change
    record.updated_at = now
    if record.expires_at is None or not codes.is_legacy(code) or not _is_live(record, now):
        # A two-word code of the time before three words keeps its last day (codes.py).
        record.expires_at = now + LIFETIME
    db.session.commit()
    _forget_read(digest)


def delete(code: str) -> None:
    record = _record(code)
    if record is not None:
        db.session.delete(record)
        db.session.commit()
    _forget_read(_hash(code))


def discard(code: str, section: str) -> bool:
    """Delete one feature's data ("Neu anfangen"); the record goes too when nothing else is left.

    Returns True when the whole record was deleted (the caller then forgets the code).
    """
    record = _record(code)
    _forget_read(_hash(code))
    if record is None:
        return True
    content = copy.deepcopy(record.data or {})
    content.pop(section, None)
    if not any(content.values()):
        db.session.delete(record)
        db.session.commit()
        return True
    record.data = content
    record.updated_at = _now()
    db.session.commit()
    return False


def purge_expired(now: datetime) -> int:
    """Delete every record whose 30 days are over (run by `flask --app portal purge`)."""
    statement = db.delete(ResumeRecord).where(ResumeRecord.expires_at <= now)
    # Compared in the database: SQLite gives naive datetimes, which Python cannot compare to `now`.
    result = db.session.execute(statement.execution_options(synchronize_session=False))
    db.session.commit()
    _reads().clear()
    return result.rowcount or 0


def current_code() -> str | None:
    """The code of this browser session, if its record still exists."""
    code = session.get(SESSION_KEY)
    if not code:
        return None
    if _read(code) is None:
        session.pop(SESSION_KEY, None)
        return None
    return code


def ensure_code() -> str:
    """The session's code, or a new one that the session remembers from now on."""
    code = current_code()
    if code is None:
        code = new_code()
        remember_code(code)
    return code


def remember_code(code: str) -> None:
    """Use this code in this browser session from now on (after entering it on /weitermachen)."""
    session[SESSION_KEY] = codes.pretty(code)


def forget_code() -> None:
    """This browser no longer uses the code; its record stays until it expires or is deleted."""
    session.pop(SESSION_KEY, None)
