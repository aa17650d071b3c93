"""The cost plan as plain logic, without Flask: from the chosen modules and a provider's module prices
to lines, the sum and the amount per month.

The Persönliches Budget is paid monthly (§ 29 SGB IX): the plan spreads the sum evenly over the
planned months. Where the provider gives no price for a chosen module, the line says so and counts
nothing; the plan never invents a price.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..offers.costs import per_month, to_cents

MONTHS_MIN, MONTHS_MAX, MONTHS_DEFAULT = 1, 24, 6
MODULES = tuple(range(1, 9))  # the 8 JobBudget modules


@dataclass(frozen=True)
class Line:
    """One chosen module. `total` is None when the provider gives no price for it."""

    module: int
    title: str
    hours: Decimal | None = None
    rate: Decimal | None = None
    total: Decimal | None = None

    @property
    def has_price(self) -> bool:
        return self.total is not None


@dataclass(frozen=True)
class Plan:
    provider: str  # the provider's name
    months: int
    lines: tuple[Line, ...]
    is_example: bool = False

    @property
    def priced(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.has_price)

    @property
    def unpriced(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if not line.has_price)

    @property
    def total(self) -> Decimal | None:
        """The sum of the priced lines; None when no line has a price (there is nothing to add up)."""
        if not self.priced:
            return None
        return to_cents(sum((line.total for line in self.priced), Decimal("0")))

    @property
    def hours(self) -> Decimal | None:
        if not self.priced:
            return None
        return sum((line.hours for line in self.priced), Decimal("0"))

    @property
    def per_month(self) -> Decimal | None:
        total = self.total
        return None if total is None else per_month(total, self.months)


def build_plan(provider_name: str, modules: Iterable[int], prices: Mapping, titles: Mapping[int, str],
               months: int) -> Plan:
    """`prices`: module number → an object with hours, rate, total, is_example
    (portal.offers.queries.ModulePrice); a module without an entry has no price."""
    if not MONTHS_MIN <= months <= MONTHS_MAX:
        raise ValueError(f"months must be {MONTHS_MIN}–{MONTHS_MAX}, not {months}")
    lines = []
    is_example = False
    for number in sorted(set(modules)):
        found = prices.get(number)
        if found is None:
            lines.append(Line(number, titles.get(number, "")))
        else:
            lines.append(Line(number, titles.get(number, ""), found.hours, found.rate, found.total))
            is_example = is_example or bool(found.is_example)
    return Plan(provider_name, months, tuple(lines), is_example)


# --- the plan as plain data (attached to a contact request, stored with it) ---------------------

TEXT_MAX = 200
LINES_MAX = len(MODULES)


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def to_data(plan: Plan) -> dict:
    """JSON-serialisable: amounts as decimal strings ("1071.40")."""
    return {
        "provider": plan.provider,
        "months": plan.months,
        "example": plan.is_example,
        "lines": [
            {"module": line.module, "title": line.title, "hours": _amount(line.hours),
             "rate": _amount(line.rate), "total": _amount(line.total)}
            for line in plan.lines
        ],
    }


def _decimal(value) -> Decimal | None:
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() and Decimal("0") <= number < Decimal("10000000") else None


def _text(value) -> str:
    return value.strip()[:TEXT_MAX] if isinstance(value, str) else ""


def from_data(data) -> Plan | None:
    """The plan back from `to_data` (checked and limited, as stored data is); None when it is not one."""
    if not isinstance(data, dict) or not isinstance(data.get("lines"), list):
        return None
    months = data.get("months")
    if not isinstance(months, int) or isinstance(months, bool) or not MONTHS_MIN <= months <= MONTHS_MAX:
        return None
    lines = []
    for item in data["lines"][:LINES_MAX]:
        if not isinstance(item, dict) or item.get("module") not in MODULES:
            continue
        hours, rate, total = (_decimal(item.get(key)) for key in ("hours", "rate", "total"))
        if None in (hours, rate, total):
            hours = rate = total = None
        lines.append(Line(item["module"], _text(item.get("title")), hours, rate, total))
    if not lines:
        return None
    return Plan(_text(data.get("provider")), months, tuple(lines), data.get("example") is True)
