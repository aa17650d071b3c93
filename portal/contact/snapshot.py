"""The hand-over from the Klärung: "Mein Ergebnis" as plain data, checked before it is stored.

`portal.klaerung.result_snapshot(lang)` is built by the Klärung; it is looked up when needed, so
the contact request works (without the result) while it does not exist.
"""
from __future__ import annotations

import logging

logger = logging.getLogger(__name__)

TEXT_MAX = 500
SECTIONS_MAX = 30
ITEMS_MAX = 60


def current_result(lang: str) -> dict | None:
    from .. import klaerung

    snapshot = getattr(klaerung, "result_snapshot", None)
    if snapshot is None:
        return None
    try:
        return clean_snapshot(snapshot(lang))
    except Exception:  # the Klärung's trouble must never stop a contact request
        logger.exception("the Klärung result could not be read")
        return None


def _text(value) -> str:
    return str(value).strip()[:TEXT_MAX] if isinstance(value, (str, int, float)) else ""


def clean_snapshot(data) -> dict | None:
    """The snapshot reduced to the agreed shape, with sizes limited; None when there is nothing
    to show. Everything stays plain text: templates escape it like any other input."""
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        return None
    sections = []
    for section in data["sections"][:SECTIONS_MAX]:
        if not isinstance(section, dict):
            continue
        items = section.get("items") if isinstance(section.get("items"), list) else []
        cleaned = [text for text in (_text(item) for item in items[:ITEMS_MAX]) if text]
        heading = _text(section.get("heading"))
        if heading or cleaned:
            sections.append({"heading": heading, "items": cleaned})
    if not sections:
        return None
    return {"title": _text(data.get("title")) or "Mein Ergebnis", "created": _text(data.get("created")), "sections": sections}


def current_cost_plan(lang: str) -> dict | None:
    """The cost plan the person chose at /kosten to send with a contact request (portal/costplan), as
    plain data, or None; looked up like the Klärung result, and its trouble never stops a request."""
    from .. import costplan

    plan = getattr(costplan, "contact_plan", None)
    if plan is None:
        return None
    try:
        return plan(lang)
    except Exception:
        logger.exception("the cost plan could not be read")
        return None
