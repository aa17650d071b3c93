"""Checks for a page on a small phone (320 × 640): is the heading on the first screen, is any word
broken across two lines without a visible mark, does every focusable element show its focus."""
from __future__ import annotations

import base64
import io

PHONE = {"width": 320, "height": 640}

# For every word of visible text: the pieces between visible break marks (hyphen, dashes, slash,
# Mediopunkt) must each sit on one line. A word may also end at an element boundary: the content
# draws the Mediopunkt as an empty `span.mp` followed by <wbr>, so "Werk·statt" is two text nodes,
# each checked on its own. More than one line box for one piece means the browser broke it.
_BROKEN_WORDS_JS = """
() => {
  const MARKS = /[-\\u2010\\u2011\\u2013\\u2014\\u00b7\\/\\u00ad]/;
  const found = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const visible = new Map();
  function isVisible(el) {
    if (visible.has(el)) return visible.get(el);
    // checkVisibility: false inside a closed <details> (unless CSS shows its inside, as the wide frame does)
    const ok = el.checkVisibility({visibilityProperty: true}) && !el.closest('.visually-hidden, .honeypot, script, style');
    visible.set(el, ok);
    return ok;
  }
  function lines(start, end, node) {
    range.setStart(node, start);
    range.setEnd(node, end);
    const rects = [...range.getClientRects()].filter(r => r.width > 0.5 && r.height > 0.5);
    const tops = [];
    for (const r of rects) {
      if (!tops.some(t => Math.abs(t - r.top) < r.height / 2)) tops.push(r.top);
    }
    return tops.length;
  }
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!el || !isVisible(el)) continue;
    const text = node.data;
    const words = /\\S+/g;
    let match;
    while ((match = words.exec(text))) {
      const word = match[0];
      let start = match.index;
      for (let i = 0; i <= word.length; i++) {
        const atEnd = i === word.length;
        if (atEnd || MARKS.test(word[i])) {
          const end = match.index + (atEnd ? i : i + 1);
          if (end - start > 1 && lines(start, end, node) > 1) {
            const where = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
            found.push(`"${word}" in ${where}: "${el.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60)}"`);
            break;
          }
          start = end;
        }
      }
    }
  }
  return found;
}
"""

# Every element a keyboard reaches with Tab: visible, not disabled, not inside a closed <details>.
# Each gets a number and a "look" (its tag, classes, state and the classes of its ancestors): elements
# with the same look have the same focus style, so one of them stands for all (a dictionary page has
# a hundred links of three kinds).
_FOCUSABLE_JS = """
() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  return [...document.querySelectorAll(selector)]
    .filter(el => !el.disabled && el.checkVisibility({visibilityProperty: true}) && !el.closest('.honeypot'))
    .map((el, i) => {
      el.dataset.focusCheck = String(i);
      const parts = [];
      for (let a = el; a && a !== document.body; a = a.parentElement) {
        parts.push(a.tagName + '.' + [...a.classList].sort().join('.') + (a.getAttribute('aria-current') ? '[current]' : '')
                   + (a.type ? '[' + a.type + ']' : '') + (a.open ? '[open]' : ''));
      }
      return [i, parts.join('<')];
    });
}
"""


def broken_words(page) -> list[str]:
    """Words that the browser broke across two lines at a place without a visible break mark."""
    return page.evaluate(_BROKEN_WORDS_JS)


def h1_bottom(page) -> float:
    """How far down the page the (only) h1 ends, in CSS pixels from the top of the document."""
    return page.evaluate("document.querySelector('h1').getBoundingClientRect().bottom + window.scrollY")


def _box(page, selector: str, margin: int = 6):
    """The element's box and a few pixels around it, in document coordinates, after scrolling it into view."""
    box = page.evaluate(
        """([selector, margin]) => { const el = document.querySelector(selector);
             el.scrollIntoView({block: 'center', inline: 'nearest'});
             const r = el.getBoundingClientRect();
             const left = Math.max(0, Math.floor(r.left) - margin), top = Math.max(0, Math.floor(r.top) - margin);
             return {x: left + window.scrollX, y: top + window.scrollY, scale: 1,
                     width: Math.min(document.documentElement.clientWidth, Math.ceil(r.right) + margin) - left,
                     height: Math.min(window.innerHeight, Math.ceil(r.bottom) + margin) - top}; }""",
        [selector, margin],
    )
    return box if box["width"] > 0 and box["height"] > 0 else None


def _screenshot(cdp, box) -> bytes:
    # Straight from the DevTools protocol: much quicker than page.screenshot for hundreds of small pictures.
    return base64.b64decode(cdp.send("Page.captureScreenshot", {"format": "png", "clip": box})["data"])


def _pixels(png: bytes) -> bytes:
    from PIL import Image

    return Image.open(io.BytesIO(png)).convert("RGB").tobytes()


def elements_without_visible_focus(page, seen: set[str] | None = None) -> list[str]:
    """Focusable elements whose look does not change when they get keyboard focus.

    Each element is photographed (its box and a few pixels around it) without focus and with
    keyboard focus (:focus-visible, as after pressing Tab), and the pixels are compared. Elements
    that look alike are checked once; pass the same `seen` set for several pages to check each
    kind of element once in all of them."""
    seen = set() if seen is None else seen
    cdp = page.context.new_cdp_session(page)
    missing = []
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for index, look in page.evaluate(_FOCUSABLE_JS):
        if look in seen:
            continue
        seen.add(look)
        selector = f"[data-focus-check='{index}']"
        box = _box(page, selector)
        if box is None:
            continue
        before = _screenshot(cdp, box)
        focused = page.evaluate(
            """selector => { const el = document.querySelector(selector);
                 el.focus({preventScroll: true, focusVisible: true});
                 return document.activeElement === el && el.matches(':focus-visible'); }""",
            selector,
        )
        if not focused:
            missing.append(f"{_describe(page, selector)}: cannot get keyboard focus")
            continue
        after = _screenshot(cdp, box)
        page.evaluate("document.activeElement.blur()")
        if before == after or _pixels(before) == _pixels(after):
            missing.append(f"{_describe(page, selector)}: looks the same with and without focus")
    cdp.detach()
    return missing


def _describe(page, selector: str) -> str:
    return page.evaluate(
        """selector => { const el = document.querySelector(selector);
             return el.tagName.toLowerCase() + (el.getAttribute('aria-current') ? '[aria-current]' : '')
                    + ' "' + (el.textContent || el.value || el.name || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"'; }""",
        selector,
    )


def bullets_beside_last_line(page) -> list[str]:
    """List items whose bullet stands next to the last line of a wrapped link instead of its first.

    The bullet sits on the first line box's baseline; a zero-width probe put at the start of the item
    lands on that same line, so it is compared with the first letter of the item's text."""
    return page.evaluate(
        """() => {
          const found = [];
          for (const li of document.querySelectorAll('main li, header li, footer li')) {
            const style = getComputedStyle(li);
            if (style.display !== 'list-item' || style.listStyleType === 'none' || li.getClientRects().length === 0) continue;
            const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT, n => n.data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP);
            const text = walker.nextNode();
            if (!text) continue;
            const range = document.createRange();
            const offset = text.data.search(/\\S/);
            range.setStart(text, offset); range.setEnd(text, offset + 1);
            const first = range.getClientRects()[0];
            const probe = document.createElement('span');
            probe.textContent = '\\u200b';
            li.prepend(probe);
            const at = probe.getBoundingClientRect();
            probe.remove();
            if (first && Math.abs(at.bottom - first.bottom) > first.height / 2) {
              found.push(`"${li.textContent.trim().replace(/\\s+/g, ' ').slice(0, 50)}"`);
            }
          }
          return found;
        }"""
    )
