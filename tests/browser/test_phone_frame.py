"""Every main page on a small phone (320 × 640), in German and English: the heading is on the first
screen, no word is broken at the line end, every focusable element shows its focus, list bullets sit at
a link's first line, nothing scrolls sideways. One browser context per language walks all pages."""
from __future__ import annotations

import pytest

from tests.support.browser import WIDE, _set_text_size, check_accessibility, horizontal_overflow, scan_once, widest_elements
from tests.support.keyboard import focus_next, press_and_wait
from tests.support.phone import (
    PHONE,
    broken_words,
    bullets_beside_last_line,
    elements_without_visible_focus,
    h1_bottom,
)

pytestmark = pytest.mark.browser

KLAERUNG_QUESTION = "the first Klärung question"
MAIN_PAGES = [
    "/",
    "/module",
    "/module/3",
    "/module/3/baustein/1",
    "/woerterbuch",
    "/klaerung",
    KLAERUNG_QUESTION,
    "/budget",
    "/budget/schritte/zielvereinbarung",
    "/budget/amt",
    "/budget/antrag",
    "/budget/frist/widerspruch",
    "/kosten",
    "/kontakt",
    "/kontakt/name",
    "/weitermachen",
    "/barrierefreiheit",
    "/datenschutz",
    "/impressum",
    "/begleitung",
    "/geld-und-sicherheit",
    "/ueber-jobbudget",
    "/anbieter/anmelden",
    "/anbieter-finden",
    "/anbieter-finden/integra-luebeck",
    "/geschichten",
]
TEXT_SIZES = ("normal", "gross", "sehr-gross")
# On a wide screen only the frame looks different (the page's own controls are checked on the phone).
WIDE_PAGES = ["/", "/module/3", KLAERUNG_QUESTION, "/budget/antrag"]


def open_page(page, url: str) -> None:
    if url == KLAERUNG_QUESTION:
        page.goto("/klaerung")
        page.locator("main form input[type=radio]").first.check()
        with page.expect_navigation():
            page.locator("main form button[type=submit]").last.click()
        assert "/klaerung/frage/" in page.url, page.url
    else:
        page.goto(url)


def open_menu(page) -> None:
    page.locator("summary.frame-menu-button").click()
    assert page.locator(".main-nav").is_visible()


@pytest.fixture
def phone(page, request):
    """The page fixture (its own browser context) at 320 × 640 in one language, with normal text."""
    lang = request.param
    page.set_viewport_size(PHONE)
    page.goto(f"/?lang={lang}&schrift=normal&kontrast=normal")
    yield page
    page.goto("/?lang=de&schrift=normal&kontrast=normal")


@pytest.mark.parametrize("phone", ["de", "en"], indirect=True)
def test_every_main_page_fits_a_phone_in_every_text_size(phone):
    page = phone
    problems = []
    for url in MAIN_PAGES:
        open_page(page, url)
        where = page.evaluate("location.pathname")
        for size in TEXT_SIZES:
            _set_text_size(page, size)
            if size != "sehr-gross" and h1_bottom(page) > PHONE["height"]:
                problems.append(f"{where}, text {size}: the h1 ends at {h1_bottom(page):.0f} px, below the first screen")
            for word in broken_words(page):
                problems.append(f"{where}, text {size}: word broken without a mark: {word}")
            if horizontal_overflow(page) > 0:
                problems.append(f"{where}, text {size}: scrolls sideways: {widest_elements(page)}")
            if size != "gross":
                for item in bullets_beside_last_line(page):
                    problems.append(f"{where}, text {size}: the bullet stands at the last line of {item}")
        _set_text_size(page, "normal")
        if page.evaluate("document.documentElement.lang") == "de":
            # axe on every page once, on the phone; the areas' own tests run the full check_accessibility
            # (both languages, 320 and 1280 px, very large text) on these pages, the menu test below on the frame.
            problems += [f"{where}: {v}" for v in scan_once(page, "normal")]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("phone", ["de"], indirect=True)
def test_every_focusable_element_shows_its_focus(phone):
    """With the menu open, on every main page on a phone; the wide frame on a few pages. Elements that
    look alike (same tag, classes, state and ancestors) are checked once. In German only: the focus
    styles are the same in both languages (one stylesheet, no language rules), and the English pages'
    elements are the same elements; the menu test below opens the English frame by keyboard."""
    page = phone
    seen: set[str] = set()
    problems = []
    for viewport, pages in ((PHONE, MAIN_PAGES), (WIDE, WIDE_PAGES)):
        page.set_viewport_size(viewport)
        for url in pages:
            open_page(page, url)
            if viewport is PHONE:
                open_menu(page)
            problems += [f"{page.url} at {viewport['width']} px: {p}" for p in elements_without_visible_focus(page, seen)]
    assert len(seen) > 40  # the check saw the frame, the menu and the pages' own controls
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("phone", ["de", "en"], indirect=True)
def test_menu_and_display_settings_behind_one_button(phone):
    """Closed on a phone, one keypress opens it, everything in it works by keyboard; axe is happy both ways."""
    page = phone
    lang = page.evaluate("document.documentElement.lang")
    labels = {"de": ("Menü und Anzeige", "Schrift groß", "Module"), "en": ("Menu and display", "Text large", "Modules")}[lang]
    button, large, modules = labels
    page.goto("/impressum")
    summary = page.locator("summary.frame-menu-button")
    assert summary.inner_text().strip() == button
    assert not page.locator(".main-nav").is_visible() and not page.locator(".header-tools").is_visible()
    check_accessibility(page)  # menu closed
    page.keyboard.press("Tab")  # the skip link
    focus_next(page, "el.tagName === 'SUMMARY'", limit=3)
    page.keyboard.press("Enter")
    assert page.locator(".main-nav").is_visible() and page.locator(".header-tools").is_visible()
    assert page.evaluate("document.querySelector('.frame-menu').open")
    check_accessibility(page)  # menu open: the settings and the menu fit, axe finds nothing
    focus_next(page, f"el.getAttribute('aria-label') === {large!r}", limit=10)
    press_and_wait(page)
    assert "schrift-gross" in page.evaluate("document.documentElement.className")
    assert h1_bottom(page) <= PHONE["height"]
    page.keyboard.press("Tab")
    focus_next(page, "el.tagName === 'SUMMARY'", limit=3)
    page.keyboard.press("Space")
    focus_next(page, f"el.closest('.main-nav') && el.textContent.trim() === {modules!r}", limit=15)
    press_and_wait(page)
    assert page.url.split("?")[0].endswith("/module")
    # On a wide screen the menu and the settings are there at once, without the button.
    page.set_viewport_size(WIDE)
    assert not summary.is_visible()
    assert page.locator(".main-nav").is_visible() and page.locator(".header-tools").is_visible()
    focus_next(page, "el.closest('.main-nav') && el.getAttribute('aria-current') === 'page'", limit=15)


def test_menu_opens_without_javascript(browser, live_server):
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/?lang=de")
        assert not page.locator(".main-nav").is_visible()
        page.locator("summary.frame-menu-button").click()
        assert page.locator(".main-nav a[href='/klaerung']").is_visible()
        assert page.locator(".header-tools a[aria-label='Schrift sehr groß']").is_visible()
    finally:
        context.close()
