"""The contact request in a real browser, by keyboard only, with and without an attached Klärung
result; axe-clean (WCAG 2.2 A/AA) at 320 and 1280 px and with very large text on every page state."""
from __future__ import annotations

import re

import pytest

import portal.klaerung
from portal.contact.models import ContactRequest
from portal.extensions import db
from tests.support.browser import check_accessibility
from tests.support.keyboard import choose_radio, focus_next, press_and_wait, submit, type_into

pytestmark = pytest.mark.browser

RESULT = {
    "title": "Mein Ergebnis",
    "created": "2026-11-25",
    "sections": [{"heading": "Das mache ich gerne", "items": ["Küche", "Garten"]},
                 {"heading": "Diese Hilfe brauche ich", "items": ["Pausen"]}],
}



def tick(page, selector_js: str) -> None:
    focus_next(page, selector_js)
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")


def h1(page) -> str:
    return page.locator("h1").inner_text().replace("·", "")


def start(page) -> None:
    page.goto("/kontakt?lang=de")
    focus_next(page, "el.textContent.trim() === 'Jetzt starten'")
    press_and_wait(page)
    assert h1(page) == "Wie heißen Sie?"


def stored(live_app, reference: str) -> ContactRequest:
    with live_app.app_context():
        return db.session.execute(db.select(ContactRequest).filter_by(reference=reference)).scalar_one()


def test_contact_request_by_keyboard_with_errors_and_every_page_checked(page, live_app):
    page.goto("/kontakt?lang=de")
    check_accessibility(page)
    start(page)
    check_accessibility(page)

    submit(page)  # nothing typed: the error summary gets the focus
    assert page.title().startswith("Fehler: ")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    check_accessibility(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the summary's link puts the cursor into the field
    assert page.evaluate("document.activeElement.id") == "name"
    page.keyboard.type("Maria <b>Test</b>")
    submit(page)

    assert h1(page) == "In welche Werkstatt gehen Sie?"
    check_accessibility(page)
    choose_radio(page, "workshop", "andere")
    submit(page)
    assert h1(page) == "Wo wohnen Sie?"
    check_accessibility(page)
    type_into(page, "postcode", "2355")
    submit(page)
    assert page.title().startswith("Fehler: ")
    check_accessibility(page)
    type_into(page, "postcode", "23552")
    submit(page)

    assert h1(page) == "Ihre Anfrage geht an: integra Lübeck"
    check_accessibility(page)
    submit(page)

    check_accessibility(page)
    choose_radio(page, "way", "email")
    submit(page)
    assert h1(page) == "Wie ist Ihre E-Mail-Adresse?"
    type_into(page, "email", "maria@")
    submit(page)
    assert "Diese E-Mail-Adresse stimmt nicht" in page.locator(".error-summary").inner_text()
    check_accessibility(page)
    type_into(page, "email", "maria@beispiel.example")
    type_into(page, "good_times", "Vormittags")
    submit(page)

    assert h1(page) == "Worüber möchten Sie sprechen?"
    check_accessibility(page)
    tick(page, "el.value === 'modul-3'")
    tick(page, "el.value === 'reden'")
    submit(page)
    check_accessibility(page)
    type_into(page, "message", "Ich koche gern.\n<script>alert(1)</script>")
    submit(page)

    assert h1(page) == "Bitte prüfen Sie Ihre Anfrage"
    assert "<script>alert(1)</script>" in page.locator("main").inner_text()
    check_accessibility(page)
    submit(page, "Anfrage abschicken")  # no consent yet
    assert "Ja, ich bin einverstanden" in page.locator(".error-summary").inner_text()
    check_accessibility(page)
    tick(page, "el.id === 'consent'")
    submit(page, "Anfrage abschicken")

    assert h1(page) == "Ihre Anfrage ist angekommen"
    check_accessibility(page)
    reference = page.locator(".reference").inner_text()
    assert re.fullmatch(r"JB-[2-9A-HJ-NP-Z]{4}", reference)
    request = stored(live_app, reference)
    assert (request.name, request.contact_way, request.email, request.provider_id is not None) == (
        "Maria <b>Test</b>", "email", "maria@beispiel.example", True)
    assert request.topics == ["modul-3", "reden"] and request.klaerung_result is None


def test_contact_request_by_keyboard_with_the_klaerung_result(page, live_app, monkeypatch):
    monkeypatch.setattr(portal.klaerung, "result_snapshot", lambda lang=None: RESULT, raising=False)
    page.goto("/kontakt?lang=de&mit_ergebnis=1")
    assert "Ergebnis von der Klärung mitschicken" in page.locator("main").inner_text()
    focus_next(page, "el.textContent.trim() === 'Jetzt starten'")
    press_and_wait(page)
    type_into(page, "name", "Ali")
    submit(page)
    choose_radio(page, "workshop", "format-werkstatt-fuerstenwalde-spree")
    submit(page)
    assert "NIAB" in h1(page)
    submit(page)
    choose_radio(page, "way", "vertrauensperson")
    submit(page)
    type_into(page, "helper_name", "Petra")
    type_into(page, "helper_contact", "030 23125 999")
    submit(page)
    tick(page, "el.value === 'budget'")
    submit(page)
    submit(page)  # no message: it is voluntary

    assert h1(page) == "Möchten Sie Ihr Ergebnis mitschicken?"
    main = page.locator("main").inner_text()
    assert "Das mache ich gerne" in main and "Garten" in main and "Pausen" in main
    check_accessibility(page)
    tick(page, "el.id === 'attach'")
    submit(page)

    assert "Diese Angaben schicken Sie mit" in page.locator("main").inner_text()
    check_accessibility(page)
    tick(page, "el.id === 'consent'")
    submit(page, "Anfrage abschicken")
    reference = page.locator(".reference").inner_text()
    assert stored(live_app, reference).klaerung_result == RESULT


def test_a_place_nobody_serves_gets_kind_words_free_advice_and_nearest_providers(page):
    start(page)
    type_into(page, "name", "Sam")
    submit(page)
    choose_radio(page, "workshop", "andere")
    submit(page)
    type_into(page, "postcode", "80331")
    submit(page)
    assert h1(page) == "Für Ihren Wohnort haben wir leider keinen Anbieter"
    main = page.locator("main").inner_text()
    assert "EUTB" in main and "Anbieter in der Nähe" in main
    assert page.locator("main button[type=submit]").count() == 0  # after main: "Das verstehe ich nicht"
    check_accessibility(page)
    page.goto("/kontakt/anbieter?kontrast=hoch")
    check_accessibility(page)
    page.goto("/kontakt?kontrast=normal")


def test_english_pages_and_cancelling_by_keyboard(page):
    page.goto("/kontakt?lang=en")
    focus_next(page, "el.textContent.trim() === 'Start now'")
    press_and_wait(page)
    assert h1(page) == "What is your name?"
    type_into(page, "name", "Kim")
    focus_next(page, "el.tagName === 'BUTTON' && el.type === 'submit'")  # "Weiter" has two English words in the catalogues
    press_and_wait(page)
    check_accessibility(page)
    page.goto("/kontakt")
    focus_next(page, "el.textContent.trim() === 'Start again and delete everything'")
    press_and_wait(page)
    assert page.locator("a", has_text="Start now").count() == 1
    page.goto("/kontakt?lang=de")
