"""Postcodes and the areas a provider serves: plain functions, no database.

An area is a named set of postcode ranges. A district ("Landkreis Oder-Spree") is written as
its name and the ranges that make it up, so that a person's postcode alone finds it:
``Landkreis Oder-Spree: 15517-15537, 15848-15898``. A bare ``23552-23570`` or ``23701`` is an
area without a name.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

POSTCODE_LENGTH = 5
_POSTCODE = re.compile(r"^[0-9]{5}$")
_RANGE = re.compile(r"^(\d{5})(?:\s*-\s*(\d{5}))?$")
LABEL_MAX = 120


class AreaError(ValueError):
    """An area written in a way the portal cannot read; the message says what is wrong."""


def normalize_postcode(text: str | None) -> str | None:
    """'23 552' → '23552', also typed in other digits ('٢٣٥٥٢', '２３５５２'); anything that is not
    five digits → None. The result is always ASCII, so it compares with the stored ranges."""
    if text is None:
        return None
    compact = "".join(_ascii_digit(char) for char in unicodedata.normalize("NFKC", text) if not char.isspace())
    return compact if _POSTCODE.match(compact) else None


def _ascii_digit(char: str) -> str:
    value = unicodedata.decimal(char, None)
    return str(value) if value is not None else char


@dataclass(frozen=True)
class AreaRange:
    label: str
    postcode_from: str
    postcode_to: str

    def contains(self, postcode: str) -> bool:
        # Five-digit strings compare like the numbers they spell.
        return self.postcode_from <= postcode <= self.postcode_to

    @property
    def size(self) -> int:
        return int(self.postcode_to) - int(self.postcode_from) + 1

    def distance(self, postcode: str) -> int:
        """How far the postcode lies outside the range, in postcode numbers (0 inside)."""
        number = int(postcode)
        if number < int(self.postcode_from):
            return int(self.postcode_from) - number
        return max(0, number - int(self.postcode_to))

    def __str__(self) -> str:
        span = self.postcode_from if self.postcode_from == self.postcode_to else f"{self.postcode_from}-{self.postcode_to}"
        return f"{self.label}: {span}" if self.label else span


def parse_area(text: str) -> list[AreaRange]:
    """One area as written on the command line: optional 'Name:' then ranges separated by commas."""
    label, _, ranges = text.rpartition(":")
    label = label.strip()
    if len(label) > LABEL_MAX:
        raise AreaError(f"the area name is longer than {LABEL_MAX} characters: {label[:40]}…")
    parts = [part.strip() for part in ranges.split(",")]
    if not any(parts):
        raise AreaError(f"no postcodes in {text!r}: write for example 23552-23570")
    found = []
    for part in parts:
        match = _RANGE.match(part)
        if not match:
            raise AreaError(f"{part!r} is not a postcode or a range like 23552-23570")
        start, end = match.group(1), match.group(2) or match.group(1)
        if start > end:
            raise AreaError(f"{part!r}: the first postcode must not be larger than the second")
        found.append(AreaRange(label, start, end))
    return found
