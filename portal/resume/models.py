from __future__ import annotations

from datetime import datetime, timezone

from ..extensions import db


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class ResumeRecord(db.Model):
    """Answers kept under a resume code, so a person can stop and continue on any device.

    Only a keyed hash of the code is stored, never the code and never a name: whoever finds the
    database cannot turn a row back into a code that opens it.
    """

    __tablename__ = "resume_record"

    id = db.Column(db.Integer, primary_key=True)
    code_hash = db.Column(db.String(64), nullable=False, unique=True)
    data = db.Column(db.JSON, nullable=False, default=dict)
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)
    expires_at = db.Column(db.DateTime(timezone=True), nullable=False, index=True)
