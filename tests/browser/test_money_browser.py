""""Geld und Sicherheit" in a real browser: axe-clean, no sideways scrolling, the comparison is a table on a
wide screen and a block per topic (each cell naming its way) on a phone, reached by keyboard from the start page."""
from __future__ import annotations

import pytest

from tests.browser.test_modules_browser import FAKE_SPEECH, wait_until
from tests.support.browser import NARROW, WIDE, check_accessibility
from tests.support.keyboard import focus_next, press_and_wait

pytestmark = pytest.mark.browser

URL = "/geld-und-sicherheit"


def shown_as(page) -> dict:
    return page.evaluate(
        """() => { const table = document.querySelector('table.comparison');
                   const label = table.querySelector('td .comparison-label');
                   const head = table.querySelector('thead');
                   return {table: getComputedStyle(table).display, head: getComputedStyle(head).display,
                           label: getComputedStyle(label).display}; }"""
    )


@pytest.mark.parametrize("query", ["?lang=de", "?lang=en", "?lang=de&kontrast=hoch"])
def test_the_page_is_accessible_at_every_width_and_text_size(page, query):
    page.goto(URL + query)
    check_accessibility(page)  # 1280 px and 320 px, normal and very large text: axe, no sideways scrolling
    page.goto("/?kontrast=normal")


def test_the_comparison_is_a_table_when_wide_and_blocks_with_labels_on_a_phone(page):
    page.set_viewport_size(WIDE)
    page.goto(URL + "?lang=de&schrift=normal")
    assert shown_as(page) == {"table": "table", "head": "table-header-group", "label": "none"}
    page.set_viewport_size(NARROW)
    assert shown_as(page) == {"table": "block", "head": "none", "label": "block"}
    # Very large text on a wide screen: the columns would be too narrow, so the blocks come back.
    page.set_viewport_size(WIDE)
    page.goto(URL + "?schrift=sehr-gross")
    assert shown_as(page)["table"] == "block"
    page.goto("/?schrift=normal")


def test_keyboard_only_from_the_start_page_to_the_page_and_its_links(page):
    page.set_viewport_size(NARROW)
    page.goto("/?lang=de")
    focus_next(page, f"el.getAttribute('href') === '{URL}'")
    press_and_wait(page)
    assert page.url.split("?")[0].endswith(URL)
    assert page.locator("h1").inner_text() == "Geld und Sicherheit"
    # The links inside the comparison are reachable by keyboard too.
    focus_next(page, "el.closest('table.comparison') && el.getAttribute('href') === '/module/8'")
    assert page.evaluate("document.activeElement.getBoundingClientRect().width") > 0


@pytest.mark.parametrize("viewport", [WIDE, NARROW])
def test_read_aloud_reads_each_answer_of_the_table_with_its_way(page, viewport):
    """On a wide screen the cell's way is hidden (the column header shows it), but read-aloud still says it."""
    page.add_init_script(FAKE_SPEECH)
    page.set_viewport_size(viewport)
    page.goto(URL + "?lang=de")
    page.locator("[data-read-aloud-start]").click()
    wait_until(page, "window.__spoken.includes('Mit Arbeitsvertrag') && window.__spoken.length >= 80")
    wait_until(page, "document.querySelector('[data-read-aloud-start]').hidden === false")
    spoken = page.evaluate("window.__spoken")
    money = spoken.index("Geld", spoken.index("3 Wege im Vergleich") if "3 Wege im Vergleich" in spoken else 0)
    assert spoken[money:money + 3] == ["Geld", "In der Werkstatt", "Sie bekommen Werkstattlohn."]
    assert not any(text.startswith("Für Fachleute") or "§" in text for text in spoken)
