"""The JobBudget cost calculation against a worked example computed by hand."""
from decimal import Decimal

import pytest

from portal.offers.costs import CostInputs, hourly_rate, per_month, price

pytestmark = pytest.mark.no_database


def test_the_hourly_rate_follows_from_the_yearly_costs_step_by_step():
    # 60,000 € staff cost; overhead 20 % = 12,000 €; travel 5 % = 3,000 €; total 75,000 €;
    # 75,000 € ÷ 1,400 productive hours = 53.5714… € → 53.57 €
    steps = hourly_rate(CostInputs(Decimal("60000"), Decimal("1400"), Decimal("20"), Decimal("5")))
    assert steps.overhead == Decimal("12000.00")
    assert steps.travel == Decimal("3000.00")
    assert steps.total_cost == Decimal("75000.00")
    assert steps.rate == Decimal("53.57")


def test_a_module_costs_the_rate_times_the_hours_of_its_bausteine_and_is_paid_per_month():
    rate = Decimal("53.57")
    total = price(rate, Decimal("10") + Decimal("6") + Decimal("4"))  # 20 hours
    assert total == Decimal("1071.40")
    assert per_month(total, 6) == Decimal("178.57")  # 1,071.40 € ÷ 6 = 178.5666… €
    assert price(rate, Decimal("10.5")) == Decimal("562.49")  # 562.485 € rounds half up
