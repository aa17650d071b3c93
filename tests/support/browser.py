"""Browser checks: axe-core (WCAG 2.2 A/AA rules) at 320 px and 1280 px and at the very large text setting."""
from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
NARROW = {"width": 320, "height": 720}
WIDE = {"width": 1280, "height": 900}
_axe = Axe()


def axe_violations(page) -> list[str]:
    # axe-core is injected once per document, not on every scan (Axe.run injects 0.5 MB each time):
    # a page is scanned at four sizes, so this saves most of the browser tests' time.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe.axe_script)
    response = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    found = []
    for violation in response["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]][:5]
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} → {targets}")
    return found


def horizontal_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def widest_elements(page) -> list[str]:
    """The innermost elements that reach past the right edge: where to look when a page scrolls sideways."""
    return page.evaluate(
        """() => { const limit = document.documentElement.clientWidth;
             return [...document.querySelectorAll('body *')]
               .filter(el => el.getBoundingClientRect().right > limit + 0.5)
               .filter(el => ![...el.children].some(c => c.getBoundingClientRect().right > limit + 0.5))
               .slice(0, 5)
               .map(el => `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 40)}"`
                          + ` right=${Math.round(el.getBoundingClientRect().right)}`); }"""
    )


def _set_text_size(page, size: str) -> None:
    # The same class the server renders for ?schrift=…; set in place so typed answers and error states stay.
    page.evaluate(
        """size => { const c = document.documentElement.classList;
                     [...c].filter(n => n.startsWith('schrift-')).forEach(n => c.remove(n));
                     c.add('schrift-' + size); }""",
        size,
    )


def check_accessibility(page) -> None:
    """Axe finds nothing on the page as it is now, and nothing scrolls sideways:
    1280 px wide, 320 px narrow, and 320 px with the very large text setting."""
    original = page.viewport_size
    problems = []
    # Very large text at 1280 px is not scanned again: at 320 px the same text has far less room.
    for viewport, size in ((WIDE, "normal"), (NARROW, "normal"), (NARROW, "sehr-gross")):
        page.set_viewport_size(viewport)
        _set_text_size(page, size)
        violations = axe_violations(page)
        if violations:
            problems.append(f"{viewport['width']} px, text {size}: " + "; ".join(violations))
        overflow = horizontal_overflow(page)
        if overflow > 0:
            problems.append(
                f"{viewport['width']} px, text {size}: scrolls sideways by {overflow} px: {widest_elements(page)}"
            )
    _set_text_size(page, "normal")
    page.set_viewport_size(original or WIDE)
    assert not problems, f"{page.url}:\n" + "\n".join(problems)
