"""Using a page with the keyboard only, as a person without a mouse does: Tab, arrow keys, Space, Enter."""
from __future__ import annotations

import json


def focus_next(page, predicate_js: str, limit: int = 60):
    """Press Tab until the focused element matches; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate_js})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate_js}")


def press_and_wait(page, key: str = "Enter") -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def submit(page, label: str = "Weiter") -> None:
    """Tab to the button with this text and press Enter; wait for the next page."""
    focus_next(page, f"el.tagName === 'BUTTON' && el.textContent.trim() === {json.dumps(label)}")
    press_and_wait(page)


def choose_radio(page, name: str, value: str) -> None:
    """Tab into the group (Tab stops once in it), then arrow keys until the wanted answer is chosen."""
    focus_next(page, f"el.name === {json.dumps(name)}")
    for _ in range(25):
        if page.evaluate("document.activeElement.value") == value:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert page.evaluate(f"document.activeElement.value === {json.dumps(value)} && document.activeElement.checked")


def type_into(page, field_id: str, text: str) -> None:
    focus_next(page, f"el.id === {json.dumps(field_id)}")
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
