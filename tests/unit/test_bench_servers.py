"""Servers for the benchmark: the same gunicorn settings for both apps, throwaway instances, clean stops."""
from __future__ import annotations

import os
import urllib.request
from pathlib import Path

from bench import postgres
from bench.servers import WORKERS, Instance, Server, gunicorn_command, resident_megabytes


def test_both_apps_run_under_exactly_the_same_gunicorn_settings():
    portal, bare = gunicorn_command("wsgi:app", 8001), gunicorn_command("bench.bare_app:app", 8002)
    assert portal[:-3] == bare[:-3]  # everything but the address and the app
    assert portal[-3:] == ["--bind", "127.0.0.1:8001", "wsgi:app"]
    assert portal[portal.index("--workers") + 1] == "2" and "sync" in portal


def test_an_instance_is_production_like_and_throwaway(monkeypatch):
    monkeypatch.setenv("MAIL_SERVER", "smtp.example.org")
    monkeypatch.setenv("PAGE_CACHE", "0")
    monkeypatch.setenv("DATABASE_URL", "postgresql://somewhere/real")
    instance = Instance("test")
    try:
        env = instance.environment()
        assert env["PORTAL_ENV"] == "development" and env["FLASK_DEBUG"] == "0" and len(env["SECRET_KEY"]) == 64
        assert env["DATABASE_URL"] == f"sqlite:///{instance.path / 'portal.sqlite3'}"
        assert env["PORTAL_INSTANCE_PATH"] == str(instance.path)
        assert "MAIL_SERVER" not in env and "PAGE_CACHE" not in env  # no real mail; the cache as shipped
        assert "1000000 per minute" in env["FORM_RATE_LIMIT"] and "1000000" in env["CONTACT_STEP_RATE_LIMIT"]
    finally:
        instance.remove()
    assert not instance.path.exists()
    on_postgresql = Instance("pg", "postgresql://portal@127.0.0.1:5999/x")
    on_postgresql.remove()
    assert on_postgresql.environment()["DATABASE_URL"] == "postgresql://portal@127.0.0.1:5999/x"


def test_a_server_starts_on_a_free_loopback_port_and_stops_with_its_workers():
    server = Server("bare-test", "bench.bare_app:app", {**os.environ, "BENCH_BARE_BYTES": "1234"})
    with server:
        with urllib.request.urlopen(server.url("/")) as response:
            assert len(response.read()) == 1234
        workers = server.worker_pids()
        assert len(workers) == WORKERS
        assert all(resident_megabytes(pid) > 1 for pid in workers)
    assert server.process is None
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)


def test_resident_memory_of_a_process_that_is_gone_is_unknown():
    assert resident_megabytes(os.getpid()) > 1
    assert resident_megabytes(2**22 + 12345) is None


def test_postgresql_commands_run_as_the_postgres_user_when_root(monkeypatch):
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    assert postgres._as_postgres(["initdb"]) == ["runuser", "-u", "postgres", "--", "initdb"]
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert postgres._as_postgres(["initdb"]) == ["initdb"]
