"""Numbers as people type them in the cost calculation: "1.234,5", "1234,5", "48 000 €", "12 %"
(German) or "1,234.5" (English). Parsed to Decimal; the form says in plain words what is wrong."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from flask import g, has_request_context
from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms.validators import StopValidation

# Blanks inside a number (also the narrow and non-breaking ones) and the units people add.
_NOISE = re.compile(r"[\s\u00a0\u202f\u2009']|€|%|eur(?:o)?\b", re.IGNORECASE)
_PLAIN = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_MINUS = "\u2212"  # the typographic minus sign


class NotANumber(ValueError):
    pass


def _grouped(text: str, separator: str) -> bool:
    """"1.234.567" with `separator` "." : digits in groups of three."""
    return re.fullmatch(r"\d{1,3}(?:" + re.escape(separator) + r"\d{3})+", text) is not None


def parse_decimal(text: str, lang: str = "de") -> Decimal:
    """The number in `text`. German: "," is the decimal sign and "." groups thousands; English the
    other way round; with both signs the last one is the decimal sign. Raises NotANumber."""
    value = _NOISE.sub("", (text or "").replace(_MINUS, "-"))
    sign = ""
    if value[:1] in "+-" and value:
        sign, value = ("-" if value[0] == "-" else ""), value[1:]
    if "," in value and "." in value:
        decimal_sign = "," if value.rfind(",") > value.rfind(".") else "."
        group_sign = "." if decimal_sign == "," else ","
        whole, _, fraction = value.rpartition(decimal_sign)
        if not _grouped(whole, group_sign) or not fraction.isdigit():
            raise NotANumber(text)
        value = whole.replace(group_sign, "") + "." + fraction
    elif "," in value:
        value = value.replace(",", "") if lang == "en" and _grouped(value, ",") else value.replace(",", ".")
    elif "." in value and lang != "en" and _grouped(value, "."):
        value = value.replace(".", "")
    if not _PLAIN.match(value):
        raise NotANumber(text)
    try:
        return Decimal(sign + value)
    except InvalidOperation:
        raise NotANumber(text) from None


def decimal_places(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def shown(number: Decimal | None, places: int = 2) -> str:
    """A stored number as the form shows it again: "48.000" or "12,5" in German."""
    if number is None:
        return ""
    return format_decimal(number.normalize() if decimal_places(number) else number.quantize(Decimal(1)),
                          format="#,##0." + "#" * places)


def _lang() -> str:
    return g.get("lang", "de") if has_request_context() else "de"


class Amount:
    """A validator for a number field (a StringField): empty is left to Required (or allowed), else
    the text must be a number in [low, high] (`zero`: whether 0 is allowed) with at most `places`
    decimal places. Sets `field.number` (Decimal, or None when empty)."""

    def __init__(self, low: Decimal, high: Decimal, places: int, example: Decimal, zero: bool = True):
        self.low, self.high, self.places, self.zero = Decimal(low), Decimal(high), places, zero
        self.example = Decimal(example)

    def __call__(self, form, field):
        field.number = None
        if not field.data:
            return
        try:
            number = parse_decimal(field.data, _lang())
        except NotANumber:
            raise StopValidation(_l("Bitte schreiben Sie nur eine Zahl. Zum Beispiel: %(example)s",
                                    example=shown(self.example, self.places)))
        if number < 0:
            raise StopValidation(_l("Die Zahl darf nicht kleiner als 0 sein."))
        if number == 0 and not self.zero:
            raise StopValidation(_l("Die Zahl darf nicht 0 sein."))
        if number < self.low:
            raise StopValidation(_l("Die Zahl ist zu klein. Bitte schreiben Sie mindestens %(low)s.",
                                    low=shown(self.low, self.places)))
        if number > self.high:
            raise StopValidation(_l("Die Zahl ist zu groß. Bitte schreiben Sie höchstens %(high)s.",
                                    high=shown(self.high, self.places)))
        if decimal_places(number) > self.places:
            raise StopValidation(ngettext(
                "Bitte schreiben Sie höchstens %(num)s Stelle nach dem Komma.",
                "Bitte schreiben Sie höchstens %(num)s Stellen nach dem Komma.", self.places))
        field.number = number
