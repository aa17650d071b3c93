"""Attaching "Mein Ergebnis" from the Klärung: shown in full, its own tick, stored as JSON."""
from __future__ import annotations

import pytest

import portal.klaerung
from tests.routes.test_contact_journey import providers, send, step, stored, walk_to_check  # noqa: F401
from tests.support.pagecheck import check_page, h1_text, page_text

RESULT = {
    "title": "Mein Ergebnis",
    "created": "2026-11-25",
    "sections": [
        {"heading": "Das mache ich gerne", "items": ["Küche", "Garten"]},
        {"heading": "Das macht mir Sorgen", "items": ["<script>alert(1)</script>"]},
    ],
}


@pytest.fixture
def with_result(monkeypatch):
    monkeypatch.setattr(portal.klaerung, "result_snapshot", lambda lang=None: RESULT, raising=False)


@pytest.fixture
def without_result(monkeypatch):
    monkeypatch.setattr(portal.klaerung, "result_snapshot", lambda lang=None: None, raising=False)


def test_the_result_page_shows_the_whole_result_before_sending(client, providers, with_result):
    walk_to_check(client)
    assert client.get("/kontakt/pruefen").headers["Location"] == "/kontakt/ergebnis"
    document = check_page(client.get("/kontakt/ergebnis"))
    assert h1_text(document) == "Möchten Sie Ihr Ergebnis mitschicken?"
    text = page_text(document)
    for expected in ("Mein Ergebnis", "25. November 2026", "Das mache ich gerne", "Küche", "Garten", "<script>alert(1)</script>"):
        assert expected in text
    assert "<script>alert(1)" not in client.get("/kontakt/ergebnis").get_data(as_text=True)
    assert "Schritt 8 von 9" in text


def test_attached_result_is_shown_on_the_check_page_and_stored(client, app, providers, with_result):
    walk_to_check(client, attach=True)
    text = page_text(check_page(client.get("/kontakt/pruefen")))
    assert "Ihr Ergebnis von der Klärung" in text and "Garten" in text
    send(client)
    assert stored(app)[0].klaerung_result == RESULT


def test_without_the_tick_the_result_is_not_sent(client, app, providers, with_result):
    walk_to_check(client, attach=False)
    text = page_text(check_page(client.get("/kontakt/pruefen")))
    assert "schicken Sie nicht mit" in text and "Garten" not in text
    send(client)
    assert stored(app)[0].klaerung_result is None


def test_no_result_no_result_page(client, app, providers, without_result):
    walk_to_check(client)
    assert client.get("/kontakt/ergebnis").headers["Location"] == "/kontakt/pruefen"
    assert "Ergebnis" not in page_text(check_page(client.get("/kontakt/pruefen")))
    send(client)
    assert stored(app)[0].klaerung_result is None


def test_a_result_that_vanished_before_sending_is_not_sent(client, app, providers, with_result, monkeypatch):
    walk_to_check(client, attach=True)
    monkeypatch.setattr(portal.klaerung, "result_snapshot", lambda lang=None: None)
    send(client)
    assert stored(app)[0].klaerung_result is None


def test_the_link_from_the_result_page_mentions_the_result(client, providers, with_result):
    assert "Ergebnis von der Klärung mitschicken" in page_text(check_page(client.get("/kontakt?mit_ergebnis=1")))


def test_the_attached_result_on_the_check_page_is_folded_above_the_consent(client, providers, with_result):
    walk_to_check(client, attach=True)
    html = client.get("/kontakt/pruefen").get_data(as_text=True)
    details = html.index('<details class="term-explanation attached-result-details">')
    summary = html[details:html.index("</summary>", details)]
    assert "Mein Ergebnis vom 25. November 2026 ansehen" in summary
    assert details < html.index("Garten") < html.index("</details>", details) < html.index('id="consent"')


def test_the_check_page_after_sending_says_it_arrived_without_the_reference(client, providers, without_result):
    walk_to_check(client)
    send(client)
    reference = client.get("/kontakt/fertig").get_data(as_text=True).split('class="reference">')[1].split("<")[0]
    document = check_page(client.get("/kontakt/pruefen"))
    assert h1_text(document) == "Ihre Anfrage ist schon angekommen"
    text = page_text(document)
    assert reference not in text and "Eine neue Anfrage stellen" in text
    assert 'href="/kontakt"' in client.get("/kontakt/pruefen").get_data(as_text=True)
