"""How failed log-ins slow down guessing: a pure policy, tested with its own clock.

Tries are counted per pair of e-mail address and network (an IPv4 address, or an IPv6 /64), so
an attacker elsewhere cannot lock the real owner out. Each try is counted before the password is
checked (see auth.count_try): after FREE_FAILURES tries the pair must wait a growing pause
(2, 4, 8 … seconds) before the next one; after LOCK_AFTER tries it waits LOCK_MINUTES. A right
password clears the pair's count; tries older than a day are forgotten. The same happens for
addresses that have no account, so the answers never tell which addresses exist.

A soft global brake: when more than INBOX_GLOBAL_FAILURES_PER_MINUTE log-ins fail in one minute
(across all addresses), every pair waits already after its first failure.
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

FREE_FAILURES = 3
BRAKED_FREE_FAILURES = 1  # under the global brake: a pause after the first failure
LOCK_AFTER = 10
LOCK_MINUTES = 15
FORGET_AFTER = timedelta(days=1)
GLOBAL_PREFIX = "global:"  # the global counter's keys (a minute each); pair keys are hex hashes


@dataclass(frozen=True)
class ThrottleState:
    failures: int = 0
    last_failure_at: datetime | None = None
    locked_until: datetime | None = None  # no try before this time


def pause_after(failures: int, free: int = FREE_FAILURES) -> timedelta:
    """How long a pair waits after its `failures`-th counted try."""
    if failures >= LOCK_AFTER:
        return timedelta(minutes=LOCK_MINUTES)
    if failures < free:
        return timedelta(0)
    return timedelta(seconds=2 ** (failures - free + 1))


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
    return None


def after_failure(state: ThrottleState, now: datetime, free: int = FREE_FAILURES) -> ThrottleState:
    """The state after one more counted try (auth.count_try does the same in one SQL statement)."""
    failures = current(state, now).failures + 1
    pause = pause_after(failures, free)
    return ThrottleState(failures, now, now + pause if pause else None)


def network_of(address: str | None) -> str:
    """The network a client is in: its IPv4 address, or its IPv6 /64 (one household or office
    usually has a whole /64 and can change addresses in it at will)."""
    try:
        ip = ipaddress.ip_address((address or "").split("%")[0])
    except ValueError:
        return address or "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def global_key(now: datetime) -> str:
    return f"{GLOBAL_PREFIX}{now:%Y%m%d%H%M}"
