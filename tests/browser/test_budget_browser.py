"""The Persönliches Budget in a real browser, by keyboard only: the steps and the checklist, the
office finder, the letter with its print view and PDF, and the deadline calculator; axe on every state."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from portal.budget import deadlines
from tests.support.browser import check_accessibility
from tests.support.keyboard import choose_radio, focus_next

pytestmark = pytest.mark.browser

CONTENT_PAGES = [
    "/budget",
    "/budget/schritte",
    "/budget/schritte/zielvereinbarung",
    "/budget/checkliste",
    "/budget/amt",
    "/budget/amt/ort",
    "/budget/antrag",
    "/budget/frist/widerspruch",
    "/budget/frist/amt",
]


def press_and_wait(page, key: str = "Enter") -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def tab_to_button(page, text: str) -> None:
    focus_next(page, f"el.tagName === 'BUTTON' && el.textContent.replace(/\\s+/g, ' ').trim() === {text!r}")


def tab_to_link(page, text: str) -> None:
    focus_next(page, f"el.tagName === 'A' && el.textContent.replace(/\\s+/g, ' ').trim() === {text!r}", limit=80)


@pytest.mark.parametrize("url", CONTENT_PAGES)
def test_budget_pages_are_accessible_in_both_languages_and_high_contrast(page, url):
    for query in ("?lang=de", "?lang=en", "?lang=de&kontrast=hoch"):
        page.goto(url + query)
        check_accessibility(page)
    page.goto("/?kontrast=normal")


def test_walk_the_steps_and_tick_them_off_by_keyboard(page):
    page.goto("/budget?lang=de")
    focus_next(page, "el.getAttribute('href') === '/budget/schritte'")
    press_and_wait(page)
    assert page.locator("h1").inner_text().replace("·", "") == "Schritt für Schritt zum Persönlichen Budget"
    focus_next(page, "el.getAttribute('href') === '/budget/schritte/beratung'")
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "Schritt 1: Sich beraten lassen"
    check_accessibility(page)

    tab_to_button(page, "Als erledigt abhaken")
    press_and_wait(page)
    assert page.url.endswith("/budget/schritte/beratung#erledigt")
    assert "Erledigt" in page.locator("#erledigt").inner_text()
    assert "1 von 9 erledigt" in page.locator("#erledigt").inner_text()
    check_accessibility(page)

    # On to the next step with the pager, and the step-by-step navigation marks where we are.
    focus_next(page, "el.getAttribute('rel') === 'next'")
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "Schritt 2: Das richtige Amt finden"
    assert page.locator(".budget-step-nav a[aria-current='step']").inner_text() == "Das richtige Amt finden"

    # The checklist: tick step 3 with the space bar, then open step 1 again.
    page.goto("/budget/checkliste")
    assert "1 von 9 erledigt" in page.locator(".budget-progress").inner_text()
    focus_next(page, "el.tagName === 'BUTTON' && el.closest('#schritt-antrag')")
    press_and_wait(page, "Space")
    assert page.url.endswith("/budget/checkliste#schritt-antrag")
    assert "2 von 9 erledigt" in page.locator(".budget-progress").inner_text()
    assert "Erledigt" in page.locator("#schritt-antrag").inner_text()
    check_accessibility(page)
    focus_next(page, "el.tagName === 'BUTTON' && el.closest('#schritt-beratung')")
    press_and_wait(page)
    assert "1 von 9 erledigt" in page.locator(".budget-progress").inner_text()


def test_keep_the_checklist_with_a_code_and_continue_in_another_browser(page, browser, live_server):
    page.goto("/budget/checkliste?lang=de")
    focus_next(page, "el.tagName === 'BUTTON' && el.closest('#schritt-geld')")
    press_and_wait(page)
    tab_to_button(page, "Haken mit einem Code speichern")
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "Ihr Code"
    check_accessibility(page)
    code = page.locator(".budget-code-large").inner_text()
    assert re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+ [A-Z][a-z]+ \d{4}", code)

    other = browser.new_context(base_url=live_server.url, locale="de-DE")
    try:
        fresh = other.new_page()
        fresh.goto("/weitermachen?weiter=/budget/checkliste&lang=de")
        fresh.locator("input[name='code']").fill(code)
        with fresh.expect_navigation():
            fresh.keyboard.press("Enter")
        assert fresh.url.endswith("/budget/checkliste")
        assert "1 von 9 erledigt" in fresh.locator(".budget-progress").inner_text()
        assert code in fresh.locator("section[aria-labelledby='merken']").inner_text()
    finally:
        other.close()


def test_find_the_office_by_keyboard(page):
    page.goto("/budget/amt?lang=de")
    focus_next(page, "el.getAttribute('href') === '/budget/amt/ort'")
    press_and_wait(page)
    tab_to_button(page, "Weiter")  # nothing chosen: the error summary is read first
    press_and_wait(page)
    assert page.title().startswith("Fehler: ")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    check_accessibility(page)
    for name, value in (("answer", "arbeitsbereich"),):
        choose_radio(page, name, value)
    tab_to_button(page, "Weiter")
    press_and_wait(page)
    assert "Frage 2 von 3" in page.locator(".budget-question-count").inner_text()
    choose_radio(page, "answer", "arbeit")
    tab_to_button(page, "Weiter")
    press_and_wait(page)
    choose_radio(page, "answer", "nichts")
    tab_to_button(page, "Weiter")
    press_and_wait(page)
    assert page.locator("h1").inner_text().replace("·", "") == "Schreiben Sie an: Amt für Eingliederungshilfe"
    assert "Für Fachleute: § 61 SGB IX, § 63 SGB IX" in page.locator(".budget-result").inner_text().replace("\xa0", " ")
    check_accessibility(page)
    focus_next(page, "el.getAttribute('href') === '/budget/antrag'")
    press_and_wait(page)
    assert page.locator("input[name='office'][value='eingliederungshilfe']").is_checked()


def fill_letter_by_keyboard(page) -> None:
    for field, text in (
        ("name", "Erika <b>Muster</b>"),
        ("street", "Hauptstraße 1"),
        ("town", "12345 Musterstadt"),
        ("birth_date", "14.5.1990"),
    ):
        focus_next(page, f"el.id === {field!r}")
        page.keyboard.type(text)
    choose_radio(page, "office", "agentur")
    focus_next(page, "el.id === 'help'")
    page.keyboard.type("Ich möchte in einem Betrieb lernen.")
    page.keyboard.press("Enter")
    page.keyboard.type("Dafür brauche ich einen Jobcoach.")


def test_write_the_letter_open_the_print_view_and_download_the_pdf_by_keyboard(page):
    page.goto("/budget/antrag?lang=de")
    check_accessibility(page)
    tab_to_button(page, "Brief ansehen")  # empty form: errors, and nothing is lost
    press_and_wait(page)
    assert page.title().startswith("Fehler: ")
    assert page.locator(".error-summary li").count() == 5
    check_accessibility(page)

    fill_letter_by_keyboard(page)
    tab_to_button(page, "Brief ansehen")
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "Ihr Antrag"
    letter = page.locator(".budget-letter")
    assert "Erika <b>Muster</b>" in letter.inner_text()  # shown as typed, never as markup
    assert letter.locator("b").count() == 0
    assert "in Form eines Persönlichen Budgets" in letter.inner_text()
    check_accessibility(page)

    tab_to_link(page, "Druckansicht öffnen")
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "Ihr Antrag zum Drucken"
    check_accessibility(page)
    page.emulate_media(media="print")
    assert not page.locator("h1").is_visible() and not page.locator("header").is_visible()
    assert page.locator(".budget-letter").is_visible()
    subject_top = page.evaluate("document.querySelector('.budget-letter-subject').getBoundingClientRect().top")
    address_top = page.evaluate("document.querySelector('.budget-letter-recipient').getBoundingClientRect().top")
    assert subject_top > address_top
    printed = page.pdf(format="A4")
    assert printed.count(b"/Type /Page") - printed.count(b"/Type /Pages") == 1, "the letter prints on one A4 page"
    page.emulate_media(media="screen")

    tab_to_link(page, "Zurück zum Brief")
    press_and_wait(page)
    tab_to_link(page, "Als PDF herunterladen")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename.startswith("Antrag-Persoenliches-Budget-")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # The download leaves the page as it was: the next button works at once.
    tab_to_link(page, "Brief ändern")
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "Den Antrag schreiben"
    assert page.locator("#name").input_value() == "Erika <b>Muster</b>"
    assert page.locator("#birth_date").input_value() == "14.05.1990"


def test_work_out_the_objection_deadline_by_keyboard(page):
    page.goto("/budget/frist/widerspruch?lang=de")
    focus_next(page, "el.id === 'letter_date'")
    page.keyboard.type("31.02.2026")
    tab_to_button(page, "Letzten Tag ausrechnen")
    press_and_wait(page)
    assert page.title().startswith("Fehler: ")
    assert page.locator("#letter_date").input_value() == "31.02.2026"
    check_accessibility(page)

    letter_date = date.today() - timedelta(days=3)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the first link of the error summary puts the cursor into the field
    assert page.evaluate("document.activeElement.id") == "letter_date"
    page.keyboard.press("Control+A")
    page.keyboard.type(letter_date.strftime("%d.%m.%Y"))
    choose_radio(page, "by_post", "ja")
    choose_radio(page, "land", "NW")
    tab_to_button(page, "Letzten Tag ausrechnen")
    press_and_wait(page)
    expected = deadlines.objection_deadline(letter_date, True, "NW").last_day
    assert page.locator(".budget-deadline").inner_text() == deadlines.long_date(expected, "de")
    assert "Nordrhein-Westfalen" in page.locator("main").inner_text()
    check_accessibility(page)


def test_work_out_the_office_time_limits(page):
    page.goto("/budget/frist/amt?lang=en")
    focus_next(page, "el.id === 'received'")
    received = date.today() - timedelta(days=5)
    page.keyboard.type(received.strftime("%d.%m.%Y"))
    tab_to_button(page, "Work out the deadlines")
    press_and_wait(page)
    assert deadlines.long_date(received + timedelta(weeks=3), "en") in page.locator(".budget-limits").inner_text()
    check_accessibility(page)
