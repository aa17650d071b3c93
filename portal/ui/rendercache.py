"""Rendered pages shared by everyone who would see the same HTML, with the form token punched in.

Why: a personal page, such as a Klärung question, is personal in only a few values (the stored answer,
where "Zurück" leads, the progress). Many people see exactly the same HTML apart from their form
token, yet rendering the page costs milliseconds of template work on every click. The page cache in
front of Flask cannot help: it never serves a request with a session.

A view names the values its page depends on (`key`) and hands over a function that renders the page.
The first rendering is kept with the form token replaced by a placeholder; later requests with the same
key, path, language and display settings get a copy with their own token put back in. What a person
typed (free text, notes) must never be part of a key: such pages are rendered every time (`share=False`).

Entries live in each worker's memory, at most `RENDER_CACHE_MEGABYTES` (8) and `PAGE_CACHE_SECONDS`
(600) long; content and translations change only with a restart. `RENDER_CACHE=0` turns it off.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import wraps

from flask import Flask, current_app, g, request, session
from flask_wtf.csrf import generate_csrf

from ..memory import EntryStore, setting
from .pending import has_waiting_form

EXTENSION_KEY = "portal.rendercache"
# A NUL byte never occurs in a rendered page (Jinja escapes nothing into it, HTML forbids it).
TOKEN_PLACEHOLDER = "\x00form-token\x00"


@dataclass
class _Page:
    html: str  # with TOKEN_PLACEHOLDER where the form token was
    expires: float

    @property
    def size(self) -> int:
        return len(self.html) * 2 + 256


@dataclass
class RenderCache:
    store: EntryStore
    seconds: int


def _request_key(key: Hashable) -> tuple:
    """What a page depends on beyond the view's own values: where it is and how it is shown."""
    return (
        request.endpoint,
        request.script_root,
        request.full_path,
        request.host,
        g.prefs,
        key,
    )


def render_shared(key: Hashable, render: Callable[[], object], *, share: bool = True):
    """`render()`'s page, from the cache when someone already saw the same one.

    `key` must hold every value the page shows besides the request's path, language and display
    settings. With `share=False` (the page shows something typed) the page is simply rendered.
    Only pages (strings) are kept; anything else `render()` returns (a redirect) is passed on.
    """
    cache: RenderCache | None = current_app.extensions.get(EXTENSION_KEY)
    if cache is None or not share or "_flashes" in session or has_waiting_form():
        return render()
    full_key = _request_key(key)
    now = time.monotonic()
    page = cache.store.get(full_key, now)
    if page is not None:
        if TOKEN_PLACEHOLDER not in page.html:
            return page.html
        return page.html.replace(TOKEN_PLACEHOLDER, generate_csrf())
    html = render()
    if isinstance(html, str):
        token = _token_of_this_request()
        kept = html.replace(token, TOKEN_PLACEHOLDER) if token else html
        cache.store.put(full_key, _Page(kept, now + cache.seconds))
    return html


def _token_of_this_request() -> str | None:
    """The form token the page was rendered with; None for a page without a form. (Asking Flask-WTF
    for one would start a session for every visitor of a page without a form.)"""
    return g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))


def shared_page(view):
    """For a GET view whose page shows content only, nothing of the person: rendered once per path,
    language and display settings, also for visitors with a session, whom the page cache never serves."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        return render_shared((), lambda: view(*args, **kwargs))

    return wrapper


def init_app(app: Flask) -> None:
    if not setting(app, "RENDER_CACHE", True):
        return
    app.extensions[EXTENSION_KEY] = RenderCache(
        store=EntryStore(setting(app, "RENDER_CACHE_MEGABYTES", 8) * 1024 * 1024),
        seconds=setting(app, "PAGE_CACHE_SECONDS", 600),
    )
