"""How failed log-ins slow down guessing: a pure policy, tested with its own clock.

After FREE_FAILURES wrong passwords for one e-mail address, each further try must wait a
growing pause (2, 4, 8 … seconds); after LOCK_AFTER failures the address is locked for
LOCK_MINUTES. Failures older than a day are forgotten. The same happens for addresses that
have no account, so the answers never tell which addresses exist.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

FREE_FAILURES = 3
LOCK_AFTER = 10
LOCK_MINUTES = 15
FORGET_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class ThrottleState:
    failures: int = 0
    last_failure_at: datetime | None = None
    locked_until: datetime | None = None


def pause_after(failures: int) -> timedelta:
    if failures < FREE_FAILURES:
        return timedelta(0)
    return timedelta(seconds=2 ** (failures - FREE_FAILURES + 1))


def current(state: ThrottleState, now: datetime) -> ThrottleState:
    """The state with stale failures forgotten."""
    if state.last_failure_at is not None and now - state.last_failure_at > FORGET_AFTER:
        return ThrottleState()
    return state


def wait_until(state: ThrottleState, now: datetime) -> datetime | None:
    """When the next try is allowed, or None when it is allowed now."""
    state = current(state, now)
    if state.locked_until is not None and now < state.locked_until:
        return state.locked_until
    if state.last_failure_at is not None:
        allowed = state.last_failure_at + pause_after(state.failures)
        if now < allowed:
            return allowed
    return None


def after_failure(state: ThrottleState, now: datetime) -> ThrottleState:
    state = current(state, now)
    failures = state.failures + 1
    locked_until = now + timedelta(minutes=LOCK_MINUTES) if failures >= LOCK_AFTER else None
    return ThrottleState(failures, now, locked_until)
