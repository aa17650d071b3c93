"""Reference numbers: short, easy to read out, without 0/O and 1/I."""
import re

import pytest

from portal.contact.references import ALPHABET, new_reference, normalize_reference

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database


def test_shape_and_alphabet():
    for _ in range(500):
        reference = new_reference()
        assert re.fullmatch(r"JB-[2-9A-HJ-NP-Z]{4}", reference), reference
    assert not set("01OI") & set(ALPHABET)
    assert len(set(ALPHABET)) == 32


def test_numbers_differ():
    assert len({new_reference() for _ in range(200)}) > 190


@pytest.mark.parametrize("typed,expected", [
    ("JB-7K3M", "JB-7K3M"), ("jb 7k3m", "JB-7K3M"), (" JB-7K3M ", "JB-7K3M"), ("7k3m", "JB-7K3M"),
    ("JB-7K3O", None), ("JB-1K3M", None), ("JB-7K3", None), ("JB-7K3MM", None), ("", None), (None, None),
    ("<script>", None),
])
def test_normalize_reference(typed, expected):
    assert normalize_reference(typed) == expected
