"""The frame in a real browser: axe-clean everywhere, no sideways scrolling, keyboard-only use."""
from __future__ import annotations

import pytest

from tests.support.browser import check_accessibility
from tests.support.keyboard import focus_next

pytestmark = pytest.mark.browser

SHELL_PAGES = ["/", "/barrierefreiheit", "/datenschutz", "/impressum", "/begleitung", "/barrierefreiheit/danke", "/nicht-da"]
MAIN_SECTIONS = [
    ("/", "Start"),
    ("/module", "Module"),
    ("/klaerung", "Klärung"),
    ("/budget", "Persönliches Budget"),
    ("/kontakt", "Kontakt"),
    ("/woerterbuch", "Wörterbuch"),
]


@pytest.mark.parametrize("url", SHELL_PAGES)
def test_shell_pages_are_accessible_in_both_languages_and_high_contrast(page, url):
    for query in ("?lang=de", "?lang=en", "?lang=de&kontrast=hoch"):
        page.goto(url + query)
        check_accessibility(page)
    page.goto("/?kontrast=normal")


def test_skip_link_is_the_first_stop_and_jumps_to_the_main_content(page):
    page.goto("/?lang=de")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Zum Inhalt springen"
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0  # visible when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhalt"
    page.keyboard.press("Tab")
    inside_main = page.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert inside_main


@pytest.mark.parametrize("path,label", MAIN_SECTIONS)
def test_keyboard_only_reaches_every_main_section(page, path, label):
    page.goto("/impressum?lang=de")
    focus_next(page, f"el.closest('.main-nav') && el.getAttribute('href') === '{path}'")
    focus_ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle + getComputedStyle(document.activeElement).backgroundColor")
    assert focus_ring != "nonergba(0, 0, 0, 0)", "the focused link shows no focus"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("?")[0].endswith(path)
    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text() not in ("Diese Seite gibt es nicht",)
    assert page.locator(f".main-nav a[aria-current='page']").inner_text().replace("·", "") == label


def open_menu_by_keyboard(page) -> None:
    focus_next(page, "el.tagName === 'SUMMARY' && el.textContent.trim() === 'Menü und Anzeige'")
    page.keyboard.press("Enter")


def test_text_size_and_contrast_by_keyboard_without_sideways_scrolling(page):
    page.set_viewport_size({"width": 320, "height": 720})
    page.goto("/?lang=de&schrift=normal&kontrast=normal")
    normal = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert normal >= 19.2  # at least 120 % of the browser default of 16 px
    open_menu_by_keyboard(page)  # on a phone the settings wait behind "Menü und Anzeige"
    focus_next(page, "el.getAttribute('aria-label') === 'Schrift sehr groß'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    very_large = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert very_large >= 2 * 16
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    open_menu_by_keyboard(page)
    focus_next(page, "el.textContent.trim() === 'Starker Kontrast'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    page.goto("/datenschutz")  # remembered on the next page
    assert "schrift-sehr-gross kontrast-hoch" in page.evaluate("document.documentElement.className")
    page.goto("/?schrift=normal&kontrast=normal")


def test_touch_targets_in_the_frame_are_at_least_44_px(page):
    page.goto("/?lang=de")
    small = page.evaluate(
        """[...document.querySelectorAll('header a, footer a, .entry-point, button')]
             .filter(el => el.offsetParent !== null)
             .map(el => [el.textContent.trim(), el.getBoundingClientRect()])
             .filter(([_, r]) => r.height < 44 || r.width < 44)
             .map(([t, r]) => `${t}: ${Math.round(r.width)}x${Math.round(r.height)}`)"""
    )
    assert small == []


def test_barrier_report_by_keyboard_with_error_summary(page):
    page.goto("/barrierefreiheit?lang=de")
    focus_next(page, "el.id === 'page'")
    page.keyboard.type("Start·seite")
    focus_next(page, "el.tagName === 'BUTTON' && el.type === 'submit'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.title().startswith("Fehler: ")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    check_accessibility(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the summary's link jumps to the field
    assert page.evaluate("document.activeElement.id") == "description"
    page.keyboard.type("Die Schrift ist zu klein.")
    focus_next(page, "el.tagName === 'BUTTON' && el.type === 'submit'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Danke für Ihre Nachricht"
