"""A response layer in front of the portal: cached public pages, ETag / 304 and gzip.

Why: a content page is the same for every visitor who sees it in the same language and with the same
display settings, yet rendering it costs milliseconds of template work. People on old phones and slow
mobile data also profit from compressed answers and from `304 Not Modified`.

The layer is WSGI middleware around the Flask app, so a cached page is answered without entering
Flask at all. It decides from what the request and the answer show, so a feature never has to opt in:

* Cached (per path, query, language, display settings, host and day) are only answers to GET requests
  **without a session cookie**, without `Authorization` and without unknown cookies, with status 200,
  for a page (text/html) or a static file, that set no cookie, asked the database nothing and hold no
  form token. A request with a session cookie always goes through Flask: its pages may show the
  person's answers, and Flask keeps the session alive on each request.
* Compressed (gzip, only when the browser accepts it) are static CSS, JavaScript and SVG, and pages
  that carry no session. Pages with a form token are sent uncompressed on purpose: compressing a secret
  next to text a visitor typed would open the BREACH attack.
* A cached page is sent with an ETag and `Cache-Control: no-cache` (the browser may keep it but asks
  each time), so a second visit costs a `304` of a few hundred bytes.

Entries live in each worker's memory, at most `PAGE_CACHE_MEGABYTES` (16) and `PAGE_CACHE_SECONDS`
(600) long. Content and translations are read once at start-up, so a restart clears what is stale.
`PAGE_CACHE=0` turns the cache off (compression stays); tests run without it unless they ask for it.
"""
from __future__ import annotations

import gzip
import hashlib
import time
from dataclasses import dataclass
from functools import lru_cache, wraps
from itertools import chain

from flask import Flask, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header, parse_cookie, parse_etags, unquote_etag

from .clock import today_in_berlin
from .memory import EntryStore, setting
from .ui.preferences import COOKIE_NAME as PREFERENCES_COOKIE

DATABASE_USED = "portal.pagecache.database_used"  # environ flag, set when a request queries the database
# A view that reads only what providers published (@published_data_page) sets the first flag; its queries
# then set the second one instead of DATABASE_USED, and the page is kept only PUBLISHED_DATA_SECONDS.
PUBLISHED_ONLY = "portal.pagecache.published_only"
PUBLISHED_READ = "portal.pagecache.published_read"
COMPRESSIBLE = frozenset(
    {"text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml", "text/plain"}
)
MIN_COMPRESS_BYTES = 512  # below this, gzip's own header eats the gain
MAX_BUFFER_BYTES = 2 * 1024 * 1024  # larger answers (downloads) stream through untouched
FORM_TOKEN = b'name="csrf_token"'
PAGE_VARY = "Accept-Encoding, Accept-Language, Cookie"
REPLACED_HEADERS = frozenset({"content-length", "content-encoding", "etag", "vary", "cache-control"})


@dataclass(frozen=True)
class Settings:
    cache_pages: bool
    seconds: int
    max_bytes: int
    session_cookie: str
    languages: tuple[str, ...]
    default_language: str
    static_prefix: str
    preferences_cookie: str = PREFERENCES_COOKIE  # "__Host-anzeige" in production
    published_seconds: int = 60  # how long a page with providers' published data may be kept


@dataclass
class Entry:
    """One cached answer, ready to send: both encodings and their header lists are built once."""

    status: str
    etag: str  # unquoted; sent as a weak ETag, because the gzip and plain bodies are equivalent
    body: bytes
    headers: list
    gzipped: bytes | None
    gzip_headers: list | None
    not_modified_headers: list
    expires: float

    @property
    def size(self) -> int:
        return len(self.body) + len(self.gzipped or b"") + 512


@lru_cache(maxsize=256)
def accepts_gzip(accept_encoding: str) -> bool:
    """True for "gzip, br" and "*"; false for "gzip;q=0", "identity" and no header at all (like wrk)."""
    return parse_accept_header(accept_encoding).quality("gzip") > 0


@lru_cache(maxsize=256)
def best_language(accept_language: str, languages: tuple[str, ...], default: str) -> str:
    """The same choice as portal.i18n.best_language, made from the raw header."""
    return parse_accept_header(accept_language, LanguageAccept).best_match(languages) or default


def compress(body: bytes) -> bytes | None:
    """gzip at the highest level (each body is compressed once); None when it would not get smaller."""
    if len(body) < MIN_COMPRESS_BYTES:
        return None
    packed = gzip.compress(body, compresslevel=9, mtime=0)
    return packed if len(packed) < len(body) else None


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    return bool(if_none_match) and parse_etags(if_none_match).contains_weak(etag)


def _header(headers: list, name: str) -> str | None:
    name = name.lower()
    return next((value for key, value in headers if key.lower() == name), None)


def _mimetype(headers: list) -> str:
    return (_header(headers, "Content-Type") or "").split(";", 1)[0].strip().lower()


def build_entry(status: str, headers: list, body: bytes, *, page: bool, seconds: int, now: float) -> Entry:
    kept = [(k, v) for k, v in headers if k.lower() not in REPLACED_HEADERS]
    own_etag = _header(headers, "ETag")
    etag = unquote_etag(own_etag)[0] if own_etag else hashlib.sha256(body).hexdigest()[:24]
    # A page may be kept by the browser but must be asked for again: it changes with the settings.
    cache_control = "no-cache" if page else (_header(headers, "Cache-Control") or "no-cache")
    common = [("ETag", f'W/"{etag}"'), ("Cache-Control", cache_control), ("Vary", PAGE_VARY if page else "Accept-Encoding")]
    gzipped = compress(body) if _mimetype(headers) in COMPRESSIBLE else None
    return Entry(
        status=status,
        etag=etag,
        body=body,
        headers=kept + common + [("Content-Length", str(len(body)))],
        gzipped=gzipped,
        gzip_headers=(kept + common + [("Content-Encoding", "gzip"), ("Content-Length", str(len(gzipped)))])
        if gzipped
        else None,
        not_modified_headers=common,
        expires=now + seconds,
    )


class PageCache:
    """The WSGI middleware. `wsgi_app` is the Flask app's own `wsgi_app`."""

    def __init__(self, wsgi_app, settings: Settings):
        self.wsgi_app = wsgi_app
        self.settings = settings
        self.store = EntryStore(settings.max_bytes)
        self._static_gzip = EntryStore(4 * 1024 * 1024)

    # -- deciding -------------------------------------------------------------------------------

    def cache_key(self, environ, cookies: dict) -> tuple | None:
        """What the answer to this request can depend on, or None when it must go through Flask."""
        if "HTTP_AUTHORIZATION" in environ or any(name != self.settings.preferences_cookie for name in cookies):
            return None  # the session cookie, or a cookie we do not know
        path = environ.get("PATH_INFO", "")
        query = environ.get("QUERY_STRING", "")
        if self._is_static(environ):
            return ("static", path, query)
        return (
            "page",
            path,
            query,
            environ.get("wsgi.url_scheme"),
            environ.get("HTTP_HOST"),
            environ.get("HTTP_X_FORWARDED_HOST"),
            environ.get("HTTP_X_FORWARDED_PROTO"),
            cookies.get(self.settings.preferences_cookie, ""),
            best_language(environ.get("HTTP_ACCEPT_LANGUAGE", ""), self.settings.languages, self.settings.default_language),
            today_in_berlin(),  # a page may name today's date
        )

    @staticmethod
    def may_keep(key: tuple, environ, status: str, headers: list, body: bytes) -> bool:
        if not status.startswith("200") or _header(headers, "Set-Cookie") is not None:
            return False
        if environ.get(DATABASE_USED):
            return False  # the answer depends on data that may change at any moment
        if key[0] == "static":
            return True
        return _mimetype(headers) == "text/html" and FORM_TOKEN not in body

    def may_compress(self, environ, cookies: dict, headers: list) -> bool:
        if _mimetype(headers) not in COMPRESSIBLE:
            return False
        if self._is_static(environ):
            return True  # static files hold no secrets
        # A page tied to a session may hold a form token next to typed text: never compress it (BREACH).
        return self.settings.session_cookie not in cookies and _header(headers, "Set-Cookie") is None

    def _is_static(self, environ) -> bool:
        return environ.get("PATH_INFO", "").startswith(self.settings.static_prefix)

    # -- answering ------------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") != "GET":
            return self.wsgi_app(environ, start_response)
        gzip_ok = accepts_gzip(environ.get("HTTP_ACCEPT_ENCODING", ""))
        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        key = self.cache_key(environ, cookies) if self.settings.cache_pages else None
        if key is not None:
            entry = self.store.get(key, time.monotonic())
            if entry is not None:
                return _send(entry, environ, start_response, gzip_ok, "hit")

        status, headers, app_iter, exc_info = _run(self.wsgi_app, environ)
        keep = key is not None
        packable = gzip_ok and self.may_compress(environ, cookies, headers)
        if not ((keep or packable) and _small_and_finished(status, headers)):
            start_response(status, headers, exc_info)
            return app_iter
        body = _read_all(app_iter)
        if keep and self.may_keep(key, environ, status, headers, body):
            seconds = self.settings.seconds
            if environ.get(PUBLISHED_READ):
                seconds = min(seconds, self.settings.published_seconds)
            entry = build_entry(status, headers, body, page=key[0] == "page", seconds=seconds, now=time.monotonic())
            self.store.put(key, entry)
            return _send(entry, environ, start_response, gzip_ok, "miss")
        packed = self._gzip(environ, headers, body) if packable else None
        if packed is None:
            start_response(status, _replace(headers, [("Content-Length", str(len(body)))]))
            return [body]
        start_response(status, _gzip_headers(headers, len(packed)))
        return [packed]

    def _gzip(self, environ, headers: list, body: bytes) -> bytes | None:
        """Static files have an ETag: compress each version once, even for visitors with a session."""
        own_etag = _header(headers, "ETag")
        if own_etag is None:
            return compress(body)
        key = (environ.get("PATH_INFO"), own_etag)
        packed = self._static_gzip.get(key, time.monotonic())
        if packed is None:
            packed = _Packed(compress(body), time.monotonic() + self.settings.seconds)
            self._static_gzip.put(key, packed)
        return packed.gzipped


def _send(entry: Entry, environ, start_response, gzip_ok: bool, state: str):
    if etag_matches(environ.get("HTTP_IF_NONE_MATCH"), entry.etag):
        start_response("304 Not Modified", entry.not_modified_headers + [("X-Page-Cache", state)])
        return []
    if gzip_ok and entry.gzipped is not None:
        start_response(entry.status, entry.gzip_headers + [("X-Page-Cache", state)])
        return [entry.gzipped]
    start_response(entry.status, entry.headers + [("X-Page-Cache", state)])
    return [entry.body]


def _small_and_finished(status: str, headers: list) -> bool:
    """Only whole 200 answers of a modest size are buffered; downloads and ranges stream through."""
    if not status.startswith("200") or _header(headers, "Content-Encoding"):
        return False
    length = _header(headers, "Content-Length")
    return length is None or int(length) <= MAX_BUFFER_BYTES


def _gzip_headers(headers: list, length: int) -> list:
    vary = _header_values(headers, "Vary")
    own_etag = _header(headers, "ETag")
    # The compressed body is a different byte sequence: its ETag becomes weak, as nginx does it.
    changed = [("Vary", ", ".join(vary + ["Accept-Encoding"]))]
    if own_etag:
        changed.append(("ETag", f'W/"{unquote_etag(own_etag)[0]}"'))
    return _replace(headers, changed + [("Content-Encoding", "gzip"), ("Content-Length", str(length))])


def _replace(headers: list, new: list) -> list:
    names = {name.lower() for name, _ in new}
    return [(k, v) for k, v in headers if k.lower() not in names] + new


@dataclass
class _Packed:
    gzipped: bytes | None
    expires: float

    @property
    def size(self) -> int:
        return len(self.gzipped or b"") + 128


def _header_values(headers: list, name: str) -> list[str]:
    name = name.lower()
    return [part.strip() for key, value in headers if key.lower() == name for part in value.split(",") if part.strip()]


def _run(wsgi_app, environ):
    """Call the app and collect what it passes to start_response (Flask calls it before returning)."""
    captured = []

    def start_response(status, headers, exc_info=None):
        captured[:] = [status, list(headers), exc_info]
        return _no_write

    app_iter = wsgi_app(environ, start_response)
    if not captured:  # an app that starts its answer lazily: pull the first chunk
        iterator = iter(app_iter)
        first = next(iterator, b"")
        app_iter = _Chained(chain([first], iterator), app_iter)
    status, headers, exc_info = captured
    return status, headers, app_iter, exc_info


class _Chained:
    """Keeps the original iterable's close(), which WSGI servers must call."""

    def __init__(self, iterator, original):
        self._iterator = iterator
        self._original = original

    def __iter__(self):
        return self._iterator

    def close(self):
        if hasattr(self._original, "close"):
            self._original.close()


def _read_all(app_iter) -> bytes:
    try:
        return b"".join(app_iter)
    finally:
        if hasattr(app_iter, "close"):
            app_iter.close()


def _no_write(data):
    raise RuntimeError("the page cache does not support the WSGI write() callable")


def _note_database_use(*_args, **_kwargs) -> None:
    if has_request_context():
        environ = request.environ
        environ[PUBLISHED_READ if environ.get(PUBLISHED_ONLY) else DATABASE_USED] = True


def published_data_page(view):
    """For a view whose every query reads what providers published for everyone (profiles, offers,
    prices, stories): its page may be kept like a content page, but only `PUBLISHED_DATA_SECONDS`
    (60). That is the bound the provider pages promise: a saved change shows on every instance within
    a minute. A view that also counts usage or reads anything personal must not use this."""

    @wraps(view)
    def marked(*args, **kwargs):
        request.environ[PUBLISHED_ONLY] = True
        return view(*args, **kwargs)

    return marked


_listening = False


def _listen_for_database_use() -> None:
    global _listening
    if not _listening:
        event.listen(Engine, "before_cursor_execute", _note_database_use)
        _listening = True


def init_app(app: Flask) -> PageCache:
    """Wrap the app (call last in create_app, so the layer sees the final answer)."""
    _listen_for_database_use()
    settings = Settings(
        cache_pages=setting(app, "PAGE_CACHE", not app.testing),
        seconds=setting(app, "PAGE_CACHE_SECONDS", 600),
        max_bytes=setting(app, "PAGE_CACHE_MEGABYTES", 16) * 1024 * 1024,
        session_cookie=app.config["SESSION_COOKIE_NAME"],
        languages=tuple(app.config["LANGUAGES"]),
        default_language=app.config["BABEL_DEFAULT_LOCALE"],
        static_prefix=(app.static_url_path or "/static") + "/",
        preferences_cookie=app.config.get("PREFERENCE_COOKIE_NAME", PREFERENCES_COOKIE),
        # The provider pages promise "within 1 minute": the setting may shorten that, never lengthen it.
        published_seconds=min(setting(app, "PUBLISHED_DATA_SECONDS", 60), 60),
    )
    layer = PageCache(app.wsgi_app, settings)
    app.wsgi_app = layer
    app.extensions["pagecache"] = layer
    return layer


def clear(app: Flask) -> None:
    """Forget every cached answer (for a change that does not restart the workers)."""
    app.extensions["pagecache"].store.clear()
