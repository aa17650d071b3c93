"""Today in Germany, for the budget pages. One place, so tests can set the day (monkeypatch
`clock.today`); the date itself comes from `portal.clock`, which every feature shares."""
from __future__ import annotations

from datetime import date

from .. import clock as shared_clock

BERLIN = shared_clock.BERLIN


def today() -> date:
    return shared_clock.today_in_berlin()
