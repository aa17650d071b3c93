"""Barrier reports are deleted after BARRIER_REPORT_RETENTION_MONTHS (12) by `flask --app portal
purge`, and the report form says how long they are kept."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from portal.extensions import db
from portal.pages.models import BarrierReport
from tests.support.pagecheck import check_page, page_text


def test_the_purge_command_deletes_reports_older_than_twelve_months(app, runner):
    now = datetime.now(timezone.utc)
    with app.app_context():
        for days in (400, 370, 300, 1):
            db.session.add(BarrierReport(lang="de", description=f"vor {days} Tagen", created_at=now - timedelta(days=days)))
        db.session.commit()
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0 and "barrier reports: 2 deleted" in result.output
    with app.app_context():
        left = sorted(db.session.execute(db.select(BarrierReport.description)).scalars())
    assert left == ["vor 1 Tagen", "vor 300 Tagen"]


class TestSixMonths:
    @pytest.fixture
    def app_config(self):
        return {"BARRIER_REPORT_RETENTION_MONTHS": 6}

    def test_the_time_is_a_setting_and_the_form_says_it(self, app, client, runner):
        now = datetime.now(timezone.utc)
        with app.app_context():
            db.session.add(BarrierReport(lang="de", description="alt", created_at=now - timedelta(days=200)))
            db.session.commit()
        assert "barrier reports: 1 deleted" in runner.invoke(args=["purge"]).output
        assert "Nach 6 Monaten löschen wir Ihre Meldung." in page_text(check_page(client.get("/barrierefreiheit")))
        english = page_text(check_page(client.get("/barrierefreiheit?lang=en"), lang="en"))
        assert "We delete your report after 6 months." in english


def test_the_form_says_twelve_months_by_default(client):
    assert "Nach 12 Monaten löschen wir Ihre Meldung." in page_text(check_page(client.get("/barrierefreiheit")))
