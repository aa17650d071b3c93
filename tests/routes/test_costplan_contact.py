"""The cost plan sent with a contact request: shown on the check page before sending, stored with the
request, readable in the provider's inbox; not sent without the tick."""
from __future__ import annotations

import pytest

import portal.klaerung
from tests.routes.test_contact_journey import stored
from tests.routes.test_inbox import ANNA, cheap_passwords, inbox, login, make_request  # noqa: F401
from tests.support.costplan import PRICED, load_prices
from tests.support.forms import post_form
from tests.support.pagecheck import check_page, page_text

CHOICE = {"modules": ["1", "3"], "provider": PRICED, "months": "6"}


@pytest.fixture(autouse=True)
def setting(app, inbox, monkeypatch):  # noqa: F811
    monkeypatch.setattr(portal.klaerung, "letter_facts", lambda lang=None: None)
    monkeypatch.setattr(portal.klaerung, "result_snapshot", lambda lang=None: None, raising=False)
    load_prices(app)


def choose(client, attach):
    assert post_form(client, "/kosten", {**CHOICE, "attach": attach}).status_code == 303


def test_the_plan_is_on_the_check_page_stored_and_in_the_inbox(client, app):
    choose(client, ["kontakt"])
    reference = make_request(client, app)
    request = [item for item in stored(app) if item.reference == reference][0]
    assert request.cost_plan["provider"] == "integra Lübeck" and request.cost_plan["months"] == 6
    assert [line["total"] for line in request.cost_plan["lines"]] == ["1071.40", "562.49"]
    login(client, ANNA)
    text = page_text(check_page(client.get(f"/anbieter/anfragen/{reference}")))
    for expected in ("Kostenplan der Person", "Mit den Preisen von: integra Lübeck", "1.071,40 €", "1.633,89 €",
                     "272,32 €", "Das ist eine Schätzung."):
        assert expected in text, expected


def test_the_check_page_shows_the_plan_before_sending(client, app):
    from tests.routes.test_contact_journey import walk_to_check

    choose(client, ["kontakt", "antrag"])
    walk_to_check(client)
    text = page_text(check_page(client.get("/kontakt/pruefen")))
    assert "Den Kostenplan schicken Sie mit." in text and "1.633,89 €" in text


def test_without_the_tick_no_plan_is_sent(client, app):
    choose(client, ["antrag"])
    reference = make_request(client, app)
    assert [item for item in stored(app) if item.reference == reference][0].cost_plan is None
    login(client, ANNA)
    assert "Kostenplan der Person" not in page_text(check_page(client.get(f"/anbieter/anfragen/{reference}")))
