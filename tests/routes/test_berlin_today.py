"""One date for one day: at 23:30 UTC it is already tomorrow in Germany, and every page and file says so.

The Klärung result, the letter to the office and the inbox export's file name all use
`portal.clock.today_in_berlin` (before, the result and the file name used the server's UTC date)."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from portal import clock
from tests.routes.test_budget import LETTER
from tests.routes.test_inbox import cheap_passwords, export, inbox, login  # noqa: F401 (fixtures)
from tests.routes.test_klaerung import finish, saved
from tests.support.forms import post_form
from tests.support.pagecheck import check_page, page_text

LATE_EVENING_UTC = datetime(2026, 3, 1, 23, 30, tzinfo=timezone.utc)  # Sunday 1 March, 23:30 UTC
BERLIN_DAY = date(2026, 3, 2)  # Monday 2 March, 00:30 in Berlin


@pytest.fixture(autouse=True)
def late_evening(monkeypatch):
    monkeypatch.setattr(clock, "utcnow", lambda: LATE_EVENING_UTC)


def test_the_klaerung_result_has_the_date_in_berlin(app, client):
    finish(client)
    assert saved(app, client)["finished"] == "2026-03-02"
    assert "Erstellt am 2. März 2026" in page_text(check_page(client.get("/klaerung/ergebnis")))


def test_the_letter_has_the_date_in_berlin(client):
    response = post_form(client, "/budget/antrag", {**LETTER, "aktion": "vorschau"})
    if response.status_code in (302, 303):
        response = client.get(response.headers["Location"])
    assert "Datum:</dt> <dd>2. März 2026</dd>" in response.get_data(as_text=True)


def test_the_inbox_export_is_named_with_the_date_in_berlin(client, inbox):  # noqa: F811
    login(client)
    response = export(client)
    assert 'filename="anfragen-2026-03-02.csv"' in response.headers["Content-Disposition"]
