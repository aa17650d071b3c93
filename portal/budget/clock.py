"""Today in Germany. One place, so tests can set the day (monkeypatch `clock.today`)."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


def today() -> date:
    return datetime.now(BERLIN).date()
