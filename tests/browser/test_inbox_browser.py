"""The provider inbox in a real browser, by keyboard only: log-in (with a wrong password first),
filter, search, a request's page, a note, a status, an assignment, the CSV export, log-out.
Axe-clean at 320 and 1280 px and with very large text on every page state."""
from __future__ import annotations

import secrets

import pytest

from portal.contact.models import ContactRequest
from portal.contact.references import ALPHABET
from portal.extensions import db
from portal.inbox.models import HistoryEntry
from portal.providers.demo import DEFAULT_DEMO_PASSWORD, demo_account_email
from portal.providers.models import Provider
from tests.browser.test_contact_browser import h1
from tests.support.browser import check_accessibility
from tests.support.keyboard import choose_radio, focus_next, press_and_wait, submit, type_into

pytestmark = pytest.mark.browser

EMAIL = demo_account_email("jzsl-jena")


@pytest.fixture
def own_request(live_app):
    """A fresh request for JZsL Jena, so this test depends on no other."""
    reference = "JB-" + "".join(secrets.choice(ALPHABET) for _ in range(4))
    name = f"Browser {reference[-4:]}"
    with live_app.app_context():
        provider = db.session.execute(db.select(Provider).filter_by(slug="jzsl-jena")).scalar_one()
        request = ContactRequest(reference=reference, provider_id=provider.id, routed_by="workshop", name=name,
                                 contact_way="telefon", phone="030 23125 300", consent_version="1",
                                 topics=["modul-2"], message="Bitte rufen Sie mich an.",
                                 workshop_name="Roda-Werkstatt, Stadtroda")
        request.refresh_search_text()
        db.session.add(request)
        db.session.commit()
    return reference, name


def log_in(page, password: str) -> None:
    type_into(page, "email", EMAIL)
    type_into(page, "password", password)
    submit(page, "Anmelden")


def test_inbox_by_keyboard(page, live_app, own_request):
    reference, name = own_request
    page.goto("/anbieter?lang=de")
    assert h1(page) == "Anmelden für Anbieter"
    check_accessibility(page)
    log_in(page, "falsches Passwort")
    assert "E-Mail-Adresse oder Passwort stimmt nicht." in page.locator(".error-summary").inner_text()
    check_accessibility(page)
    log_in(page, DEFAULT_DEMO_PASSWORD)

    assert h1(page) == "Anfragen an JZsL Jena"
    check_accessibility(page)
    focus_next(page, "el.textContent.trim() === 'Neu' && el.closest('.inbox-filter')")
    press_and_wait(page)
    assert page.locator(".inbox-filter a[aria-current]").inner_text() == "Neu"
    type_into(page, "suche", name.upper())
    press_and_wait(page)  # Enter in the search box sends the search
    assert page.locator(".inbox-item").count() == 1
    check_accessibility(page)

    focus_next(page, f"el.textContent.trim() === '{reference}'")
    press_and_wait(page)
    assert h1(page) == f"Anfrage {reference}"
    assert "Bitte rufen Sie mich an." in page.locator("main").inner_text()
    check_accessibility(page)

    type_into(page, "note-text", "Angerufen, nicht erreicht.")
    submit(page, "Notiz speichern")
    assert "Gespeichert." in page.locator(".inbox-notice").inner_text()
    choose_radio(page, "status-status", "in_kontakt")
    submit(page, "Status speichern")
    with live_app.app_context():
        me = db.session.execute(db.select(ContactRequest).filter_by(reference=reference)).scalar_one()
        assert me.status == "in_kontakt"
        team = str(db.session.execute(db.select(Provider).filter_by(slug="jzsl-jena")).scalar_one().staff[0].id)
    choose_radio(page, "assign-assignee", team)
    submit(page, "Zuständig speichern")
    history = page.locator(".inbox-history").inner_text()
    assert "Angerufen, nicht erreicht." in history and "Status geändert: In Kontakt" in history and "Zuständig:" in history
    check_accessibility(page)
    with live_app.app_context():
        kinds = db.session.execute(db.select(HistoryEntry.kind).join(ContactRequest).filter(
            ContactRequest.reference == reference).order_by(HistoryEntry.id)).scalars().all()
        assert kinds == ["note", "status", "assigned"]

    focus_next(page, "el.textContent.trim() === 'Zur Liste'")
    press_and_wait(page)
    focus_next(page, "el.textContent.trim() === 'Diese Liste als CSV-Datei herunterladen'")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    text = open(download.value.path(), encoding="utf-8-sig").read()
    assert reference in text and name in text
    page.goto("/anbieter/export.csv")  # an old bookmark or another site's link: the button, no download
    assert h1(page) == "Liste herunterladen"
    check_accessibility(page)

    focus_next(page, "el.textContent.trim() === 'Abmelden'")
    press_and_wait(page)
    assert h1(page) == "Anmelden für Anbieter" and "Sie sind abgemeldet." in page.locator("main").inner_text()
    check_accessibility(page)
    page.goto(f"/anbieter/anfragen/{reference}")
    assert h1(page) == "Anmelden für Anbieter"


def test_another_providers_request_is_a_404_page_in_the_browser(page, own_request):
    reference, _name = own_request
    page.goto("/anbieter/anmelden?lang=de")
    type_into(page, "email", demo_account_email("ifd-bremen"))
    type_into(page, "password", DEFAULT_DEMO_PASSWORD)
    submit(page, "Anmelden")
    response = page.goto(f"/anbieter/anfragen/{reference}")
    assert response.status == 404 and h1(page) == "Diese Seite gibt es nicht"
    check_accessibility(page)
