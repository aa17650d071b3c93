"""The readers' voice in a real browser, by keyboard only: a reader flags a section of Modul 3 in
German and in English and names a word (sent in place by our script: the page stays, and what is
typed in a form page's own form stays too); without JavaScript the same form goes back to the section
with a thank-you; the dictionary asks for a missing word; an operator sees the place ranked on the
desk, changes the period and marks the place as reworked. Axe-clean at 320 and 1280 px and with very
large text on every new state."""
from __future__ import annotations

import pytest

from portal.extensions import db
from portal.feedback.models import ReaderFlag, ReaderRework
from portal.operator.demo import DEMO_OPERATOR_EMAIL
from portal.providers.demo import DEFAULT_DEMO_PASSWORD
from tests.browser.test_contact_browser import h1
from tests.support.browser import check_accessibility
from tests.support.keyboard import choose_radio, focus_next, press_and_wait, submit, type_into
from tests.support.phone import PHONE, h1_bottom

pytestmark = pytest.mark.browser

THANKS = {"de": "Danke! Das Team vom Portal bekommt Ihren Hinweis.", "en": "Thank you! The website team gets your note."}
SUMMARY = {"de": "Das verstehe ich nicht", "en": "I don't understand this"}


def flags(live_app, **where) -> list[tuple]:
    with live_app.app_context():
        rows = db.session.execute(db.select(ReaderFlag).filter_by(**where).order_by(ReaderFlag.id)).scalars()
        return [(row.lang, row.page, row.section, row.word) for row in rows]


def open_control(page, control_id: str) -> None:
    """Tab to the control's summary and open it with Enter."""
    focus_next(page, f"el.tagName === 'SUMMARY' && el.parentElement.id === '{control_id}'", limit=200)
    page.keyboard.press("Enter")
    assert page.evaluate(f"document.getElementById('{control_id}').open")


@pytest.mark.parametrize("lang, word", [("de", "Arbeits·assistenz"), ("en", "job coach")])
def test_a_reader_flags_a_section_by_keyboard_and_stays_on_the_page(page, live_app, lang, word):
    page.goto(f"/module/3?lang={lang}")
    before = flags(live_app, page="/module/3", section="teil-how", lang=lang)
    summary = page.locator("#verstehen-teil-how > summary")
    assert summary.inner_text().strip().startswith(SUMMARY[lang] + "\n: ")  # the section, for screen readers
    check_accessibility(page)  # every control closed: one calm line per section
    open_control(page, "verstehen-teil-how")
    check_accessibility(page)  # open
    type_into(page, "verstehen-teil-how-word", word)
    focus_next(page, "el.tagName === 'BUTTON' && el.closest('#verstehen-teil-how') !== null")
    url = page.url
    page.keyboard.press("Enter")
    status = page.locator("#verstehen-teil-how [data-voice-status]")
    status.get_by_text(THANKS[lang]).wait_for()
    assert page.url == url  # sent in place
    assert page.locator("#verstehen-teil-how-word").input_value() == ""
    assert flags(live_app, page="/module/3", section="teil-how", lang=lang) == before + [(lang, "/module/3", "teil-how", word)]
    check_accessibility(page)  # with the thank-you


def test_a_too_long_word_is_explained_in_place_and_focused(page, live_app):
    page.goto("/datenschutz?lang=de")
    open_control(page, "verstehen-abschnitt-2")
    # The browser's limit leaves room for blanks; the server counts after removing them.
    page.evaluate("document.getElementById('verstehen-abschnitt-2-word').removeAttribute('maxlength')")
    type_into(page, "verstehen-abschnitt-2-word", "x" * 61)
    focus_next(page, "el.tagName === 'BUTTON' && el.closest('#verstehen-abschnitt-2') !== null")
    page.keyboard.press("Enter")
    error = page.locator("#verstehen-abschnitt-2-error")
    error.get_by_text("höchstens 60 Zeichen").wait_for()
    assert page.evaluate("document.activeElement.id") == "verstehen-abschnitt-2-word"
    assert page.get_attribute("#verstehen-abschnitt-2-word", "aria-invalid") == "true"
    check_accessibility(page)


def test_what_is_typed_in_a_form_page_stays_when_its_page_is_flagged(page, live_app):
    page.goto("/kontakt/name?lang=de")
    type_into(page, "name", "Maria Beispiel")
    open_control(page, "verstehen-seite")
    type_into(page, "verstehen-seite-word", "Fach·kraft")
    focus_next(page, "el.tagName === 'BUTTON' && el.closest('#verstehen-seite') !== null")
    page.keyboard.press("Enter")
    page.locator("#verstehen-seite [data-voice-status]").get_by_text(THANKS["de"]).wait_for()
    assert page.locator("#name").input_value() == "Maria Beispiel"
    assert ("de", "/kontakt/name", "", "Fach·kraft") in flags(live_app, page="/kontakt/name")
    check_accessibility(page)


def test_the_dictionary_asks_for_a_missing_word_by_keyboard(page, live_app):
    page.goto("/woerterbuch?lang=en")
    focus_next(page, "el.getAttribute('href') === '#verstehen-wort-fehlt'")  # past all the words at once
    assert page.evaluate("document.activeElement.textContent") == "Is your word missing?"
    page.keyboard.press("Enter")
    type_into(page, "wort-fehlt-word", "Integrationsfachdienst")
    submit_label = "Please explain this word"
    focus_next(page, f"el.tagName === 'BUTTON' && el.textContent.trim() === '{submit_label}'")
    page.keyboard.press("Enter")
    page.locator("#verstehen-wort-fehlt [data-voice-status]").get_by_text("Thank you!").wait_for()
    assert ("en", "/woerterbuch", "wort-fehlt", "Integrationsfachdienst") in flags(live_app, section="wort-fehlt")
    check_accessibility(page)


def test_without_javascript_the_flag_goes_back_to_the_section_with_a_thank_you(browser, live_server, live_app):
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, java_script_enabled=False, locale="de-DE")
    try:
        page = context.new_page()
        page.goto("/datenschutz?lang=de")
        assert h1_bottom(page) <= PHONE["height"]  # the controls come after the heading
        open_control(page, "verstehen-abschnitt-3")
        type_into(page, "verstehen-abschnitt-3-word", "Cookie")
        focus_next(page, "el.tagName === 'BUTTON' && el.closest('#verstehen-abschnitt-3') !== null")
        press_and_wait(page)
        assert page.url.endswith("/datenschutz#verstehen-abschnitt-3")
        control = page.locator("#verstehen-abschnitt-3")
        assert control.evaluate("el => el.open") and THANKS["de"] in control.inner_text()
        assert ("de", "/datenschutz", "abschnitt-3", "Cookie") in flags(live_app, page="/datenschutz")
    finally:
        context.close()


def test_an_operator_sees_the_hard_place_ranked_and_marks_it_reworked(page, live_app):
    with live_app.app_context():
        for word in ("Budget·assistenz", "Budget·assistenz", "<b>fett</b>"):
            db.session.add(ReaderFlag(created_on=__import__("portal.clock").clock.today_in_berlin(), lang="de",
                                      page="/module/4", section="teil-how", word=word))
        db.session.commit()
    page.goto("/betrieb?lang=de")
    type_into(page, "email", DEMO_OPERATOR_EMAIL)
    type_into(page, "password", DEFAULT_DEMO_PASSWORD)
    submit(page, "Anmelden")
    assert h1(page) == "Betrieb des Portals"
    table = page.locator("#verstehen-tabelle").locator("xpath=..")
    assert "Budget·assistenz (2)" in table.inner_text() and "<b>fett</b> (1)" in table.inner_text()
    assert page.locator("svg.chart rect.chart-bar").count() >= 1
    check_accessibility(page)

    choose_radio(page, "zeitraum", "365")
    submit(page, "Anzeigen")
    assert "zeitraum=365" in page.url
    assert page.locator("#verstehen-tabelle").inner_text() == "Schwere Stellen der letzten 365 Tage"

    focus_next(page, "el.tagName === 'A' && el.getAttribute('href').includes('seite=/module/4')", limit=200)
    press_and_wait(page)
    assert h1(page) == "Schwere Stelle"
    check_accessibility(page)
    type_into(page, "note", "Budget·assistenz steht jetzt im Wörter·buch.")
    submit(page, "Als überarbeitet markieren")
    assert "Die Stelle ist als überarbeitet markiert." in page.locator(".inbox-notice").inner_text()
    reworked = page.locator("#verstehen-title").locator("xpath=..").inner_text()
    assert "Schon überarbeitet" in reworked and "Davor 3 Hinweise." in reworked
    check_accessibility(page)
    with live_app.app_context():
        rework = db.session.execute(db.select(ReaderRework).filter_by(page="/module/4")).scalar_one()
        assert rework.note == "Budget·assistenz steht jetzt im Wörter·buch."
    submit(page, "Abmelden")
