"""Provider prices for the cost plan tests, made here (the demo data's example prices may change).

integra-luebeck: the worked example of tests/unit/test_offer_costs.py — 60,000 € staff cost, 20 %
overhead, 5 % travel, 1,400 productive hours → 53.57 € an hour; module 1 with 10 + 6 + 4 hours
(1,071.40 €), module 3 with 10.5 hours (562.49 €), module 5 offered without hours (no price).
niab: offers module 1 but gives no costs at all (no prices)."""
from __future__ import annotations

from decimal import Decimal

from portal.extensions import db
from portal.offers.models import ProviderCosts, ProviderOffer
from portal.providers.demo import load_demo
from portal.providers.models import Provider

PRICED, UNPRICED = "integra-luebeck", "niab"


def provider(slug: str) -> Provider:
    return db.session.execute(db.select(Provider).filter_by(slug=slug)).scalar_one()


def _give_prices(priced: Provider, example: bool) -> None:
    db.session.execute(db.delete(ProviderOffer).where(ProviderOffer.provider_id == priced.id))
    db.session.execute(db.delete(ProviderCosts).where(ProviderCosts.provider_id == priced.id))
    db.session.add(ProviderCosts(provider_id=priced.id, yearly_staff_cost=Decimal("60000"),
                                 productive_hours=Decimal("1400"), overhead_percent=Decimal("20"),
                                 travel_percent=Decimal("5"), is_example=example))
    for module, baustein, hours in ((1, 1, "10"), (1, 2, "6"), (1, 3, "4"), (3, 1, "10.5"), (5, 1, None)):
        db.session.add(ProviderOffer(provider_id=priced.id, module=module, baustein=baustein,
                                     hours=Decimal(hours) if hours else None))


def load_prices(app, example: bool = False) -> None:
    with app.app_context():
        if db.session.execute(db.select(Provider).limit(1)).first() is None:
            load_demo()
        _give_prices(provider(PRICED), example)
        unpriced = provider(UNPRICED)
        db.session.execute(db.delete(ProviderOffer).where(ProviderOffer.provider_id == unpriced.id))
        db.session.execute(db.delete(ProviderCosts).where(ProviderCosts.provider_id == unpriced.id))
        db.session.add(ProviderOffer(provider_id=unpriced.id, module=1, baustein=1, hours=Decimal("8")))
        db.session.commit()


def add_priced_provider(app, slug: str, name: str) -> None:
    """A provider of its own with the worked example's prices, for the shared live server (the demo
    providers and their example prices stay as they are for the other tests)."""
    with app.app_context():
        found = db.session.execute(db.select(Provider).filter_by(slug=slug)).scalar_one_or_none()
        if found is None:
            found = Provider(slug=slug, name=name)
            db.session.add(found)
            db.session.flush()
        _give_prices(found, example=False)
        db.session.commit()


def remove_provider(app, slug: str) -> None:
    with app.app_context():
        found = provider(slug)
        db.session.execute(db.delete(ProviderOffer).where(ProviderOffer.provider_id == found.id))
        db.session.execute(db.delete(ProviderCosts).where(ProviderCosts.provider_id == found.id))
        db.session.delete(found)
        db.session.commit()
