"""The audit log: every view and change in the inbox, with who, when and from which client address,
never what the person wrote."""
from __future__ import annotations

from datetime import datetime

from flask import has_request_context, request

from ..contact.models import DeletionRecord
from ..contact.purge import months_before
from ..extensions import db
from ..providers.models import StaffUser
from .models import AuditEntry


def record(action: str, user: StaffUser | None = None, reference: str = "", detail: str = "",
           provider_id: int | None = None) -> None:
    """Add an entry to the current transaction (the caller commits, together with the change)."""
    db.session.add(AuditEntry(
        action=action,
        user_id=user.id if user else None,
        provider_id=user.provider_id if user else provider_id,
        reference=reference[:20],
        detail=detail[: AuditEntry.DETAIL_MAX],
        client_address=((request.remote_addr or "") if has_request_context() else "")[: AuditEntry.ADDRESS_MAX],
    ))


def purge(now: datetime, months: int) -> int:
    """Audit entries and deletion records older than `months` (they hold no personal data of
    the person, but nothing is kept for ever)."""
    cutoff = months_before(now, months)
    deleted = db.session.execute(db.delete(AuditEntry).where(AuditEntry.created_at < cutoff)).rowcount
    deleted += db.session.execute(db.delete(DeletionRecord).where(DeletionRecord.deleted_at < cutoff)).rowcount
    db.session.commit()
    return deleted
