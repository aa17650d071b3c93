"""The tests hash passwords cheaply (tests/conftest.py); the portal itself uses Argon2id with the
first recommended profile of RFC 9106 (argon2-cffi's default)."""
import pytest
from argon2.profiles import RFC_9106_LOW_MEMORY

from tests.conftest import PRODUCTION_HASHER

pytestmark = pytest.mark.no_database


def test_the_portal_hashes_with_the_recommended_argon2id_cost():
    assert PRODUCTION_HASHER.time_cost == RFC_9106_LOW_MEMORY.time_cost
    assert PRODUCTION_HASHER.memory_cost == RFC_9106_LOW_MEMORY.memory_cost
    assert PRODUCTION_HASHER.parallelism == RFC_9106_LOW_MEMORY.parallelism
    assert PRODUCTION_HASHER.hash("ein langes Passwort").startswith("$argon2id$v=19$m=65536,t=3,p=4$")
