"""A flood of form posts from one address gets the easy-language 429 page; a person who sends twice does not."""
import pytest

from tests.support.forms import post_form
from tests.support.pagecheck import check_page, h1_text

pytestmark = pytest.mark.sqlite_enough


@pytest.fixture
def app_config():
    return {"RATELIMIT_ENABLED": True, "FORM_RATE_LIMIT": "3 per minute"}


def test_form_flood_gets_the_429_page_and_reading_still_works(client):
    statuses = [post_form(client, "/barrierefreiheit", {"description": f"Meldung {n}"}).status_code for n in range(4)]
    assert statuses[:2] == [303, 303]  # sending twice is fine
    assert statuses[-1] == 429
    response = post_form(client, "/barrierefreiheit", {"description": "noch eine"})
    assert h1_text(check_page(response, status=429)) == "Bitte machen Sie eine kurze Pause"
    assert client.get("/barrierefreiheit").status_code == 200  # only posting is limited



@pytest.mark.parametrize("method, exempt", [("GET", True), ("HEAD", True), ("POST", False), ("DELETE", False)])
def test_reading_is_exempt_before_any_limit_is_looked_up(app, method, exempt):
    from portal.extensions import reading_is_never_limited

    with app.test_request_context("/barrierefreiheit", method=method):
        assert reading_is_never_limited() is exempt
