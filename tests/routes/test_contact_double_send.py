"""The send that comes second (its draft was sent a moment ago by another tab or click) stores
nothing and lands on a friendly confirmation without a number (the race itself:
tests/concurrency/test_contact_double_send.py)."""
from __future__ import annotations

import pytest

from portal.contact import drafts
from tests.routes.test_contact_journey import outbox, providers, send, stored, walk_to_check  # noqa: F401
from tests.support.forms import csrf_token
from tests.support.pagecheck import check_page, page_text


@pytest.mark.parametrize("lang, sentence", [
    ("de", "Wir haben Ihre Anfrage nur 1 Mal gespeichert."),
    ("en", "We stored your request only once."),
])
def test_the_second_send_stores_nothing_and_says_the_request_arrived(client, app, providers, monkeypatch, lang, sentence):  # noqa: F811
    client.get(f"/?lang={lang}")
    walk_to_check(client)
    monkeypatch.setattr(drafts, "delete_current", lambda: 0)  # another send deleted the draft first
    response = send(client)
    assert response.status_code == 303 and response.headers["Location"] == "/kontakt/fertig"
    assert stored(app) == [] and outbox(app) == []
    text = page_text(check_page(client.get("/kontakt/fertig"), lang=lang))
    assert sentence in text


def test_a_send_that_arrives_after_the_other_finished_lands_on_the_confirmation(client, app, providers):  # noqa: F811
    """The second tab's send comes in after the first send deleted the draft: it must not start
    an empty request at the first question (the person would think their request was lost)."""
    walk_to_check(client)
    second_tab = app.test_client()
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    second_tab.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie.value)
    token = csrf_token(second_tab, "/kontakt/pruefen")  # both tabs show the check page
    first = send(client)
    assert first.headers["Location"] == "/kontakt/fertig"
    late = second_tab.post("/kontakt/pruefen", data={"consent": "y", "csrf_token": token})
    assert late.status_code == 303 and late.headers["Location"] == "/kontakt/fertig"
    assert len(stored(app)) == 1 and len(outbox(app)) == 1
    text = page_text(check_page(second_tab.get("/kontakt/fertig")))
    assert "Wir haben Ihre Anfrage nur 1 Mal gespeichert." in text


def test_the_record_of_a_sent_draft_goes_with_the_purge(client, app, providers):  # noqa: F811
    from datetime import timedelta

    from portal.contact.models import SentDraft
    from portal.extensions import db
    from portal.providers.dbtypes import utcnow

    walk_to_check(client)
    send(client)
    with app.app_context():
        assert db.session.query(SentDraft).count() == 1
        hours = app.config["CONTACT_DRAFT_HOURS"]
        drafts.purge(utcnow() + timedelta(hours=hours, minutes=1), hours)
        assert db.session.query(SentDraft).count() == 0
