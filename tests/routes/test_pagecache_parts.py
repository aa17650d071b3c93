"""The page cache's parts on their own: the bounded store, content negotiation, entries, the WSGI layer."""
from __future__ import annotations

import gzip
import os

import pytest

from portal.memory import EntryStore
from portal.pagecache import (
    Entry,
    PageCache,
    Settings,
    accepts_gzip,
    best_language,
    build_entry,
    compress,
    etag_matches,
)

pytestmark = pytest.mark.sqlite_enough

SETTINGS = Settings(cache_pages=True, seconds=60, max_bytes=1_000_000, session_cookie="portal_session",
                    languages=("de", "en"), default_language="de", static_prefix="/static/")
HTML = [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"), ("X-Frame-Options", "DENY")]


def entry(size: int, expires: float = 100.0) -> Entry:
    return Entry("200 OK", "tag", b"x" * size, [], None, None, [], expires)


def test_the_store_forgets_the_least_recently_used_entries_beyond_its_size():
    store = EntryStore(max_bytes=3 * (1000 + 512))
    for key in "abc":
        store.put(key, entry(1000))
    assert store.get("a", now=0) is not None  # "a" is now the most recently used
    store.put("d", entry(1000))
    assert store.get("b", now=0) is None and store.get("a", now=0) is not None
    assert len(store) == 3 and store.total <= store.max_bytes


def test_the_store_drops_expired_entries_and_refuses_one_bigger_than_itself():
    store = EntryStore(max_bytes=10_000)
    store.put("old", entry(10, expires=5.0))
    assert store.get("old", now=4.9) is not None
    assert store.get("old", now=5.0) is None and store.total == 0
    store.put("huge", entry(20_000))
    assert len(store) == 0


def test_replacing_an_entry_keeps_the_size_count_right():
    store = EntryStore(max_bytes=100_000)
    store.put("a", entry(1000))
    store.put("a", entry(2000))
    assert store.total == 2000 + 512
    store.clear()
    assert store.total == 0 and len(store) == 0


@pytest.mark.parametrize("header,expected", [
    ("gzip, deflate, br, zstd", True),
    ("gzip", True),
    ("*", True),
    ("br;q=1.0, gzip;q=0.5", True),
    ("gzip;q=0, identity", False),
    ("identity", False),
    ("", False),  # wrk and curl send nothing: they get the page as it is
])
def test_gzip_is_used_only_when_the_client_accepts_it(header, expected):
    assert accepts_gzip(header) is expected


@pytest.mark.parametrize("header,expected", [
    ("en-GB,en;q=0.9", "en"),
    ("de-DE,de;q=0.9,en;q=0.5", "de"),
    ("fr-FR", "de"),
    ("", "de"),
])
def test_the_language_is_chosen_from_the_header_as_the_portal_chooses_it(header, expected):
    assert best_language(header, ("de", "en"), "de") == expected


def test_compress_only_when_it_pays():
    text = b"<p>Werk\xc2\xb7statt</p>\n" * 200
    packed = compress(text)
    assert packed is not None and gzip.decompress(packed) == text and len(packed) < len(text) / 5
    assert compress(b"<p>kurz</p>") is None
    assert compress(os.urandom(4000)) is None  # would not get smaller


@pytest.mark.parametrize("header,expected", [
    ('W/"abc"', True),
    ('"abc"', True),
    ('W/"other", W/"abc"', True),
    ("*", True),
    ('W/"other"', False),
    (None, False),
    ("", False),
])
def test_etags_are_compared_weakly(header, expected):
    assert etag_matches(header, "abc") is expected


def test_a_page_entry_gets_its_own_etag_and_is_asked_for_again():
    body = b"<!doctype html><p>" + b"Leichte Sprache " * 100 + b"</p>"
    page = build_entry("200 OK", HTML + [("Content-Length", "999")], body, page=True, seconds=60, now=10.0)
    headers = dict(page.headers)
    assert headers["Cache-Control"] == "no-cache" and headers["X-Frame-Options"] == "DENY"
    assert headers["ETag"].startswith('W/"') and headers["Content-Length"] == str(len(body))
    assert "Cookie" in headers["Vary"]
    assert [k for k, _ in page.headers].count("Content-Length") == 1
    assert gzip.decompress(page.gzipped) == body
    assert dict(page.gzip_headers)["Content-Encoding"] == "gzip"
    assert page.expires == 70.0


def test_a_static_entry_keeps_its_own_lifetime_and_etag():
    headers = [("Content-Type", "text/css; charset=utf-8"), ("ETag", '"flask-etag"'),
               ("Cache-Control", "public, max-age=31536000, immutable")]
    static = build_entry("200 OK", headers, b"body { color: black }\n" * 50, page=False, seconds=60, now=0)
    kept = dict(static.headers)
    assert kept["Cache-Control"] == "public, max-age=31536000, immutable"
    assert kept["ETag"] == 'W/"flask-etag"' and kept["Vary"] == "Accept-Encoding"


def test_pictures_that_are_already_compressed_are_not_compressed_again():
    png = build_entry("200 OK", [("Content-Type", "image/png")], os.urandom(3000), page=False, seconds=60, now=0)
    assert png.gzipped is None and png.gzip_headers is None


def _call(layer, path="/", **environ):
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured.update(status=status, headers=dict(headers))

    body = b"".join(layer({"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", **environ}, start_response))
    return captured["status"], captured["headers"], body


def test_the_layer_streams_downloads_through_untouched():
    chunks = [b"%PDF-1.7 ", b"rest"]

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "application/pdf")])
        return iter(chunks)

    status, headers, body = _call(PageCache(app, SETTINGS), HTTP_ACCEPT_ENCODING="gzip")
    assert status == "200 OK" and body == b"%PDF-1.7 rest" and "Content-Encoding" not in headers


def test_the_layer_copes_with_an_app_that_starts_its_answer_late():
    def lazy_app(environ, start_response):
        def body():
            start_response("200 OK", [("Content-Type", "text/html")])
            yield b"<!doctype html><p>" + b"spaet " * 200 + b"</p>"
        return body()

    layer = PageCache(lazy_app, SETTINGS)
    status, headers, first = _call(layer, "/spaet")
    assert status == "200 OK" and headers["X-Page-Cache"] == "miss"
    assert _call(layer, "/spaet")[2] == first


def test_the_layer_keys_pages_by_query_and_host():
    calls = []

    def app(environ, start_response):
        calls.append(environ["QUERY_STRING"])
        start_response("200 OK", [("Content-Type", "text/html")])
        return [f"<!doctype html><p>{environ['QUERY_STRING']}</p>".encode()]

    layer = PageCache(app, SETTINGS)
    for query in ("a=1", "a=2", "a=1"):
        _call(layer, QUERY_STRING=query, HTTP_HOST="portal.example")
    _call(layer, QUERY_STRING="a=1", HTTP_HOST="other.example")
    assert calls == ["a=1", "a=2", "a=1"]
