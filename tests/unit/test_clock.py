"""Today's date is the date in Germany, not the server's (UTC) date."""
from datetime import date, datetime, timezone

import pytest

from portal import clock
from portal.budget import clock as budget_clock

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database


@pytest.mark.parametrize("now, today", [
    (datetime(2026, 3, 1, 23, 30, tzinfo=timezone.utc), date(2026, 3, 2)),   # winter: UTC+1
    (datetime(2026, 7, 1, 22, 30, tzinfo=timezone.utc), date(2026, 7, 2)),   # summer: UTC+2
    (datetime(2026, 7, 1, 21, 59, tzinfo=timezone.utc), date(2026, 7, 1)),
    (datetime(2026, 12, 31, 23, 0, tzinfo=timezone.utc), date(2027, 1, 1)),
])
def test_today_is_the_date_in_berlin(monkeypatch, now, today):
    monkeypatch.setattr(clock, "utcnow", lambda: now)
    assert clock.today_in_berlin() == today
    assert budget_clock.today() == today  # the budget pages ask the same helper


def test_utcnow_is_aware_utc():
    now = clock.utcnow()
    assert now.tzinfo is not None and now.utcoffset().total_seconds() == 0
