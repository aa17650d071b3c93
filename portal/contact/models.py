"""A person's contact request, their unfinished draft, and the record left when a request is deleted."""
from __future__ import annotations

from ..extensions import db
from ..providers.dbtypes import UTCDateTime, utcnow
from .references import REFERENCE_MAX
from .routing import BY_FALLBACK, BY_POSTCODE, BY_WORKSHOP  # noqa: F401  (stored in routed_by)

# The request's status in the provider's inbox.
NEW, IN_CONTACT, DONE = "neu", "in_kontakt", "erledigt"
STATUSES = (NEW, IN_CONTACT, DONE)


class ContactRequest(db.Model):
    """Special-category personal data (Art. 9 GDPR): only the provider it was routed to sees it."""

    __tablename__ = "contact_request"

    NAME_MAX = 100
    PHONE_MAX = 40
    EMAIL_MAX = 254
    ADDRESS_MAX = 300
    HELPER_NAME_MAX = 100
    HELPER_CONTACT_MAX = 200
    WORKSHOP_MAX = 200
    TIMES_MAX = 200
    MESSAGE_MAX = 2000

    id = db.Column(db.Integer, primary_key=True)
    reference = db.Column(db.String(REFERENCE_MAX), nullable=False, unique=True)
    provider_id = db.Column(db.Integer, db.ForeignKey("provider.id"), nullable=False, index=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow, index=True)
    status = db.Column(db.String(12), nullable=False, default=NEW, index=True)
    closed_at = db.Column(UTCDateTime(), nullable=True, index=True)
    assigned_to_id = db.Column(db.Integer, db.ForeignKey("staff_user.id"), nullable=True)
    lang = db.Column(db.String(5), nullable=False, default="de")
    routed_by = db.Column(db.String(10), nullable=False)

    name = db.Column(db.String(NAME_MAX), nullable=False)
    contact_way = db.Column(db.String(20), nullable=False)
    phone = db.Column(db.String(PHONE_MAX), nullable=False, default="")
    email = db.Column(db.String(EMAIL_MAX), nullable=False, default="")
    postal_address = db.Column(db.String(ADDRESS_MAX), nullable=False, default="")
    helper_name = db.Column(db.String(HELPER_NAME_MAX), nullable=False, default="")
    helper_contact = db.Column(db.String(HELPER_CONTACT_MAX), nullable=False, default="")
    good_times = db.Column(db.String(TIMES_MAX), nullable=False, default="")
    postcode = db.Column(db.String(5), nullable=False, default="")
    workshop_name = db.Column(db.String(WORKSHOP_MAX), nullable=False, default="")
    topics = db.Column(db.JSON, nullable=False, default=list)
    message = db.Column(db.Text, nullable=False, default="")
    klaerung_result = db.Column(db.JSON, nullable=True)
    # The cost plan the person sent with the request (portal/costplan: plan.to_data), or None
    cost_plan = db.Column(db.JSON, nullable=True)
    consent_version = db.Column(db.String(20), nullable=False)
    # Case-folded copy of the searchable fields: the same search on SQLite and PostgreSQL,
    # umlauts included (SQLite's lower() only knows A-Z).
    search_text = db.Column(db.Text, nullable=False, default="")

    provider = db.relationship("Provider")
    assigned_to = db.relationship("StaffUser")

    SEARCHABLE = ("reference", "name", "phone", "email", "postal_address", "helper_name",
                  "helper_contact", "postcode", "workshop_name", "message")

    def refresh_search_text(self) -> None:
        self.search_text = "\n".join(getattr(self, name) or "" for name in self.SEARCHABLE).casefold()


class ContactDraft(db.Model):
    """The answers of a request that is not sent yet, kept on the server: health and disability
    data do not belong in a cookie on a shared workshop computer. The session holds only a
    random token; the table holds its hash. Drafts are deleted on sending and after a day."""

    __tablename__ = "contact_draft"

    token_hash = db.Column(db.String(64), primary_key=True)
    updated_at = db.Column(UTCDateTime(), nullable=False, default=utcnow, onupdate=utcnow, index=True)
    answers = db.Column(db.JSON, nullable=False, default=dict)


class SentDraft(db.Model):
    """That a draft was sent, kept as long as a draft would be: a second send of the same draft
    (a double click, a second tab) that arrives after the first one deleted it still finds its
    way to the confirmation page instead of an empty first question. Only the token's hash and
    the provider: nothing about the person."""

    __tablename__ = "contact_draft_sent"

    token_hash = db.Column(db.String(64), primary_key=True)
    provider_slug = db.Column(db.String(80), nullable=False)
    sent_at = db.Column(UTCDateTime(), nullable=False, default=utcnow, index=True)


class DeletionRecord(db.Model):
    """What remains of a deleted request: no personal data, only that it existed and why it went."""

    __tablename__ = "contact_deletion"

    PERSON_ASKED, RETENTION = "person_asked", "retention"

    id = db.Column(db.Integer, primary_key=True)
    reference = db.Column(db.String(REFERENCE_MAX), nullable=False, index=True)
    provider_id = db.Column(db.Integer, db.ForeignKey("provider.id"), nullable=False, index=True)
    received_at = db.Column(UTCDateTime(), nullable=False)
    deleted_at = db.Column(UTCDateTime(), nullable=False, default=utcnow, index=True)
    reason = db.Column(db.String(20), nullable=False)
    deleted_by_id = db.Column(db.Integer, db.ForeignKey("staff_user.id"), nullable=True)

    provider = db.relationship("Provider")
    deleted_by = db.relationship("StaffUser")
