"""The inbox's own tables: the history of a request (notes, status changes, assignments),
the audit log of every view and change, and the log-in throttle."""
from __future__ import annotations

from ..extensions import db
from ..providers.dbtypes import UTCDateTime, utcnow

NOTE, STATUS, ASSIGNED = "note", "status", "assigned"


class HistoryEntry(db.Model):
    """One line of a request's history, shown on its page: who did what, when."""

    __tablename__ = "inbox_history"

    TEXT_MAX = 2000

    id = db.Column(db.Integer, primary_key=True)
    # Deleting a request deletes its history with it (the deletion record stays, without it).
    request_id = db.Column(db.Integer, db.ForeignKey("contact_request.id", ondelete="CASCADE"), nullable=False, index=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    author_id = db.Column(db.Integer, db.ForeignKey("staff_user.id"), nullable=True)
    kind = db.Column(db.String(10), nullable=False)
    text = db.Column(db.Text, nullable=False, default="")

    author = db.relationship("StaffUser")


class AuditEntry(db.Model):
    """Who looked at or changed what. No personal data of the person: only the reference number
    (a pseudonym) and what kind of thing happened."""

    __tablename__ = "inbox_audit"

    DETAIL_MAX = 200
    ADDRESS_MAX = 45  # the longest IPv6 address in text

    id = db.Column(db.Integer, primary_key=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow, index=True)
    provider_id = db.Column(db.Integer, db.ForeignKey("provider.id"), nullable=True, index=True)
    user_id = db.Column(db.Integer, db.ForeignKey("staff_user.id"), nullable=True)
    action = db.Column(db.String(20), nullable=False)
    reference = db.Column(db.String(20), nullable=False, default="")
    detail = db.Column(db.String(DETAIL_MAX), nullable=False, default="")
    # The client's address (behind the reverse proxy: as ProxyFix read it from X-Forwarded-For).
    client_address = db.Column(db.String(ADDRESS_MAX), nullable=False, default="", server_default="")

    user = db.relationship("StaffUser")


class LoginThrottle(db.Model):
    """Log-in tries per e-mail address and network (stored as a keyed hash), whether an account
    exists or not: the answer to a wrong guess never tells which addresses have accounts. Rows
    whose key starts with "global:" count the failed log-ins of one minute across all addresses
    (see throttle.py). `locked_until`: no try for this key before this time."""

    __tablename__ = "login_throttle"

    key_hash = db.Column(db.String(64), primary_key=True)
    failures = db.Column(db.Integer, nullable=False, default=0)
    last_failure_at = db.Column(UTCDateTime(), nullable=True)
    locked_until = db.Column(UTCDateTime(), nullable=True)
