"""Staff passwords: Argon2id (argon2-cffi's defaults, RFC 9106), never stored in clear."""
from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

PASSWORD_MIN = 12
PASSWORD_MAX = 200  # Argon2 takes any length; a limit keeps a huge POST from costing time

_hasher = PasswordHasher()


def password_problem(password: str) -> str | None:
    """Why this password is not accepted for an account, or None."""
    if len(password) < PASSWORD_MIN:
        return f"the password needs at least {PASSWORD_MIN} characters"
    if len(password) > PASSWORD_MAX:
        return f"the password may have at most {PASSWORD_MAX} characters"
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    if len(password) > PASSWORD_MAX:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher.hash("no account has this password")


def verify_nobody(password: str) -> bool:
    """Spend the same time as a real check when no account matches: timing tells nobody
    whether an address has an account. Always False."""
    verify_password(_dummy_hash(), password)
    return False
