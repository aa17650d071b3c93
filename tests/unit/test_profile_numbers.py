"""Numbers as providers type them in the cost calculation (portal/profile/numbers.py)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from portal.profile.numbers import NotANumber, decimal_places, parse_decimal


@pytest.mark.parametrize("text, lang, expected", [
    ("1234,5", "de", "1234.5"),
    ("1.234,5", "de", "1234.5"),
    ("1.234", "de", "1234"),
    ("48.000 €", "de", "48000"),
    ("48 000", "de", "48000"),
    ("48\u00a0000,00\u00a0€", "de", "48000.00"),
    ("12,5 %", "de", "12.5"),
    ("12.5", "de", "12.5"),
    ("0", "de", "0"),
    ("1.234.567,89", "de", "1234567.89"),
    ("-5", "de", "-5"),
    ("\u22125", "de", "-5"),
    ("1,234.5", "en", "1234.5"),
    ("1,234", "en", "1234"),
    ("1.5", "en", "1.5"),
    ("1,5", "en", "1.5"),
    ("€52,000", "en", "52000"),
])
def test_numbers_people_type(text, lang, expected):
    assert parse_decimal(text, lang) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "viel", "1,2,3", "1.2.3,4,5", "12a", "1e5", "NaN", "Infinity", "--5", "1.23.4", ",", "."])
def test_not_a_number(text):
    with pytest.raises(NotANumber):
        parse_decimal(text, "de")


def test_decimal_places():
    assert [decimal_places(Decimal(text)) for text in ("12", "12.50", "12.25", "1200")] == [0, 1, 2, 0]
