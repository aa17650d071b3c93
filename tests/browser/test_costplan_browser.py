"""The cost plan in a real browser, by keyboard only: from a finished Klärung's result to the providers,
one provider's page and its cost plan, where the modules the Klärung recommends are ticked and the
provider is chosen; the plan is attached to the letter, and the letter's PDF holds it; axe on every
state (in both languages)."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

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


def test_from_the_klaerung_result_to_a_provider_a_cost_plan_and_the_letter_pdf_by_keyboard(page, priced_provider):
    # A finished Klärung (the demo code), its result, the providers, one provider's page, its cost plan.
    page.goto("/weitermachen?lang=de")
    focus_next(page, "el.name === 'code'")
    page.keyboard.type("Kompass Sonne Tiger 2026")
    press_and_wait(page)
    page.goto("/klaerung/ergebnis")
    recommended = page.locator(".klaerung-modules a[href^='/module/']").evaluate_all(
        "links => links.map(link => link.getAttribute('href').split('/').pop())")
    focus_next(page, "el.getAttribute('href') === '/anbieter-finden'", limit=120)
    press_and_wait(page)
    focus_next(page, f"el.getAttribute('href') === '/anbieter-finden/{SLUG}'", limit=120)
    press_and_wait(page)
    assert page.locator("h1").inner_text() == NAME
    focus_next(page, f"el.getAttribute('href') === '/kosten?anbieter={SLUG}'", limit=120)
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "Was kostet das?"
    assert "Diese Module passen zu Ihrem Ergebnis von der Klärung." in page.locator("main").inner_text()
    ticked = page.locator("input[name=modules]:checked").evaluate_all("boxes => boxes.map(box => box.value)")
    assert sorted(ticked, key=int) == sorted(recommended, key=int) and {"1", "3"} <= set(ticked), (ticked, recommended)
    assert page.locator(f"input[name=provider][value={SLUG}]").is_checked()
    check_accessibility(page)

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
