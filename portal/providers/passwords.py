"""Staff passwords: Argon2id (argon2-cffi's defaults, RFC 9106), never stored in clear; new ones at
least PASSWORD_MIN characters and not one of the most common passwords (common-passwords.txt)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

PASSWORD_MIN = 12
PASSWORD_MAX = 200  # Argon2 takes any length; a limit keeps a huge POST from costing time

_hasher = PasswordHasher()


COMMON_PASSWORDS_FILE = Path(__file__).with_name("common-passwords.txt")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


def _variants(password: str):
    """The password and what guessers try first: without spaces and punctuation, without digits
    before or after ("Passwort2026!"), a word repeated ("hallohallohallo")."""
    text = password.casefold()
    compact = re.sub(r"[\W_]+", "", text)
    yield from (text, compact, compact.rstrip("0123456789"), compact.lstrip("0123456789"),
                compact.strip("0123456789"))
    for size in range(1, len(compact) // 2 + 1):
        if len(compact) % size == 0 and compact == compact[:size] * (len(compact) // size):
            yield compact[:size]
            break


RUNS = ("1234567890" * 4, "0987654321" * 4, "abcdefghijklmnopqrstuvwxyz", "qwertzuiopasdfghjklyxcvbnm",
        "qwertyuiopasdfghjklzxcvbnm")


def is_common(password: str) -> bool:
    common = common_passwords()
    compact = re.sub(r"[\W_]+", "", password.casefold())
    return (any(variant in common for variant in _variants(password)) or len(set(compact)) < 4
            or any(compact in run for run in RUNS))


def password_problem(password: str) -> str | None:
    """Why this password is not accepted for an account, or None."""
    if len(password) < PASSWORD_MIN:
        return f"the password needs at least {PASSWORD_MIN} characters"
    if len(password) > PASSWORD_MAX:
        return f"the password may have at most {PASSWORD_MAX} characters"
    if is_common(password):
        return ("this password is too easy to guess: it is (or is built from) one of the most common passwords. "
                "Please choose another one, for example four or five words that do not belong together")
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
