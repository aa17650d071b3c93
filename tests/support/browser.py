"""Browser checks: axe-core (WCAG 2.2 A/AA rules) at 320 px and 1280 px and at the very large text setting."""
from __future__ import annotations

import json

from axe_playwright_python.sync_playwright import Axe

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
# Changing only the text size shows and hides nothing, so names, labels, roles, landmarks and ids stay
# as the full scan at the same width found them; what larger text can break is how things are laid out.
LAYOUT_RULES = ["color-contrast", "target-size", "scrollable-region-focusable", "meta-viewport"]
AXE_LAYOUT_OPTIONS = {"runOnly": {"type": "rule", "values": LAYOUT_RULES}, "resultTypes": ["violations"]}
NARROW = {"width": 320, "height": 720}
WIDE = {"width": 1280, "height": 900}
_axe = Axe()

# The shape of a page: every element with its attributes (the values too, except addresses and form values
# and data-*) and whether it holds text of its own; runs of same-shaped siblings count once (a list of 3
# or 4 answers). axe judges what the shape holds (names, labels and what they point to, roles, contrast by
# class), so a shape that one scan of this test process found clean at a size is not scanned again: the
# same page met again in another journey is scanned once per size.
_PAGE_SHAPE = """() => {
  const skip = new Set(['href', 'src', 'action', 'value']);
  const shape = el => {
    const attrs = [...el.attributes].filter(a => !skip.has(a.name) && !a.name.startsWith('data-'))
      .map(a => a.name + '=' + a.value).sort().join(',');
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) ? 'T' : '';
    const children = [];
    for (const child of el.children) {
      const s = shape(child);
      if (children[children.length - 1] !== s) children.push(s);
    }
    return el.tagName + '[' + attrs + ']' + own + '(' + children.join(';') + ')';
  };
  return shape(document.documentElement);
}"""
_clean_shapes: set[tuple[int, str, str, str]] = set()


def axe_violations(page, options: dict = AXE_OPTIONS) -> list[str]:
    # axe-core is injected once per document, not on every scan (Axe.run injects 0.5 MB each time):
    # a page is scanned at four sizes, so this saves most of the browser tests' time.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe.axe_script)
    response = page.evaluate("options => axe.run(document, options)", options)
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


def scan_once(page, size: str, options: dict = AXE_OPTIONS) -> list[str]:
    """axe's findings on the page as it is, unless this test process already found the same page shape
    clean at this width and text size."""
    shape = (page.viewport_size["width"], size, json.dumps(options), page.evaluate(_PAGE_SHAPE))
    if shape in _clean_shapes:
        return []
    violations = axe_violations(page, options)
    if not violations:
        _clean_shapes.add(shape)
    return violations


def check_accessibility(page) -> None:
    """Axe finds nothing on the page as it is now, and nothing scrolls sideways:
    1280 px wide, 320 px narrow, and 320 px with the very large text setting.
    In high contrast only the colours differ from the normal page (which the same test checks in full),
    so there axe looks at what colours can break."""
    original = page.viewport_size
    problems = []
    high_contrast = page.evaluate("document.documentElement.classList.contains('kontrast-hoch')")
    full = AXE_LAYOUT_OPTIONS if high_contrast else AXE_OPTIONS
    # Very large text at 1280 px is not scanned again: at 320 px the same text has far less room.
    for viewport, size, options in ((WIDE, "normal", full), (NARROW, "normal", full),
                                    (NARROW, "sehr-gross", AXE_LAYOUT_OPTIONS)):
        page.set_viewport_size(viewport)
        _set_text_size(page, size)
        violations = scan_once(page, size, options)
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
