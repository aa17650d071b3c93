from __future__ import annotations

from datetime import datetime, timezone

from ..extensions import db


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class BarrierReport(db.Model):
    """A report about a barrier on the portal (BITV 2.0 asks for a way to send one)."""

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
