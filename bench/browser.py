"""Page weight as a browser sees it: headless Chromium, empty cache, the browser's own Accept-Encoding."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .discover import Endpoint
from .servers import Failed

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class PageWeight:
    requests: int
    transferred: int  # bytes on the wire: headers + bodies as served (compressed where the server compressed)
    uncompressed: int  # headers + decoded bodies: what the same page would cost without compression
    other_hosts: list[str] = field(default_factory=list)
    files: list[tuple[str, int, int]] = field(default_factory=list)  # (path, transferred, uncompressed)


def measure_pages(base_url: str, endpoints: list[Endpoint]) -> dict[str, PageWeight | Failed]:
    from playwright.sync_api import Error, sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROME_FLAGS[1:])
        try:
            for endpoint in endpoints:
                try:
                    results[endpoint.label] = _measure(browser, base_url, endpoint)
                except Error as error:  # a page that does not load is a finding, not the end of the run
                    results[endpoint.label] = Failed(f"Chromium could not load it: {error.message.splitlines()[0]}")
        finally:
            browser.close()
    return results


def _measure(browser, base_url: str, endpoint: Endpoint) -> PageWeight:
    # A new context is a new profile: nothing cached, no cookies but the ones the page needs.
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="de-DE")
    if endpoint.cookie:
        context.add_cookies([
            {"name": name, "value": value, "url": base_url}
            for name, value in (part.split("=", 1) for part in endpoint.cookie.split("; "))
        ])
    other_hosts: list[str] = []

    def only_this_server(route):
        url = route.request.url
        if url.startswith(base_url) or url.startswith("data:"):
            route.continue_()
        else:
            other_hosts.append(url)
            route.abort()

    context.route("**/*", only_this_server)
    finished = []
    page = context.new_page()
    page.on("requestfinished", lambda request: finished.append(request))
    try:
        page.goto(base_url + endpoint.path, wait_until="load")
        page.wait_for_load_state("networkidle")
        files = []
        for request in finished:
            response = request.response()
            sizes = request.sizes()
            headers = sizes["responseHeadersSize"]
            body = response.body() if response is not None else b""
            files.append((urlsplit(request.url).path, headers + sizes["responseBodySize"], headers + len(body)))
    finally:
        context.close()
    return PageWeight(
        requests=len(files) + len(other_hosts),
        transferred=sum(f[1] for f in files),
        uncompressed=sum(f[2] for f in files),
        other_hosts=other_hosts,
        files=files,
    )
