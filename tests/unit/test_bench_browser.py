"""Page weight in headless Chromium, as `make bench` measures it, on the test server."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from bench import browser
from bench.discover import Endpoint
from bench.servers import Failed, free_port

pytestmark = pytest.mark.browser


def measure_pages(base_url, endpoints):
    """Playwright's sync API runs one per thread: the suite's own browser already holds this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(browser.measure_pages, base_url, endpoints).result()


def test_a_page_is_measured_with_every_file_it_loads_and_nothing_from_elsewhere(live_server):
    weights = measure_pages(live_server.url, [Endpoint("module page", "GET", "/module/3")])
    weight = weights["module page"]
    paths = [path for path, _, _ in weight.files]
    assert "/module/3" in paths and "/static/css/portal.css" in paths and "/static/js/portal.js" in paths
    assert weight.requests == len(weight.files) and weight.other_hosts == []
    css = next(f for f in weight.files if f[0] == "/static/css/portal.css")
    assert css[1] < css[2]  # the stylesheet travels compressed: fewer bytes sent than it holds
    assert weight.transferred < weight.uncompressed


def test_a_cookie_goes_with_the_page_and_each_page_starts_with_an_empty_cache(live_server):
    endpoints = [Endpoint("start", "GET", "/"), Endpoint("start again", "GET", "/", cookie="anzeige=lang=en")]
    weights = measure_pages(live_server.url, endpoints)
    assert weights["start"].requests == weights["start again"].requests  # nothing came from a cache
    english = next(size for path, _, size in weights["start again"].files if path == "/")
    german = next(size for path, _, size in weights["start"].files if path == "/")
    assert english != german  # the display cookie reached the server: the English page came back


def test_a_page_that_does_not_load_is_named_not_fatal():
    weights = measure_pages(f"http://127.0.0.1:{free_port()}", [Endpoint("nowhere", "GET", "/")])
    assert isinstance(weights["nowhere"], Failed) and "ERR_CONNECTION_REFUSED" in weights["nowhere"]
