"""/anbieter-finden and /anbieter-finden/<slug>: every provider, found by postcode or workshop with the
contact request's routing; a provider's page with its offers, prices and stories."""
from __future__ import annotations

from decimal import Decimal

import pytest

from portal.extensions import db
from portal.finder.demo import load_demo_offers
from portal.offers.models import ProviderCosts, ProviderOffer
from portal.providers import admin
from portal.providers.areas import parse_area
from portal.providers.demo import load_demo
from portal.providers.models import Provider
from tests.support.pagecheck import XHTML, check_page, h1_text, page_text


@pytest.fixture
def demo(app):
    with app.app_context():
        load_demo()
        load_demo_offers()


def add_provider(app, slug="ohne-preise", name="Dienst ohne Preise", area="Teststadt: 10115-10117"):
    with app.app_context():
        provider = admin.add_provider(slug, admin.ProviderFields(
            name=name, description_de="Der Dienst hilft Ihnen.", description_en="", email="", phone="", address=""))
        admin.replace_areas(provider, parse_area(area))
        db.session.commit()


def links(document) -> list[str]:
    return [a.get("href") for a in document.iter(f"{XHTML}a")]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_list_shows_every_provider_in_both_languages(client, demo, lang):
    document = check_page(client.get(f"/anbieter-finden?lang={lang}"), lang=lang)
    assert h1_text(document) == {"de": "Anbieter finden", "en": "Find a provider"}[lang]
    hrefs = links(document)
    for slug in ("integra-luebeck", "niab", "jzsl-jena", "zsl-mainz", "ifd-bremen"):
        assert f"/anbieter-finden/{slug}" in hrefs
    assert "/geschichten" in hrefs


def test_the_search_forms_are_plain_get_forms(client, demo):
    html = client.get("/anbieter-finden").get_data(as_text=True)
    assert html.count('method="get" action="/anbieter-finden"') == 2
    assert 'name="plz"' in html and 'name="werkstatt"' in html and "csrf_token" not in html
    assert "Set-Cookie" not in client.get("/anbieter-finden").headers  # no session for a search


def test_a_postcode_names_the_provider_that_serves_it(client, demo):
    document = check_page(client.get("/anbieter-finden?plz=23552"))
    result = next(s for s in document.iter(f"{XHTML}section") if s.get("class") == "finder-result")
    text = " ".join(result.itertext())
    assert "Dieser Anbieter ist für Sie da" in text and "integra Lübeck" in text
    assert "ifd-bremen" not in " ".join(a.get("href") for a in result.iter(f"{XHTML}a"))


def test_a_postcode_typed_with_blanks_is_understood(client, demo):
    assert "Integrationsfachdienst Bremen" in page_text(check_page(client.get("/anbieter-finden?plz=+28+195+")))


def test_a_place_nobody_serves_gets_the_nearby_providers(client, demo):
    document = check_page(client.get("/anbieter-finden?plz=99999"))
    result = next(s for s in document.iter(f"{XHTML}section") if s.get("class") == "finder-result")
    text = " ".join(result.itertext())
    assert "gibt es keinen Anbieter im Portal" in text and "Anbieter in der Nähe" in text
    assert len(list(result.iter(f"{XHTML}li"))) >= 1


def test_a_wrong_postcode_gets_a_friendly_error(client, demo):
    response = client.get("/anbieter-finden?plz=12a")
    document = check_page(response)
    html = response.get_data(as_text=True)
    assert "<title>Fehler: Anbieter finden" in html
    assert "Eine Postleitzahl hat 5 Zahlen" in html and 'aria-invalid="true"' in html
    assert 'href="#plz"' in html  # the error summary leads to the field
    assert 'class="finder-result"' not in html


def test_a_workshop_names_its_provider(client, demo):
    document = check_page(client.get("/anbieter-finden?werkstatt=westeifel-werke-gerolstein"))
    result = next(s for s in document.iter(f"{XHTML}section") if s.get("class") == "finder-result")
    assert "ZsL Mainz" in " ".join(result.itertext())


def test_an_unknown_workshop_gets_a_friendly_error(client, demo):
    html = client.get("/anbieter-finden?werkstatt=gibt-es-nicht").get_data(as_text=True)
    assert "Bitte wählen Sie eine Werkstatt aus der Liste." in html and 'class="finder-result"' not in html


def test_the_module_filter_lists_only_providers_offering_it(client, demo):
    document = check_page(client.get("/anbieter-finden?modul=7"))
    hrefs = links(document)
    assert "/anbieter-finden/jzsl-jena" in hrefs and "/anbieter-finden/zsl-mainz" in hrefs
    assert "/anbieter-finden/integra-luebeck" not in hrefs and "/anbieter-finden/niab" not in hrefs
    assert "Anbieter für Modul 7" in page_text(document)
    # a module that does not exist is no filter
    assert "/anbieter-finden/integra-luebeck" in links(check_page(client.get("/anbieter-finden?modul=99")))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_provider_page_shows_who_where_what_prices_and_stories(client, demo, lang):
    response = client.get(f"/anbieter-finden/integra-luebeck?lang={lang}")
    document = check_page(response, lang=lang)
    assert h1_text(document) == "integra Lübeck"
    html = response.get_data(as_text=True)
    text = page_text(document)
    assert "Ostholstein" in text and "Marli GmbH, Lübeck" in text  # areas and workshops
    assert 'href="/module/1"' in html and 'href="/module/3"' in html
    assert 'href="/kontakt?anbieter=integra-luebeck"' in html
    # the provider's own words, and the portal's description where it wrote none, each labelled
    if lang == "de":
        assert "in seinen eigenen Worten" in text and "Das ist die Beschreibung vom Portal" in text
        assert "Das ist eine Schätzung." in text and "Beispiel:" in text
        assert "€" in text and "Lena arbeitet jetzt in einer Kantine" in text
    else:
        assert "in its own words" in text and "This is the portal's description" in text
        assert "This is an estimate." in text and "Lena now works in a canteen" in text
    assert "price-table" in html


def test_the_self_description_carries_its_language(client, app, demo):
    with app.app_context():
        provider = db.session.execute(db.select(Provider).filter_by(slug="niab")).scalar_one()
        provider.description_en = ""
        db.session.commit()
    html = client.get("/anbieter-finden/niab?lang=en").get_data(as_text=True)
    assert '<div class="lines" lang="de">' in html  # the German text, marked as German on the English page


def test_the_prices_are_the_offers_layer_prices(client, app, demo):
    """Module 1 of integra Lübeck: (62 000 + 20 % + 5 %) / 1 400 h = 55,36 €; 4 + 12 + 3 hours = 19 h."""
    html = client.get("/anbieter-finden/integra-luebeck?lang=de").get_data(as_text=True)
    assert "55,36" in html and "1.051,84" in html


def test_a_provider_without_prices_says_so_and_invents_none(client, app):
    add_provider(app)
    with app.app_context():
        provider = db.session.execute(db.select(Provider).filter_by(slug="ohne-preise")).scalar_one()
        db.session.add(ProviderOffer(provider_id=provider.id, module=2, baustein=1, text_de="", text_en="", hours=None))
        db.session.commit()
    document = check_page(client.get("/anbieter-finden/ohne-preise?lang=de"))
    text = page_text(document)
    assert "Der Anbieter hat noch keine Preise eingetragen." in text
    assert "€" not in text and "Schätzung" not in text
    assert "Das ist die Beschreibung vom Portal" in text  # the offered Baustein without own words
    assert "Hier gibt es noch keine Geschichten." in text


def test_costs_without_hours_give_no_prices_either(client, app):
    add_provider(app)
    with app.app_context():
        provider = db.session.execute(db.select(Provider).filter_by(slug="ohne-preise")).scalar_one()
        db.session.add(ProviderCosts(provider_id=provider.id, yearly_staff_cost=Decimal("60000"),
                                     productive_hours=Decimal("1400"), overhead_percent=Decimal("20"),
                                     travel_percent=Decimal("5")))
        db.session.commit()
    text = page_text(check_page(client.get("/anbieter-finden/ohne-preise?lang=de")))
    assert "Der Anbieter hat noch keine Preise eingetragen." in text and "€" not in text


def test_a_saved_change_shows_at_once(client, app, demo):
    before = client.get("/anbieter-finden/niab?lang=de").get_data(as_text=True)
    assert "Neuer Text vom Anbieter" not in before
    with app.app_context():
        provider = db.session.execute(db.select(Provider).filter_by(slug="niab")).scalar_one()
        offer = db.session.execute(db.select(ProviderOffer).filter_by(provider_id=provider.id, module=1, baustein=2)).scalar_one()
        offer.text_de = "Neuer Text vom Anbieter."
        db.session.commit()
    assert "Neuer Text vom Anbieter." in client.get("/anbieter-finden/niab?lang=de").get_data(as_text=True)


def test_provider_text_is_shown_as_text_never_as_markup(client, app, demo):
    with app.app_context():
        provider = db.session.execute(db.select(Provider).filter_by(slug="niab")).scalar_one()
        provider.description_de = '<script>alert("x")</script>\n**fett**'
        offer = db.session.execute(db.select(ProviderOffer).filter_by(provider_id=provider.id, module=1, baustein=2)).scalar_one()
        offer.text_de = "<b>laut</b>"
        db.session.commit()
    response = client.get("/anbieter-finden/niab?lang=de")
    check_page(response)
    html = response.get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "<b>laut</b>" not in html and "&lt;b&gt;laut&lt;/b&gt;" in html and "**fett**" in html


def test_an_unknown_provider_is_404(client, demo):
    check_page(client.get("/anbieter-finden/gibt-es-nicht"), status=404)


def test_long_names_are_marked_to_shrink_on_a_phone_instead_of_breaking(app):
    from markupsafe import Markup

    from portal.finder.routes import long_name

    assert long_name("ZsL Mainz") == "ZsL Mainz"
    assert long_name("Christophorus-Werkstätten") == "Christophorus-Werkstätten"  # breaks after its hyphen
    assert long_name("Integrationsfachdienst Bremen") == '<span class="long-name">Integrationsfachdienst Bremen</span>'
    assert long_name("15517 Fürstenwalde/Spree") == '<span class="long-name">15517 Fürstenwalde/Spree</span>'
    assert long_name("<b>Integrationsfachdienst</b>") == '<span class="long-name">&lt;b&gt;Integrationsfachdienst&lt;/b&gt;</span>'
    with app.test_request_context("/"):
        easy = app.jinja_env.filters["easy"]("Integrations·fach·dienst Bremen")
        assert isinstance(easy, Markup) and long_name(easy) == easy  # it breaks at its Mediopunkte
        assert long_name(app.jinja_env.filters["easy"]("Integrationsfachdienst")).startswith('<span class="long-name">')
