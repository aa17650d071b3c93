"""CSV cells never start like a formula."""
import pytest

from portal.inbox.export import safe_cell

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database


@pytest.mark.parametrize("value,expected", [
    ("=1+1", "'=1+1"), ("+49 30 1234", "'+49 30 1234"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("  =1", "'  =1"), ("Maria", "Maria"), ("a=b", "a=b"), ("", ""), (7, "7"),
])
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected
