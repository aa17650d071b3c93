"""New staff passwords: long enough, and not one of the most common passwords."""
import pytest

from portal.providers.passwords import PASSWORD_MIN, common_passwords, password_problem

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database


def test_the_shipped_list_is_read():
    common = common_passwords()
    assert len(common) > 1000 and {"123456", "password", "passwort", "qwertzuiop"} <= common
    assert not any(entry.startswith("#") for entry in common)


@pytest.mark.parametrize("password", [
    "password1234", "Passwort2026!", "PASSWORD12345", "qwertzuiop12", "hallohallohallo", "aaaaaaaaaaaa",
    "123456789012", "abcdefghijkl", "2026 sunshine 2026", "Fußball-1234",
])
def test_common_passwords_are_refused_with_a_clear_message(password):
    problem = password_problem(password)
    assert problem and "most common passwords" in problem and "choose another" in problem


@pytest.mark.parametrize("password", [
    "ein gutes Passwort", "  Leerzeichen gehören dazu  ", "correct horse battery staple", "jobbudget-demo",
])
def test_good_passwords_pass(password):
    assert password_problem(password) is None


def test_too_short_comes_first():
    assert f"at least {PASSWORD_MIN}" in password_problem("passwort")
