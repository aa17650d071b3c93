"""A lunch break in a real browser: the session ends, "Weiter" leads to the page that explains it,
the code (shown on every question page) brings the person back to the same question with the answers
kept. Also: the check page's "Ändern" comes back to the changed answer's place, and the letter takes
the Klärung's sentences."""
from __future__ import annotations

import pytest

from tests.browser.test_klaerung_browser import ALONE, answer_by_keyboard, question_id, start_by_keyboard
from tests.support.browser import check_accessibility
from tests.support.keyboard import focus_next, press_and_wait, submit

pytestmark = pytest.mark.browser

def answer_the_rest(page) -> None:
    """The questions answered straight in the form: these tests are about what comes after them (the
    keyboard way through every question is tested in test_klaerung_browser.py)."""
    while "/klaerung/frage/" in page.url:
        value = ALONE[question_id(page)]
        if isinstance(value, list):
            for item in value:
                page.check(f"input[name=answer][value='{item}']")
        elif value is not None and page.locator("input[type=radio][name=answer]").count():
            page.check(f"input[name=answer][value='{value}']")
        elif value is not None:
            page.fill("[name=answer]", value)
        with page.expect_navigation():
            page.locator("main form button[type=submit]", has_text="Weiter").first.click()


def test_a_lunch_break_loses_nothing(page, context):
    start_by_keyboard(page, "alleine")
    for _ in range(3):  # bereich, ausbildung, dauer
        answer_by_keyboard(page, ALONE, check=False)
    assert question_id(page) == "wohnen"
    code_line = page.locator(".klaerung-code-line")
    assert code_line.is_visible()
    code = code_line.locator("strong").inner_text().strip()
    assert code
    # Small: below the buttons, so the question is not pushed down on a phone.
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.locator("h1").bounding_box()["y"] < code_line.bounding_box()["y"]
    page.set_viewport_size({"width": 1280, "height": 900})
    # "Was ist das?" opens by keyboard.
    focus_next(page, "el.tagName === 'SUMMARY'")
    page.keyboard.press("Enter")
    assert "Schreiben Sie den Code auf." in code_line.inner_text()
    check_accessibility(page)

    # The session ends during the break (the browser drops the expired session cookie).
    page.locator("input[value=familie]").check()
    context.clear_cookies()
    submit(page)
    assert "/klaerung/abgelaufen" in page.url
    assert page.locator("h1").inner_text() == "Die Seite ist abgelaufen"
    assert "Ihre Antworten sind nicht weg." in page.locator("main").inner_text()
    check_accessibility(page)

    # Going back with the browser's back button does not show an empty start page either.
    page.go_back()
    page.reload()
    assert "/klaerung/abgelaufen" in page.url

    focus_next(page, "el.name === 'code'")
    page.keyboard.type(code.lower())
    press_and_wait(page)
    assert question_id(page) == "wohnen"
    assert "Willkommen zurück. Ihre Antworten sind noch da." in page.locator("main").inner_text()
    check_accessibility(page)

    # The earlier answers are kept: Zurück shows them.
    focus_next(page, "el.closest('.klaerung-back') !== null")
    press_and_wait(page)
    assert question_id(page) == "dauer"
    assert page.locator("input[value='1-bis-5']").is_checked()


def test_changing_an_answer_returns_to_its_place_and_the_result_says_how_to_come_back(page):
    start_by_keyboard(page, "alleine")
    answer_the_rest(page)
    assert page.url.endswith("/klaerung/pruefen")
    page.set_viewport_size({"width": 320, "height": 640})
    focus_next(page, "el.href && el.href.endsWith('/klaerung/frage/weg?aendern=1')")
    press_and_wait(page)
    page.locator("input[value='bis-60']").check()
    submit(page)
    assert page.url.endswith("/klaerung/pruefen#frage-weg")
    row = page.locator("#frage-weg")
    assert page.evaluate("document.querySelector(':target').id") == "frage-weg"
    box = row.bounding_box()
    assert 0 <= box["y"] < 640, "the changed answer is in view, not the top of the page"
    assert "Bis zu 1 Stunde" in row.inner_text()
    # The next Tab goes on from the changed answer (its Ändern link), not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.href || ''").endswith("/klaerung/frage/weg?aendern=1")
    page.set_viewport_size({"width": 1280, "height": 900})
    check_accessibility(page)

    submit(page, "Mein Ergebnis ansehen")
    assert page.url.endswith("/klaerung/ergebnis")
    come_back = page.locator(".klaerung-come-back")
    assert "So sehen Sie Ihr Ergebnis wieder" in come_back.inner_text()
    assert "Der Code gilt bis zum" in come_back.inner_text()
    check_accessibility(page)


def test_the_letter_shows_the_sentences_from_the_klaerung_to_check(page):
    start_by_keyboard(page, "alleine")
    answer_the_rest(page)
    submit(page, "Mein Ergebnis ansehen")
    page.goto("/budget/antrag")
    taken = page.locator(".budget-from-klaerung")
    assert "Aus Ihrer Klärung" in taken.inner_text()
    help_text = page.locator("#help").input_value()
    assert "Ich möchte ein Praktikum in einem Betrieb des allgemeinen Arbeitsmarktes machen." in help_text
    assert "Ich kenne das Persönliche Budget" not in help_text
    check_accessibility(page)
