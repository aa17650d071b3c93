"""Walking the contact request in route tests: one helper per page, the way a person clicks."""
from __future__ import annotations

from tests.support.forms import post_form

DEFAULT_DETAILS = {
    "telefon": {"phone": "0451 123456", "good_times": "Vormittags"},
    "email": {"email": "maria@beispiel.example"},
    "brief": {"postal_address": "Beispielweg 1\n23552 Lübeck"},
    "sozialdienst": {"helper_name": "Frau Schmidt"},
    "vertrauensperson": {"helper_name": "Petra", "helper_contact": "0451 99999"},
}


def step(client, slug: str, data: dict | None = None):
    return post_form(client, f"/kontakt/{slug}", data or {})


def walk_to_check(client, *, name="Maria", workshop="marli-gmbh-luebeck", postcode=None, way="telefon",
                  details=None, topics=("modul-1",), message="", attach=None):
    """Answer every page up to the check page; returns the last response (a redirect to the check page)."""
    answers = [
        ("name", {"name": name}),
        ("werkstatt", {"workshop": workshop if postcode is None else "andere"}),
    ]
    if postcode is not None:
        answers.append(("postleitzahl", {"postcode": postcode}))
    answers += [
        ("anbieter", {}),
        ("weg", {"way": way}),
        ("erreichbar", DEFAULT_DETAILS[way] if details is None else details),
        ("thema", {"topics": list(topics)}),
        ("nachricht", {"message": message}),
    ]
    if attach is not None:
        answers.append(("ergebnis", {"attach": "y"} if attach else {}))
    response = None
    for slug, data in answers:
        response = step(client, slug, data)
        assert response.status_code == 303, f"{slug}: {response.status_code} {response.get_data(as_text=True)[:3000]}"
    return response


def send(client, consent=True, **extra):
    data = {"consent": "y"} if consent else {}
    data.update(extra)
    return post_form(client, "/kontakt/pruefen", data)


# --- the journey -----------------------------------------------------------------------------------

import json  # noqa: E402

import pytest  # noqa: E402
from sqlalchemy.orm import joinedload  # noqa: E402

from portal.contact.models import ContactDraft, ContactRequest  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.mail.models import OutboxMail  # noqa: E402
from portal.providers.demo import load_demo  # noqa: E402
from tests.support.pagecheck import check_page, h1_text, page_text  # noqa: E402


@pytest.fixture
def providers(app):
    with app.app_context():
        load_demo()


def stored(app):
    with app.app_context():
        query = db.select(ContactRequest).options(joinedload(ContactRequest.provider)).order_by(ContactRequest.id)
        return db.session.execute(query).scalars().all()


def outbox(app):
    with app.app_context():
        return db.session.execute(db.select(OutboxMail)).scalars().all()


PAGES_IN_ORDER = ["/kontakt", "/kontakt/name", "/kontakt/werkstatt", "/kontakt/anbieter", "/kontakt/weg",
                  "/kontakt/erreichbar", "/kontakt/thema", "/kontakt/nachricht", "/kontakt/pruefen"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_page_of_the_journey_passes_the_page_check(client, providers, lang):
    client.get(f"/?lang={lang}")
    walk_to_check(client)
    for url in PAGES_IN_ORDER:
        check_page(client.get(url), lang=lang)
    send(client)
    check_page(client.get("/kontakt/fertig"), lang=lang)


def test_start_page_explains_and_starts(client, providers):
    document = check_page(client.get("/kontakt"))
    assert h1_text(document) == "Mit einem Anbieter sprechen"
    html = client.get("/kontakt").get_data(as_text=True)
    assert 'href="/kontakt/name"' in html and 'href="/datenschutz"' in html
    assert "Ergebnis von der Klärung mitschicken" in client.get("/kontakt?mit_ergebnis=1").get_data(as_text=True)


def test_a_later_page_without_the_answers_before_it_sends_the_person_back(client, providers):
    for url in ("/kontakt/pruefen", "/kontakt/thema", "/kontakt/anbieter"):
        response = client.get(url)
        assert response.status_code == 303 and response.headers["Location"] == "/kontakt/name"
    step(client, "name", {"name": "Maria"})
    assert client.get("/kontakt/pruefen").headers["Location"] == "/kontakt/werkstatt"
    assert client.get("/kontakt/postleitzahl").headers["Location"] == "/kontakt/werkstatt"


def test_a_workshop_reaches_its_provider(client, app, providers):
    step(client, "name", {"name": "Maria"})
    step(client, "werkstatt", {"workshop": "westeifel-werke-gerolstein"})
    document = check_page(client.get("/kontakt/anbieter"))
    assert h1_text(document) == "Ihre Anfrage geht an: ZsL Mainz"
    walk_to_check(client, workshop="westeifel-werke-gerolstein")
    send(client)
    (request,) = stored(app)
    assert request.provider.slug == "zsl-mainz" and request.routed_by == "workshop"
    assert request.workshop_name == "Westeifel Werke, Gerolstein" and request.postcode == ""


@pytest.mark.parametrize("postcode,provider", [("23552", "integra-luebeck"), ("15517", "niab"), ("07745", "jzsl-jena"),
                                               ("54634", "zsl-mainz"), ("28195", "ifd-bremen"), ("23 701", "integra-luebeck")])
def test_a_postcode_reaches_its_provider(client, app, providers, postcode, provider):
    walk_to_check(client, postcode=postcode)
    assert send(client).status_code == 303
    (request,) = stored(app)
    assert (request.provider.slug, request.routed_by, request.postcode) == (provider, "postcode", postcode.replace(" ", ""))


def test_the_sent_request_is_stored_once_with_its_notice_and_the_draft_is_gone(client, app, providers):
    walk_to_check(client, name="Maria", way="telefon", topics=("modul-3", "budget"), message="Ich koche gern.")
    response = send(client)
    assert response.status_code == 303 and response.headers["Location"] == "/kontakt/fertig"
    (request,) = stored(app)
    assert (request.name, request.contact_way, request.phone, request.good_times) == ("Maria", "telefon", "0451 123456", "Vormittags")
    assert request.topics == ["modul-3", "budget"] and request.message == "Ich koche gern."
    assert request.status == "neu" and request.lang == "de" and request.consent_version == "2"
    assert request.created_at.tzinfo is not None
    (mail,) = outbox(app)
    assert mail.to_address == "kontakt@integra-luebeck.example" and mail.status == "pending"
    assert request.reference in mail.body and "/anbieter" in mail.body
    for private in ("Maria", "0451", "koche", "modul", "Persönlich", "Marli"):
        assert private not in mail.body + mail.subject
    with app.app_context():
        assert db.session.query(ContactDraft).count() == 0
    document = check_page(client.get("/kontakt/fertig"))
    assert request.reference in page_text(document) and "integra Lübeck" in page_text(document)


def test_the_notice_goes_to_the_notification_address_when_there_is_one(client, app, providers, runner):
    runner.invoke(args=["providers", "edit", "integra-luebeck", "--notify-email", "eingang@integra.example"])
    walk_to_check(client)
    send(client)
    assert [mail.to_address for mail in outbox(app)] == ["eingang@integra.example"]


def test_only_the_details_of_the_chosen_way_are_stored(client, app, providers):
    step(client, "name", {"name": "Maria"})
    walk_to_check(client, way="email")
    step(client, "weg", {"way": "brief"})  # changed from the check page
    assert client.get("/kontakt/pruefen").headers["Location"] == "/kontakt/erreichbar"
    step(client, "erreichbar", {"postal_address": "Beispielweg 1\n23552 Lübeck"})
    send(client)
    (request,) = stored(app)
    assert (request.contact_way, request.email, request.postal_address) == ("brief", "", "Beispielweg 1\n23552 Lübeck")


@pytest.mark.parametrize("way,details,expected", [
    ("sozialdienst", {"helper_name": "Frau Schmidt", "good_times": "morgens"},
     {"helper_name": "Frau Schmidt", "workshop_name": "Marli GmbH, Lübeck"}),
    ("vertrauensperson", {"helper_name": "Petra", "helper_contact": "petra@beispiel.example"},
     {"helper_name": "Petra", "helper_contact": "petra@beispiel.example"}),
])
def test_social_service_and_person_of_trust(client, app, providers, way, details, expected):
    walk_to_check(client, way=way, details=details)
    send(client)
    (request,) = stored(app)
    assert {key: getattr(request, key) for key in expected} == expected


def test_social_service_asks_the_workshop_name_when_it_is_not_a_partner(client, app, providers):
    walk_to_check(client, postcode="28195", way="sozialdienst", details={"workshop_name": "Martinshof"})
    send(client)
    (request,) = stored(app)
    assert request.workshop_name == "Martinshof" and request.postcode == "28195"


def test_check_page_shows_every_answer_with_a_change_link(client, providers):
    walk_to_check(client, name="Maria", message="Zeile 1\nZeile 2")
    document = check_page(client.get("/kontakt/pruefen"))
    text = page_text(document)
    for expected in ("integra Lübeck", "Maria", "Am Telefon", "0451 123456", "Vormittags", "Marli GmbH, Lübeck",
                     "Modul 1", "Zeile 1", "Ihre Erlaubnis", "12 Monate"):
        assert expected in text, expected
    html = client.get("/kontakt/pruefen").get_data(as_text=True)
    for page in ("name", "weg", "erreichbar", "werkstatt", "thema", "nachricht"):
        assert f'href="/kontakt/{page}"' in html
    assert 'href="/datenschutz"' in html


def test_changing_an_answer_from_the_check_page_returns_to_it(client, providers):
    walk_to_check(client)
    assert step(client, "name", {"name": "Mia"}).headers["Location"] == "/kontakt/pruefen"
    assert "Mia" in client.get("/kontakt/pruefen").get_data(as_text=True)
    assert "Mia" in client.get("/kontakt/name").get_data(as_text=True)  # the page shows the answer given


def test_a_new_workshop_shows_the_new_provider_before_the_check_page(client, app, providers):
    walk_to_check(client)
    assert step(client, "werkstatt", {"workshop": "werkstatt-bremen-bremen"}).headers["Location"] == "/kontakt/anbieter"
    assert "Integrationsfachdienst Bremen" in client.get("/kontakt/anbieter").get_data(as_text=True)
    step(client, "anbieter")
    send(client)
    assert stored(app)[0].provider.slug == "ifd-bremen"


def test_unserved_postcode_is_told_kindly_with_free_advice_and_nearest_providers(client, app, providers):
    step(client, "name", {"name": "Maria"})
    step(client, "werkstatt", {"workshop": "andere"})
    step(client, "postleitzahl", {"postcode": "80331"})
    document = check_page(client.get("/kontakt/anbieter"))
    assert h1_text(document) == "Für Ihren Wohnort haben wir leider keinen Anbieter"
    text = page_text(document)
    assert "EUTB" in text and "Anbieter in der Nähe" in text and "030 23125" in text
    html = client.get("/kontakt/anbieter").get_data(as_text=True).split("</main>")[0]  # after it: "Das verstehe ich nicht"
    assert 'href="https://www.teilhabeberatung.de"' in html and 'type="submit"' not in html
    # nothing to confirm: a forged "Weiter" leads back to the same page
    response = post_form(client, "/kontakt/anbieter", {}, page_url="/kontakt/name")
    assert response.headers["Location"] == "/kontakt/anbieter"
    assert client.get("/kontakt/weg").headers["Location"] == "/kontakt/anbieter"
    assert stored(app) == []


@pytest.fixture
def app_config(request):
    return getattr(request, "param", {})


@pytest.mark.parametrize("app_config", [{"CONTACT_FALLBACK_PROVIDER": "ifd-bremen"}], indirect=True)
def test_unserved_postcode_goes_to_the_fallback_provider_when_one_is_configured(client, app, providers):
    step(client, "name", {"name": "Maria"})
    step(client, "werkstatt", {"workshop": "andere"})
    step(client, "postleitzahl", {"postcode": "80331"})
    text = page_text(check_page(client.get("/kontakt/anbieter")))
    assert "Ihre Anfrage geht an: Integrationsfachdienst Bremen" in text and "EUTB" in text
    walk_to_check(client, postcode="80331")
    send(client)
    (request,) = stored(app)
    assert (request.provider.slug, request.routed_by) == ("ifd-bremen", "fallback")


def test_english_journey_uses_english_words_and_german_descriptions_marked(client, providers):
    client.get("/?lang=en")
    walk_to_check(client)
    html = client.get("/kontakt/anbieter").get_data(as_text=True)
    assert "Your request goes to: integra Lübeck" in html
    assert "We are a service for disabled people" in html
    assert "Module 1" in client.get("/kontakt/pruefen").get_data(as_text=True)


def test_cancel_deletes_the_draft(client, app, providers):
    walk_to_check(client)
    assert "Weiter" in client.get("/kontakt").get_data(as_text=True)
    response = post_form(client, "/kontakt/abbrechen", {}, page_url="/kontakt")
    assert response.status_code == 303
    with app.app_context():
        assert db.session.query(ContactDraft).count() == 0
    assert client.get("/kontakt/pruefen").headers["Location"] == "/kontakt/name"


def test_answers_live_on_the_server_not_in_the_cookie(client, app, providers):
    walk_to_check(client, name="Geheimname", message="Meine Diagnose")
    cookie = client.get_cookie("portal_session").value
    from portal.session import EncryptedSerializer  # the cookie is encrypted; even decrypted it holds only the token

    data = EncryptedSerializer(app.secret_key).loads(cookie)
    assert "Geheimname" not in json.dumps(data) and "Diagnose" not in json.dumps(data)
    assert "contact_draft" in data


def test_a_double_click_without_javascript_stores_the_request_once(client, app, providers):
    walk_to_check(client)
    token_page = client.get("/kontakt/pruefen").get_data(as_text=True)
    import re

    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', token_page).group(1)
    first = client.post("/kontakt/pruefen", data={"csrf_token": token, "consent": "y"})
    second = client.post("/kontakt/pruefen", data={"csrf_token": token, "consent": "y"})
    assert first.status_code == second.status_code == 303
    assert second.headers["Location"] == "/kontakt/fertig"
    assert len(stored(app)) == 1 and len(outbox(app)) == 1


def test_the_confirmation_without_a_request_goes_to_the_start(client):
    assert client.get("/kontakt/fertig").headers["Location"] == "/kontakt"


def test_references_are_unique_even_when_the_random_numbers_clash(client, app, providers, monkeypatch):
    import portal.contact.service as service

    walk_to_check(client)
    send(client)
    taken = stored(app)[0].reference
    numbers = iter([taken, taken, "JB-NEW2"])
    monkeypatch.setattr(service, "new_reference", lambda: next(numbers))
    walk_to_check(client)
    send(client)
    assert [r.reference for r in stored(app)] == [taken, "JB-NEW2"]


def test_a_number_taken_between_the_check_and_the_insert_is_drawn_again(client, app, providers, monkeypatch):
    """The database's unique constraint is the real guard: the clash is caught and retried."""
    import portal.contact.service as service

    walk_to_check(client)
    send(client)
    taken = stored(app)[0].reference
    numbers = iter([taken, "JB-NEW4"])
    monkeypatch.setattr(service, "new_reference", lambda: next(numbers))
    monkeypatch.setattr(service, "reference_in_use", lambda reference: False)  # as if another request was faster
    walk_to_check(client, name="Zweite")
    assert send(client).headers["Location"] == "/kontakt/fertig"
    assert [(r.reference, r.name) for r in stored(app)] == [(taken, "Maria"), ("JB-NEW4", "Zweite")]
    assert len(outbox(app)) == 2
