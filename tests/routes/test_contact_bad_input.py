"""Bad input on the contact request: limits, friendly errors that keep what was typed, escaping,
CSRF, the honeypot and the rate limit."""
from __future__ import annotations

import re

import pytest

from portal.contact.models import ContactDraft
from portal.extensions import db
from tests.routes.test_contact_journey import outbox, providers, send, step, stored, walk_to_check  # noqa: F401
from tests.support.forms import follow, post_form
from tests.support.pagecheck import check_page, page_text

TOO_LONG = "Der Text ist zu lang"


def error_page(client, posted, field_id: str):
    """An error page (the GET after the post's 303): 'Fehler: ' in the title, the summary links to the field."""
    response = follow(client, posted)
    document = check_page(response)
    html = response.get_data(as_text=True)
    assert "<title>Fehler: " in html
    assert f'href="#{field_id}"' in html, f"the error summary does not link to #{field_id}"
    return document, html


def to_details(client, way):
    step(client, "name", {"name": "Maria"})
    step(client, "werkstatt", {"workshop": "andere"})
    step(client, "postleitzahl", {"postcode": "23552"})
    step(client, "anbieter")
    step(client, "weg", {"way": way})


@pytest.mark.parametrize("way,field,limit", [
    ("telefon", "phone", 40), ("telefon", "good_times", 200), ("email", "email", 254), ("brief", "postal_address", 300),
    ("vertrauensperson", "helper_name", 100), ("vertrauensperson", "helper_contact", 200),
    ("sozialdienst", "workshop_name", 200), ("sozialdienst", "helper_name", 100),
])
def test_every_details_field_has_a_limit_with_a_friendly_error_and_keeps_the_text(client, providers, way, field, limit):
    to_details(client, way)
    typed = "7" * (limit + 1)
    response = step(client, "erreichbar", {field: typed})
    document, html = error_page(client, response, field)
    assert TOO_LONG in page_text(document) and f"höchstens {limit} Zeichen" in page_text(document)
    assert typed in html


def test_name_and_message_limits(client, providers):
    response = step(client, "name", {"name": "M" * 101})
    document, html = error_page(client, response, "name")
    assert TOO_LONG in page_text(document) and "M" * 101 in html
    walk_to_check(client)
    response = step(client, "nachricht", {"message": "x" * 2001})
    document, _ = error_page(client, response, "message")
    assert "höchstens 2000 Zeichen. Jetzt sind es 2001" in page_text(document)


@pytest.mark.parametrize("slug,data,field,message", [
    ("name", {"name": "   "}, "name", "Bitte schreiben Sie Ihren Namen"),
    ("werkstatt", {}, "workshop-0", "Bitte wählen Sie Ihre Werkstatt"),
    ("werkstatt", {"workshop": "gibt-es-nicht"}, "workshop-0", "Bitte wählen Sie Ihre Werkstatt"),
])
def test_first_pages_explain_what_is_missing(client, providers, slug, data, field, message):
    if slug != "name":
        step(client, "name", {"name": "Maria"})
    document, _ = error_page(client, step(client, slug, data), field)
    assert message in page_text(document)


@pytest.mark.parametrize("postcode", ["2355", "abcde", "235522", "23552-", "1" * 11])
def test_wrong_postcodes_are_caught_kindly(client, providers, postcode):
    step(client, "name", {"name": "Maria"})
    step(client, "werkstatt", {"workshop": "andere"})
    document, html = error_page(client, step(client, "postleitzahl", {"postcode": postcode}), "postcode")
    assert "Postleitzahl" in page_text(document)
    assert f'value="{postcode}"' in html


@pytest.mark.parametrize("way,data,field,message", [
    ("telefon", {"phone": "ruf mich an"}, "phone", "Diese Telefonnummer stimmt nicht"),
    ("telefon", {"phone": "12"}, "phone", "Diese Telefonnummer stimmt nicht"),
    ("telefon", {"phone": ""}, "phone", "Bitte schreiben Sie Ihre Telefonnummer"),
    ("email", {"email": "maria@"}, "email", "Diese E-Mail-Adresse stimmt nicht"),
    ("email", {"email": "maria beispiel.de"}, "email", "Diese E-Mail-Adresse stimmt nicht"),
    ("brief", {"postal_address": ""}, "postal_address", "Bitte schreiben Sie Ihre Adresse"),
    ("vertrauensperson", {"helper_name": "Petra", "helper_contact": "irgendwie"}, "helper_contact",
     "Bitte schreiben Sie eine Telefonnummer oder eine E-Mail-Adresse"),
    ("vertrauensperson", {"helper_contact": "0451 9999"}, "helper_name", "den Namen von Ihrer Vertrauensperson"),
    ("sozialdienst", {}, "workshop_name", "den Namen von Ihrer Werkstatt"),
])
def test_details_are_checked_kindly(client, providers, way, data, field, message):
    to_details(client, way)
    document, _ = error_page(client, step(client, "erreichbar", data), field)
    assert message in page_text(document)


@pytest.mark.parametrize("data", [{}, {"way": "brieftaube"}])
def test_way_must_be_one_of_the_choices(client, providers, data):
    step(client, "name", {"name": "Maria"})
    step(client, "werkstatt", {"workshop": "marli-gmbh-luebeck"})
    step(client, "anbieter")
    document, _ = error_page(client, step(client, "weg", data), "way-0")
    assert "Bitte wählen Sie, wie wir mit Ihnen in Kontakt kommen" in page_text(document)


@pytest.mark.parametrize("topics", [[], ["modul-9"], ["modul-1", "<script>"]])
def test_topics_must_be_offered_ones(client, providers, topics):
    walk_to_check(client)
    document, _ = error_page(client, step(client, "thema", {"topics": topics}), "topics-0")
    assert "Bitte wählen Sie mindestens 1 Thema" in page_text(document)


def test_email_is_stored_normalized(client, app, providers):
    walk_to_check(client, way="email", details={"email": "Maria@Beispiel.EXAMPLE"})
    send(client)
    assert stored(app)[0].email == "Maria@beispiel.example"


SCRIPT = '<script>alert("x")</script><b onmouseover=alert(1)>fett</b>'


def test_html_and_script_are_text_on_every_page(client, app, providers):
    walk_to_check(client, name=SCRIPT, message=SCRIPT, way="vertrauensperson",
                  details={"helper_name": SCRIPT, "helper_contact": "0451 9999", "good_times": SCRIPT})
    for url in ("/kontakt/pruefen", "/kontakt/name", "/kontakt/erreichbar", "/kontakt/nachricht"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in html and "<b onmouseover" not in html, url
        assert "&lt;script&gt;" in html, url
    send(client)
    assert stored(app)[0].name == SCRIPT  # stored as typed, escaped when shown


def test_consent_is_required_and_nothing_is_stored_without_it(client, app, providers):
    walk_to_check(client)
    document, _ = error_page(client, send(client, consent=False), "consent")
    assert "Ja, ich bin einverstanden" in page_text(document)
    assert stored(app) == [] and outbox(app) == []


def test_a_form_without_a_valid_csrf_token_is_refused_and_stores_nothing(client, app, providers):
    response = client.post("/kontakt/name", data={"name": "Maria"})
    check_page(response, status=400)
    assert "Das Formular ist abgelaufen" in page_text(check_page(response, status=400))
    with app.app_context():
        assert db.session.query(ContactDraft).count() == 0
    walk_to_check(client)
    response = client.post("/kontakt/pruefen", data={"consent": "y", "csrf_token": "falsch"})
    check_page(response, status=400)
    assert stored(app) == [] and outbox(app) == []


def test_honeypot_on_the_send_page_answers_as_if_all_went_well_and_stores_nothing(client, app, providers):
    walk_to_check(client)
    response = send(client, website="http://spam.example")
    assert response.headers["Location"] == "/kontakt/fertig"
    text = page_text(check_page(client.get("/kontakt/fertig")))
    assert re.search(r"JB-[2-9A-HJ-NP-Z]{4}", text)
    assert stored(app) == [] and outbox(app) == []
    with app.app_context():
        assert db.session.query(ContactDraft).count() == 0


def test_honeypot_on_a_question_page_marks_the_whole_request_as_spam(client, app, providers):
    step(client, "name", {"name": "Bot", "website": "x"})
    walk_to_check(client)
    send(client)
    assert stored(app) == []


@pytest.fixture
def app_config():
    return {"RATELIMIT_ENABLED": True, "FORM_RATE_LIMIT": "2 per minute"}


def test_rate_limit_lets_a_person_send_twice_then_answers_in_easy_language(client, app, providers):
    for _ in range(2):
        walk_to_check(client)
        assert send(client).status_code == 303
    walk_to_check(client)
    response = send(client)
    document = check_page(response, status=429)
    assert "Bitte machen Sie eine kurze Pause" in page_text(document)
    assert len(stored(app)) == 2
