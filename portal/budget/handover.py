"""The Klärung result as the start of the letter's "what help do you need".

`portal.klaerung.result_snapshot(lang)` gives the person's result as plain data
(`{"title", "created", "sections": [{"heading", "items"}]}`). The letter takes the sections about the
help the person needs and the modules that fit. The letter is German, so the snapshot is asked for
in German, whatever language the portal shows.
"""
from __future__ import annotations

from importlib import import_module

# Words in a section heading that mark it as "the help I need" or "the modules that fit".
HELP_HEADING_WORDS = ("hilfe", "unterstützung", "modul", "help", "support")
# A module item is "Modul 3: Lernen im Betrieb mit Job·coach. Sie möchten …": the letter takes the name only.
MODULE_HEADING_WORDS = ("modul",)
MEDIOPUNKT = "·"
MAX_ITEMS = 20


def help_text(snapshot: dict | None) -> str:
    """The help lines for the letter ("- Job coach im Betrieb"), or "" when the result has none."""
    if not isinstance(snapshot, dict):
        return ""
    lines: list[str] = []
    for section in snapshot.get("sections") or []:
        if not isinstance(section, dict):
            continue
        heading = str(section.get("heading") or "").replace(MEDIOPUNKT, "").casefold()
        if not any(word in heading for word in HELP_HEADING_WORDS):
            continue
        names_only = any(word in heading for word in MODULE_HEADING_WORDS)
        for item in section.get("items") or []:
            text = " ".join(str(item).replace(MEDIOPUNKT, "").split())
            if names_only:
                text = text.split(". ", 1)[0].rstrip(".")
            line = f"- {text}"
            if line.strip("- ") and line not in lines:
                lines.append(line)
    return "\n".join(lines[:MAX_ITEMS])


def klaerung_snapshot() -> dict | None:
    """The session's Klärung result in German, or None (also while the Klärung has no hand-over yet)."""
    try:
        result_snapshot = getattr(import_module("portal.klaerung"), "result_snapshot", None)
    except ImportError:
        return None
    if result_snapshot is None:
        return None
    return result_snapshot(lang="de")
