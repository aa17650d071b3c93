"""The error page's "Zurück" link leads only to a path on this site, whatever the Referer says."""
from __future__ import annotations

import re

import pytest

BACK = "Zurück zur letzten Seite"


def back_link(client, referrer: str) -> str | None:
    html = client.get("/gibt-es-nicht", headers={"Referer": referrer}).get_data(as_text=True)
    match = re.search(r'<a href="([^"]*)">' + BACK, html)
    return match.group(1) if match else None


@pytest.mark.parametrize("referrer", [
    "//other.host/x",
    "https://other.host",
    "https://other.host/module",
    "http://localhost//other.host/x",
    "http://localhost/\\other.host/x",
    "http://localhost/%09/other.host",
    "http://localhost/\t/other.host",
    "javascript:alert(1)",
    "http://localhost@other.host/x",
])
def test_a_foreign_or_crafted_referrer_gives_no_link_away(client, referrer):
    link = back_link(client, referrer)
    assert link is None or (link.startswith("/") and not link.startswith("//") and "\\" not in link), link
    assert 'href="/"' in client.get("/gibt-es-nicht", headers={"Referer": referrer}).get_data(as_text=True)


def test_a_local_referrer_gives_its_path(client):
    assert back_link(client, "http://localhost/module?lang=en") == "/module?lang=en"
