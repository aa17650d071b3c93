"""The operator's desk in a real browser, by keyboard only: the demo operator logs in at
/anbieter/anmelden, lands on the desk, opens a barrier report, sets "in Arbeit" with a note, then
"erledigt", and logs out. Axe-clean at 320 and 1280 px and with very large text on every state."""
from __future__ import annotations

import pytest

from portal.extensions import db
from portal.operator.demo import DEMO_OPERATOR_EMAIL
from portal.operator.logic import entries
from portal.pages.models import BarrierReport
from portal.providers.demo import DEFAULT_DEMO_PASSWORD
from tests.browser.test_contact_browser import h1
from tests.support.browser import check_accessibility
from tests.support.keyboard import choose_radio, focus_next, press_and_wait, submit, type_into

pytestmark = pytest.mark.browser


@pytest.fixture
def report_id(live_app):
    """A fresh barrier report, so this test depends on no other."""
    with live_app.app_context():
        report = BarrierReport(lang="de", page="Modul 3", description="Der Knopf <Weiter> ist zu klein.",
                               contact="telefon 030 23125 300")
        db.session.add(report)
        db.session.commit()
        return report.id


def test_an_operator_works_through_a_barrier_report_by_keyboard(page, live_app, report_id):
    page.goto("/betrieb?lang=de")
    assert h1(page) == "Anmelden für Anbieter"  # the shared log-in page, and back to the desk after it
    type_into(page, "email", DEMO_OPERATOR_EMAIL)
    type_into(page, "password", DEFAULT_DEMO_PASSWORD)
    submit(page, "Anmelden")
    assert h1(page) == "Betrieb des Portals"
    assert page.url.endswith("/betrieb?lang=de")
    check_accessibility(page)

    focus_next(page, f"el.textContent.trim() === 'Meldung {report_id}'")
    press_and_wait(page)
    assert h1(page) == f"Barriere·meldung {report_id}".replace("·", "")
    assert "Der Knopf <Weiter> ist zu klein." in page.locator("main").inner_text()
    check_accessibility(page)

    submit(page, "Speichern")  # nothing changed: a friendly error, focus on the summary
    assert "Bitte ändern Sie den Status oder schreiben Sie eine Notiz." in page.locator(".error-summary").inner_text()
    check_accessibility(page)

    choose_radio(page, "status", "in_arbeit")
    type_into(page, "note", "Ich prüfe die Größe des Knopfes.")
    submit(page, "Speichern")
    assert "Gespeichert." in page.locator(".inbox-notice").inner_text()
    history = page.locator(".inbox-history").inner_text()
    assert "Status geändert: In Arbeit" in history and "Ich prüfe die Größe des Knopfes." in history
    check_accessibility(page)

    choose_radio(page, "status", "erledigt")
    submit(page, "Speichern")
    assert "Status geändert: Erledigt" in page.locator(".inbox-history").inner_text()
    assert page.locator(".summary-list").inner_text().count("Erledigt") == 1
    check_accessibility(page)
    with live_app.app_context():
        report = db.session.get(BarrierReport, report_id)
        assert report.status == "erledigt"
        assert [(e.status, e.text) for e in entries(report)] == [
            ("in_arbeit", "Ich prüfe die Größe des Knopfes."), ("erledigt", "")]

    focus_next(page, "el.textContent.trim() === 'Zur Liste'")
    press_and_wait(page)
    assert h1(page) == "Betrieb des Portals"
    focus_next(page, "el.textContent.trim() === 'Abmelden'")
    press_and_wait(page)
    assert h1(page) == "Anmelden für Anbieter" and "Sie sind abgemeldet." in page.locator("main").inner_text()
    check_accessibility(page)
    page.goto(f"/betrieb/barrieren/{report_id}")
    assert h1(page) == "Anmelden für Anbieter"


def test_staff_get_a_404_page_for_the_desk_in_the_browser(page, report_id):
    page.goto("/anbieter/anmelden?lang=de")
    type_into(page, "email", "team@ifd-bremen.example")
    type_into(page, "password", DEFAULT_DEMO_PASSWORD)
    submit(page, "Anmelden")
    response = page.goto(f"/betrieb/barrieren/{report_id}")
    assert response.status == 404 and h1(page) == "Diese Seite gibt es nicht"
    check_accessibility(page)
