"""The page "Über JobBudget" in a real browser: axe-clean at 320 px, 1280 px and very large text,
in both languages, and reached by keyboard only from the start page and from the footer."""
from __future__ import annotations

import pytest

from tests.support.browser import check_accessibility
from tests.support.keyboard import focus_next, press_and_wait

pytestmark = pytest.mark.browser

URL = "/ueber-jobbudget"


def test_about_page_is_accessible_in_both_languages(page):
    for query in ("?lang=de", "?lang=en", "?lang=de&kontrast=hoch"):
        page.goto(URL + query)
        check_accessibility(page)
    page.goto("/?kontrast=normal")


def test_module_3_with_its_mental_illness_section_is_accessible(page):
    for lang in ("de", "en"):
        page.goto(f"/module/3?lang={lang}")
        assert page.locator("main h3").count() >= 1
        check_accessibility(page)


def test_keyboard_only_from_the_start_page_text_to_the_about_page_and_back_by_the_footer(page):
    page.goto("/?lang=de")
    focus_next(page, f"el.closest('main') && el.getAttribute('href') === '{URL}'")
    press_and_wait(page)
    assert page.url.split("?")[0].endswith(URL)
    assert page.locator("h1").inner_text() == "Über JobBudget"
    page.goto("/impressum?lang=en")
    focus_next(page, f"el.closest('footer') && el.getAttribute('href') === '{URL}'", limit=200)
    assert page.evaluate("document.activeElement.textContent.trim()") == "About JobBudget"
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "About JobBudget"
    page.goto("/?lang=de")
