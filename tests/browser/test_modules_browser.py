"""Modules, Bausteine and the dictionary in a real browser: axe-clean, the glossary disclosure and
the read-aloud button by keyboard."""
from __future__ import annotations

import pytest

from tests.support.browser import check_accessibility
from tests.support.keyboard import focus_next

pytestmark = pytest.mark.browser

CONTENT_PAGES = ["/module", *[f"/module/{n}" for n in range(1, 9)], "/module/3/baustein/2", "/module/1/baustein/6", "/woerterbuch"]

# Headless Chromium has the speech API but no voices: record what the page asks it to say.
FAKE_SPEECH = """
window.__spoken = [];
window.speechSynthesis.speak = (utterance) => {
  window.__spoken.push(utterance.text);
  setTimeout(() => utterance.onend && utterance.onend(), 30);
};
window.speechSynthesis.cancel = () => { window.__cancelled = (window.__cancelled || 0) + 1; };
window.speechSynthesis.pause = () => { window.__paused = true; };
"""


def wait_until(page, expression: str, seconds: float = 5) -> None:
    """Poll from Python: the page's CSP (rightly) forbids the eval that wait_for_function uses."""
    for _ in range(int(seconds * 20)):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"never true: {expression}")


@pytest.mark.parametrize("url", CONTENT_PAGES)
def test_content_pages_are_accessible(page, url):
    for query in ("?lang=de", "?lang=en"):
        page.goto(url + query)
        check_accessibility(page)


def test_module_overview_timeline_reflows_at_320_px(page):
    page.set_viewport_size({"width": 320, "height": 720})
    page.goto("/module?lang=de&schrift=sehr-gross")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    steps = page.locator(".timeline > li h3").all_inner_texts()
    assert len(steps) == 4 and steps[0].startswith("Schritt 1")
    page.goto("/module?schrift=normal")


def test_glossary_word_opens_in_place_by_keyboard(page):
    page.goto("/module/3?lang=de")
    focus_next(page, "el.tagName === 'SUMMARY'")
    summary = page.evaluate("document.activeElement.textContent")
    assert summary.startswith("Was heißt")
    assert page.evaluate("document.activeElement.parentElement.open") is False
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.parentElement.open") is True
    explanation = page.evaluate("document.activeElement.parentElement.querySelector('p').innerText")
    assert len(explanation) > 10
    check_accessibility(page)
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.parentElement.open") is False


def test_glossary_link_leads_to_the_explanation(page):
    page.goto("/module/3?lang=de")
    link = page.locator("a.term").first
    slug = link.get_attribute("href").rsplit("/", 1)[1]  # /woerterbuch/wort/<slug>: counted, then #<slug>
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/woerterbuch#{slug}")
    assert page.locator(f"[id='{slug}'] h3").is_visible()


def test_read_aloud_by_keyboard_drives_the_speech_api_sentence_by_sentence(page):
    page.add_init_script(FAKE_SPEECH)
    page.goto("/module/3?lang=de")
    focus_next(page, "el.hasAttribute('data-read-aloud-start')")
    page.keyboard.press("Enter")
    wait_until(page, "window.__spoken.length >= 3")
    spoken = page.evaluate("window.__spoken")
    assert spoken[0] == "Was ist das?"
    assert all("·" not in text for text in spoken)  # the Mediopunkt is never read
    assert any("Jobcoach" in text for text in spoken)
    highlighted = page.locator(".reading")
    assert highlighted.count() == 1
    assert page.evaluate("document.activeElement.hasAttribute('data-read-aloud-pause')")
    page.keyboard.press("Enter")  # pause
    assert page.evaluate("window.__paused") is True
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-read-aloud-stop')")
    page.keyboard.press("Enter")  # stop
    assert page.locator(".reading").count() == 0
    assert page.evaluate("document.activeElement.hasAttribute('data-read-aloud-start')")


def test_read_aloud_is_hidden_without_speech_synthesis(page):
    page.add_init_script("delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;")
    page.goto("/module/3?lang=de")
    assert page.locator("[data-read-aloud-controls]").is_hidden()


def test_mediopunkt_is_seen_but_not_copied_or_read(page):
    page.goto("/module/3?lang=de")
    heading = page.locator("h1")
    assert heading.inner_text() == "Modul 3: Lernen im Betrieb mit Jobcoach"
    name = page.evaluate(
        "(() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('h1'));"
        " getSelection().removeAllRanges(); getSelection().addRange(r); return getSelection().toString(); })()"
    )
    assert "·" not in name
    assert page.evaluate("getComputedStyle(document.querySelector('h1 .mp'), '::before').content").startswith('"·"')


def test_read_aloud_skips_the_line_for_professionals(page):
    page.add_init_script(FAKE_SPEECH)
    page.goto("/module/3?lang=de")
    assert page.locator("p.fachleute[data-read-aloud-skip]").count() >= 1
    focus_next(page, "el.hasAttribute('data-read-aloud-start')")
    page.keyboard.press("Enter")
    wait_until(page, "document.querySelector('[data-read-aloud-start]').hidden === false", seconds=20)
    spoken = page.evaluate("window.__spoken")
    assert any("Rückkehrrecht" in text for text in spoken)
    assert not [text for text in spoken if "§" in text or "Fachleute" in text]
