"""Posting forms the way a browser does: with the CSRF token from the page."""
from __future__ import annotations

import re

def csrf_token(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def post_form(client, url: str, data: dict, page_url: str | None = None, **kwargs):
    token = csrf_token(client, page_url or url)
    return client.post(url, data={"csrf_token": token, **data}, **kwargs)


def follow(client, response):
    """The page a POST leads to. A form with errors answers 303 to the GET of its own page (Post/Redirect/Get),
    which shows the errors and what was typed."""
    assert response.status_code == 303, f"expected a redirect after the post, got {response.status_code}"
    return client.get(response.headers["Location"])
