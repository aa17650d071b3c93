"""The readers' voice: "Das verstehe ich nicht" on every reader page and section, sent without
JavaScript (POST, then 303 back to the place with a thank-you) or in place (JSON); stored without
anything that identifies the reader; protected against posts from other sites; rate-limited; ranked
on the operator's desk (escaped, operators only), marked as reworked (audited), purged, listed by
`flask --app portal feedback list`."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import inspect

from portal.extensions import db
from portal.feedback.models import ReaderFlag, ReaderRework
from portal.housekeeping import purge_all
from portal.inbox.models import AuditEntry
from tests.routes.test_inbox import ANNA, PASSWORD, cheap_passwords, inbox, login  # noqa: F401  (fixtures)
from tests.routes.test_operator import OPERATOR, desk  # noqa: F401  (fixture)
from tests.support.forms import post_form
from tests.support.pagecheck import check_page, page_text

SAME_SITE = {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"}
ADDRESS = "203.0.113.77"


def flag(client, page="/module/3", section="teil-how", word="", headers=SAME_SITE, json=False, **extra):
    headers = dict(headers or {})
    if json:
        headers["Accept"] = "application/json"
    return client.post("/verstehen", data={"page": page, "section": section, "word": word, **extra},
                       headers=headers, environ_base={"REMOTE_ADDR": ADDRESS})


def stored(app) -> list[ReaderFlag]:
    with app.app_context():
        return db.session.execute(db.select(ReaderFlag).order_by(ReaderFlag.id)).scalars().all()


def add_flags(app, page, section, days_ago, words=("",), today=None, lang="de"):
    today = today or date.today()
    with app.app_context():
        for word in words:
            db.session.add(ReaderFlag(created_on=today - timedelta(days=days_ago), lang=lang, page=page,
                                      section=section, word=word))
        db.session.commit()


# --- the control on the pages ---------------------------------------------------------------------


@pytest.mark.parametrize("url, sections", [
    ("/module/3", ["teil-what", "teil-how", "teil-payer"]),
    ("/module/3/baustein/1", []),
    ("/datenschutz", ["abschnitt-1", "abschnitt-2"]),
    ("/", ["abschnitt-1"]),
    ("/module", ["ablauf", "gruppe-klaerung", "gruppe-kern"]),
    ("/geld-und-sicherheit", ["abschnitt-1", "vergleich"]),
    ("/woerterbuch", ["buchstabe-a"]),
    ("/kontakt/name", []),
    ("/klaerung", []),
])
def test_every_reader_page_has_the_control_for_the_page_and_its_sections(client, url, sections):
    html = client.get(url).get_data(as_text=True)
    document = check_page(client.get(url))
    # The whole page's control: after <main>, in its own landmark (the page's own form stays the last in main).
    aside = re.search(r'</main>\s*<aside class="wrap voice-page" aria-label="Rückmeldung zu dieser Seite">(.*?)</aside>', html, re.S)
    assert aside and 'id="verstehen-seite"' in aside.group(1) and "Das verstehe ich nicht" in aside.group(1)
    for section in sections:
        assert f'id="verstehen-{section}"' in html, section
        assert f'name="section" value="{section}"' in html
    assert f'name="page" value="{url}"' in html
    if sections:
        assert "Das verstehe ich nicht" in page_text(document)


def test_content_pages_stay_the_same_for_everyone_without_a_form_token_or_cookie(client):
    for url in ("/module/3", "/datenschutz", "/woerterbuch", "/"):
        response = client.get(url)
        assert "csrf_token" not in response.get_data(as_text=True), url
        assert "Set-Cookie" not in response.headers, url


def test_each_h2_of_a_content_page_gets_an_id_and_a_control(client):
    html = client.get("/datenschutz").get_data(as_text=True)
    headings = re.findall(r'<h2 id="(abschnitt-\d+)">', html)
    assert headings and headings == [f"abschnitt-{n}" for n in range(1, len(headings) + 1)]
    for key in headings:
        assert html.index(f'id="{key}"') < html.index(f'id="verstehen-{key}"')


def test_no_control_on_the_desk_the_inbox_and_error_pages(client):
    for url in ("/anbieter/anmelden", "/gibt-es-nicht", "/module/99"):
        assert "verstehen-seite" not in client.get(url).get_data(as_text=True), url


def test_the_dictionary_asks_for_a_missing_word(client):
    html = client.get("/woerterbuch").get_data(as_text=True)
    assert 'id="verstehen-wort-fehlt"' in html and "Dieses Wort erklären" in html
    english = client.get("/woerterbuch?lang=en").get_data(as_text=True)
    assert "Please explain this word" in english and "I don't understand this" in english


# --- sending without JavaScript ----------------------------------------------------------------------


def test_a_flag_without_javascript_goes_back_to_the_section_with_a_thank_you(client, app):
    response = flag(client, word="Teil·habe")
    assert response.status_code == 303
    assert response.headers["Location"] == "/module/3#verstehen-teil-how"
    back = client.get("/module/3")
    html = back.get_data(as_text=True)
    check_page(back)
    control = re.search(r'<details class="voice no-print" id="verstehen-teil-how"[^>]* open>.*?</details>', html, re.S).group(0)
    assert "Danke! Das Team vom Portal bekommt Ihren Hinweis." in control
    assert "Danke!" not in html.replace(control, "")  # only at the flagged section
    assert "Danke!" not in client.get("/module/3").get_data(as_text=True)  # shown once
    [row] = stored(app)
    assert (row.page, row.section, row.word, row.lang) == ("/module/3", "teil-how", "Teil·habe", "de")


def test_a_whole_page_flag_from_a_form_page_goes_back_to_its_end(client, app):
    client.get("/kontakt/name")
    response = flag(client, page="/kontakt/name", section="", headers={"Origin": "http://localhost"})
    assert response.headers["Location"] == "/kontakt/name#verstehen-seite"
    assert "Danke!" in client.get("/kontakt/name").get_data(as_text=True)
    assert [(r.page, r.section, r.word) for r in stored(app)] == [("/kontakt/name", "", "")]


def test_a_flag_stores_nothing_that_identifies_the_reader(client, app):
    client.get("/klaerung")  # the reader has a session
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None
    english = flag(client, page="/module/3", section="teil-what", word="participation",
                   headers={**SAME_SITE, "User-Agent": "Browser/1.0 (Reader)", "Accept-Language": "en"})
    assert english.status_code == 303
    with app.app_context():
        columns = {column["name"] for column in inspect(db.engine).get_columns("reader_flag")}
        assert columns == {"id", "created_on", "lang", "page", "section", "word"}
        assert str(inspect(db.engine).get_columns("reader_flag")[1]["type"]).upper() == "DATE"
        values = [str(value) for value in db.session.execute(db.text("SELECT * FROM reader_flag")).one()]
    secrets = [ADDRESS, "203.0.113", "Browser/1.0", cookie.value[:20]]
    for secret in secrets:
        assert not any(secret in value for value in values), secret
    assert values[2:] == ["en", "/module/3", "teil-what", "participation"]
    with app.app_context():  # and no audit entry with the reader's address either
        assert not db.session.execute(db.select(AuditEntry).where(AuditEntry.client_address == ADDRESS)).first()


def test_the_word_goes_through_the_input_filter_and_its_length_limit(client, app):
    flag(client, word="  Bud\u200bget\u202e \x07 ")
    assert [row.word for row in stored(app)] == ["Budget"]
    too_long = flag(client, word="x" * 61)
    assert too_long.status_code == 303 and too_long.headers["Location"] == "/module/3#verstehen-teil-how"
    html = client.get("/module/3").get_data(as_text=True)
    assert "Der Text ist zu lang. Bitte schreiben Sie höchstens 60 Zeichen. Jetzt sind es 61." in html
    assert 'aria-invalid="true"' in html
    assert len(stored(app)) == 1
    assert flag(client, word="x" * 60).status_code == 303 and len(stored(app)) == 2


def test_in_place_with_javascript_the_answer_is_json(client, app):
    response = flag(client, word="Assistenz", json=True)
    assert response.status_code == 200 and response.is_json
    assert response.get_json()["message"].startswith("Danke!")
    refused = flag(client, word="y" * 80, json=True)
    assert refused.status_code == 200 and "höchstens 60 Zeichen" in refused.get_json()["error"]
    assert "message" not in refused.get_json()
    assert [row.word for row in stored(app)] == ["Assistenz"]
    english = client.post("/verstehen", data={"page": "/module/3", "section": "", "word": ""},
                          headers={**SAME_SITE, "Accept": "application/json", "Cookie": "anzeige=lang%3Den"})
    assert english.status_code == 200


@pytest.mark.parametrize("headers", [
    {},  # neither Sec-Fetch-Site nor Origin nor Referer
    {"Sec-Fetch-Site": "cross-site", "Origin": "http://localhost"},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": "https://evil.example"},
    {"Origin": "null"},
    {"Referer": "https://evil.example/module/3"},
])
def test_a_post_from_another_site_is_refused(client, app, headers):
    response = flag(client, headers=headers)
    check_page(response, status=400)
    assert stored(app) == []


def test_a_post_from_the_portal_itself_is_accepted_by_origin_or_referer(client, app):
    assert flag(client, headers={"Origin": "http://localhost"}).status_code == 303
    assert flag(client, headers={"Referer": "http://localhost/module/3"}).status_code == 303
    assert len(stored(app)) == 2


@pytest.mark.parametrize("page, section", [
    ("https://evil.example/", ""), ("//evil.example/x", ""), ("/betrieb", ""), ("/anbieter", ""),
    ("/gibt-es-nicht", ""), ("/module/3?x=1", ""), ("/module/3", "Teil how"), ("/module/3", "-x"),
    ("/module/3", "a" * 81), ("", ""),
])
def test_only_reader_pages_and_section_keys_are_taken(client, app, page, section):
    assert flag(client, page=page, section=section).status_code == 400
    assert stored(app) == []


def test_the_dictionary_request_needs_the_word(client, app):
    empty = flag(client, page="/woerterbuch", section="wort-fehlt", word=" ")
    assert empty.headers["Location"] == "/woerterbuch#verstehen-wort-fehlt"
    assert "Bitte schreiben Sie das Wort." in client.get("/woerterbuch").get_data(as_text=True)
    flag(client, page="/woerterbuch", section="wort-fehlt", word="Inklusions·amt")
    assert "Vielleicht erklären wir es bald" in client.get("/woerterbuch").get_data(as_text=True)
    assert [(r.section, r.word) for r in stored(app)] == [("wort-fehlt", "Inklusions·amt")]


def test_a_bot_in_the_honeypot_is_thanked_and_stores_nothing(client, app):
    assert flag(client, website="http://spam.example").status_code == 303
    assert stored(app) == []


class TestRateLimit:
    @pytest.fixture
    def app_config(self):
        return {"RATELIMIT_ENABLED": True, "READER_FEEDBACK_RATE_LIMIT": "2 per minute"}

    def test_a_flood_from_one_address_gets_the_429_page(self, client, app):
        assert [flag(client).status_code for _ in range(2)] == [303, 303]
        check_page(flag(client), status=429)
        assert len(stored(app)) == 2
        other = client.post("/verstehen", data={"page": "/module/3", "section": ""}, headers=SAME_SITE,
                            environ_base={"REMOTE_ADDR": "198.51.100.9"})
        assert other.status_code == 303  # another address is counted on its own


# --- the desk -----------------------------------------------------------------------------------------


def test_the_desk_ranks_the_hard_places_escaped_with_a_chart_and_a_table(client, app, desk):
    add_flags(app, "/module/3", "teil-how", 1, words=["Teilhabe", "teilhabe", "<script>alert(1)</script>", ""])
    add_flags(app, "/datenschutz", "abschnitt-2", 2, words=["Verantwortlich"])
    add_flags(app, "/woerterbuch", "wort-fehlt", 3, words=["Inklusionsamt"])
    add_flags(app, "/module/3", "", 60)  # only in the 90-day view
    login(client, OPERATOR)
    response = client.get("/betrieb")
    document = check_page(response)
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<svg class="chart"' in html and 'role="img"' in html
    rows = re.findall(r"<tr>\s*<td>(\d+)</td>\s*<th scope=\"row\"><a href=\"([^\"]+)\">", html)
    assert [number for number, _ in rows] == ["1", "2", "3"]
    assert "seite=/module/3" in rows[0][1] and "abschnitt=teil-how" in rows[0][1]
    text = page_text(document)
    assert "Modul 3" in text and "Teilhabe (2)" in text
    assert "Wort fehlt im Wörterbuch" in text and "Inklusionsamt (1)" in text
    assert "6 Hinweise" in text and "3 Stellen" in text
    bars = re.findall(r'<rect class="chart-bar chart-bar-0"[^>]* width="(\d+)"', html)
    assert len(bars) == 3 and int(bars[0]) > int(bars[1])
    wider = page_text(check_page(client.get("/betrieb?zeitraum=90")))
    assert "7 Hinweise" in wider and "4 Stellen" in wider and "die ganze Seite" in wider
    assert "7 Hinweise" not in page_text(check_page(client.get("/betrieb?zeitraum=7")))  # unknown: 30
    with app.app_context():
        details = [e.detail for e in db.session.execute(db.select(AuditEntry).filter_by(action="desk")).scalars()]
    assert "voice: days=30; places=3" in details and "voice: days=90; places=4" in details


def test_an_operator_marks_a_place_as_reworked_and_only_newer_flags_count(client, app, desk):
    add_flags(app, "/module/3", "teil-how", 5, words=["Teilhabe"] * 3)
    add_flags(app, "/datenschutz", "abschnitt-2", 5)
    login(client, OPERATOR)
    url = "/betrieb/verstehen?seite=/module/3&abschnitt=teil-how"
    document = check_page(client.get(url))
    assert "Teilhabe (3)" in page_text(document)
    empty = post_form(client, url, {"note": " "})
    assert "Bitte schreiben Sie, was Sie geändert haben." in page_text(check_page(client.get(empty.headers["Location"])))
    response = post_form(client, url, {"note": "Teilhabe <erklärt> im Text."})
    assert response.status_code == 303 and response.headers["Location"] == "/betrieb#verstehen-title"
    text = page_text(check_page(client.get("/betrieb")))
    assert "Die Stelle ist als überarbeitet markiert." in text
    assert "Schon überarbeitet" in text and "Davor 3 Hinweise." in text
    assert "1 Hinweis," in text  # only the other place counts now
    with app.app_context():
        rework = db.session.execute(db.select(ReaderRework)).scalar_one()
        assert (rework.author, rework.note) == ("Olga", "Teilhabe <erklärt> im Text.")
        entry = db.session.execute(db.select(AuditEntry).filter_by(action="reader_rework")).scalar_one()
        assert entry.reference == f"V-{rework.id}" and entry.user.email == OPERATOR
    assert "Teilhabe &lt;erklärt&gt; im Text." in client.get(url).get_data(as_text=True)
    # A flag on a later day counts again, and the row says when the place was reworked.
    with app.app_context():
        db.session.execute(db.update(ReaderRework).values(reworked_on=date.today() - timedelta(days=4)))
        db.session.commit()
    add_flags(app, "/module/3", "teil-how", 0, words=["Budget"])
    text = page_text(check_page(client.get("/betrieb")))
    assert "Budget (1)" in text and "Teilhabe" not in text.split("Schwere Stellen", 1)[1].split("Schon")[0]
    assert "nur neuere Hinweise zählen" in text


def test_staff_and_visitors_never_see_the_readers_voice_on_the_desk(client, app, desk):
    url = "/betrieb/verstehen?seite=/module/3&abschnitt=teil-how"
    assert client.get(url).status_code == 302
    login(client, ANNA)
    assert client.get(url).status_code == 404
    assert post_form(client, url, {"note": "fremd"}, page_url="/anbieter").status_code == 404
    with app.app_context():
        assert db.session.execute(db.select(ReaderRework)).first() is None
    client.post("/anbieter/abmelden", data={"csrf_token": re.search(
        r'name="csrf_token"[^>]*value="([^"]+)"', client.get("/anbieter").get_data(as_text=True)).group(1)})
    login(client, OPERATOR)
    assert client.get("/betrieb/verstehen?seite=https://evil.example/&abschnitt=").status_code == 404
    assert client.get("/betrieb/verstehen?seite=/module/3&abschnitt=<b>").status_code == 404


# --- purge and CLI ---------------------------------------------------------------------------------


def test_flags_and_rework_marks_are_purged_after_the_retention_time(app):
    now = datetime(2026, 12, 4, 12, 0, tzinfo=timezone.utc)
    with app.app_context():
        for created in (date(2025, 12, 3), date(2025, 12, 4), date(2026, 6, 1)):
            db.session.add(ReaderFlag(created_on=created, lang="de", page="/", section="", word=""))
        for at in (datetime(2025, 12, 3, tzinfo=timezone.utc), datetime(2026, 1, 1, tzinfo=timezone.utc)):
            db.session.add(ReaderRework(page="/", section="", reworked_at=at, reworked_on=at.date(), note="n"))
        db.session.commit()
        assert purge_all(now)["reader feedback"] == 2
        assert [f.created_on for f in db.session.execute(db.select(ReaderFlag)).scalars()] == [date(2025, 12, 4), date(2026, 6, 1)]
        assert db.session.execute(db.select(db.func.count()).select_from(ReaderRework)).scalar() == 1


class TestRetentionSetting:
    @pytest.fixture
    def app_config(self):
        return {"READER_FEEDBACK_RETENTION_MONTHS": 3}

    def test_the_retention_time_is_configurable(self, app):
        now = datetime(2026, 12, 4, 12, 0, tzinfo=timezone.utc)
        with app.app_context():
            db.session.add(ReaderFlag(created_on=date(2026, 9, 3), lang="de", page="/", section="", word=""))
            db.session.add(ReaderFlag(created_on=date(2026, 9, 5), lang="de", page="/", section="", word=""))
            db.session.commit()
            assert purge_all(now)["reader feedback"] == 1


def test_the_retention_setting_comes_from_the_environment(monkeypatch, tmp_path):
    from portal import create_app
    from tests.conftest import make_config

    monkeypatch.setenv("READER_FEEDBACK_RETENTION_MONTHS", "6")
    assert create_app(make_config(tmp_path)).config["READER_FEEDBACK_RETENTION_MONTHS"] == 6
    monkeypatch.delenv("READER_FEEDBACK_RETENTION_MONTHS")
    assert create_app(make_config(tmp_path)).config["READER_FEEDBACK_RETENTION_MONTHS"] == 12


def test_feedback_list_prints_the_ranking_for_content_editors(app, runner):
    add_flags(app, "/module/3", "teil-how", 1, words=["Teilhabe", "Teilhabe", ""])
    add_flags(app, "/datenschutz", "", 40, words=["Cookie"])
    result = runner.invoke(args=["feedback", "list"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "3 flags at 1 places" in lines[0]
    assert lines[1].split()[:3] == ["1.", "3×", "/module/3#teil-how"]
    assert "Modul 3:" in lines[1] and "words: Teilhabe (2)" in lines[1]
    wide = runner.invoke(args=["feedback", "list", "--days", "90"]).output
    assert "4 flags at 2 places" in wide and "/datenschutz#-" in wide and "die ganze Seite" in wide
    assert runner.invoke(args=["feedback", "list", "--days", "0"]).exit_code != 0


def test_the_demo_data_fill_the_desk_once(app, runner, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    first = runner.invoke(args=["demo", "load"]).output
    assert "reader feedback: 6 demo readers' flags" in first
    assert "reader feedback: readers' flags there already" in runner.invoke(args=["demo", "load"]).output
    assert len(stored(app)) == 6
