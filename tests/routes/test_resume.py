"""/weitermachen: continue with a resume code, go back to where one was, friendly errors, rate limit."""
from __future__ import annotations

import pytest

from portal.resume import store
from portal.resume.navigation import local_path
from tests.support.forms import follow, post_form
from tests.support.pagecheck import check_page, page_text

UNKNOWN = "Den Code kennen wir nicht. Prüfen Sie den Code. Oder fangen Sie neu an."


def make_code(app, data=None):
    with app.test_request_context("/"):
        code = store.new_code()
        for section, value in (data or {}).items():
            store.save(code, section, value)
    return code


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_code_page_passes_the_page_check(client, lang):
    document = check_page(client.get(f"/weitermachen?lang={lang}"), lang=lang)
    assert 'name="code"' in client.get("/weitermachen").get_data(as_text=True)
    assert page_text(document)


def test_a_valid_code_continues_where_the_person_was(app, client):
    code = make_code(app, {"budget": {"step": 2}})
    response = post_form(client, "/weitermachen?weiter=/budget/schritt-2", {"code": code, "weiter": "/budget/schritt-2"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/budget/schritt-2"
    with client.session_transaction() as session:
        assert session["resume_code"] == code


def test_the_code_may_be_typed_in_any_case_and_with_hyphens(app, client):
    code = make_code(app)
    typed = "-".join(code.upper().split())
    response = post_form(client, "/weitermachen", {"code": typed, "weiter": "/budget"})
    assert response.status_code == 303
    with client.session_transaction() as session:
        assert session["resume_code"] == code  # shown tidy again on later pages


def test_the_weiter_path_travels_in_the_form(client):
    html = client.get("/weitermachen?weiter=/budget/brief").get_data(as_text=True)
    assert 'name="weiter" type="hidden" value="/budget/brief"' in html


@pytest.mark.parametrize(
    "weiter",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "budget", "/x\n/y",
     "/" + "a" * 400],
)
def test_foreign_or_odd_destinations_are_ignored(app, client, weiter):
    code = make_code(app)
    response = post_form(client, "/weitermachen", {"code": code, "weiter": weiter})
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith("//") and "evil" not in location


@pytest.mark.parametrize("value", ["/budget", "/budget/brief?schritt=2", "/klaerung/frage/hobbys"])
def test_local_paths_are_accepted(value):
    assert local_path(value) == value


@pytest.mark.parametrize("typed", ["Sonne Tiger 4821", "nonsense", "Sonne Tiger", "<b>Sonne</b> 1234"])
def test_an_unknown_or_tampered_code_gets_the_friendly_page(client, typed):
    response = follow(client, post_form(client, "/weitermachen", {"code": typed}))
    document = check_page(response)
    text = page_text(document)
    assert UNKNOWN in text
    assert "Neu anfangen" in text
    html = response.get_data(as_text=True)
    assert "<b>Sonne" not in html
    assert "Fehler:" in html.split("</title>")[0]


def test_an_expired_code_gets_the_same_friendly_page(app, client):
    from datetime import datetime, timedelta, timezone

    from portal.extensions import db
    from portal.resume.models import ResumeRecord

    code = make_code(app)
    with app.app_context():
        record = db.session.execute(db.select(ResumeRecord)).scalar_one()
        record.expires_at = datetime.now(timezone.utc) - timedelta(minutes=1)
        db.session.commit()
    assert UNKNOWN in page_text(check_page(follow(client, post_form(client, "/weitermachen", {"code": code}))))


def test_an_empty_code_asks_for_it(client):
    text = page_text(check_page(follow(client, post_form(client, "/weitermachen", {"code": "  "}))))
    assert "Bitte schreiben Sie Ihren Code." in text


def test_an_overlong_code_gets_a_clear_error(client):
    text = page_text(check_page(follow(client, post_form(client, "/weitermachen", {"code": "a" * 61}))))
    assert "höchstens 60 Zeichen" in text


def test_without_csrf_token_nothing_happens(app, client):
    code = make_code(app)
    response = client.post("/weitermachen", data={"code": code})
    assert response.status_code == 400


class TestRateLimit:
    @pytest.fixture
    def app_config(self):
        return {"RATELIMIT_ENABLED": True, "RESUME_RATE_LIMIT": "3 per minute"}

    def test_guessing_is_stopped_after_a_few_tries(self, client):
        statuses = [post_form(client, "/weitermachen", {"code": f"Sonne Tiger {1000 + i}"}).status_code for i in range(5)]
        assert statuses[:3] == [303, 303, 303]
        assert statuses[3:] == [429, 429]
        check_page(post_form(client, "/weitermachen", {"code": "Sonne Tiger 1999"}), status=429)

    def test_looking_at_the_page_is_not_limited(self, client):
        assert all(client.get("/weitermachen").status_code == 200 for _ in range(6))


def test_the_default_limit_is_ten_a_minute_and_fifty_a_day(app):
    from portal.resume.routes import code_rate_limit

    with app.app_context():
        assert code_rate_limit() == "10 per minute;50 per day"


def test_a_personal_page_reads_its_record_once_and_sees_its_own_saves(app):
    from sqlalchemy import event

    from portal.extensions import db

    code = make_code(app, {"budget": {"step": 1}})
    reads = []
    with app.test_request_context("/"):
        def count(_conn, _cursor, statement, *_args):
            if statement.lstrip().upper().startswith("SELECT") and "resume_record" in statement:
                reads.append(statement)

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            store.remember_code(code)
            assert store.current_code() == code
            assert store.load(code) == {"budget": {"step": 1}}
            assert len(reads) == 1
            store.save(code, "budget", {"step": 2})
            assert store.load(code) == {"budget": {"step": 2}}
            copy = store.load(code)
            copy["budget"]["step"] = 99  # a caller's copy never changes what is stored
            assert store.load(code) == {"budget": {"step": 2}}
            store.delete(code)
            assert store.load(code) is None and store.current_code() is None
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
