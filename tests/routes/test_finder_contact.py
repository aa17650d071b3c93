"""A contact request started from a provider's public page goes to that provider (routed 'choice'),
whatever workshop or postcode the person gives; without the choice the routing is as before."""
from __future__ import annotations

import pytest

from portal.contact.flow import CHOSEN_PROVIDER, route_key
from portal.contact.routing import BY_CHOICE
from portal.providers.demo import load_demo
from tests.routes.test_contact_journey import send, step, stored, walk_to_check
from tests.support.forms import post_form
from tests.support.pagecheck import check_page, h1_text, page_text


@pytest.fixture
def providers(app):
    with app.app_context():
        load_demo()


def choose(client, slug: str):
    return post_form(client, "/kontakt/anbieter-waehlen", {"anbieter": slug}, page_url=f"/kontakt?anbieter={slug}")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_start_page_names_the_chosen_provider(client, providers, lang):
    response = client.get(f"/kontakt?anbieter=niab&lang={lang}")
    document = check_page(response, lang=lang)
    html = response.get_data(as_text=True)
    assert "Netzwerk Integrationsassistenz Brandenburg (NIAB)" in page_text(document)
    assert 'action="/kontakt/anbieter-waehlen"' in html and 'name="anbieter" value="niab"' in html


def test_an_unknown_provider_on_the_start_page_is_simply_ignored(client, providers):
    html = client.get("/kontakt?anbieter=gibt-es-nicht").get_data(as_text=True)
    assert "anbieter-waehlen" not in html and 'href="/kontakt/name"' in html


def test_the_chosen_provider_gets_the_request_whatever_the_workshop(client, app, providers):
    response = choose(client, "niab")
    assert response.status_code == 303 and response.headers["Location"] == "/kontakt/name"
    step(client, "name", {"name": "Maria"})
    step(client, "werkstatt", {"workshop": "westeifel-werke-gerolstein"})  # a ZsL Mainz workshop
    document = check_page(client.get("/kontakt/anbieter"))
    assert h1_text(document) == "Ihre Anfrage geht an: Netzwerk Integrationsassistenz Brandenburg (NIAB)"
    assert "Sie haben diesen Anbieter selbst gewählt." in page_text(document)
    walk_to_check(client, workshop="westeifel-werke-gerolstein")
    assert "Netzwerk Integrationsassistenz" in page_text(check_page(client.get("/kontakt/pruefen")))
    send(client)
    (request,) = stored(app)
    assert request.provider.slug == "niab" and request.routed_by == BY_CHOICE


def test_choosing_in_the_middle_of_a_request_keeps_the_answers_and_shows_the_provider_again(client, app, providers):
    walk_to_check(client, postcode="23552")
    assert client.get("/kontakt/pruefen").status_code == 200
    response = choose(client, "ifd-bremen")
    assert response.headers["Location"] == "/kontakt/anbieter"  # the provider changed: the person sees it
    assert post_form(client, "/kontakt/anbieter", {}).headers["Location"] == "/kontakt/pruefen"
    send(client)
    (request,) = stored(app)
    assert request.provider.slug == "ifd-bremen" and request.name == "Maria"


def test_choosing_needs_the_form_token_and_a_real_provider(client, app, providers):
    assert client.post("/kontakt/anbieter-waehlen", data={"anbieter": "niab"}).status_code in (303, 400)
    assert client.get("/kontakt/name").status_code == 200
    response = post_form(client, "/kontakt/anbieter-waehlen", {"anbieter": "gibt-es-nicht"}, page_url="/kontakt/name")
    assert response.status_code == 303 and response.headers["Location"] == "/kontakt"
    step(client, "name", {"name": "Maria"})
    step(client, "werkstatt", {"workshop": "westeifel-werke-gerolstein"})
    assert h1_text(check_page(client.get("/kontakt/anbieter"))) == "Ihre Anfrage geht an: ZsL Mainz"


def test_the_inbox_says_the_person_chose_the_provider(app):
    from portal.inbox.labels import ROUTED_LABELS

    with app.test_request_context("/?lang=de"):
        assert str(ROUTED_LABELS[BY_CHOICE]).startswith("selbst gewählt")


def test_the_choice_is_part_of_the_route_key():
    answers = {"workshop": "marli-gmbh-luebeck"}
    assert route_key(answers) == "marli-gmbh-luebeck"  # unchanged without a choice
    assert route_key({**answers, CHOSEN_PROVIDER: "niab"}) != route_key(answers)
