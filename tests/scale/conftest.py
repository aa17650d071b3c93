"""Several instances for real (`make test-scale`): two gunicorn instances of this release, one
PostgreSQL, one Redis, one SMTP server, set up as the README's "Scaling out" section says.

These tests are collected only when TEST_DATABASE_URL names a PostgreSQL database and
TEST_REDIS_URL is set, as `scripts/with-postgres scripts/with-redis …` do. `make test` and
`make test-postgres` do not collect them at all (so they are neither run nor counted as skipped).

The instances run with PORTAL_ENV=production, as the README asks of every instance: one
64-character SECRET_KEY for all (made anew for each run), PROXY_FIX=1 (the tests play the reverse
proxy: X-Forwarded-For, -Proto https, -Host), secure cookies (sent back by hand over plain http),
no demo data (the provider is added with `flask --app portal providers add`), the schema made by
`flask --app portal db upgrade`. Set for the test: FORM_RATE_LIMIT=5 per hour, and
MAIL_SEND_IMMEDIATELY=0 so that notices wait in the outbox for `outbox send`.
"""
from __future__ import annotations

import itertools
import os
import secrets

import psycopg
import pytest
from sqlalchemy.engine import make_url

from portal import create_app
from portal.extensions import db
from tests.scale.cluster import FORM_LIMIT, DatabaseGate, Instance, base_environment, flask_command
from tests.unit.test_mail_outbox import Recorder, SMTPServer, free_port

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "")

if not (TEST_REDIS_URL and TEST_DATABASE_URL.startswith("postgresql")):
    collect_ignore_glob = ["test_*.py"]

SECRET_KEY = secrets.token_hex(32)  # 64 characters, the same for every instance and command
PROVIDER = {"slug": "scale-integration", "name": "Integrations·fach·dienst Test",
            "email": "team@scale-anbieter.example", "area": "Lübeck: 23552-23570"}


@pytest.fixture(scope="session")
def database_url():
    """A database of its own on the test PostgreSQL server, dropped afterwards."""
    name = f"portal_scale_{secrets.token_hex(4)}"
    admin_url = make_url(TEST_DATABASE_URL)
    conninfo = admin_url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield admin_url.set(database=name)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def database_conninfo(database_url) -> str:
    """The shared database for psycopg itself."""
    return database_url.set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def mail_sink():
    """The SMTP server every machine sends to (aiosmtpd in this process)."""
    port = free_port()
    with SMTPServer(port, Recorder()) as recorder:
        recorder.port = port
        yield recorder


@pytest.fixture(scope="session")
def redis_url():
    import redis

    client = redis.Redis.from_url(TEST_REDIS_URL)
    client.flushdb()  # counts from an earlier run on the same server must not leak in
    client.close()
    return TEST_REDIS_URL


@pytest.fixture(scope="session")
def machine_settings(database_url, redis_url, mail_sink):
    """What every machine of the deployment is given (its own DATABASE_URL aside)."""
    return {
        "PORTAL_ENV": "production",
        "SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": database_url.render_as_string(hide_password=False),
        "PROXY_FIX": "1",
        "RATELIMIT_STORAGE_URI": redis_url,
        "FORM_RATE_LIMIT": f"{FORM_LIMIT} per hour",
        "PORTAL_BASE_URL": "https://portal.example",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": mail_sink.port,
        "MAIL_SEND_IMMEDIATELY": "0",  # notices wait in the outbox for the senders on the machines' timers
    }


@pytest.fixture(scope="session")
def release(machine_settings, tmp_path_factory):
    """The release's schema and one provider, made once from one machine, before the instances start."""
    env = base_environment(**machine_settings, PORTAL_INSTANCE_PATH=tmp_path_factory.mktemp("operator"))
    flask_command(env, "db", "upgrade")
    flask_command(env, "providers", "add", PROVIDER["slug"], "--name", PROVIDER["name"],
                  "--email", PROVIDER["email"], "--area", PROVIDER["area"])
    return env


@pytest.fixture(scope="session")
def database_gate(database_url):
    with DatabaseGate(database_url.host, database_url.port) as gate:
        yield gate


@pytest.fixture(scope="session")
def instances(release, machine_settings, database_url, database_gate, tmp_path_factory):
    """Instances A and B: the same release and settings; both reach PostgreSQL through the gate."""
    folder = tmp_path_factory.mktemp("instances")
    through_gate = database_url.set(host="127.0.0.1", port=database_gate.port).render_as_string(hide_password=False)
    machines = []
    try:
        for name in ("A", "B"):
            (folder / name).mkdir()
            env = base_environment(**{**machine_settings, "DATABASE_URL": through_gate},
                                   PORTAL_INSTANCE_PATH=folder / name)
            machines.append(Instance(name, env, folder, free_port()).start())
        for machine in machines:
            machine.wait_until_ready()
        yield tuple(machines)
    finally:
        for machine in machines:
            machine.stop(wait=False)
        for machine in machines:
            machine.stop()


@pytest.fixture(scope="session")
def portal_app(release, database_url):
    """The tests' own view of the shared database (to look at what the instances stored)."""
    app = create_app({"PORTAL_ENV": "testing", "SECRET_KEY": SECRET_KEY,
                      "SQLALCHEMY_DATABASE_URI": database_url.render_as_string(hide_password=False)})
    yield app
    with app.app_context():
        db.engine.dispose()


_addresses = itertools.count(1)


@pytest.fixture
def address():
    """A client address of its own for each test, so one test's rate limit counts never touch another's."""
    return f"198.51.100.{next(_addresses)}"
