"""A provider's staff change only their own provider's profile, prices and stories: another
provider's story or Baustein answers 404 on every URL and method (audited), and the pages never
show another provider's data. The URLs come from the app's URL map, so a new page is covered too."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from portal.extensions import db
from portal.inbox.models import AuditEntry
from portal.offers.models import ProviderCosts, ProviderOffer, SuccessStory
from portal.providers.models import Provider
from tests.routes.test_inbox import BREMEN, cheap_passwords, inbox, login  # noqa: F401  (fixtures)
from tests.support.forms import post_form
from tests.support.pagecheck import check_page

SECRET = "Nur bei integra"


def profile_rules(app):
    return [(rule.rule, sorted(rule.methods - {"HEAD", "OPTIONS"})) for rule in app.url_map.iter_rules()
            if rule.endpoint.startswith("profile.") and "<" in rule.rule]


@pytest.fixture
def foreign(client, app, inbox):
    """integra Lübeck's profile, offer, costs and a published story; a member of Bremen's staff logged in."""
    with app.app_context():
        integra = db.session.execute(db.select(Provider).filter_by(slug="integra-luebeck")).scalar_one()
        integra.description_de = SECRET
        db.session.add(ProviderOffer(provider_id=integra.id, module=2, baustein=3, text_de=SECRET, hours=Decimal("7")))
        db.session.add(ProviderCosts(provider_id=integra.id, yearly_staff_cost=Decimal("77777"), productive_hours=Decimal("1111")))
        story = SuccessStory(provider_id=integra.id, first_name="Lotte", title=SECRET, work_kind="garten", way="Weg.",
                             helped="Hilfe.", status="published", consent_on=date(2026, 5, 1))
        db.session.add(story)
        db.session.commit()
        story_id = story.id
    login(client, BREMEN)
    return story_id


def test_another_providers_story_and_baustein_are_not_found_on_any_url(client, app, foreign):
    story_id = foreign
    rules = profile_rules(app)
    assert {rule for rule, _methods in rules} == {
        "/anbieter/profil/baustein/<int:module>/<int:baustein>", "/anbieter/geschichten/<int:story_id>",
        "/anbieter/geschichten/<int:story_id>/veroeffentlichen", "/anbieter/geschichten/<int:story_id>/zurueckziehen",
        "/anbieter/geschichten/<int:story_id>/loeschen"}
    tried = 0
    for rule, methods in rules:
        url = re.sub(r"<int:story_id>", str(story_id), rule)
        url = url.replace("<int:module>", "2").replace("<int:baustein>", "3")
        for method in methods:
            if method == "GET":
                response = client.get(url)
            else:
                response = post_form(client, url, {"text_de": "fremd", "first_name": "X", "title": "fremd",
                                                   "lang": "de", "work_kind": "lager", "way": "fremd",
                                                   "helped": "fremd", "consent": "y"}, page_url="/anbieter/profil")
            assert response.status_code == 404, (method, url, response.status_code)
            check_page(response, status=404)
            assert SECRET not in response.get_data(as_text=True)
            tried += 1
    assert tried == 7
    with app.app_context():
        story = db.session.get(SuccessStory, story_id)
        assert (story.status, story.title, story.withdrawn_at) == ("published", SECRET, None)
        assert db.session.execute(db.select(ProviderOffer.text_de)).scalar_one() == SECRET
        denied = db.session.execute(db.select(AuditEntry).filter_by(action="not_found")).scalars().all()
        assert len(denied) == tried and {entry.user.email for entry in denied} == {BREMEN}


def test_the_own_pages_show_only_the_own_provider(client, app, foreign):
    for url in ("/anbieter/profil", "/anbieter/preise", "/anbieter/geschichten"):
        response = client.get(url)
        check_page(response)
        body = response.get_data(as_text=True)
        assert SECRET not in body and "77.777" not in body and "Lotte" not in body, url


def test_saving_changes_only_the_own_provider(client, app, foreign):
    post_form(client, "/anbieter/profil/beschreibung", {"text-description_de": "Wir sind in Bremen."}, page_url="/anbieter/profil")
    post_form(client, "/anbieter/profil/angebot", {"angebot-modul_1": "1"}, page_url="/anbieter/profil")
    post_form(client, "/anbieter/preise/kosten", {"kosten-yearly_staff_cost": "50000", "kosten-productive_hours": "1500",
                                                 "kosten-overhead_percent": "0", "kosten-travel_percent": "0"},
              page_url="/anbieter/preise")
    with app.app_context():
        providers = {p.slug: p for p in db.session.execute(db.select(Provider)).scalars()}
        integra, bremen = providers["integra-luebeck"], providers["ifd-bremen"]
        assert integra.description_de == SECRET and bremen.description_de == "Wir sind in Bremen."
        offers = db.session.execute(db.select(ProviderOffer.provider_id, ProviderOffer.module, ProviderOffer.baustein)).all()
        assert sorted(tuple(row) for row in offers) == sorted([(integra.id, 2, 3), (bremen.id, 1, 1)])
        assert db.session.get(ProviderCosts, integra.id).yearly_staff_cost == Decimal("77777")
        assert db.session.get(ProviderCosts, bremen.id).yearly_staff_cost == Decimal("50000")
        changes = db.session.execute(db.select(AuditEntry).where(AuditEntry.action.in_(
            ["profile_text", "profile_offers", "costs"]))).scalars().all()
        assert [entry.action for entry in changes] == ["profile_text", "profile_offers", "costs"]
        assert {entry.provider_id for entry in changes} == {bremen.id}
