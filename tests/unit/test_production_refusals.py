"""What production refuses: demo data, demo passwords, a server without PORTAL_ENV; and what it
adds: HSTS and __Host- cookies. The settings themselves are checked in tests/unit/test_config.py."""
from __future__ import annotations

import importlib
import sys

import pytest
from sqlalchemy import inspect

from portal import create_app
from portal.config import ConfigurationError
from portal.extensions import db
from portal.providers import admin
from portal.providers.demo import DEFAULT_DEMO_PASSWORD, load_demo
from portal.providers.models import Provider
from portal.security import check_production_data
from tests.conftest import make_config
from tests.routes.test_inbox import cheap_passwords  # noqa: F401  (fixture)

LONG_KEY = "k" * 40
OWN_PASSWORD = "ein eigenes gutes Passwort"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in ("FLASK_DEBUG", "SESSION_COOKIE_SECURE", "DEMO_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


def production_app(tmp_path, **overrides):
    """A production app on the test database (the `app` fixture's, when a test uses both)."""
    return create_app(make_config(tmp_path, PORTAL_ENV="production", SECRET_KEY=LONG_KEY, **overrides))


# --- demo data ---------------------------------------------------------------------------------


def test_demo_load_refuses_in_production(tmp_path, app):
    prod = production_app(tmp_path)
    result = prod.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code != 0
    assert "demo load refuses to run in production" in result.output
    with app.app_context():
        assert db.session.query(Provider).count() == 0


def test_serving_production_refuses_the_demo_providers(tmp_path, app):
    with app.app_context():
        load_demo()
        for provider in db.session.execute(db.select(Provider)).scalars():
            for user in provider.staff:
                user.active = False  # the providers alone are enough to refuse
        db.session.commit()
    with pytest.raises(ConfigurationError, match="the demo providers are in the database") as refused:
        check_production_data(production_app(tmp_path))
    assert "integra-luebeck" in str(refused.value)


def test_serving_production_refuses_an_active_account_with_the_demo_password(tmp_path, app):
    with app.app_context():
        provider = admin.add_provider("echt", admin.ProviderFields(name="Echter Dienst", email="post@echt.de"))
        admin.create_user(provider, "anna@echt.de", DEFAULT_DEMO_PASSWORD)
        admin.create_user(provider, "ben@echt.de", OWN_PASSWORD)
        db.session.commit()
    prod = production_app(tmp_path)
    with pytest.raises(ConfigurationError, match="accept the demo password: anna@echt.de\\.") as refused:
        check_production_data(prod)
    assert "ben@echt.de" not in str(refused.value)
    with app.app_context():
        admin.find_user("anna@echt.de").active = False
        db.session.commit()
    check_production_data(prod)  # a disabled account cannot log in: nothing to refuse


def test_serving_production_refuses_the_configured_demo_password_too(tmp_path, app, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "das Demo-Passwort hier")
    with app.app_context():
        provider = admin.add_provider("echt", admin.ProviderFields(name="Echter Dienst", email="post@echt.de"))
        admin.create_user(provider, "anna@echt.de", "das Demo-Passwort hier")
        db.session.commit()
    with pytest.raises(ConfigurationError, match="anna@echt.de"):
        check_production_data(production_app(tmp_path))


def test_development_serves_with_demo_data(tmp_path, app):
    with app.app_context():
        load_demo()
    check_production_data(app)  # testing: nothing to refuse


def test_db_upgrade_works_on_an_empty_production_database(tmp_path):
    """No tables is no error: the database checks run only when serving, and skip absent tables."""
    url = f"sqlite:///{tmp_path / 'leer.sqlite3'}"
    prod = production_app(tmp_path, SQLALCHEMY_DATABASE_URI=url)
    check_production_data(prod)  # before the upgrade: no tables at all
    result = prod.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with prod.app_context():
        assert "provider" in inspect(db.engine).get_table_names()
        db.engine.dispose()
    check_production_data(prod)  # after it: empty tables


# --- wsgi.py -----------------------------------------------------------------------------------


def import_wsgi():
    sys.modules.pop("wsgi", None)
    return importlib.import_module("wsgi")


@pytest.fixture
def server_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'server.sqlite3'}")
    monkeypatch.setenv("SECRET_KEY", LONG_KEY)
    yield
    sys.modules.pop("wsgi", None)


def test_wsgi_requires_portal_env(server_environment, monkeypatch):
    monkeypatch.delenv("PORTAL_ENV", raising=False)
    with pytest.raises(ConfigurationError, match="PORTAL_ENV is not set"):
        import_wsgi()


def test_wsgi_serves_production_and_checks_the_database(server_environment, tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    assert import_wsgi().app.config["PORTAL_ENV"] == "production"
    monkeypatch.setenv("SECRET_KEY", "x")
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        import_wsgi()


def test_wsgi_refuses_production_with_demo_data(server_environment, tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "development")
    app = import_wsgi().app
    with app.app_context():
        db.create_all()
        load_demo()
        db.engine.dispose()
    monkeypatch.setenv("PORTAL_ENV", "production")
    with pytest.raises(ConfigurationError, match="demo providers"):
        import_wsgi()


# --- HSTS and cookies ----------------------------------------------------------------------------


def set_cookies(response) -> dict[str, str]:
    return {header.split("=", 1)[0]: header for header in response.headers.getlist("Set-Cookie")}


def test_production_sends_hsts_and_host_prefixed_cookies(tmp_path, app):
    client = production_app(tmp_path).test_client()
    response = client.get("/anbieter/anmelden?schrift=gross", base_url="https://portal.example")
    assert response.status_code == 200
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    cookies = set_cookies(response)
    assert set(cookies) == {"__Host-portal_session", "__Host-anzeige"}
    for header in cookies.values():
        parts = [part.strip() for part in header.split(";")]
        assert "Secure" in parts and "Path=/" in parts and "HttpOnly" in parts
        assert not any(part.lower().startswith("domain") for part in parts)
    # The display settings are read back from the prefixed cookie.
    page = client.get("/", base_url="https://portal.example").get_data(as_text=True)
    assert "schrift-gross" in page


def test_development_sends_no_hsts_and_plain_cookie_names(client):
    response = client.get("/anbieter/anmelden?schrift=gross")
    assert "Strict-Transport-Security" not in response.headers
    assert set(set_cookies(response)) == {"portal_session", "anzeige"}
