"""Reading what providers offer, for the public pages and the cost plan (one place, so that the
provider page, the module pages and the cost plan always show the same prices)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..extensions import db
from ..providers.models import Provider
from .costs import CostInputs, HourlyRate, hourly_rate, price
from .models import PUBLISHED, ProviderCosts, ProviderOffer, SuccessStory


def offers_of(provider: Provider) -> list[ProviderOffer]:
    return list(db.session.execute(
        db.select(ProviderOffer).where(ProviderOffer.provider_id == provider.id)
        .order_by(ProviderOffer.module, ProviderOffer.baustein)
    ).scalars())


def costs_of(provider: Provider) -> ProviderCosts | None:
    return db.session.get(ProviderCosts, provider.id)


def rate_of(costs: ProviderCosts | None) -> HourlyRate | None:
    if costs is None:
        return None
    return hourly_rate(CostInputs(costs.yearly_staff_cost, costs.productive_hours,
                                  costs.overhead_percent, costs.travel_percent))


@dataclass(frozen=True)
class ModulePrice:
    """A provider's estimate for one module: the hours of the offered Bausteine that have hours."""

    module: int
    hours: Decimal
    rate: Decimal
    total: Decimal
    is_example: bool


def module_prices(provider: Provider) -> dict[int, ModulePrice]:
    """module number → estimate, only for modules with hours and only when the provider gave its
    costs; an empty dict means "no prices given" (pages say so and invent nothing)."""
    costs = costs_of(provider)
    steps = rate_of(costs)
    if steps is None:
        return {}
    hours: dict[int, Decimal] = {}
    for offer in offers_of(provider):
        if offer.hours:
            hours[offer.module] = hours.get(offer.module, Decimal("0")) + offer.hours
    return {
        module: ModulePrice(module, total_hours, steps.rate, price(steps.rate, total_hours), costs.is_example)
        for module, total_hours in sorted(hours.items())
    }


def providers_offering(module: int) -> list[Provider]:
    return list(db.session.execute(
        db.select(Provider).where(Provider.id.in_(
            db.select(ProviderOffer.provider_id).where(ProviderOffer.module == module)
        )).order_by(Provider.name)
    ).scalars())


def published_stories(lang: str | None = None, module: int | None = None, work_kind: str | None = None,
                      provider: Provider | None = None) -> list[SuccessStory]:
    query = db.select(SuccessStory).where(SuccessStory.status == PUBLISHED)
    if lang:
        query = query.where(SuccessStory.lang == lang)
    if work_kind:
        query = query.where(SuccessStory.work_kind == work_kind)
    if provider is not None:
        query = query.where(SuccessStory.provider_id == provider.id)
    stories = db.session.execute(query.order_by(SuccessStory.published_at.desc(), SuccessStory.id.desc())).scalars()
    return [story for story in stories if module is None or module in story.module_numbers]
