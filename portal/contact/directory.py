"""The providers as the contact request sees them: read from the database, handed to routing."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..providers.models import PartnerWorkshop, Provider
from . import routing
from .flow import CHOSEN_PROVIDER, OTHER_WORKSHOP


def all_providers() -> list[Provider]:
    query = db.select(Provider).options(selectinload(Provider.areas)).order_by(Provider.slug)
    return list(db.session.execute(query).scalars())


def partner_workshops() -> list[PartnerWorkshop]:
    """Alphabetical as people read it ("format Werkstatt" under F), not as the database sorts bytes."""
    workshops = db.session.execute(db.select(PartnerWorkshop)).scalars()
    return sorted(workshops, key=lambda workshop: workshop.label.casefold())


def find_workshop(slug: str | None) -> PartnerWorkshop | None:
    if not slug or slug == OTHER_WORKSHOP:
        return None
    return db.session.execute(db.select(PartnerWorkshop).filter_by(slug=slug)).scalar_one_or_none()


def _areas(providers: list[Provider]) -> list[routing.ProviderArea]:
    return [routing.ProviderArea(p.slug, tuple(p.area_ranges())) for p in providers]


@dataclass(frozen=True)
class Resolved:
    """The routing answer with the provider objects the pages show."""

    route: routing.Route
    provider: Provider | None
    workshop: PartnerWorkshop | None
    nearest: list[Provider]


def resolve(answers: dict) -> Resolved:
    """Routing for these answers (worked out once per request: several parts of a page ask)."""
    cache = g.setdefault("contact_routes", {})
    key = (answers.get("workshop"), answers.get("postcode"), answers.get(CHOSEN_PROVIDER))
    if key not in cache:
        cache[key] = _resolve(answers)
    return cache[key]


def _resolve(answers: dict) -> Resolved:
    providers = all_providers()
    workshop = find_workshop(answers.get("workshop"))
    by_slug = {provider.slug: provider for provider in providers}
    chosen = by_slug.get(answers.get(CHOSEN_PROVIDER) or "")
    if chosen is not None:
        return Resolved(routing.Route(chosen.slug, routing.BY_CHOICE), chosen, workshop, [])
    postcode = answers.get("postcode") if answers.get("workshop") == OTHER_WORKSHOP else None
    route = routing.route(
        _areas(providers),
        workshop_provider=workshop.provider.slug if workshop else None,
        postcode=postcode,
        fallback=current_app.config.get("CONTACT_FALLBACK_PROVIDER") or None,
    )
    nearest = []
    if postcode and route.by in (None, routing.BY_FALLBACK):
        nearest = [by_slug[slug] for slug in routing.nearest_providers(postcode, _areas(providers))
                   if slug != route.provider]
    return Resolved(route, by_slug.get(route.provider), workshop, nearest)
