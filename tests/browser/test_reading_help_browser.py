"""Reading help on form pages in a real browser: an explanation opens in place without losing what the
person typed or chose (no navigation), by mouse and by keyboard; the Vorlesen button reads the question,
hint and answers; axe finds nothing with an explanation open (320 px, 1280 px, very large text)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.test_modules_browser import FAKE_SPEECH, wait_until
from tests.support.browser import NARROW, WIDE, check_accessibility
from tests.support.keyboard import focus_next, type_into

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("READHELP_SHOTS", "/tmp/shots/readhelp"))


def start_klaerung(page, mode: str = "begleitung", lang: str = "de") -> None:
    """A fresh Klärung (with a support person: question 1 then has a notes field to type into)."""
    page.goto(f"/klaerung?lang={lang}")
    page.locator(f"input[name='mode'][value='{mode}']").check()
    with page.expect_navigation():
        page.locator("form button[type='submit']").first.click()
    page.wait_for_url("**/klaerung/frage/bereich")


def count_navigations(page) -> list:
    navigations: list = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
    return navigations


def test_opening_an_explanation_keeps_what_was_typed_and_chosen(page):
    start_klaerung(page)
    url = page.url
    page.locator("#notes").fill("Sie lernt gerade in der Küche.")
    page.locator("input[name='answer'][value='aussenarbeitsplatz']").check()
    navigations = count_navigations(page)
    summary = page.locator("details.term-explanation summary", has_text="Was heißt Außen")
    summary.click()
    details = summary.locator("xpath=..")
    assert details.evaluate("el => el.open") is True
    assert "ein Arbeitsplatz in einem Betrieb" in details.inner_text()
    page.wait_for_timeout(200)
    assert navigations == [] and page.url == url
    assert page.locator("#notes").input_value() == "Sie lernt gerade in der Küche."
    assert page.locator("input[name='answer'][value='aussenarbeitsplatz']").is_checked()
    check_accessibility(page)
    # What was typed is still sent: the answer and the note arrive on the next page's way back.
    with page.expect_navigation():
        page.locator("button[type='submit']", has_text="Weiter").first.click()
    page.go_back()
    page.reload()
    assert page.locator("input[name='answer'][value='aussenarbeitsplatz']").is_checked()
    assert page.locator("#notes").input_value() == "Sie lernt gerade in der Küche."


def test_an_explanation_opens_by_keyboard_and_keeps_typed_text(page):
    page.goto("/budget/antrag?lang=de")
    type_into(page, "name", "Erika Muster")
    navigations = count_navigations(page)
    focus_next(page, "el.tagName === 'SUMMARY' && el.closest('[data-read-aloud=\"form\"]') !== null")
    assert page.evaluate("document.activeElement.textContent").startswith("Was heißt")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.parentElement.open") is True
    page.wait_for_timeout(200)
    assert navigations == []
    assert page.locator("#name").input_value() == "Erika Muster"
    check_accessibility(page)


def test_explanations_sit_next_to_the_hint_not_in_the_label(page):
    start_klaerung(page, mode="allein")
    inside = page.evaluate(
        "[...document.querySelectorAll('label, legend')].filter(el => el.querySelector('a, details, button')).length")
    assert inside == 0
    names = page.evaluate("[...document.querySelectorAll('input[name=answer]')].map(el => el.labels[0].innerText)")
    assert names[0] == "Im Eingangsverfahren"  # the label stays short: the answer, nothing else


def test_read_aloud_reads_question_hint_and_answers(page):
    page.add_init_script(FAKE_SPEECH)
    start_klaerung(page, mode="allein")
    start = page.locator("[data-read-aloud-start]")
    assert start.is_visible()
    start.click()
    wait_until(page, "window.__spoken.length >= 6")
    wait_until(page, "document.querySelector('[data-read-aloud-start]').hidden === false")
    spoken = page.evaluate("window.__spoken")
    assert spoken[0] == "Wo arbeiten Sie jetzt?"
    for choice in ("Im Eingangsverfahren", "Im Berufsbildungsbereich", "Im Arbeitsbereich",
                   "Auf einem Außenarbeitsplatz in einem Betrieb", "Ich weiß es nicht"):
        assert choice in spoken
    assert not any(text.startswith("Was heißt") for text in spoken)  # closed explanations wait
    assert all("·" not in text for text in spoken)
    # An opened explanation is read where it stands: after the answers.
    page.locator("details.term-explanation summary", has_text="Was heißt Eingangs").click()
    page.evaluate("window.__spoken = []")
    start.click()
    wait_until(page, "document.querySelector('[data-read-aloud-start]').hidden === false")
    spoken = page.evaluate("window.__spoken")
    explained = spoken.index("Das Eingangsverfahren ist der Anfang in der Werkstatt.")
    assert spoken.index("Ich weiß es nicht") < spoken.index("Was heißt Eingangsverfahren?") < explained


def test_read_aloud_on_a_form_with_several_fields_reads_heading_labels_and_hints(page):
    page.add_init_script(FAKE_SPEECH)
    page.goto("/budget/frist/amt?lang=de")
    page.locator("[data-read-aloud-start]").click()
    wait_until(page, "document.querySelector('[data-read-aloud-start]').hidden === false")
    spoken = page.evaluate("window.__spoken")
    heading = page.locator("h1").inner_text()
    label = page.locator("label.label").first.inner_text()
    assert spoken[0] == heading and label in spoken and "Zum Beispiel: 2.3.2026" in spoken
    assert page.locator("[data-read-aloud-controls]").count() == 1


@pytest.mark.parametrize("lang", ["de", "en"])
def test_question_1_with_an_explanation_open_is_accessible_and_shot(page, lang):
    start_klaerung(page, mode="allein", lang=lang)
    page.locator("details.term-explanation summary").nth(3).click()
    check_accessibility(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for viewport in (NARROW, WIDE):
        page.set_viewport_size(viewport)
        page.screenshot(path=str(SHOTS / f"klaerung-frage-1-{lang}-{viewport['width']}.png"), full_page=True)
