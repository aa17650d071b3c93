"""The page cache in front of the portal: what it keeps, what it never keeps, ETag / 304 and gzip."""
from __future__ import annotations

import gzip

import pytest
from sqlalchemy import text

from portal import create_app, pagecache
from portal.extensions import db
from portal.security import SECURITY_HEADERS
from tests.conftest import make_config
from tests.support.pagecheck import check_page

pytestmark = pytest.mark.sqlite_enough

GZIP = {"Accept-Encoding": "gzip, deflate, br, zstd"}


@pytest.fixture
def app_config():
    return {"PAGE_CACHE": True}


def cache_state(response) -> str | None:
    return response.headers.get("X-Page-Cache")


def static_url(client) -> str:
    html = client.get("/impressum").get_data(as_text=True)
    return html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]


def test_a_public_page_is_rendered_once_then_served_from_the_cache(client):
    first, second = client.get("/module/3/baustein/1"), client.get("/module/3/baustein/1")
    assert (cache_state(first), cache_state(second)) == ("miss", "hit")
    assert second.get_data() == first.get_data()
    check_page(second)
    for name, value in SECURITY_HEADERS.items():
        assert second.headers[name] == value
    assert second.headers["Cache-Control"] == "no-cache"  # the browser keeps it but asks again
    assert second.headers["ETag"].startswith('W/"') and second.headers["ETag"] == first.headers["ETag"]
    assert {"Accept-Encoding", "Accept-Language", "Cookie"} <= {v.strip() for v in second.headers["Vary"].split(",")}
    assert int(second.headers["Content-Length"]) == len(second.get_data())


def test_a_hit_does_not_run_the_view(app, client):
    calls = []

    @app.get("/_test/counted")
    def counted():
        calls.append(1)
        return "<!doctype html><title>Gezählt</title><p>Gezählt</p>"

    for _ in range(3):
        client.get("/_test/counted")
    assert len(calls) == 1


def test_a_known_etag_gets_304_without_a_body(client):
    etag = client.get("/").headers["ETag"]
    response = client.get("/", headers={"If-None-Match": etag})
    assert response.status_code == 304 and response.get_data() == b""
    assert response.headers["ETag"] == etag and response.headers["Cache-Control"] == "no-cache"
    assert client.get("/", headers={"If-None-Match": 'W/"something-else"'}).status_code == 200


def test_gzip_only_for_a_browser_that_accepts_it(client):
    plain = client.get("/woerterbuch")
    packed = client.get("/woerterbuch", headers=GZIP)
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.get_data()) == plain.get_data()
    assert len(packed.get_data()) < len(plain.get_data()) / 3
    assert int(packed.headers["Content-Length"]) == len(packed.get_data())
    assert packed.headers["ETag"] == plain.headers["ETag"]  # weak: the same page in two encodings
    refused = client.get("/woerterbuch", headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in refused.headers


def test_each_language_and_display_setting_has_its_own_entry(client):
    german = client.get("/module/3/baustein/1").get_data(as_text=True)
    english = client.get("/module/3/baustein/1", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="de"' in german and '<html lang="en"' in english

    choosing = client.get("/module/3/baustein/1?schrift=gross")
    assert cache_state(choosing) is None and "anzeige=" in choosing.headers["Set-Cookie"]  # sets a cookie: not kept
    remembered = [client.get("/module/3/baustein/1") for _ in range(2)]
    assert [cache_state(r) for r in remembered] == ["miss", "hit"]
    assert 'class="schrift-gross kontrast-normal"' in remembered[1].get_data(as_text=True)


def test_a_visitor_with_a_session_always_gets_a_fresh_page(client):
    client.get("/module/3/baustein/1")
    assert cache_state(client.get("/module/3/baustein/1")) == "hit"
    client.set_cookie("portal_session", "eine-sitzung")
    fresh = client.get("/module/3/baustein/1")
    assert cache_state(fresh) is None and fresh.status_code == 200


def test_an_unknown_cookie_or_authorization_goes_past_the_cache(client):
    client.get("/module/3/baustein/1")
    assert cache_state(client.get("/module/3/baustein/1", headers={"Authorization": "Basic eDp5"})) is None
    client.set_cookie("fremd", "1")
    assert cache_state(client.get("/module/3/baustein/1")) is None


def test_a_page_with_a_form_is_neither_cached_nor_compressed(client):
    for _ in range(2):
        response = client.get("/barrierefreiheit", headers=GZIP)
        assert 'name="csrf_token"' in response.get_data(as_text=True)
        assert cache_state(response) is None
        assert "Content-Encoding" not in response.headers  # a form token next to typed text: no BREACH


def test_a_page_that_reads_the_database_is_rendered_every_time(app, client):
    calls = []

    @app.get("/_test/from-the-database")
    def from_the_database():
        calls.append(db.session.execute(text("SELECT 1")).scalar_one())
        return "<!doctype html><title>Daten</title><p>" + "Daten " * 200 + "</p>"

    responses = [client.get("/_test/from-the-database", headers=GZIP) for _ in range(2)]
    assert len(calls) == 2
    assert [cache_state(r) for r in responses] == [None, None]
    assert responses[0].headers["Content-Encoding"] == "gzip"  # public, so it may still be compressed
    assert "Accept-Encoding" in responses[0].headers["Vary"]


def test_only_successful_gets_are_kept(client):
    assert [cache_state(client.get("/gibt-es-nicht")) for _ in range(2)] == [None, None]
    assert cache_state(client.head("/module/3/baustein/1")) is None
    assert client.head("/module/3/baustein/1").status_code == 200
    assert client.post("/module/3/baustein/1").status_code == 405


def test_static_files_are_compressed_once_and_keep_their_lifetime(client):
    url = static_url(client)
    first, second = client.get(url, headers=GZIP), client.get(url, headers=GZIP)
    assert (cache_state(first), cache_state(second)) == ("miss", "hit")
    assert first.headers["Content-Encoding"] == "gzip" and first.headers["Vary"] == "Accept-Encoding"
    assert "immutable" in first.headers["Cache-Control"] and "max-age=31536000" in first.headers["Cache-Control"]
    assert first.headers["ETag"].startswith('W/"')
    assert b"{" in gzip.decompress(first.get_data())


def test_static_files_are_compressed_for_visitors_with_a_session_too(client):
    url = static_url(client)
    client.set_cookie("portal_session", "eine-sitzung")
    response = client.get(url, headers=GZIP)
    assert cache_state(response) is None and response.headers["Content-Encoding"] == "gzip"
    assert client.get(url, headers=GZIP).get_data() == response.get_data()  # compressed once, kept by its ETag


def test_a_conditional_static_request_still_gets_304(client):
    url = static_url(client)
    etag = client.get(url, headers=GZIP).headers["ETag"]
    client.set_cookie("portal_session", "eine-sitzung")  # past the cache: Flask answers itself
    assert client.get(url, headers={**GZIP, "If-None-Match": etag}).status_code == 304


def test_clear_forgets_every_page(app, client):
    client.get("/module/3/baustein/1")
    assert cache_state(client.get("/module/3/baustein/1")) == "hit"
    pagecache.clear(app)
    assert cache_state(client.get("/module/3/baustein/1")) == "miss"


def test_entries_expire(tmp_path):
    app = create_app(make_config(tmp_path, PAGE_CACHE=True, PAGE_CACHE_SECONDS=0))
    client = app.test_client()
    assert [cache_state(client.get("/module/3/baustein/1")) for _ in range(2)] == ["miss", "miss"]


def test_the_cache_is_off_in_tests_unless_asked_for(tmp_path, monkeypatch):
    monkeypatch.delenv("PAGE_CACHE", raising=False)
    client = create_app(make_config(tmp_path)).test_client()
    assert cache_state(client.get("/module/3/baustein/1")) is None
    assert client.get("/woerterbuch", headers=GZIP).headers["Content-Encoding"] == "gzip"  # compression stays on
    monkeypatch.setenv("PAGE_CACHE", "1")
    client = create_app(make_config(tmp_path)).test_client()
    assert cache_state(client.get("/module/3/baustein/1")) == "miss"


def test_a_page_holding_a_form_token_is_never_kept_even_without_a_session(app, client):
    @app.get("/_test/token")
    def token_page():
        return '<!doctype html><title>Formular</title><input type="hidden" name="csrf_token" value="geheim">'

    assert [cache_state(client.get("/_test/token")) for _ in range(2)] == [None, None]
