"""Staff log-in for the inbox: Argon2id passwords, throttled guessing, sessions that end after
inactivity, and answers that never tell whether an e-mail address has an account."""
from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from urllib.parse import urlsplit

from flask import current_app, g, redirect, request, session, url_for
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..providers.models import StaffUser
from ..providers.passwords import hash_password, needs_rehash, verify_nobody, verify_password
from . import audit
from .models import LoginThrottle
from .throttle import ThrottleState, after_failure, wait_until

SESSION_KEY = "inbox"
INBOX_PREFIX = "/anbieter"


def throttle_key(email: str) -> str:
    """A keyed hash of the address: the table of failed tries holds no readable addresses."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, email.strip().casefold().encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class LoginResult:
    user: StaffUser | None = None
    wait_until: datetime | None = None  # set when the address must wait before the next try


def _state(row: LoginThrottle | None) -> ThrottleState:
    return ThrottleState(row.failures, row.last_failure_at, row.locked_until) if row else ThrottleState()


def attempt_login(email: str, password: str, now: datetime) -> LoginResult:
    key = throttle_key(email)
    row = db.session.get(LoginThrottle, key)
    blocked = wait_until(_state(row), now)
    if blocked is not None:
        return LoginResult(wait_until=blocked)
    user = db.session.execute(db.select(StaffUser).filter_by(email=email.strip().lower())).scalar_one_or_none()
    if user is not None and user.active and verify_password(user.password_hash, password):
        if row is not None:
            db.session.delete(row)
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.last_login_at = now
        audit.record("login", user)
        db.session.commit()
        return LoginResult(user=user)
    if user is None or not user.active:
        verify_nobody(password)
    _remember_failure(key, row, now, user)
    return LoginResult()


def _remember_failure(key: str, row: LoginThrottle | None, now: datetime, user: StaffUser | None) -> None:
    state = after_failure(_state(row), now)
    if row is None:
        row = LoginThrottle(key_hash=key)
        db.session.add(row)
    row.failures, row.last_failure_at, row.locked_until = state.failures, state.last_failure_at, state.locked_until
    audit.record("login_failed", user if user is not None and user.active else None)
    try:
        db.session.commit()
    except IntegrityError:  # a parallel try created the row first: its count is good enough
        db.session.rollback()


def log_in(user: StaffUser) -> None:
    # A fresh session: nothing from before the log-in survives it.
    session.clear()
    session[SESSION_KEY] = {"user": user.id, "seen": int(time.time())}


def log_out() -> None:
    session.pop(SESSION_KEY, None)


def current_user() -> StaffUser | None:
    """The logged-in, active staff member, or None (the session ends after inactivity)."""
    if "inbox_user" in g:
        return g.inbox_user
    g.inbox_user = None
    data = session.get(SESSION_KEY)
    if isinstance(data, dict) and isinstance(data.get("user"), int):
        idle = current_app.config["INBOX_IDLE_MINUTES"] * 60
        now = int(time.time())
        if now - int(data.get("seen", 0)) > idle:
            log_out()
            g.inbox_expired = True
        else:
            user = db.session.get(StaffUser, data["user"])
            if user is not None and user.active:
                g.inbox_user = user
                session[SESSION_KEY] = {"user": user.id, "seen": now}
            else:
                log_out()
    return g.inbox_user


def safe_next(target: str | None) -> str:
    """Only a path inside the inbox: a log-in link must never send anyone elsewhere."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and parts.path.startswith(INBOX_PREFIX) and "\\" not in target:
            return parts.path + (f"?{parts.query}" if parts.query else "")
    return url_for("inbox.requests")


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if current_user() is None:
            expired = {"abgelaufen": "1"} if g.get("inbox_expired") else {}
            return redirect(url_for("inbox.login", weiter=request.full_path.rstrip("?"), **expired))
        return view(*args, **kwargs)

    return wrapper
