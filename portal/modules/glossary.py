"""Grouping the dictionary by first letter, for the A–Z jump list."""
from __future__ import annotations

import unicodedata
from itertools import groupby


def first_letter(term: str) -> str:
    base = unicodedata.normalize("NFD", term.strip())[0].upper()
    return base if base.isalpha() else "#"


def letter_groups(entries) -> list[tuple[str, list]]:
    """[(letter, entries)] in the glossary's own (alphabetical) order."""
    return [(letter, list(items)) for letter, items in groupby(entries, key=lambda e: first_letter(e.term))]
