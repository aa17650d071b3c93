"""Log-in for provider staff (the inbox, /anbieter) and operators (the desk, /betrieb): Argon2id
passwords, throttled guessing (per address and network, counted atomically), sessions that end
after inactivity, after a fixed time and at log-out, and answers that never tell whether an e-mail
address has an account. Both kinds of account log in at /anbieter/anmelden; each then sees only
its own area, and the other area's pages answer 404 (`account_required`)."""
from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from urllib.parse import urlsplit

from flask import abort, current_app, g, redirect, request, session, url_for
from sqlalchemy import case, literal, or_
from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db
from ..providers.dbtypes import UTCDateTime
from ..providers.models import OPERATOR, STAFF, StaffUser
from ..providers.passwords import hash_password, needs_rehash, verify_nobody, verify_password
from . import audit
from .models import LoginThrottle
from .throttle import (
    BRAKED_FREE_FAILURES, FORGET_AFTER, FREE_FAILURES, LOCK_AFTER, ThrottleState, after_failure, global_key,
    network_of, pause_after,
)

SESSION_KEY = "inbox"
INBOX_PREFIX = "/anbieter"
DESK_PREFIX = "/betrieb"
# Where each kind of account works: its URL prefix and its start page (an endpoint).
AREAS = {STAFF: (INBOX_PREFIX, "inbox.requests"), OPERATOR: (DESK_PREFIX, "operator.desk")}
IDLE, TOO_LONG = "1", "2"  # why a session ended (the log-in page says it): inactivity, absolute lifetime


def throttle_key(email: str, network: str) -> str:
    """A keyed hash of the address and the network: the table of failed tries holds no readable
    addresses."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"{email.strip().casefold()}\n{network}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class LoginResult:
    user: StaffUser | None = None
    wait_until: datetime | None = None  # set when the pair must wait before the next try


def _insert():
    dialect = db.session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(LoginThrottle.__table__)


def count_try(key: str, now: datetime, free: int = FREE_FAILURES) -> int | None:
    """Count one try for `key` before its password is checked, in one atomic statement (an
    upsert that returns the new count): the count, or None when the key must wait. Parallel
    tries cannot all read the same old count (see throttle.after_failure for the policy)."""
    table = LoginThrottle.__table__
    stale = table.c.last_failure_at < now - FORGET_AFTER
    count = case((stale, 1), else_=table.c.failures + 1)

    def no_try_before(failures):
        whens = [(failures == n, literal(now + pause_after(n, free), UTCDateTime()))
                 for n in range(1, LOCK_AFTER) if pause_after(n, free)]
        whens.append((failures >= LOCK_AFTER, literal(now + pause_after(LOCK_AFTER, free), UTCDateTime())))
        return case(*whens, else_=None)

    statement = _insert().values(
        key_hash=key, failures=1, last_failure_at=now,
        locked_until=after_failure(ThrottleState(), now, free).locked_until,
    ).on_conflict_do_update(
        index_elements=[table.c.key_hash],
        set_={"failures": count, "last_failure_at": now, "locked_until": no_try_before(count)},
        where=or_(table.c.locked_until.is_(None), table.c.locked_until <= now, stale),
    ).returning(table.c.failures)
    counted = db.session.execute(statement).scalar()
    db.session.commit()
    return counted


def _global_failures(now: datetime) -> int:
    key = global_key(now)
    return db.session.execute(db.select(LoginThrottle.failures).filter_by(key_hash=key)).scalar() or 0


def _braked(now: datetime) -> bool:
    ceiling = current_app.config["INBOX_GLOBAL_FAILURES_PER_MINUTE"]
    return bool(ceiling) and _global_failures(now) >= ceiling


def _count_global_failure(now: datetime) -> None:
    """The soft global brake: failed log-ins of this minute, across all addresses."""
    table = LoginThrottle.__table__
    statement = _insert().values(key_hash=global_key(now), failures=1, last_failure_at=now).on_conflict_do_update(
        index_elements=[table.c.key_hash], set_={"failures": table.c.failures + 1, "last_failure_at": now},
    ).returning(table.c.failures)
    failures = db.session.execute(statement).scalar()
    if failures == current_app.config["INBOX_GLOBAL_FAILURES_PER_MINUTE"]:
        current_app.logger.warning(
            "inbox: %s failed log-ins in this minute; every address and network now waits after its first wrong "
            "password (INBOX_GLOBAL_FAILURES_PER_MINUTE)", failures)


def attempt_login(email: str, password: str, now: datetime, address: str | None = None) -> LoginResult:
    """Check a log-in from the client `address`; the try is counted before the password is checked."""
    key = throttle_key(email, network_of(address))
    if count_try(key, now, BRAKED_FREE_FAILURES if _braked(now) else FREE_FAILURES) is None:
        until = db.session.execute(db.select(LoginThrottle.locked_until).filter_by(key_hash=key)).scalar()
        return LoginResult(wait_until=until or now)
    user = db.session.execute(db.select(StaffUser).filter_by(email=email.strip().lower())).scalar_one_or_none()
    if user is not None and user.active and verify_password(user.password_hash, password):
        db.session.execute(db.delete(LoginThrottle).filter_by(key_hash=key))
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.last_login_at = now
        audit.record("login", user)
        db.session.commit()
        return LoginResult(user=user)
    if user is None or not user.active:
        verify_nobody(password)
    _count_global_failure(now)
    audit.record("login_failed", user if user is not None and user.active else None)
    db.session.commit()
    return LoginResult()


def log_in(user: StaffUser) -> None:
    # A fresh session: nothing from before the log-in survives it. The session version ties the
    # cookie to the account: log-out, disabling and a new password raise it, and end the session.
    session.clear()
    now = int(time.time())
    session[SESSION_KEY] = {"user": user.id, "version": user.session_version, "started": now, "seen": now}


def log_out() -> None:
    session.pop(SESSION_KEY, None)


def _ended(data: dict, now: int) -> str | None:
    """Why the session in the cookie has ended by time, or None."""
    if now - int(data.get("started", 0)) > current_app.config["INBOX_ABSOLUTE_HOURS"] * 3600:
        return TOO_LONG
    if now - int(data.get("seen", 0)) > current_app.config["INBOX_IDLE_MINUTES"] * 60:
        return IDLE
    return None


def current_user() -> StaffUser | None:
    """The logged-in, active staff member, or None (the session ends after inactivity, after
    INBOX_ABSOLUTE_HOURS in any case, and when the account's session version was raised)."""
    if "inbox_user" in g:
        return g.inbox_user
    g.inbox_user = None
    data = session.get(SESSION_KEY)
    if isinstance(data, dict) and isinstance(data.get("user"), int):
        now = int(time.time())
        ended = _ended(data, now)
        user = None if ended else db.session.get(StaffUser, data["user"])
        if user is not None and user.active and data.get("version") == user.session_version:
            g.inbox_user = user
            session[SESSION_KEY] = {**data, "seen": now}
        else:
            log_out()
            g.inbox_expired = ended
    return g.inbox_user


def safe_next(target: str | None, user: StaffUser | None = None) -> str:
    """Only a path inside the account's own area (the inbox for staff, the desk for operators): a
    log-in link must never send anyone elsewhere."""
    prefix, start = AREAS[user.role if user is not None else STAFF]
    if target:
        parts = urlsplit(target)
        inside = parts.path == prefix or parts.path.startswith(prefix + "/")
        if not parts.scheme and not parts.netloc and inside and "\\" not in target:
            return parts.path + (f"?{parts.query}" if parts.query else "")
    return url_for(start)


def account_required(role: str):
    """A view for one kind of account: a visitor who is not logged in goes to the log-in page (and
    comes back after it); an account of the other kind gets 404, as if the page did not exist, and
    the try is audited."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            user = current_user()
            if user is None:
                expired = {"abgelaufen": g.inbox_expired} if g.get("inbox_expired") else {}
                return redirect(url_for("inbox.login", weiter=request.full_path.rstrip("?"), **expired))
            if user.role != role:
                audit.record("not_found", user, detail=f"{request.method} {request.path}: not for {user.role} accounts")
                db.session.commit()
                abort(404)
            return view(*args, **kwargs)

        return wrapper

    return decorator


login_required = account_required(STAFF)  # the inbox: provider staff only
operator_required = account_required(OPERATOR)  # the desk: operators only
