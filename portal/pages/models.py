from __future__ import annotations

from datetime import datetime, timezone

from ..extensions import db


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


NEW, IN_PROGRESS, DONE = "neu", "in_arbeit", "erledigt"
STATUSES = (NEW, IN_PROGRESS, DONE)


class BarrierReport(db.Model):
    """A report about a barrier on the portal (BITV 2.0 asks for a way to send one). The operator
    works on it at the desk (/betrieb): a status and the team's notes."""

    __tablename__ = "barrier_report"

    PAGE_MAX = 300
    DESCRIPTION_MAX = 2000
    CONTACT_MAX = 200

    id = db.Column(db.Integer, primary_key=True)
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)
    lang = db.Column(db.String(5), nullable=False)
    page = db.Column(db.String(PAGE_MAX), nullable=False, default="")
    description = db.Column(db.Text, nullable=False)
    contact = db.Column(db.String(CONTACT_MAX), nullable=False, default="")
    status = db.Column(db.String(10), nullable=False, default=NEW, server_default=NEW, index=True)
    # The team's notes and status changes, oldest first, each with its time and author: a JSON list
    # written and read by portal.operator.logic (never shown to the person who reported).
    notes = db.Column(db.Text, nullable=False, default="", server_default="")
    updated_at = db.Column(db.DateTime(timezone=True), nullable=True)
