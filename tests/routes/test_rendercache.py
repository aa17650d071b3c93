"""Shared rendering of personal pages: the same HTML for everyone who would see it, each with their own
form token; never a page that shows what someone typed."""
from __future__ import annotations

import re

import pytest
from flask import flash

from portal.ui.rendercache import EXTENSION_KEY, TOKEN_PLACEHOLDER, render_shared
from tests.routes.test_klaerung import answer, answer_all_until, session_code, start
from tests.support.forms import post_form

pytestmark = pytest.mark.sqlite_enough

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
QUESTION = "/klaerung/frage/bereich"


def token_of(html: str) -> str:
    match = TOKEN.search(html)
    assert match, "no form token in the page"
    return match.group(1)


def started(app, mode="allein"):
    client = app.test_client()
    start(client, mode)
    return client


def cached_pages(app) -> list[str]:
    return [page.html for page in app.extensions[EXTENSION_KEY].store._entries.values()]


def test_two_people_share_the_page_but_each_gets_their_own_form_token(app):
    first, second = started(app), started(app)
    first_html = first.get(QUESTION).get_data(as_text=True)
    second_html = second.get(QUESTION).get_data(as_text=True)
    first_token, second_token = token_of(first_html), token_of(second_html)

    assert first_token != second_token
    # The same page apart from the form token and the person's code (put in like the token).
    first_code, second_code = session_code(first), session_code(second)
    assert first_code in first_html and second_code in second_html
    assert (first_html.replace(first_token, "").replace(first_code, "")
            == second_html.replace(second_token, "").replace(second_code, ""))
    assert len(cached_pages(app)) == 1
    assert not any(first_code in html or second_code in html for html in cached_pages(app))
    assert TOKEN_PLACEHOLDER not in second_html
    # Each token works for its own person only.
    refused = second.post(QUESTION, data={"csrf_token": first_token, "answer": "arbeitsbereich"})
    # (The Klärung answers a refused form with the page that explains it and continues with the code.)
    assert refused.status_code == 303 and refused.headers["Location"].startswith("/klaerung/abgelaufen?")
    assert second.get("/klaerung/weiter").headers["Location"] == QUESTION  # nothing was stored
    accepted = second.post(QUESTION, data={"csrf_token": second_token, "answer": "arbeitsbereich"})
    assert accepted.status_code == 303


def test_a_stored_answer_is_shown_to_its_person_only(app):
    answered, fresh = started(app), started(app)
    assert answer(answered, "bereich", "berufsbildung").status_code == 303
    checked = re.compile(r'value="berufsbildung"[^>]*checked|checked[^>]*value="berufsbildung"')

    assert checked.search(answered.get(QUESTION).get_data(as_text=True))
    assert not checked.search(fresh.get(QUESTION).get_data(as_text=True))
    assert checked.search(answered.get(QUESTION).get_data(as_text=True))


def test_language_and_display_settings_are_part_of_the_shared_page(app):
    client = started(app)
    german = client.get(QUESTION).get_data(as_text=True)
    english = client.get(QUESTION + "?lang=en").get_data(as_text=True)
    large = client.get(QUESTION + "?schrift=sehr-gross").get_data(as_text=True)

    assert '<html lang="de"' in german and '<html lang="en"' in english
    assert "schrift-sehr-gross" in large and "schrift-sehr-gross" not in german
    assert len(cached_pages(app)) == 3


def test_a_page_with_a_note_is_never_kept(app):
    client = started(app, mode="begleitung")
    assert answer(client, "bereich", "arbeitsbereich", notes="Notiz-7Q3 über Pausen").status_code == 303

    page = client.get(QUESTION).get_data(as_text=True)

    assert "Notiz-7Q3 über Pausen" in page
    assert not any("Notiz-7Q3" in html for html in cached_pages(app))


def test_a_typed_answer_is_never_kept(app):
    client = started(app)
    answer_all_until(client, "postleitzahl")
    assert answer(client, "postleitzahl", "79098").status_code == 303

    page = client.get("/klaerung/frage/postleitzahl").get_data(as_text=True)

    assert 'value="79098"' in page
    assert not any("79098" in html for html in cached_pages(app))


def test_a_page_after_a_flash_message_is_rendered_for_that_request(app):
    with app.test_request_context("/"):
        app.preprocess_request()
        assert render_shared("key", lambda: "first") == "first"
        assert render_shared("key", lambda: "second") == "first"
        flash("Gespeichert.")
        assert render_shared("key", lambda: "third") == "third"
        assert render_shared("key", lambda: "fourth", share=False) == "fourth"


class TestSwitchedOff:
    @pytest.fixture
    def app_config(self):
        return {"RENDER_CACHE": False}

    def test_pages_work_without_the_cache(self, app):
        client = started(app)
        assert EXTENSION_KEY not in app.extensions
        first, second = client.get(QUESTION), client.get(QUESTION)
        assert first.status_code == second.status_code == 200
        assert post_form(client, QUESTION, {"answer": "arbeitsbereich"}).status_code == 303


def test_content_pages_are_shared_with_visitors_who_have_a_session(app):
    first, second = started(app), started(app)
    pages = [client.get("/module/3").get_data(as_text=True) for client in (first, second)]
    assert pages[0] == pages[1] and "Modul 3" in pages[0]
    assert len([html for html in cached_pages(app) if "Modul 3" in html]) == 1


def test_budget_steps_are_shared_by_people_with_the_same_ticks_only(app):
    from tests.routes.test_budget import tick

    ticked, fresh = app.test_client(), app.test_client()
    assert tick(ticked, "beratung").status_code == 303
    progress = {client: client.get("/budget/schritte?lang=de").get_data(as_text=True) for client in (fresh, ticked)}
    assert "0 von 9 erledigt" in progress[fresh]
    assert "1 von 9 erledigt" in progress[ticked]
    assert "0 von 9 erledigt" in app.test_client().get("/budget/schritte?lang=de").get_data(as_text=True)


def test_a_shared_page_without_a_form_starts_no_session(app):
    client = app.test_client()
    for _ in range(2):
        response = client.get("/module/3")
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers
        assert TOKEN_PLACEHOLDER not in response.get_data(as_text=True)
