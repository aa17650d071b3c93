"""The send that comes second (its draft was sent a moment ago by another tab or click) stores
nothing and lands on a friendly confirmation without a number (the race itself:
tests/concurrency/test_contact_double_send.py)."""
from __future__ import annotations

import pytest

from portal.contact import drafts
from tests.routes.test_contact_journey import outbox, providers, send, stored, walk_to_check  # noqa: F401
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
