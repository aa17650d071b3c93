"""The outbox: every mail is stored first and sent later, so a mail server that is down loses nothing."""
from __future__ import annotations

from ..extensions import db
from ..providers.dbtypes import UTCDateTime, utcnow

PENDING = "pending"
SENT = "sent"
FAILED = "failed"  # the server refused the mail for good (e.g. unknown recipient): no retry


class OutboxMail(db.Model):
    __tablename__ = "mail_outbox"

    SUBJECT_MAX = 200
    ERROR_MAX = 500

    id = db.Column(db.Integer, primary_key=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    to_address = db.Column(db.String(254), nullable=False)
    subject = db.Column(db.String(SUBJECT_MAX), nullable=False)
    body = db.Column(db.Text, nullable=False)
    status = db.Column(db.String(10), nullable=False, default=PENDING, index=True)
    attempts = db.Column(db.Integer, nullable=False, default=0)
    next_attempt_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    # A sender that is working on a mail holds it until then, so two senders never send it twice.
    claimed_until = db.Column(UTCDateTime(), nullable=True)
    sent_at = db.Column(UTCDateTime(), nullable=True)
    last_error = db.Column(db.String(ERROR_MAX), nullable=False, default="")
