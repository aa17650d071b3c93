"""Storing a reader's flag, marking a place as reworked (audited), and the purge."""
from __future__ import annotations

from datetime import date, datetime

from ..clock import BERLIN
from ..extensions import db
from .models import ReaderFlag, ReaderRework


def record_flag(page: str, section: str, word: str, lang: str, today: date) -> ReaderFlag:
    """Add a flag to the session (the caller commits). Only these five values: nothing of the reader."""
    flag = ReaderFlag(created_on=today, lang=lang[:5], page=page, section=section,
                      word=(word or "")[: ReaderFlag.WORD_MAX])
    db.session.add(flag)
    return flag


def audit_reference(rework: ReaderRework) -> str:
    return f"V-{rework.id}"


def mark_reworked(page: str, section: str, user, note: str, now: datetime) -> ReaderRework:
    """Mark the place as reworked today, with the note; in the audit log. The caller commits."""
    from ..inbox import audit

    rework = ReaderRework(page=page, section=section, reworked_at=now, reworked_on=now.astimezone(BERLIN).date(),
                          author=user.display_name if user else "", note=(note or "").strip()[: ReaderRework.NOTE_MAX])
    db.session.add(rework)
    db.session.flush()
    audit.record("reader_rework", user, reference=audit_reference(rework),
                 detail=f"{page} {section or '-'}; {len(rework.note)} characters")
    return rework


def purge(now: datetime, months: int) -> int:
    """Flags and rework marks older than `months` months."""
    from ..contact.purge import months_before  # one way of counting months for every purge

    cutoff = months_before(now, months)
    deleted = db.session.execute(
        db.delete(ReaderFlag).where(ReaderFlag.created_on < cutoff.astimezone(BERLIN).date())
        .execution_options(synchronize_session=False)).rowcount or 0
    deleted += db.session.execute(
        db.delete(ReaderRework).where(ReaderRework.reworked_at < cutoff)
        .execution_options(synchronize_session=False)).rowcount or 0
    db.session.commit()
    return deleted
