"""The log-in form is also limited per address (Flask-Limiter), on top of the per-account throttle."""
import pytest

from tests.routes.test_inbox import cheap_passwords, inbox, login  # noqa: F401
from tests.support.pagecheck import check_page, page_text


@pytest.fixture
def app_config():
    return {"RATELIMIT_ENABLED": True, "INBOX_LOGIN_RATE_LIMIT": "3 per minute"}


def test_many_log_in_tries_from_one_address_get_the_easy_language_429_page(client, inbox):
    for number in range(3):
        assert login(client, f"person{number}@beispiel.example", "falsch").status_code == 303  # the form again, with the error (Post/Redirect/Get)
    response = login(client, "person9@beispiel.example", "falsch")
    assert "Bitte machen Sie eine kurze Pause" in page_text(check_page(response, status=429))
