"""Every inbox query starts here, from the logged-in staff member's provider: another
provider's request is simply never found (404), whatever reference is tried."""
from __future__ import annotations

from flask import abort
from sqlalchemy import Select

from ..contact.models import STATUSES, ContactRequest
from ..contact.references import normalize_reference
from ..extensions import db
from ..providers.models import StaffUser
from . import audit

SEARCH_MAX = 100


def own_requests(user: StaffUser) -> Select:
    return db.select(ContactRequest).where(ContactRequest.provider_id == user.provider_id)


def filtered_requests(user: StaffUser, status: str | None, search: str | None) -> Select:
    """Newest first, by status (neu, in_kontakt, erledigt) and a case-insensitive search."""
    query = own_requests(user)
    if status in STATUSES:
        query = query.where(ContactRequest.status == status)
    term = (search or "").strip().casefold()[:SEARCH_MAX]
    if term:
        query = query.where(ContactRequest.search_text.contains(term, autoescape=True))
    return query.order_by(ContactRequest.created_at.desc(), ContactRequest.id.desc())


def own_request_or_404(user: StaffUser, reference_text: str) -> ContactRequest:
    reference = normalize_reference(reference_text)
    found = None
    if reference:
        found = db.session.execute(own_requests(user).where(ContactRequest.reference == reference)).scalar_one_or_none()
    if found is None:
        # Tries at other providers' requests are worth knowing about.
        audit.record("not_found", user, reference=reference or "", detail="unknown or another provider's request")
        db.session.commit()
        abort(404)
    return found


def own_staff(user: StaffUser) -> list[StaffUser]:
    query = db.select(StaffUser).where(StaffUser.provider_id == user.provider_id, StaffUser.active.is_(True))
    return list(db.session.execute(query.order_by(StaffUser.name, StaffUser.email)).scalars())
