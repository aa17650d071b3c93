"""An operator reads the usage charts with the keyboard alone: from the desk to /betrieb/nutzung,
a longer period chosen, the CSV downloaded; every state passes axe at 320 and 1280 px."""
from __future__ import annotations

from datetime import timedelta

import pytest

from portal.clock import today_in_berlin
from portal.extensions import db
from portal.operator.demo import DEMO_OPERATOR_EMAIL
from portal.providers.demo import DEFAULT_DEMO_PASSWORD
from portal.usage.models import UsageCount
from tests.browser.test_contact_browser import h1
from tests.support.browser import check_accessibility
from tests.support.keyboard import choose_radio, focus_next, press_and_wait, submit, type_into

pytestmark = pytest.mark.browser


@pytest.fixture
def counted(live_app):
    """Counters 3 and 60 days ago (not today: other browser tests count today's visits)."""
    with live_app.app_context():
        today = today_in_berlin()
        for kind, item, days, number in [
            ("klaerung_started", "", 3, 40), ("klaerung_finished", "", 3, 25), ("letter_made", "", 3, 8),
            ("contact_request", "zsl-mainz", 3, 2), ("glossary_word", "bescheid", 3, 31),
            ("glossary_word", "eingliederungshilfe", 60, 17),
        ]:
            row = db.session.get(UsageCount, (kind, item, today - timedelta(days=days)))
            if row is None:
                db.session.add(UsageCount(kind=kind, item=item, day=today - timedelta(days=days), number=number))
        db.session.commit()
        yield today
        db.session.execute(db.delete(UsageCount))
        db.session.commit()


def table_rows(page, table_id: str) -> list[list[str]]:
    return page.eval_on_selector_all(
        f"#{table_id} tbody tr", "rows => rows.map(r => [...r.children].map(c => c.textContent.trim()))")


def test_an_operator_reads_the_usage_charts_by_keyboard(page, counted):
    page.goto("/betrieb?lang=de")
    type_into(page, "email", DEMO_OPERATOR_EMAIL)
    type_into(page, "password", DEFAULT_DEMO_PASSWORD)
    submit(page, "Anmelden")
    assert h1(page) == "Betrieb des Portals"

    focus_next(page, "el.textContent.trim() === 'Alle Zahlen mit Diagrammen'")
    press_and_wait(page)
    assert h1(page) == "Nutzung des Portals"
    # 4 charts from these numbers; a 5th (questions reached) when a Klärung test ran on this live server before
    assert page.locator("svg.chart[role=img]").count() >= 4
    assert ["Bescheid", "31"] in table_rows(page, "woerter-tabelle")
    assert ["Eingliederungshilfe", "17"] not in table_rows(page, "woerter-tabelle")  # 60 days ago
    check_accessibility(page)

    choose_radio(page, "zeitraum", "90")
    submit(page, "Zahlen anzeigen")
    assert page.url.endswith("/betrieb/nutzung?zeitraum=90")
    assert page.locator("input[type=radio][name=zeitraum][value='90']").is_checked()
    assert ["Eingliederungshilfe", "17"] in table_rows(page, "woerter-tabelle")
    check_accessibility(page)

    focus_next(page, "el.tagName === 'BUTTON' && el.textContent.includes('CSV-Datei')")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.startswith("nutzung-")
    with open(download.value.path(), encoding="utf-8-sig") as file:
        assert '"Wort nachgeschlagen";"eingliederungshilfe"' in file.read()

    focus_next(page, "el.textContent.trim() === 'Zum Betrieb'")
    press_and_wait(page)
    assert h1(page) == "Betrieb des Portals"
