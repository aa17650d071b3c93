"""What a provider shows the public: the Bausteine it offers (with its own text and usual hours),
the inputs of its cost calculation, and success stories.

A provider changes only its own rows (the provider pages in /anbieter check this); every public
page reads these tables directly, so a saved change is visible at once on every instance (the page
cache never keeps an answer that asked the database).
"""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy.sql.naming import conv

from ..extensions import db
from ..providers.dbtypes import UTCDateTime, utcnow


class ProviderOffer(db.Model):
    """One Baustein a provider offers: its own easy-language text on how it delivers it (empty: the
    portal's description is shown, labelled as such) and the usual number of hours (empty: no price)."""

    __tablename__ = "provider_offer"
    __table_args__ = (
        db.UniqueConstraint("provider_id", "module", "baustein", name=conv("uq_provider_offer_provider_id")),
    )

    TEXT_MAX = 1200

    id = db.Column(db.Integer, primary_key=True)
    provider_id = db.Column(db.Integer, db.ForeignKey("provider.id", ondelete="CASCADE"), nullable=False, index=True)
    module = db.Column(db.Integer, nullable=False)
    baustein = db.Column(db.Integer, nullable=False)
    text_de = db.Column(db.Text, nullable=False, default="")
    text_en = db.Column(db.Text, nullable=False, default="")
    hours = db.Column(db.Numeric(6, 1), nullable=True)
    updated_at = db.Column(UTCDateTime(), nullable=False, default=utcnow, onupdate=utcnow)

    provider = db.relationship("Provider")

    def text(self, lang: str) -> str:
        return (self.text_en if lang == "en" else "") or self.text_de

    def text_lang(self, lang: str) -> str:
        return "en" if lang == "en" and self.text_en else "de"


class ProviderCosts(db.Model):
    """The inputs of the JobBudget cost calculation (the report's Excel tool), one row per provider.
    The hourly rate is always computed from them (portal/offers/costs.py), never stored."""

    __tablename__ = "provider_costs"

    provider_id = db.Column(db.Integer, db.ForeignKey("provider.id", ondelete="CASCADE"), primary_key=True)
    # Yearly cost of one full-time job coach: salary and the employer's share of social insurance, euros
    yearly_staff_cost = db.Column(db.Numeric(10, 2), nullable=False)
    # Hours a year that one full-time job coach works with or for the people supported
    productive_hours = db.Column(db.Numeric(6, 1), nullable=False)
    # Overhead (management, office, rooms) and travel, each as a percentage of the staff cost
    overhead_percent = db.Column(db.Numeric(5, 2), nullable=False, default=Decimal("0"))
    travel_percent = db.Column(db.Numeric(5, 2), nullable=False, default=Decimal("0"))
    # Demo data only: shown as "Beispiel" wherever the price appears; production refuses such rows
    is_example = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    updated_at = db.Column(UTCDateTime(), nullable=False, default=utcnow, onupdate=utcnow)

    provider = db.relationship("Provider")


DRAFT, PUBLISHED, WITHDRAWN = "draft", "published", "withdrawn"


class SuccessStory(db.Model):
    """A person's way from the workshop into a company, told in easy language by a provider's staff
    with the person's agreement. No surname, no photo, no workshop name: nothing that identifies."""

    __tablename__ = "success_story"
    __table_args__ = (
        # A story is public only with the person's recorded agreement.
        db.CheckConstraint("status <> 'published' OR consent_on IS NOT NULL", name=conv("ck_success_story_consent")),
    )

    STATUSES = (DRAFT, PUBLISHED, WITHDRAWN)
    FIRST_NAME_MAX = 40
    TITLE_MAX = 120
    TEXT_MAX = 2000

    id = db.Column(db.Integer, primary_key=True)
    provider_id = db.Column(db.Integer, db.ForeignKey("provider.id", ondelete="CASCADE"), nullable=False, index=True)
    lang = db.Column(db.String(2), nullable=False, default="de")
    first_name = db.Column(db.String(FIRST_NAME_MAX), nullable=False)
    title = db.Column(db.String(TITLE_MAX), nullable=False)
    # The kind of work now (a key of WORK_KINDS in portal/offers/stories.py, for the filter)
    work_kind = db.Column(db.String(30), nullable=False)
    way = db.Column(db.Text, nullable=False)  # the way from the workshop to the job
    helped = db.Column(db.Text, nullable=False)  # what helped
    # The modules used, as "1,3,5" (small, read with the story, filtered in Python)
    modules = db.Column(db.String(40), nullable=False, default="")
    status = db.Column(db.String(10), nullable=False, default=DRAFT, index=True)
    consent_on = db.Column(db.Date, nullable=True)  # the day the person agreed to publication
    consent_recorded_by = db.Column(db.Integer, db.ForeignKey("staff_user.id"), nullable=True)
    is_example = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    updated_at = db.Column(UTCDateTime(), nullable=False, default=utcnow, onupdate=utcnow)
    published_at = db.Column(UTCDateTime(), nullable=True)
    withdrawn_at = db.Column(UTCDateTime(), nullable=True)

    provider = db.relationship("Provider")

    @property
    def module_numbers(self) -> list[int]:
        return [int(number) for number in self.modules.split(",") if number.strip().isdigit()]

    @module_numbers.setter
    def module_numbers(self, numbers) -> None:
        self.modules = ",".join(str(number) for number in sorted(set(numbers)))

    @property
    def is_public(self) -> bool:
        return self.status == PUBLISHED
