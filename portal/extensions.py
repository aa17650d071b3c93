"""Extensions are created here and bound to the app in create_app (so tests can build many apps).

Rate limits (flask-limiter) count per *visitor*: the anonymous journeys (Klärung, Budget, contact,
resume codes, the portal's own pages) count per browser session, because a whole workshop reaches
the internet through one address; everything else (the providers' inbox) counts per address.
Behind every limit of the anonymous journeys stands a high ceiling per address
(ANONYMOUS_ADDRESS_LIMIT) that stops floods from one address, whose every post may come
without a cookie and so as a new session. IPv6 addresses count by their /64 network: one
connection usually has a whole /64 to pick addresses from.
"""
import ipaddress
import secrets

from flask import current_app, request, session
from flask_babel import Babel
from flask_limiter import ApplicationLimit, Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData

# Named constraints keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# The blueprints of the anonymous journeys: their limits count per browser session.
ANONYMOUS_BLUEPRINTS = frozenset({"klaerung", "budget", "contact", "resume", "pages"})
LIMIT_SESSION_KEY = "limit_id"
DEFAULT_ADDRESS_LIMIT = "600 per minute;5000 per day"


def address_key() -> str:
    """The client's address; an IPv6 address as its /64 network."""
    address = get_remote_address() or ""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def session_key() -> str:
    """A random id kept in this browser session (made on first use); no personal data."""
    value = session.get(LIMIT_SESSION_KEY)
    if not isinstance(value, str) or not value:
        value = secrets.token_urlsafe(16)
        session[LIMIT_SESSION_KEY] = value
    return f"session:{value}"


def visitor_key() -> str:
    """The default key of every limit: the session on the anonymous journeys, else the address."""
    if request.blueprint in ANONYMOUS_BLUEPRINTS:
        return session_key()
    return address_key()


def address_limit() -> str:
    return current_app.config.get("ANONYMOUS_ADDRESS_LIMIT", DEFAULT_ADDRESS_LIMIT)


def _not_anonymous() -> bool:
    return request.blueprint not in ANONYMOUS_BLUEPRINTS


db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION))
migrate = Migrate()
babel = Babel()
csrf = CSRFProtect()
limiter = Limiter(
    key_func=visitor_key,
    default_limits=[],
    # The per-address ceiling of all anonymous journeys together (one count for the whole portal).
    application_limits=[ApplicationLimit(limit_provider=address_limit, key_function=address_key, exempt_when=_not_anonymous)],
)


@limiter.request_filter
def reading_is_never_limited() -> bool:
    """Every limit in the portal guards a form that stores or checks something (all are POSTs);
    reading a page is never limited, and so costs no look-up in the limiter's storage."""
    return request.method in ("GET", "HEAD", "OPTIONS")
