"""The time: now in UTC (what is stored) and today's date in Germany (what people read).

Every date a person sees or gets in a file name is "today in Berlin": the Klärung result, the
letter to the office, the deadline calculators and the inbox export. A server runs on UTC, so
between 22:00 and 24:00 UTC (23:00 in winter) its own date is still yesterday in Germany.
Tests set the time by replacing `utcnow` here (monkeypatch `portal.clock.utcnow`).
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


def utcnow() -> datetime:
    """Now, timezone-aware UTC."""
    return datetime.now(timezone.utc)


def today_in_berlin() -> date:
    """Today's date in Germany (Europe/Berlin), whatever the server's time zone is."""
    return utcnow().astimezone(BERLIN).date()
