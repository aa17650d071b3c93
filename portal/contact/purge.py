"""Keeping requests no longer than promised: closed requests go after CONTACT_RETENTION_MONTHS
(default 12), leaving a deletion record without personal data; open requests with no activity
(no note, status change or assignment, see the inbox's history) for CONTACT_INACTIVE_MONTHS
(default 6) are closed, with a history entry, and so go CONTACT_RETENTION_MONTHS later;
unfinished drafts go after a day."""
from __future__ import annotations

import calendar
from datetime import datetime

from sqlalchemy import func, or_

from ..extensions import db
from ..providers.models import StaffUser
from .models import DONE, ContactRequest, DeletionRecord


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the 31st becomes the month's last day)."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    month += 1
    last_day = calendar.monthrange(year, month)[1]
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def delete_request(contact_request: ContactRequest, reason: str, by: StaffUser | None = None) -> DeletionRecord:
    """Delete a request and its history (the database cascades); what remains says only that it
    existed, for whom, when it came and why it went. The caller commits."""
    record = DeletionRecord(
        reference=contact_request.reference, provider_id=contact_request.provider_id,
        received_at=contact_request.created_at, reason=reason, deleted_by_id=by.id if by else None,
    )
    db.session.add(record)
    db.session.delete(contact_request)
    return record


def purge_closed_requests(now: datetime, months: int) -> int:
    cutoff = months_before(now, months)
    expired = db.session.execute(
        db.select(ContactRequest).where(ContactRequest.status == DONE, ContactRequest.closed_at < cutoff)
    ).scalars().all()
    for contact_request in expired:
        delete_request(contact_request, DeletionRecord.RETENTION)
    db.session.commit()
    return len(expired)


def close_inactive_requests(now: datetime, months: int) -> int:
    """Close every open request whose last activity (its arrival or its latest history entry)
    is more than `months` ago; the retention of closed requests deletes it later."""
    from ..inbox.models import NOTE, STATUS, HistoryEntry  # the inbox imports this module

    cutoff = months_before(now, months)
    last_change = (
        db.select(func.max(HistoryEntry.created_at))
        .where(HistoryEntry.request_id == ContactRequest.id)
        .correlate(ContactRequest)
        .scalar_subquery()
    )
    inactive = db.session.execute(
        db.select(ContactRequest).where(
            ContactRequest.status != DONE,
            ContactRequest.created_at < cutoff,
            or_(last_change.is_(None), last_change < cutoff),
        )
    ).scalars().all()
    for contact_request in inactive:
        contact_request.status = DONE
        contact_request.closed_at = now
        db.session.add(HistoryEntry(request_id=contact_request.id, author_id=None, kind=STATUS, text=DONE,
                                    created_at=now))
        db.session.add(HistoryEntry(
            request_id=contact_request.id, author_id=None, kind=NOTE, created_at=now,
            text=f"Vom Portal erledigt: {months} Monate lang keine Änderung. "
                 "Die Anfrage wird gelöscht, wenn die Frist für erledigte Anfragen um ist.",
        ))
    db.session.commit()
    return len(inactive)
