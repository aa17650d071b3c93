"""Usage at a glance, without tracking (portal.usage, /betrieb/nutzung): each place counts exactly
its own counter, once; nothing per person is stored, no cookie is set and no address is kept; a
counter that cannot be written never breaks the page; the desk's tables say what is stored; the
CSV comes only by POST with its form token; staff never see any of it."""
from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta

import pytest
from babel.dates import format_date
from sqlalchemy import inspect, text

from portal.clock import today_in_berlin
from portal.contact.models import ContactRequest
from portal.extensions import db
from portal.usage import counters
from portal.usage.models import UsageCount
from tests.routes.test_budget import LETTER
from tests.routes.test_contact_journey import send, walk_to_check
from tests.routes.test_inbox import ANNA, PASSWORD, cheap_passwords, inbox, login  # noqa: F401  (fixtures)
from tests.routes.test_klaerung import questionnaire, start
from tests.routes.test_operator import OPERATOR, desk  # noqa: F401  (fixture)
from tests.support.forms import post_form
from tests.support.pagecheck import XHTML, check_page, h1_text, page_text
from tests.unit.test_klaerung_data import walk
from portal.klaerung import flow

ADDRESS = "203.0.113.77"


def stored(app) -> dict[tuple[str, str], int]:
    """Today's counters: (kind, item) → number."""
    with app.app_context():
        rows = db.session.execute(db.select(UsageCount)).scalars().all()
        assert all(row.day == today_in_berlin() for row in rows)
        return {(row.kind, row.item): row.number for row in rows}


def put(app, kind, item, day, number):
    with app.app_context():
        db.session.add(UsageCount(kind=kind, item=item, day=day, number=number))
        db.session.commit()


# --- what is counted ----------------------------------------------------------------------------


def test_the_klaerung_counts_start_each_question_reached_and_finish_once(client, app):
    q = questionnaire("de")
    start(client)
    start(client, "begleitung")  # changing the way is not a new Klärung
    assert stored(app) == {("klaerung_started", ""): 1}

    answers, given = walk(q), {}
    while (question := flow.open_question(q, given)) is not None:
        # As a browser does: the page once, then its form sent with the page's token.
        page = client.get(f"/klaerung/frage/{question.id}")
        assert page.status_code == 200
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.get_data(as_text=True)).group(1)
        data = {"csrf_token": token} if question.is_info else {"csrf_token": token, "answer": answers[question.id]}
        assert client.post(f"/klaerung/frage/{question.id}", data=data).status_code == 303
        given[question.id] = answers[question.id]
    first = q.questions[0].id
    assert client.get(f"/klaerung/frage/{first}").status_code == 200  # back to an answered question: not again
    expected = {("klaerung_started", ""): 1, **{("klaerung_question", qid): 1 for qid in given}}
    assert stored(app) == expected

    assert post_form(client, "/klaerung/pruefen", {}).headers["Location"] == "/klaerung/ergebnis"
    assert post_form(client, "/klaerung/pruefen", {}).headers["Location"] == "/klaerung/ergebnis"  # again: once
    assert stored(app) == {**expected, ("klaerung_finished", ""): 1}


def test_a_form_error_on_a_question_is_not_a_second_arrival(client, app):
    start(client)
    first = questionnaire("de").questions[0]
    page = client.get(f"/klaerung/frage/{first.id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    if not first.is_info:
        posted = client.post(f"/klaerung/frage/{first.id}", data={"csrf_token": token})  # nothing chosen
        assert posted.status_code == 303
        assert "field-has-error" in client.get(posted.headers["Location"]).get_data(as_text=True)
    assert stored(app)[("klaerung_question", first.id)] == 1


def test_a_sent_contact_request_counts_once_for_its_provider(client, app, inbox):
    walk_to_check(client, workshop="westeifel-werke-gerolstein")
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get("/kontakt/pruefen").get_data(as_text=True)).group(1)
    for _ in range(2):  # the same form twice (a double click): stored once, counted once
        response = client.post("/kontakt/pruefen", data={"csrf_token": token, "consent": "y"})
        assert response.headers["Location"] == "/kontakt/fertig"
    assert stored(app) == {("contact_request", "zsl-mainz"): 1}


def test_a_letter_counts_once_however_often_it_is_shown(client, app):
    assert post_form(client, "/budget/antrag", {**LETTER, "aktion": "vorschau"}).status_code == 303
    for url in ("/budget/antrag/vorschau", "/budget/antrag/vorschau", "/budget/antrag/druck"):
        assert client.get(url).status_code == 200
    assert stored(app) == {("letter_made", ""): 1}
    post_form(client, "/budget/antrag", {**LETTER, "help": "Anders", "aktion": "druck"})  # a changed letter
    post_form(client, "/budget/antrag", {**LETTER, "aktion": "vorschau", "website": "bot"})  # a bot: not counted
    assert stored(app) == {("letter_made", ""): 2}


def test_a_dictionary_word_looked_up_from_a_text_is_counted(client, app):
    html = client.get("/module/3?lang=de").get_data(as_text=True)
    slug = re.search(r'<a class="term" href="/woerterbuch/wort/([a-z0-9-]+)"', html).group(1)
    response = client.get(f"/woerterbuch/wort/{slug}")
    assert response.status_code == 302 and response.headers["Location"] == f"/woerterbuch#{slug}"
    client.get("/woerterbuch/wort/amt")
    client.get("/woerterbuch/wort/amt")
    unknown = client.get("/woerterbuch/wort/gibt-es-nicht")
    assert unknown.status_code == 302 and unknown.headers["Location"] == "/woerterbuch"
    assert stored(app) == {("glossary_word", slug): 1, ("glossary_word", "amt"): 2} if slug != "amt" \
        else {("glossary_word", "amt"): 3}


def test_counting_sets_no_cookie_and_keeps_no_address(app):
    client = app.test_client()
    response = client.get("/woerterbuch/wort/amt", environ_base={"REMOTE_ADDR": ADDRESS},
                          headers={"User-Agent": "Browser-ABC/1.0"})
    assert response.status_code == 302
    assert "Set-Cookie" not in response.headers
    assert client.get_cookie("portal_session") is None
    with app.app_context():
        columns = {column["name"] for column in inspect(db.engine).get_columns("usage_count")}
        dumped = " ".join(str(value) for row in db.session.execute(text("SELECT * FROM usage_count")) for value in row)
    assert columns == {"kind", "item", "day", "number"}  # nothing that could point to a person
    assert ADDRESS not in dumped and "Browser-ABC" not in dumped
    assert stored(app) == {("glossary_word", "amt"): 1}


def test_a_counter_that_cannot_be_written_never_breaks_the_page(client, app, inbox, monkeypatch, caplog):
    monkeypatch.setattr(counters, "_upsert", lambda *args: text("INSERT INTO no_such_table VALUES (1)"))
    assert client.get("/woerterbuch/wort/amt").status_code == 302
    assert start(client).status_code == 303
    first = questionnaire("de").questions[0]
    assert check_page(client.get(f"/klaerung/frage/{first.id}"))
    walk_to_check(client)
    assert send(client).headers["Location"] == "/kontakt/fertig"
    assert client.get("/kontakt/fertig").status_code == 200
    assert post_form(client, "/budget/antrag", {**LETTER, "aktion": "vorschau"}).status_code == 303
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(ContactRequest)).scalar() > 0
    assert "usage counter" in caplog.text
    monkeypatch.undo()
    assert stored(app) == {}


# --- unit: the counter ----------------------------------------------------------------------------


def test_counters_add_up_per_kind_item_and_day_and_refuse_unknown_kinds(app, caplog):
    with app.test_request_context("/"):
        for _ in range(3):
            counters.count(counters.GLOSSARY_WORD, "amt")
        counters.count(counters.GLOSSARY_WORD, "frist")
        counters.count(counters.LETTER_MADE)
        counters.count("someone_visited", "maria@example.org")
    assert stored(app) == {("glossary_word", "amt"): 3, ("glossary_word", "frist"): 1, ("letter_made", ""): 1}
    assert "someone_visited" in caplog.text


def test_old_counters_are_purged_after_the_retention(app, runner):
    today = today_in_berlin()
    put(app, "letter_made", "", today - timedelta(days=800), 4)
    put(app, "letter_made", "", today - timedelta(days=30), 2)
    result = runner.invoke(args=["purge"])
    assert "usage counters: 1 deleted" in result.output
    with app.app_context():
        assert [row.number for row in db.session.execute(db.select(UsageCount)).scalars()] == [2]


# --- the desk ------------------------------------------------------------------------------------


def tables(document) -> dict[str, list[list[str]]]:
    """Each chart's table by its id: rows of cell texts (without the head)."""
    found = {}
    for table in document.iter(f"{XHTML}table"):
        body = table.find(f"{XHTML}tbody")
        found[table.get("id")] = [["".join(cell.itertext()).strip() for cell in row] for row in body]
    return found


@pytest.fixture
def counted(app, desk):
    """Counters on known days: today, 3 days ago, 40 days ago."""
    today = today_in_berlin()
    q = questionnaire("de")
    for kind, item, days, number in [
        ("klaerung_started", "", 0, 5), ("klaerung_started", "", 3, 2), ("klaerung_finished", "", 0, 1),
        ("klaerung_started", "", 40, 7), ("klaerung_question", q.questions[0].id, 0, 5),
        ("klaerung_question", q.questions[1].id, 0, 3), ("contact_request", "zsl-mainz", 0, 2),
        ("contact_request", "niab", 3, 1), ("letter_made", "", 3, 4), ("glossary_word", "amt", 0, 6),
        ("glossary_word", "frist", 3, 9), ("glossary_word", "amt", 40, 100),
    ]:
        put(app, kind, item, today - timedelta(days=days), number)
    return today


def test_the_desk_shows_the_last_7_days_and_links_the_charts(client, counted):
    login(client, OPERATOR)
    document = check_page(client.get("/betrieb?lang=de"))
    section = page_text(document)
    assert "Nutzung in den letzten 7 Tagen" in section
    assert re.search(r"Klärung begonnen ?7 Klärung fertig ?1 Kontaktanfragen ?3 Anträge geschrieben ?4 "
                     r"Wörter nachgeschlagen ?15", section), section
    assert 'href="/betrieb/nutzung"' in client.get("/betrieb").get_data(as_text=True)


def test_the_charts_tables_say_what_is_stored(client, counted):
    login(client, OPERATOR)
    today = counted
    document = check_page(client.get("/betrieb/nutzung?zeitraum=7&lang=de"))
    assert h1_text(document) == "Nutzung des Portals"
    found = tables(document)
    klaerung = found["klaerung-tabelle"]
    assert len(klaerung) == 7
    assert klaerung[-1][1:] == ["5", "1"] and klaerung[-4][1:] == ["2", "0"]
    assert sum(int(row[1]) for row in klaerung) == 7  # 40 days ago is outside the period
    q = questionnaire("de")
    questions = found["fragen-tabelle"]
    assert [row[1] for row in questions[:3]] == ["5", "3", "0"] and len(questions) == len(q.questions)
    this_month = lambda days: format_date(today - timedelta(days=days), "MMMM yyyy", locale="de")  # noqa: E731
    assert found["anfragen-tabelle"] == [
        [f"Netzwerk Integrationsassistenz Brandenburg (NIAB) – {this_month(3)}", "1"],
        [f"ZsL Mainz – {this_month(0)}", "2"],
    ]
    assert found["briefe-tabelle"][-4][1] == "4"
    assert found["woerter-tabelle"] == [["Frist", "9"], ["Amt", "6"]]
    html = client.get("/betrieb/nutzung?zeitraum=7").get_data(as_text=True)
    assert html.count('<svg class="chart"') == 5 and html.count('role="img"') == 5
    assert "Die Zahlen stehen in der Tabelle darunter." in html


def test_a_long_period_shows_months_and_an_unknown_period_the_default(client, counted):
    login(client, OPERATOR)
    found = tables(check_page(client.get("/betrieb/nutzung?zeitraum=365")))
    assert 12 <= len(found["klaerung-tabelle"]) <= 13
    assert sum(int(row[1]) for row in found["klaerung-tabelle"]) == 14
    assert found["woerter-tabelle"][0] == ["Amt", "106"]
    default = tables(check_page(client.get("/betrieb/nutzung?zeitraum=<script>")))
    assert len(default["klaerung-tabelle"]) == 30


def test_the_usage_page_in_english_and_without_numbers(client, desk):
    login(client, OPERATOR)
    document = check_page(client.get("/betrieb/nutzung?lang=en"), lang="en")
    assert h1_text(document) == "Use of the portal"
    assert "There are no numbers for this yet in this period." in page_text(document)
    assert document.find(f".//{XHTML}table") is None


def test_the_csv_comes_only_by_post_with_its_token_and_defuses_formulas(client, app, counted):
    put(app, "glossary_word", "=HYPERLINK(\"https://evil.example\")", counted, 1)
    login(client, OPERATOR)
    assert client.get("/betrieb/nutzung.csv").status_code == 405
    assert client.post("/betrieb/nutzung.csv", data={"zeitraum": "7"}).status_code == 400  # no form token
    response = post_form(client, "/betrieb/nutzung.csv", {"zeitraum": "7"}, page_url="/betrieb/nutzung")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="nutzung-')
    lines = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert lines[0] == ["Art", "Was", "Tag", "Anzahl"]
    assert ["Wort nachgeschlagen", "amt", counted.isoformat(), "6"] in lines
    assert ["Klärung begonnen", "", (counted - timedelta(days=40)).isoformat(), "7"] not in lines  # outside
    assert any(line[1].startswith("'=HYPERLINK") for line in lines)
    assert sum(1 for line in lines[1:]) == 11  # the 10 rows of the last 7 days and the formula


def test_staff_get_404_and_visitors_the_log_in(client, app, desk):
    assert client.get("/betrieb/nutzung").headers["Location"].startswith("/anbieter/anmelden")
    login(client, ANNA)
    assert client.get("/betrieb/nutzung").status_code == 404
    response = post_form(client, "/betrieb/nutzung.csv", {"zeitraum": "7"}, page_url="/anbieter")
    assert response.status_code == 404


@pytest.mark.parametrize("lang,heading,lines", [
    ("de", "Was wir zählen", ["Wie oft fängt jemand die Klärung an?", "Bis zu welcher Frage kommen die Menschen",
                              "Wie viele Anfragen bekommt jeder Anbieter in einem Monat?",
                              "Wie oft schreibt jemand einen Antrag?", "Welche Wörter schlagen die Menschen",
                              "Wir benutzen dafür kein Cookie.", "Wir speichern keine Internetadresse.",
                              "Nach 2 Jahren löschen wir die Zahlen.", "Das verstehe ich nicht",
                              "Wir speichern nichts, was zeigt: Diese Person hat das geschickt."]),
    ("en", "What do we count?", ["How often does someone start Finding out?", "We do not use a cookie for it.",
                                 "We do not store your internet address.", "We delete the numbers after 2 years.",
                                 "I don't understand this", "We store nothing that shows who sent it."]),
])
def test_the_privacy_page_says_exactly_what_is_counted(client, app, lang, heading, lines):
    document = check_page(client.get(f"/datenschutz?lang={lang}"), lang=lang)
    text = page_text(document)
    assert heading in text
    for line in lines:
        assert line in text, line
    assert app.config["USAGE_RETENTION_MONTHS"] == 24  # "2 Jahre" on the page
