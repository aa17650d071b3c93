"""CSV cells never start like a formula."""
import pytest

from portal.inbox.export import safe_cell


@pytest.mark.parametrize("value,expected", [
    ("=1+1", "'=1+1"), ("+49 30 1234", "'+49 30 1234"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("  =1", "'  =1"), ("Maria", "Maria"), ("a=b", "a=b"), ("", ""), (7, "7"),
])
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected
