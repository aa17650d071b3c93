"""Fixtures every test uses: app (fresh database per test), client, runner, live_server, page (Chromium)."""
from __future__ import annotations

import functools
import os
import threading
from pathlib import Path

import jinja2
import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST
from sqlalchemy import inspect, text

import portal
import portal.budget
import portal.contact
import portal.content
import portal.klaerung.loader
import portal.pages
import portal.providers.passwords
from portal.extensions import db

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# TEST_DATABASE_URL=postgresql://… runs the whole suite against PostgreSQL (scripts/with-postgres,
# used by .ci/run); the browser tests' live server then uses TEST_LIVE_DATABASE_URL.


def database_of_this_worker(url: str | None) -> str | None:
    """With pytest-xdist (`make test` runs two workers), each worker gets its own PostgreSQL database,
    `<name>_gw0`, `<name>_gw1` …, created on first use: the tests empty their tables after each test,
    which must not hit the other worker's rows. SQLite needs nothing: each test has its own file."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker or not url.startswith("postgresql"):
        return url
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    own = make_url(url).set(database=f"{make_url(url).database}_{worker}")
    server = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        if connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": own.database}).scalar() is None:
            connection.execute(text(f'CREATE DATABASE "{own.database}"'))
    server.dispose()
    return own.render_as_string(hide_password=False)


TEST_DATABASE_URL = database_of_this_worker(os.environ.get("TEST_DATABASE_URL"))
TEST_LIVE_DATABASE_URL = database_of_this_worker(os.environ.get("TEST_LIVE_DATABASE_URL"))
_schema_ready: set[str] = set()

# Content is immutable during a test run: parse it once, as production does once per process.
portal.content.load_library = functools.lru_cache(maxsize=None)(portal.content.load_library)


def _once_per_run(module, name: str) -> None:
    """The same for the other content readers, which each test's create_app would otherwise run again
    (0.3 s a test). Their arguments are paths, language lists and the cached library (kept alive by
    the cache above, so its id is stable)."""
    read = getattr(module, name)
    results: dict = {}

    @functools.wraps(read)
    def read_once(*args):
        key = tuple(repr(arg) if isinstance(arg, (str, Path, list, tuple)) else id(arg) for arg in args)
        if key not in results:
            results[key] = read(*args)
        return results[key]

    setattr(module, name, read_once)


for _module, _name in (
    (portal.budget, "load_budget_texts"),
    (portal.klaerung.loader, "load_all"),
    (portal.contact, "load_texts"),
    (portal.pages, "load_comparisons"),
):
    _once_per_run(_module, _name)


class _CompiledTemplates(jinja2.BytecodeCache):
    """Every test builds its own app, and each app's Jinja compiled every template again (a third of
    a route test's time). The compiled code is shared within the run; Jinja checks each template's
    source checksum before it uses it."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES = _CompiledTemplates()
_create_app = portal.create_app


@functools.wraps(_create_app)
def create_app(*args, **kwargs):
    app = _create_app(*args, **kwargs)
    app.jinja_env.bytecode_cache = _COMPILED_TEMPLATES
    return app


portal.create_app = create_app  # test modules import it from portal after this file has run

# Argon2 with its production cost (64 MiB, about 0.1 s a hash) would spend most of a contact test's
# set-up hashing the five demo accounts' passwords. Tests hash with the cheapest parameters;
# tests/unit/test_passwords_cost.py holds the production hasher to RFC 9106's recommendation.
PRODUCTION_HASHER = portal.providers.passwords._hasher
portal.providers.passwords._hasher = PasswordHasher.from_parameters(CHEAPEST)


def make_config(tmp_path: Path, database_url: str | None = TEST_DATABASE_URL, **overrides) -> dict:
    config = {
        "PORTAL_ENV": "testing",
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url or f"sqlite:///{tmp_path / 'test.sqlite3'}",
        "SERVER_NAME": None,
    }
    config.update(overrides)
    return config


def reset_database() -> None:
    """A fresh SQLite file per test; on PostgreSQL the schema is built once and emptied after each test."""
    url = str(db.engine.url)
    if db.engine.dialect.name == "postgresql":
        if url in _schema_ready and set(db.metadata.tables) <= set(inspect(db.engine).get_table_names()):
            return
        db.drop_all()
        _schema_ready.add(url)
    db.create_all()


def empty_database() -> None:
    db.session.remove()
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
        if names:
            with db.engine.begin() as connection:
                connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture
def app_config():
    """Override in a test module to change settings: return a dict."""
    return {}


@pytest.fixture
def app(tmp_path, app_config):
    app = create_app(make_config(tmp_path, **app_config))
    with app.app_context():
        reset_database()
    yield app
    with app.app_context():
        empty_database()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class LiveServer:
    def __init__(self, app, host="127.0.0.1"):
        from werkzeug.serving import make_server

        self.app = app
        self.server = make_server(host, 0, app, threaded=True)
        self.url = f"http://{host}:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.thread.join(5)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """One app for all browser tests (its database lives for the session, like a real server's)."""
    app = create_app(make_config(tmp_path_factory.mktemp("live"), TEST_LIVE_DATABASE_URL, RATELIMIT_ENABLED=False))
    with app.app_context():
        reset_database()
        from portal.housekeeping import _registry

        for loader in _registry(app)["demo"].values():
            loader()
    yield app
    with app.app_context():
        empty_database()
        db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_app):
    with LiveServer(live_app) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's Chromium is missing at {CHROMIUM}: run `make test`, which installs it.")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url, locale="de-DE")
    foreign = []

    def only_this_server(route):
        if route.request.url.startswith(live_server.url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", only_this_server)
    context.set_default_timeout(10_000)
    yield context
    context.close()
    assert not foreign, f"requests to other hosts: {foreign}"


@pytest.fixture
def page(context):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # A page may answer 404 on purpose; a missing stylesheet, script or icon never may.
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "Failed to load resource" not in m.text else None)
    page.on(
        "response",
        lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 and r.request.resource_type != "document" else None,
    )
    yield page
    assert not errors, f"JavaScript errors in the browser: {errors}"
