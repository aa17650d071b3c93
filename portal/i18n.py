"""Language choice and the interface catalogues.

The language comes from ``?lang=`` on any URL (and is then remembered in the display
preferences), else from the remembered preference, else from the browser's Accept-Language
header, else German.
"""
from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import current_app, g, request


def select_locale() -> str:
    prefs = getattr(g, "prefs", None)
    if prefs is not None:
        return prefs.lang
    return best_language()


def best_language() -> str:
    languages = current_app.config["LANGUAGES"]
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def compile_catalogues(translations_root: Path) -> list[Path]:
    """Compile every messages.po whose .mo is missing or older, so a fresh clone never runs stale text.

    Returns the catalogues written. A read-only installation simply keeps its compiled files.
    """
    written = []
    for po_path in sorted(translations_root.glob("*/*/LC_MESSAGES/messages.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        try:
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalog)
        except OSError:
            continue
        written.append(mo_path)
    return written
