"""The cost plan's logic against a worked example computed by hand: lines, sum, amount per month,
modules without a price, the plan as stored data."""
from __future__ import annotations

from decimal import Decimal

import pytest

from portal.costplan.plan import build_plan, from_data, to_data
from portal.offers.queries import ModulePrice

pytestmark = pytest.mark.no_database

RATE = Decimal("53.57")  # 75,000 € ÷ 1,400 hours (tests/unit/test_offer_costs.py)
PRICES = {
    1: ModulePrice(1, Decimal("20"), RATE, Decimal("1071.40"), False),
    3: ModulePrice(3, Decimal("10.5"), RATE, Decimal("562.49"), False),
}
TITLES = {1: "Wünsche klären", 3: "Ein Praktikum", 5: "Im Betrieb lernen"}


def test_the_sum_spread_over_the_planned_months():
    plan = build_plan("Integra", [3, 1], PRICES, TITLES, 6)
    assert [line.module for line in plan.lines] == [1, 3]
    assert plan.lines[0].title == "Wünsche klären" and plan.lines[0].rate == RATE
    # 1,071.40 € + 562.49 € = 1,633.89 €; ÷ 6 months = 272.315 € → 272.32 € (half up)
    assert plan.total == Decimal("1633.89")
    assert plan.hours == Decimal("30.5")
    assert plan.per_month == Decimal("272.32")
    # the same plan over 12 months: 136.1575 € → 136.16 €; over 1 month: the whole sum
    assert build_plan("Integra", [1, 3], PRICES, TITLES, 12).per_month == Decimal("136.16")
    assert build_plan("Integra", [1, 3], PRICES, TITLES, 1).per_month == Decimal("1633.89")
    # 1,071.40 € over 7 months = 153.0571… € → 153.06 €
    assert build_plan("Integra", [1], PRICES, TITLES, 7).per_month == Decimal("153.06")


def test_a_module_without_a_price_is_named_and_adds_nothing():
    plan = build_plan("Integra", [1, 5], PRICES, TITLES, 6)
    assert [line.module for line in plan.unpriced] == [5]
    assert plan.unpriced[0].total is None and plan.unpriced[0].hours is None
    assert plan.total == Decimal("1071.40") and plan.per_month == Decimal("178.57")


def test_without_any_price_there_is_no_sum_at_all():
    plan = build_plan("NIAB", [1, 5], {}, TITLES, 6)
    assert plan.total is None and plan.per_month is None and plan.hours is None
    assert len(plan.unpriced) == 2 and not plan.is_example


def test_example_prices_make_an_example_plan():
    example = {1: ModulePrice(1, Decimal("20"), RATE, Decimal("1071.40"), True)}
    assert build_plan("Integra", [1], example, TITLES, 6).is_example


@pytest.mark.parametrize("months", [0, 25, -1])
def test_months_outside_1_to_24_are_refused(months):
    with pytest.raises(ValueError):
        build_plan("Integra", [1], PRICES, TITLES, months)


def test_the_plan_as_stored_data_comes_back_the_same():
    plan = build_plan("Integra", [1, 3, 5], PRICES, TITLES, 6)
    data = to_data(plan)
    assert data["lines"][0] == {"module": 1, "title": "Wünsche klären", "hours": "20", "rate": "53.57", "total": "1071.40"}
    assert from_data(data) == plan


@pytest.mark.parametrize("data", [None, [], {"lines": "x"}, {"months": 0, "lines": []},
                                  {"months": 6, "lines": [{"module": 9}]}, {"months": True, "lines": [{"module": 1}]}])
def test_broken_stored_data_is_no_plan(data):
    assert from_data(data) is None


def test_stored_data_is_checked_and_limited():
    plan = from_data({"provider": "x" * 500, "months": 6, "example": "yes",
                      "lines": [{"module": 1, "title": "<b>", "hours": "NaN", "rate": "1", "total": "1"}]})
    assert len(plan.provider) == 200 and not plan.is_example
    assert plan.lines[0].title == "<b>" and plan.lines[0].total is None  # shown escaped, priced not at all
