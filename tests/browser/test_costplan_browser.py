"""The cost plan in a real browser, by keyboard only: the modules the Klärung recommends are ticked,
a provider and the months are chosen, the plan is attached to the letter, and the letter's PDF holds
it; axe on every state (in both languages)."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

import portal.klaerung
from tests.support.browser import check_accessibility
from tests.support.costplan import add_priced_provider, remove_provider
from tests.support.keyboard import choose_radio, focus_next, press_and_wait, type_into

pytestmark = pytest.mark.browser

SLUG, NAME = "kostenplan-probe", "Kostenplan Probe"


@pytest.fixture
def priced_provider(live_app):
    add_priced_provider(live_app, SLUG, NAME)
    yield
    remove_provider(live_app, SLUG)


def text_of(page, selector: str) -> str:
    """The visible text with the amounts' non-breaking spaces read as spaces."""
    return " ".join(page.locator(selector).inner_text().replace("\u00a0", " ").replace("\u202f", " ").split(" "))


def tab_to(page, tag: str, text: str) -> None:
    focus_next(page, f"el.tagName === {tag!r} && el.textContent.replace(/\\s+/g, ' ').trim() === {text!r}", limit=120)


def test_from_the_klaerung_modules_to_a_cost_plan_and_the_letter_pdf_by_keyboard(page, priced_provider, monkeypatch):
    monkeypatch.setattr(portal.klaerung, "letter_facts", lambda lang=None: {"answers": {}, "labels": {}, "modules": [1, 3]})
    page.goto("/budget?lang=de")
    tab_to(page, "A", "Was kostet das? Sehen Sie, was die Hilfe im Monat kosten kann.")
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "Was kostet das?"
    assert "Diese Module passen zu Ihrem Ergebnis von der Klärung." in page.locator("main").inner_text()
    assert page.locator("input[name=modules]:checked").evaluate_all("boxes => boxes.map(box => box.value)") == ["1", "3"]
    check_accessibility(page)

    choose_radio(page, "provider", SLUG)
    type_into(page, "months", "6")
    focus_next(page, "el.name === 'attach' && el.value === 'antrag'")
    page.keyboard.press("Space")
    tab_to(page, "BUTTON", "Kostenplan speichern")
    press_and_wait(page)

    plan = text_of(page, "#kosten-plan")
    for expected in ("1.071,40 €", "562,49 €", "1.633,89 €", "272,32 €", "Das ist eine Schätzung."):
        assert expected in plan, expected
    check_accessibility(page)
    page.goto("/kosten?lang=en")
    assert "€272.32" in text_of(page, "#kosten-plan")
    check_accessibility(page)
    page.goto("/kosten?lang=de")

    tab_to(page, "A", "Zum Antrag an das Amt: Der Kostenplan ist die Anlage.")
    press_and_wait(page)
    assert "Ihr Kostenplan kommt als Anlage an den Brief." in page.locator("main").inner_text()
    type_into(page, "name", "Erika Muster")
    type_into(page, "street", "Hauptstraße 1")
    type_into(page, "town", "12345 Musterstadt")
    choose_radio(page, "office", "eingliederungshilfe")
    type_into(page, "help", "Ich brauche einen Jobcoach im Betrieb.")
    tab_to(page, "BUTTON", "Brief ansehen")
    press_and_wait(page)
    annex = text_of(page, ".costplan-annex")
    assert "Anlage: Kostenplan" in annex and "272,32 €" in annex
    check_accessibility(page)

    tab_to(page, "A", "Als PDF herunterladen")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    with open(download_info.value.path(), "rb") as pdf:
        reader = PdfReader(io.BytesIO(pdf.read()))
    annex_page = reader.pages[-1].extract_text().replace("\u00a0", " ").replace("\u202f", " ")
    assert len(reader.pages) == 2 and "Anlage: Kostenplan" in annex_page
    for expected in (NAME, "1.071,40 €", "1.633,89 €", "272,32 €"):
        assert expected in annex_page, expected
