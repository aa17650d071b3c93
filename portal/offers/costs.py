"""The JobBudget cost calculation: from a provider's real yearly costs to a price per hour of
specialist support (Fachleistungsstunde), per module and for a person's cost plan.

The report's tool in four steps, each shown to the provider as it is computed:
  1. staff cost of one full-time job coach per year
  2. + overhead (a share of the staff cost)   3. + travel (a share of the staff cost)
  4. ÷ productive hours per year  = hourly rate (rounded to the cent)
A module's price is the hourly rate × the sum of the usual hours of its offered Bausteine.
Every result is an estimate; pages that show one say so.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CostInputs:
    yearly_staff_cost: Decimal
    productive_hours: Decimal
    overhead_percent: Decimal
    travel_percent: Decimal


@dataclass(frozen=True)
class HourlyRate:
    """The calculation, step by step, as the provider sees it."""

    staff_cost: Decimal
    overhead: Decimal
    travel: Decimal
    total_cost: Decimal
    productive_hours: Decimal
    rate: Decimal


def hourly_rate(inputs: CostInputs) -> HourlyRate:
    overhead = to_cents(inputs.yearly_staff_cost * inputs.overhead_percent / 100)
    travel = to_cents(inputs.yearly_staff_cost * inputs.travel_percent / 100)
    total = inputs.yearly_staff_cost + overhead + travel
    return HourlyRate(
        staff_cost=to_cents(inputs.yearly_staff_cost), overhead=overhead, travel=travel,
        total_cost=to_cents(total), productive_hours=inputs.productive_hours,
        rate=to_cents(total / inputs.productive_hours),
    )


def price(rate: Decimal, hours: Decimal) -> Decimal:
    return to_cents(rate * hours)


def per_month(total: Decimal, months: int) -> Decimal:
    """The Persönliches Budget is paid monthly: the total spread evenly over the planned months."""
    return to_cents(total / months)
