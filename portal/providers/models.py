"""Providers (integration services), the areas and partner workshops they serve, and their staff."""
from __future__ import annotations

from sqlalchemy.sql.naming import conv

from ..extensions import db
from .areas import AreaRange
from .dbtypes import UTCDateTime, utcnow


class Provider(db.Model):
    __tablename__ = "provider"

    SLUG_MAX = 40
    NAME_MAX = 120
    DESCRIPTION_MAX = 600
    EMAIL_MAX = 254
    PHONE_MAX = 40
    ADDRESS_MAX = 300

    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(SLUG_MAX), nullable=False, unique=True)
    name = db.Column(db.String(NAME_MAX), nullable=False)
    # A short self-description in easy language, shown to the person before sending.
    description_de = db.Column(db.Text, nullable=False, default="")
    description_en = db.Column(db.Text, nullable=False, default="")
    email = db.Column(db.String(EMAIL_MAX), nullable=False, default="")
    phone = db.Column(db.String(PHONE_MAX), nullable=False, default="")
    address = db.Column(db.String(ADDRESS_MAX), nullable=False, default="")
    # Where the "new request" notice goes; the public address when empty.
    notify_email = db.Column(db.String(EMAIL_MAX), nullable=False, default="")
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)

    areas = db.relationship(
        "ProviderArea", back_populates="provider", cascade="all, delete-orphan",
        order_by="ProviderArea.postcode_from",
    )
    workshops = db.relationship(
        "PartnerWorkshop", back_populates="provider", cascade="all, delete-orphan",
        order_by="PartnerWorkshop.name",
    )
    staff = db.relationship("StaffUser", back_populates="provider", order_by="StaffUser.email")

    def description(self, lang: str) -> str:
        """The self-description in `lang`, else the German one (every provider writes German)."""
        return (self.description_en if lang == "en" else "") or self.description_de

    def description_lang(self, lang: str) -> str:
        return "en" if lang == "en" and self.description_en else "de"

    @property
    def notification_address(self) -> str:
        return self.notify_email or self.email

    def area_ranges(self) -> list[AreaRange]:
        return [area.as_range() for area in self.areas]


class ProviderArea(db.Model):
    """One postcode range a provider serves; `label` names the district it belongs to, if any."""

    __tablename__ = "provider_area"

    id = db.Column(db.Integer, primary_key=True)
    provider_id = db.Column(db.Integer, db.ForeignKey("provider.id", ondelete="CASCADE"), nullable=False, index=True)
    label = db.Column(db.String(120), nullable=False, default="")
    postcode_from = db.Column(db.String(5), nullable=False)
    postcode_to = db.Column(db.String(5), nullable=False)

    provider = db.relationship("Provider", back_populates="areas")

    def as_range(self) -> AreaRange:
        return AreaRange(self.label, self.postcode_from, self.postcode_to)


class PartnerWorkshop(db.Model):
    """A workshop (WfbM) that works with a provider: choosing it picks that provider."""

    __tablename__ = "partner_workshop"

    NAME_MAX = 160

    id = db.Column(db.Integer, primary_key=True)
    provider_id = db.Column(db.Integer, db.ForeignKey("provider.id", ondelete="CASCADE"), nullable=False, index=True)
    slug = db.Column(db.String(60), nullable=False, unique=True)
    name = db.Column(db.String(NAME_MAX), nullable=False)
    town = db.Column(db.String(80), nullable=False, default="")

    provider = db.relationship("Provider", back_populates="workshops")

    @property
    def label(self) -> str:
        return f"{self.name}, {self.town}" if self.town else self.name


STAFF, OPERATOR = "staff", "operator"


class StaffUser(db.Model):
    """An account that logs in at /anbieter/anmelden. Its role says where it works:
    - "staff": a provider's staff member, who reads that provider's requests in the inbox (/anbieter);
    - "operator": someone of the organisation that runs the portal, at the operator's desk (/betrieb).
      An operator account belongs to no provider and never sees a contact request.
    Both kinds share the password rules, the log-in throttle, the sessions and the audit log.
    Accounts are disabled, never deleted, so that notes keep their author."""

    __tablename__ = "staff_user"
    __table_args__ = (
        # A staff account always belongs to a provider, an operator account never.
        db.CheckConstraint(
            "(role = 'staff' AND provider_id IS NOT NULL) OR (role = 'operator' AND provider_id IS NULL)",
            name=conv("ck_staff_user_role_provider"),
        ),
    )

    EMAIL_MAX = 254
    NAME_MAX = 120
    ROLES = (STAFF, OPERATOR)

    id = db.Column(db.Integer, primary_key=True)
    provider_id = db.Column(db.Integer, db.ForeignKey("provider.id"), nullable=True, index=True)
    role = db.Column(db.String(10), nullable=False, default=STAFF, server_default=STAFF)
    email = db.Column(db.String(EMAIL_MAX), nullable=False, unique=True)
    name = db.Column(db.String(NAME_MAX), nullable=False, default="")
    password_hash = db.Column(db.String(255), nullable=False)
    active = db.Column(db.Boolean, nullable=False, default=True)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    last_login_at = db.Column(UTCDateTime(), nullable=True)
    # Every inbox session carries the version it began with; raising it ends them all at once
    # (log-out, disabling, a new password).
    session_version = db.Column(db.Integer, nullable=False, default=0, server_default="0")

    provider = db.relationship("Provider", back_populates="staff")

    @property
    def is_operator(self) -> bool:
        return self.role == OPERATOR

    def end_sessions(self) -> None:
        """Ends every open inbox session of this account (counted up in the database, so two
        changes at once both count)."""
        self.session_version = StaffUser.session_version + 1

    @property
    def display_name(self) -> str:
        return self.name or self.email
