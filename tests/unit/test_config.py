from pathlib import Path

import pytest

from portal.config import ConfigurationError, build_config


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in ("SECRET_KEY", "PORTAL_ENV", "DATABASE_URL", "SESSION_COOKIE_SECURE", "FLASK_DEBUG"):
        monkeypatch.delenv(name, raising=False)


def test_development_generates_a_secret_key_once_and_keeps_it(tmp_path: Path):
    first = build_config(tmp_path)["SECRET_KEY"]
    assert len(first) >= 32
    assert build_config(tmp_path)["SECRET_KEY"] == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_refuses_to_start_without_a_secret_key(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        build_config(tmp_path)
    assert not (tmp_path / "secret_key").exists()


def test_production_uses_secure_cookies(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    config = build_config(tmp_path)
    assert config["SESSION_COOKIE_SECURE"] is True and config["PREFERENCE_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_HTTPONLY"] is True and config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_database_url_from_environment_and_sqlite_default(tmp_path, monkeypatch):
    assert build_config(tmp_path)["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@localhost/portal")
    assert build_config(tmp_path)["SQLALCHEMY_DATABASE_URI"] == "postgresql://u:p@localhost/portal"


def test_unknown_environment_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "staging")
    with pytest.raises(ConfigurationError):
        build_config(tmp_path)


def test_only_a_database_server_gets_its_connections_tested_before_use(tmp_path, monkeypatch):
    assert build_config(tmp_path)["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is False
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@localhost/portal")
    assert build_config(tmp_path)["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True


def production(monkeypatch, **variables):
    monkeypatch.setenv("PORTAL_ENV", "production")
    for name, value in {"SECRET_KEY": "k" * 40, **variables}.items():
        monkeypatch.setenv(name, value)


def test_production_refuses_a_short_secret_key(tmp_path, monkeypatch):
    production(monkeypatch, SECRET_KEY="x")
    with pytest.raises(ConfigurationError, match="SECRET_KEY is 1 characters long; it needs at least 32"):
        build_config(tmp_path)
    production(monkeypatch, SECRET_KEY="k" * 31)
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        build_config(tmp_path)
    production(monkeypatch, SECRET_KEY="k" * 32)
    assert build_config(tmp_path)["SECRET_KEY"] == "k" * 32


def test_production_refuses_debug(tmp_path, monkeypatch):
    production(monkeypatch, FLASK_DEBUG="1")
    with pytest.raises(ConfigurationError, match="FLASK_DEBUG is on"):
        build_config(tmp_path)
    monkeypatch.setenv("FLASK_DEBUG", "0")
    assert build_config(tmp_path)["PORTAL_ENV"] == "production"


def test_production_refuses_insecure_cookies(tmp_path, monkeypatch):
    production(monkeypatch, SESSION_COOKIE_SECURE="0")
    with pytest.raises(ConfigurationError, match="SESSION_COOKIE_SECURE is off"):
        build_config(tmp_path)


def test_production_names_every_problem_at_once(tmp_path, monkeypatch):
    production(monkeypatch, SECRET_KEY="x", FLASK_DEBUG="1", SESSION_COOKIE_SECURE="0")
    with pytest.raises(ConfigurationError) as refused:
        build_config(tmp_path)
    assert all(word in str(refused.value) for word in ("SECRET_KEY", "FLASK_DEBUG", "SESSION_COOKIE_SECURE"))


def test_development_keeps_its_freedom(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "0")
    monkeypatch.setenv("SECRET_KEY", "x")
    config = build_config(tmp_path)
    assert config["SECRET_KEY"] == "x" and config["SESSION_COOKIE_SECURE"] is False
    assert config["SESSION_COOKIE_NAME"] == "portal_session" and config["PREFERENCE_COOKIE_NAME"] == "anzeige"


def test_production_cookies_carry_the_host_prefix(tmp_path, monkeypatch):
    production(monkeypatch)
    config = build_config(tmp_path)
    assert config["SESSION_COOKIE_NAME"] == "__Host-portal_session"
    assert config["PREFERENCE_COOKIE_NAME"] == "__Host-anzeige"
    assert config["SESSION_COOKIE_PATH"] == "/" and config["SESSION_COOKIE_DOMAIN"] is None
