"""The provider finder and the stories in a real browser: axe-clean in both languages (at 320 and
1280 px, very large text), and a person goes from the Klärung result to a provider page and on to
a contact request with that provider, by keyboard alone."""
from __future__ import annotations

import pytest

from tests.support.browser import check_accessibility
from tests.support.keyboard import focus_next, press_and_wait

pytestmark = pytest.mark.browser

FINDER_PAGES = ["/anbieter-finden", "/anbieter-finden?plz=99999", "/anbieter-finden?plz=12", "/anbieter-finden/niab",
                "/geschichten", "/geschichten?modul=7"]


def test_finder_pages_are_accessible_in_both_languages(page):
    for lang in ("de", "en"):
        for url in FINDER_PAGES:
            page.goto(url + ("&" if "?" in url else "?") + f"lang={lang}")
            check_accessibility(page)
        page.goto(f"/geschichten?lang={lang}")
        page.locator("main article h3 a").first.click()
        assert "/geschichten/" in page.url
        check_accessibility(page)
    page.goto("/?lang=de")


def test_from_the_klaerung_result_to_a_provider_and_its_contact_request_by_keyboard(page):
    page.goto("/weitermachen?lang=de")
    focus_next(page, "el.name === 'code'")
    page.keyboard.type("Kompass Sonne Tiger 2026")
    press_and_wait(page)
    page.goto("/klaerung/ergebnis")
    focus_next(page, "el.getAttribute('href') === '/anbieter-finden'", limit=120)
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "Anbieter finden"
    focus_next(page, "el.name === 'plz'")
    page.keyboard.type("23552")
    press_and_wait(page)  # Enter in the field sends its form
    result = page.locator("section.finder-result")
    assert "integra Lübeck" in result.inner_text()
    check_accessibility(page)
    focus_next(page, "el.closest('.finder-result') && el.getAttribute('href') === '/anbieter-finden/integra-luebeck'")
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "integra Lübeck"
    assert page.locator("text=Das ist eine Schätzung.").is_visible()
    focus_next(page, "el.getAttribute('href') === '/kontakt?anbieter=integra-luebeck'")
    press_and_wait(page)
    assert "integra Lübeck" in page.locator("main .panel").inner_text()
    focus_next(page, "el.tagName === 'BUTTON' && el.closest('form[action=\"/kontakt/anbieter-waehlen\"]')")
    press_and_wait(page)
    assert page.url.split("?")[0].endswith(("/kontakt/name", "/kontakt/werkstatt", "/kontakt/anbieter", "/kontakt/pruefen"))
