"""The log-in throttle policy, with its own clock."""
from datetime import datetime, timedelta, timezone

import pytest

from portal.inbox.throttle import (
    BRAKED_FREE_FAILURES, FREE_FAILURES, LOCK_AFTER, LOCK_MINUTES, ThrottleState, after_failure, current,
    global_key, network_of, pause_after, wait_until,
)

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("failures,seconds", [(0, 0), (1, 0), (2, 0), (3, 2), (4, 4), (5, 8), (9, 128)])
def test_pause_grows(failures, seconds):
    assert pause_after(failures) == timedelta(seconds=seconds)


def fail(times, start=NOW, step=timedelta(hours=1)):
    state, now = ThrottleState(), start
    for _ in range(times):
        state = after_failure(state, now)
        now += step
    return state


def test_free_failures_do_not_wait():
    state = fail(FREE_FAILURES - 1, step=timedelta(0))
    assert wait_until(state, NOW) is None


def test_after_the_free_failures_the_next_try_waits():
    state = fail(FREE_FAILURES, step=timedelta(0))
    assert wait_until(state, NOW) == NOW + timedelta(seconds=2)
    assert wait_until(state, NOW + timedelta(seconds=2)) is None


def test_lock_after_many_failures():
    state = fail(LOCK_AFTER, step=timedelta(minutes=5))
    last = NOW + timedelta(minutes=5 * (LOCK_AFTER - 1))
    assert state.locked_until == last + timedelta(minutes=LOCK_MINUTES)
    assert wait_until(state, last + timedelta(minutes=LOCK_MINUTES - 1)) == state.locked_until
    assert wait_until(state, last + timedelta(minutes=LOCK_MINUTES + 1)) is None
    # one more failure after the lock locks again at once
    again = after_failure(state, last + timedelta(minutes=LOCK_MINUTES + 1))
    assert again.locked_until is not None


def test_old_failures_are_forgotten():
    state = fail(LOCK_AFTER - 1, step=timedelta(minutes=1))
    later = NOW + timedelta(days=2)
    assert current(state, later) == ThrottleState()
    assert after_failure(state, later).failures == 1
    assert wait_until(state, later) is None


def test_under_the_global_brake_the_pause_starts_after_the_first_failure():
    state = after_failure(ThrottleState(), NOW, free=BRAKED_FREE_FAILURES)
    assert wait_until(state, NOW) == NOW + timedelta(seconds=2)
    assert pause_after(LOCK_AFTER, free=BRAKED_FREE_FAILURES) == timedelta(minutes=LOCK_MINUTES)


@pytest.mark.parametrize("address,network", [
    ("203.0.113.9", "203.0.113.9"),
    ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
    ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
    ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
    ("::ffff:203.0.113.9", "203.0.113.9"),
    ("fe80::1%eth0", "fe80::/64"),
    ("", "unknown"),
    (None, "unknown"),
    ("kein-ip", "kein-ip"),
])
def test_network_of(address, network):
    assert network_of(address) == network


def test_global_keys_are_per_minute_and_never_look_like_a_pair_key():
    assert global_key(NOW) == "global:202611251200"
    assert global_key(NOW + timedelta(seconds=59)) == global_key(NOW) != global_key(NOW + timedelta(minutes=1))
