"""The finder's demo data: easy language by the rules of `content check`, plausible example costs,
every price and story marked as an example, the same data when loaded twice, and none in production."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from portal.config import ConfigurationError
from portal.content import lint
from portal.content.prose import markdown_to_prose
from portal.extensions import db
from portal.finder.demo import COSTS, OFFERS, STORIES, load_demo_offers
from portal.offers.models import PUBLISHED, ProviderCosts, ProviderOffer, SuccessStory
from portal.offers.stories import WORK_KINDS
from portal.providers import admin
from portal.providers.areas import parse_area
from portal.providers.demo import SITES, load_demo
from portal.security import check_production_data
from tests.conftest import make_config

CONTENT_ROOT = Path(__file__).resolve().parents[2] / "content" / "easy_language"


def demo_texts():
    """(language, where, text) for every text the demo shows."""
    for slug, rows in OFFERS.items():
        for module, baustein, text_de, text_en, _hours in rows:
            yield "de", f"{slug} {module}.{baustein}", text_de
            yield "en", f"{slug} {module}.{baustein}", text_en
    for slug, stories in STORIES.items():
        for story in stories:
            for lang in ("de", "en"):
                title, _name, way, helped = story[lang]
                for part, text in (("title", title), ("way", way), ("helped", helped)):
                    yield lang, f"{slug} {title} {part}", text


def easy_language_errors(lang: str, where: str, text: str) -> list[str]:
    rules = lint._language_rules(CONTENT_ROOT, lang)
    problems = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = lint.ProseLine(number, markdown_to_prose(raw) or "", raw)
        problems += [f"{where}: {p.rule}: {p.text}" for p in lint.check_line(line, where, rules)
                     if p.severity == lint.ERROR]
    return problems


def test_every_demo_text_passes_the_easy_language_check():
    problems = [problem for lang, where, text in demo_texts() for problem in easy_language_errors(lang, where, text)]
    assert not problems, "\n".join(problems)


def test_the_check_would_find_a_problem():
    assert easy_language_errors("de", "probe", "Dies ist ein sehr langer Satz mit viel zu vielen Wörtern, "
                                "den niemand gut lesen kann, weil er einfach immer weiter geht.")


def test_every_practice_site_has_offers_costs_and_stories():
    slugs = {site["slug"] for site in SITES}
    assert set(OFFERS) == set(COSTS) == set(STORIES) == slugs
    for slug in slugs:
        assert 1 <= len(STORIES[slug]) <= 2
        assert any(text for _m, _b, text, _e, _h in OFFERS[slug]) and any(not text for _m, _b, text, _e, _h in OFFERS[slug])
        staff, hours, overhead, travel = COSTS[slug]
        assert Decimal("55000") <= staff <= Decimal("68000") and Decimal("1300") <= hours <= Decimal("1500")
        assert Decimal("15") <= overhead <= Decimal("25") and Decimal("3") <= travel <= Decimal("8")
        for story in STORIES[slug]:
            assert story["work_kind"] in WORK_KINDS and story["modules"]


def test_loading_twice_gives_the_same_data_all_marked_as_examples(app):
    with app.app_context():
        load_demo()
        load_demo_offers()
        counts = [db.session.query(model).count() for model in (ProviderOffer, ProviderCosts, SuccessStory)]
        load_demo_offers()
        assert [db.session.query(model).count() for model in (ProviderOffer, ProviderCosts, SuccessStory)] == counts
        assert counts[1] == 5 and counts[2] == 2 * sum(len(s) for s in STORIES.values())
        assert all(costs.is_example for costs in db.session.query(ProviderCosts))
        for story in db.session.query(SuccessStory):
            assert story.is_example and story.status == PUBLISHED and story.consent_on is not None
            assert story.consent_recorded_by is not None


def test_the_loader_refuses_in_production(tmp_path):
    from portal import create_app

    production = create_app(make_config(tmp_path, PORTAL_ENV="production", SECRET_KEY="k" * 40))
    with production.app_context(), pytest.raises(ConfigurationError):
        load_demo_offers()


def test_serving_production_refuses_example_prices_and_stories(tmp_path, app):
    from portal import create_app

    with app.app_context():
        provider = admin.add_provider("echt", admin.ProviderFields(
            name="Ein echter Dienst", description_de="", description_en="", email="info@echt.de", phone="", address=""))
        admin.replace_areas(provider, parse_area("10115"))
        db.session.flush()
        db.session.add(ProviderCosts(provider_id=provider.id, yearly_staff_cost=Decimal("60000"),
                                     productive_hours=Decimal("1400"), is_example=True))
        db.session.commit()
    production = create_app(make_config(tmp_path, PORTAL_ENV="production", SECRET_KEY="k" * 40))
    with pytest.raises(ConfigurationError, match="example prices"):
        check_production_data(production)
    with app.app_context():
        db.session.query(ProviderCosts).update({"is_example": False})
        db.session.commit()
    check_production_data(production)  # real prices are fine
