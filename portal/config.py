"""Settings from the environment, with safe defaults per environment.

PORTAL_ENV chooses the environment: ``development`` (default), ``production`` or ``testing``.
Everything else is an ordinary environment variable; see README.md.
"""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

from flask.helpers import get_debug_flag

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY_FILE = "secret_key"
MIN_SECRET_KEY_LENGTH = 32
SESSION_COOKIE = "portal_session"
PREFERENCE_COOKIE = "anzeige"
# In production both cookies carry the __Host- prefix: the browser then takes them only over HTTPS,
# for the whole site (Path=/) and from this host alone (no Domain), so a neighbour subdomain cannot
# plant or overwrite them.
HOST_PREFIX = "__Host-"


class ConfigurationError(RuntimeError):
    """The portal refuses to start with an unsafe or broken configuration."""


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def _secret_key(env: str, instance_path: Path) -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if env == "production":
        raise ConfigurationError(
            "SECRET_KEY is not set. In production the portal needs a fixed secret key: "
            "set SECRET_KEY to a long random value (python -c 'import secrets; print(secrets.token_hex(32))')."
        )
    # Development keeps one generated key, so sessions survive a restart.
    key_file = instance_path / SECRET_KEY_FILE
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def check_production(config: dict) -> None:
    """Refuse to start production with a setting that would put people's data at risk.

    Only settings are checked here, so every command refuses them (also `db upgrade`). What lies
    in the database (demo providers, demo passwords) is checked when serving: see
    `portal.security.check_production_data`.
    """
    problems = []
    key = config.get("SECRET_KEY") or ""
    if len(key) < MIN_SECRET_KEY_LENGTH:
        problems.append(
            f"SECRET_KEY is {len(key)} characters long; it needs at least {MIN_SECRET_KEY_LENGTH}. "
            "A short key can be guessed, and with it anyone can forge a provider's log-in. "
            "Make one with: python -c 'import secrets; print(secrets.token_hex(32))'"
        )
    if config.get("DEBUG") or get_debug_flag():
        problems.append(
            "FLASK_DEBUG is on. The debugger lets anyone who sees an error page run code on the server: "
            "unset FLASK_DEBUG (and do not start production with --debug)."
        )
    if not config.get("SESSION_COOKIE_SECURE") or not config.get("PREFERENCE_COOKIE_SECURE"):
        problems.append(
            "SESSION_COOKIE_SECURE is off. Then the session cookie also travels over plain HTTP, where "
            "anyone on the network can read it: remove SESSION_COOKIE_SECURE and serve the portal over HTTPS."
        )
    if problems:
        raise ConfigurationError(
            "The portal does not start in production with these settings:\n- " + "\n- ".join(problems)
        )


def translation_directories() -> str:
    """Every feature keeps its own catalogue under translations/<area>/, so features never edit one file."""
    root = PROJECT_ROOT / "translations"
    areas = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    return ";".join(str(p) for p in areas) or str(root)


def build_config(instance_path: Path, overrides: dict | None = None) -> dict:
    overrides = dict(overrides or {})
    env = overrides.get("PORTAL_ENV") or os.environ.get("PORTAL_ENV", "development")
    if env not in {"development", "production", "testing"}:
        raise ConfigurationError(f"PORTAL_ENV must be development, production or testing, not {env!r}.")
    production = env == "production"
    default_db = f"sqlite:///{instance_path / 'portal.sqlite3'}"
    database_url = os.environ.get("DATABASE_URL", default_db)
    # Heroku-style URLs still say postgres://, which SQLAlchemy no longer accepts.
    if database_url.startswith("postgres://"):
        database_url = "postgresql://" + database_url[len("postgres://"):]

    config = {
        "PORTAL_ENV": env,
        "SECRET_KEY": overrides.get("SECRET_KEY") or _secret_key(env, instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url,
        # A database server may drop idle connections: test each before use. A SQLite file cannot,
        # and the test would cost every request a query.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": not database_url.startswith("sqlite")},
        "CONTENT_DIR": Path(os.environ.get("CONTENT_DIR", PROJECT_ROOT / "content" / "easy_language")),
        "LANGUAGES": ("de", "en"),
        "BABEL_DEFAULT_LOCALE": "de",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Berlin",
        "BABEL_TRANSLATION_DIRECTORIES": translation_directories(),
        "SESSION_COOKIE_NAME": (HOST_PREFIX if production else "") + SESSION_COOKIE,
        "SESSION_COOKIE_PATH": "/",
        "SESSION_COOKIE_DOMAIN": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", production),
        "PERMANENT_SESSION_LIFETIME": timedelta(minutes=_int("SESSION_MINUTES", 60)),
        "PREFERENCE_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", production),
        "PREFERENCE_COOKIE_NAME": (HOST_PREFIX if production else "") + PREFERENCE_COOKIE,
        # Browsers remember for a year to use only HTTPS here (production only: the TLS proxy's host).
        "HSTS": production,
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,  # people take long breaks; a short limit would lose their typing
        "MAX_CONTENT_LENGTH": 256 * 1024,
        "RATELIMIT_ENABLED": _bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": False,
        "FORM_RATE_LIMIT": os.environ.get("FORM_RATE_LIMIT", "20 per minute;200 per day"),
        # Anonymous journeys count per browser session; this ceiling counts per address (portal/extensions.py).
        "ANONYMOUS_ADDRESS_LIMIT": os.environ.get("ANONYMOUS_ADDRESS_LIMIT", "600 per minute;5000 per day"),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": _int("MAIL_PORT", 25),
        "MAIL_USE_TLS": _bool("MAIL_USE_TLS", False),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_SENDER": os.environ.get("MAIL_SENDER", "portal@jobbudget-portal.example"),
        "PROXY_FIX": _bool("PROXY_FIX", False),
    }
    if env == "testing":
        config.update({"TESTING": True, "RATELIMIT_ENABLED": False})
    config.update(overrides)
    if production:
        check_production(config)
    return config
