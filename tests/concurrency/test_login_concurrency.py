"""Wrong passwords sent in parallel to a running server cannot get around the log-in throttle:
each try is counted in one atomic statement before its password is checked (SQLite by default,
PostgreSQL with TEST_DATABASE_URL).

Three batches of 20 clients, each with its own session cookie and CSRF token, press "Anmelden"
at the same moment with a wrong password for the same address, from the same network.
"""
from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST

import portal.inbox.auth as auth
import portal.providers.passwords as passwords
from portal import create_app
from portal.extensions import db
from portal.inbox.models import LoginThrottle
from portal.inbox.throttle import FREE_FAILURES, GLOBAL_PREFIX
from portal.providers.demo import load_demo
from tests.concurrency.test_contact_concurrency import Browser
from tests.conftest import LiveServer, empty_database, make_config, reset_database

CLIENTS = 20
BATCHES = 3
ANNA = "team@integra-luebeck.example"


@pytest.fixture
def server(tmp_path, monkeypatch):
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher.from_parameters(CHEAPEST))
    passwords._dummy_hash.cache_clear()
    checks = []
    lock = threading.Lock()
    real_verify = auth.verify_password

    def counting_verify(password_hash, password):
        with lock:
            checks.append(password)
        return real_verify(password_hash, password)

    monkeypatch.setattr(auth, "verify_password", counting_verify)
    app = create_app(make_config(tmp_path))  # the per-address rate limit is off in testing
    with app.app_context():
        reset_database()
        load_demo()
    with LiveServer(app) as live:
        yield app, live.server.server_port, checks
    with app.app_context():
        empty_database()
        db.engine.dispose()
    passwords._dummy_hash.cache_clear()


def ready_browser(port: int) -> Browser:
    browser = Browser(port)
    status, _location, html = browser.request("GET", "/anbieter/anmelden")
    assert status == 200
    browser.token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    return browser


def test_parallel_wrong_passwords_are_each_counted_before_they_are_checked(server):
    app, port, checks = server
    answers = []
    for _batch in range(BATCHES):
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            browsers = list(pool.map(lambda _n: ready_browser(port), range(CLIENTS)))
        ready = threading.Barrier(CLIENTS)

        def guess(browser):
            ready.wait()  # everybody presses the button at the same moment
            status, location, _html = browser.request("POST", "/anbieter/anmelden", {"email": ANNA, "password": "geraten"})
            assert status == 303 and location.startswith("/anbieter/anmelden"), (status, location)
            return browser.request("GET", location)  # the login page again, with the message

        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            answers += list(pool.map(guess, browsers))

    assert all(status == 200 for status, _location, _html in answers)
    wrong = sum("stimmt nicht" in html for _status, _location, html in answers)
    waiting = sum("Bitte warten Sie" in html for _status, _location, html in answers)
    assert wrong + waiting == CLIENTS * BATCHES
    # The first three tries are free, then each must wait 2, 4 … seconds: a batch that takes longer
    # than a pause may let one more through, never a whole batch.
    assert FREE_FAILURES <= len(checks) == wrong <= FREE_FAILURES + BATCHES - 1, (len(checks), wrong)
    with app.app_context():
        counts = db.session.execute(db.select(LoginThrottle.failures).where(
            LoginThrottle.key_hash.notlike(f"{GLOBAL_PREFIX}%"))).scalars().all()
        assert counts == [len(checks)]  # every checked password was counted
