"""The back button and reload after every kind of POST (Post/Redirect/Get): the browser never asks
"Confirm form resubmission" (headless Chromium would answer a POST entry with net::ERR_CACHE_MISS or
post again), because every page a person lands on after a POST was fetched with GET."""
from __future__ import annotations

import pytest

from tests.support.browser import check_accessibility
from tests.support.keyboard import choose_radio, submit

pytestmark = pytest.mark.browser


def h1(page) -> str:
    return page.locator("h1").first.inner_text().replace("·", "")


def navigation_methods(page, action) -> list[str]:
    """The methods of the page loads `action` makes."""
    methods = []

    def note(request):
        if request.is_navigation_request() and request.frame == page.main_frame:
            methods.append(request.method)

    page.on("request", note)
    try:
        action()
        page.wait_for_load_state()
    finally:
        page.remove_listener("request", note)
    return methods


def back(page, heading: str) -> None:
    methods = navigation_methods(page, page.go_back)
    assert all(method == "GET" for method in methods), methods
    assert h1(page) == heading


def reload(page, heading: str) -> None:
    methods = navigation_methods(page, page.reload)
    assert methods == ["GET"], methods
    assert h1(page) == heading


def write_letter(page) -> None:
    page.goto("/budget/antrag?lang=de")
    page.fill("#name", "Erika Muster")
    page.fill("#street", "Hauptstraße 1")
    page.fill("#town", "12345 Musterstadt")
    page.check("input[name=office][value=agentur]")
    page.fill("#help", "Ich möchte in einem Betrieb lernen.")
    with page.expect_navigation():
        page.get_by_role("button", name="Brief ansehen").click()


def test_back_and_reload_on_the_letter_preview_and_print_view(page):
    write_letter(page)
    assert page.url.endswith("/budget/antrag/vorschau") and h1(page) == "Ihr Antrag"
    reload(page, "Ihr Antrag")
    with page.expect_navigation():
        page.get_by_role("link", name="Druckansicht öffnen").click()
    assert h1(page) == "Ihr Antrag zum Drucken"
    reload(page, "Ihr Antrag zum Drucken")
    back(page, "Ihr Antrag")
    back(page, "Den Antrag schreiben")
    assert page.locator("#name").input_value() == "Erika Muster"


def test_the_pdf_download_says_it_is_being_made_and_back_still_works(page):
    write_letter(page)
    link = page.get_by_role("link", name="Als PDF herunterladen")
    # Slow the PDF down a little, so the waiting text can be seen.
    page.route("**/budget/antrag/pdf", lambda route: (page.wait_for_timeout(300), route.continue_()))
    with page.expect_download() as download_info:
        link.click()
        assert page.locator("[data-download-status]").inner_text() == "Der Brief wird gemacht. Bitte warten."
    assert download_info.value.suggested_filename.startswith("Antrag-Persoenliches-Budget-")
    page.wait_for_function("document.querySelector('[data-download-status]').textContent === 'Der Brief ist fertig.'")
    assert link.inner_text() == "Als PDF herunterladen"
    assert h1(page) == "Ihr Antrag"
    back(page, "Den Antrag schreiben")


def test_the_print_button_replaces_the_instruction(page):
    write_letter(page)
    assert page.get_by_role("button", name="Drucken").is_visible()
    assert not page.locator("[data-print-keys]").is_visible()
    check_accessibility(page)


def test_without_javascript_the_instruction_stays(browser, live_server):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    try:
        write_letter(page)
        assert "Drücken Sie die Tasten Strg und P." in page.locator("[data-print-keys]").inner_text()
        assert not page.get_by_role("button", name="Drucken").is_visible()
        assert page.get_by_role("link", name="Als PDF herunterladen").get_attribute("href") == "/budget/antrag/pdf"
    finally:
        context.close()


def test_back_after_a_klaerung_answer(page):
    page.goto("/klaerung?lang=de")
    choose_radio(page, "mode", "allein")
    submit(page, "Los geht's")
    first = h1(page)
    assert "/klaerung/frage/" in page.url
    choose_radio(page, "answer", "arbeitsbereich")
    submit(page)
    second = h1(page)
    assert second != first
    reload(page, second)
    back(page, first)


def test_back_after_a_contact_step(page):
    page.goto("/kontakt/name?lang=de")
    first = h1(page)
    page.fill("#name", "Maria")
    submit(page)
    assert h1(page) == "In welche Werkstatt gehen Sie?"
    reload(page, "In welche Werkstatt gehen Sie?")
    back(page, first)


def test_a_form_with_errors_can_be_reloaded_and_reached_with_back(page):
    page.goto("/barrierefreiheit?lang=de")
    heading = h1(page)
    page.fill("#page", "Startseite")
    methods = navigation_methods(page, lambda: submit(page, "Meldung abschicken"))
    assert methods == ["POST", "GET"], "the post with errors answers with a redirect to the form"
    assert page.title().startswith("Fehler: ")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert page.locator("#page").input_value() == "Startseite"
    reload(page, heading)
    assert page.title().startswith("Fehler: ") and page.locator("#page").input_value() == "Startseite"
    page.goto("/module")
    back(page, heading)
    assert page.locator("#page").input_value() == "Startseite"
