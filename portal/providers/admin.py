"""Changing providers, their areas, workshops and staff accounts: used by the CLI and the demo data."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email

from ..extensions import db
from .areas import AreaRange
from .models import OPERATOR, STAFF, PartnerWorkshop, Provider, ProviderArea, StaffUser
from .passwords import hash_password, password_problem

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


class AdminError(ValueError):
    """A change that cannot be made; the message says why (shown on the command line)."""


def slugify(text: str, limit: int = 60) -> str:
    text = text.lower().translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:limit].strip("-")


def normalize_email(address: str) -> str:
    """The address in the form it is stored in (lower case), or AdminError."""
    try:
        return validate_email(address.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise AdminError(f"{address!r} is not a valid e-mail address: {error}") from None


@dataclass(frozen=True)
class ProviderFields:
    """The plain fields of a provider; None leaves a field as it is."""

    name: str | None = None
    description_de: str | None = None
    description_en: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    notify_email: str | None = None

    def checked(self) -> dict:
        limits = {
            "name": Provider.NAME_MAX, "description_de": Provider.DESCRIPTION_MAX,
            "description_en": Provider.DESCRIPTION_MAX, "email": Provider.EMAIL_MAX,
            "phone": Provider.PHONE_MAX, "address": Provider.ADDRESS_MAX, "notify_email": Provider.EMAIL_MAX,
        }
        values = {}
        for name, limit in limits.items():
            value = getattr(self, name)
            if value is None:
                continue
            value = value.strip()
            if len(value) > limit:
                raise AdminError(f"{name} may have at most {limit} characters")
            if name in ("email", "notify_email") and value:
                value = normalize_email(value)
            values[name] = value
        if values.get("name") == "":
            raise AdminError("the name must not be empty")
        return values


def find_provider(slug: str) -> Provider:
    provider = db.session.execute(db.select(Provider).filter_by(slug=slug)).scalar_one_or_none()
    if provider is None:
        raise AdminError(f"there is no provider {slug!r} (see `flask --app portal providers list`)")
    return provider


def add_provider(slug: str, fields: ProviderFields) -> Provider:
    if not SLUG.match(slug):
        raise AdminError(f"{slug!r} is not a valid slug: use a-z, 0-9 and '-', 2 to 40 characters")
    if db.session.execute(db.select(Provider.id).filter_by(slug=slug)).first():
        raise AdminError(f"a provider {slug!r} exists already: use `providers edit`")
    values = fields.checked()
    if not values.get("name"):
        raise AdminError("a provider needs a name (--name)")
    provider = Provider(slug=slug, **values)
    db.session.add(provider)
    return provider


def update_provider(provider: Provider, fields: ProviderFields) -> None:
    for name, value in fields.checked().items():
        setattr(provider, name, value)


def replace_areas(provider: Provider, ranges: list[AreaRange]) -> None:
    provider.areas = [
        ProviderArea(label=r.label, postcode_from=r.postcode_from, postcode_to=r.postcode_to) for r in ranges
    ]


def add_workshop(provider: Provider, name: str, town: str = "", slug: str | None = None) -> PartnerWorkshop:
    name, town = name.strip(), town.strip()
    if not name or len(name) > PartnerWorkshop.NAME_MAX:
        raise AdminError(f"a workshop needs a name of 1 to {PartnerWorkshop.NAME_MAX} characters")
    slug = slug or slugify(f"{name} {town}")
    existing = db.session.execute(db.select(PartnerWorkshop).filter_by(slug=slug)).scalar_one_or_none()
    if existing is not None and existing.provider is not provider:
        raise AdminError(f"the workshop {slug!r} belongs to {existing.provider.slug!r} already")
    workshop = existing or PartnerWorkshop(slug=slug)
    workshop.name, workshop.town = name, town
    if existing is None:
        provider.workshops.append(workshop)
    return workshop


def parse_workshop(text: str) -> tuple[str, str]:
    """'Marli GmbH | Lübeck' → ('Marli GmbH', 'Lübeck')."""
    name, _, town = text.partition("|")
    return name.strip(), town.strip()


def remove_workshop(provider: Provider, slug: str) -> None:
    for workshop in provider.workshops:
        if workshop.slug == slug:
            provider.workshops.remove(workshop)
            return
    raise AdminError(f"{provider.slug!r} has no workshop {slug!r}")


def create_user(provider: Provider | None, email: str, password: str, name: str = "") -> StaffUser:
    """A provider's staff account; without a provider, an operator account (see create_operator)."""
    email = normalize_email(email)
    problem = password_problem(password)
    if problem:
        raise AdminError(problem)
    if len(name) > StaffUser.NAME_MAX:
        raise AdminError(f"the name may have at most {StaffUser.NAME_MAX} characters")
    if find_user(email, required=False) is not None:
        raise AdminError(f"an account for {email} exists already")
    user = StaffUser(provider=provider, role=OPERATOR if provider is None else STAFF, email=email,
                     name=name.strip(), password_hash=hash_password(password))
    db.session.add(user)
    return user


def create_operator(email: str, password: str, name: str = "") -> StaffUser:
    """An account of the organisation that runs the portal: it works at the operator's desk
    (/betrieb) and belongs to no provider, so it never sees a contact request."""
    return create_user(None, email, password, name)


def set_password(user: StaffUser, password: str) -> None:
    """A new password; every open inbox session of the account ends."""
    problem = password_problem(password)
    if problem:
        raise AdminError(problem)
    user.password_hash = hash_password(password)
    user.end_sessions()


def set_active(user: StaffUser, active: bool) -> None:
    """Disable or enable an account; disabling ends its open inbox sessions."""
    user.active = active
    if not active:
        user.end_sessions()


def find_user(email: str, required: bool = True) -> StaffUser | None:
    user = db.session.execute(db.select(StaffUser).filter_by(email=email.strip().lower())).scalar_one_or_none()
    if user is None and required:
        raise AdminError(f"there is no account for {email!r}")
    return user
