"""The Klärung hand-over: whatever comes in, only the agreed shape goes on (plain text, limited size)."""
import pytest

from portal.contact import snapshot
from portal.contact.snapshot import ITEMS_MAX, SECTIONS_MAX, TEXT_MAX, clean_snapshot

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database

GOOD = {"title": "Mein Ergebnis", "created": "2026-11-25",
        "sections": [{"heading": "Das mache ich gerne", "items": ["Küche", "Garten"]}]}


def test_a_good_snapshot_passes_unchanged():
    assert clean_snapshot(GOOD) == GOOD


@pytest.mark.parametrize("data", [None, "text", [], {}, {"sections": "x"}, {"sections": []},
                                  {"sections": [{"heading": "", "items": []}]}])
def test_nothing_to_show_is_none(data):
    assert clean_snapshot(data) is None


def test_sizes_are_limited_and_odd_values_dropped():
    data = {"title": "x" * 1000, "sections": [{"heading": "h", "items": ["i"] * 100 + [None, {"a": 1}, 3]}] * 50}
    cleaned = clean_snapshot(data)
    assert len(cleaned["title"]) == TEXT_MAX
    assert len(cleaned["sections"]) == SECTIONS_MAX
    assert len(cleaned["sections"][0]["items"]) == ITEMS_MAX
    assert clean_snapshot({"sections": [{"items": ["a", None, 7]}, "junk"]}) == {
        "title": "Mein Ergebnis", "created": "", "sections": [{"heading": "", "items": ["a", "7"]}]}


def test_html_stays_text_for_the_templates_to_escape():
    cleaned = clean_snapshot({"sections": [{"heading": "<b>x</b>", "items": ["<script>alert(1)</script>"]}]})
    assert cleaned["sections"][0]["items"] == ["<script>alert(1)</script>"]


def test_current_result_without_the_klaerung_function(monkeypatch):
    import portal.klaerung

    monkeypatch.delattr(portal.klaerung, "result_snapshot", raising=False)
    assert snapshot.current_result("de") is None


def test_current_result_asks_the_klaerung_in_the_language(monkeypatch):
    import portal.klaerung

    asked = []
    monkeypatch.setattr(portal.klaerung, "result_snapshot", lambda lang=None: asked.append(lang) or GOOD, raising=False)
    assert snapshot.current_result("en") == GOOD
    assert asked == ["en"]


def test_a_failing_klaerung_does_not_stop_the_request(monkeypatch):
    import portal.klaerung

    def broken(lang=None):
        raise RuntimeError("broken")

    monkeypatch.setattr(portal.klaerung, "result_snapshot", broken, raising=False)
    assert snapshot.current_result("de") is None
