"""Never lose the Klärung: the code on every question page, an ended session explained and continued
with the code at the same question, the way back on the result page, and the check page's anchors."""
from __future__ import annotations

import re
import time
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest

from portal import session as portal_session
from portal.klaerung import flow
from portal.resume import store
from tests.routes.test_klaerung import answer, finish, saved, session_code, start
from tests.support.forms import follow, post_form
from tests.support.pagecheck import check_page, h1_text, page_text
from tests.unit.test_klaerung_data import questionnaire, walk

SESSION_COOKIE = "portal_session"


def code_on(html: str) -> str | None:
    match = re.search(r'class="klaerung-code-line">\s*<p>[^<]*<strong>([^<]+)</strong>', html)
    return match.group(1) if match else None


def lose_the_session(client) -> None:
    """What a browser sends after the session ended: no session cookie at all."""
    client.delete_cookie(SESSION_COOKIE)


def test_the_code_is_on_every_question_page_of_the_way(client):
    start(client)
    code = session_code(client)
    q = questionnaire("de")
    answers = walk(q)
    given: dict = {}
    while (question := flow.open_question(q, given)) is not None:
        response = client.get(f"/klaerung/frage/{question.id}")
        html = response.get_data(as_text=True)
        assert code_on(html) == code, question.id
        assert "Was ist das?" in html and "<details" in html
        value = None if question.is_info else answers[question.id]
        assert answer(client, question.id, value).status_code == 303
        given[question.id] = answers[question.id]


def test_a_shared_question_page_shows_each_person_their_own_code(app, client):
    other = app.test_client()
    start(client)
    start(other)
    mine, theirs = client.get("/klaerung/frage/bereich"), other.get("/klaerung/frage/bereich")
    assert code_on(mine.get_data(as_text=True)) == session_code(client)
    assert code_on(theirs.get_data(as_text=True)) == session_code(other)
    assert session_code(client) != session_code(other)
    assert "\x00" not in theirs.get_data(as_text=True)


def test_a_lost_session_leads_to_the_explanation_and_the_code_continues_at_the_same_question(app, client):
    start(client)
    answer(client, "bereich", "arbeitsbereich")
    answer(client, "dauer", "1-bis-5")
    page = client.get("/klaerung/frage/wohnen").get_data(as_text=True)
    code = code_on(page)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)

    lose_the_session(client)  # the lunch break: the session is gone
    response = client.post("/klaerung/frage/wohnen", data={"csrf_token": token, "answer": "familie"})
    assert response.status_code == 303
    expired_url = response.headers["Location"]
    assert expired_url == "/klaerung/abgelaufen?seite=/klaerung/frage/wohnen&zeit=1"

    document = check_page(client.get(expired_url))
    assert h1_text(document) == "Die Seite ist abgelaufen"
    text = page_text(document)
    assert "60 Minuten" in text and "Ihre Antworten sind nicht weg." in text

    response = post_form(client, "/weitermachen", {"code": code.lower(), "weiter": weiter_of(client, expired_url)},
                         page_url=expired_url)
    assert response.status_code == 303
    assert client.get(response.headers["Location"]).headers["Location"] == "/klaerung/frage/wohnen"
    document = check_page(client.get("/klaerung/frage/wohnen"))
    assert "Willkommen zurück. Ihre Antworten sind noch da." in page_text(document)
    assert saved(app, client)["answers"] == {"bereich": "arbeitsbereich", "dauer": "1-bis-5"}
    # The welcome is said once.
    assert "Willkommen zurück" not in client.get("/klaerung/frage/wohnen").get_data(as_text=True)
    assert answer(client, "wohnen", "familie").headers["Location"] == "/klaerung/frage/postleitzahl"


def weiter_of(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="weiter"[^>]*value="([^"]*)"', html).group(1).replace("&amp;", "&")


def test_a_session_older_than_sixty_minutes_is_the_same_case(app, client, monkeypatch):
    """The real break: the session cookie was signed more than SESSION_MINUTES ago."""
    start(client)
    answer(client, "bereich", "arbeitsbereich")
    page = client.get("/klaerung/frage/dauer").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    later = time.time() + 61 * 60
    monkeypatch.setattr(portal_session, "time", SimpleNamespace(time=lambda: later))
    response = client.post("/klaerung/frage/dauer", data={"csrf_token": token, "answer": "1-bis-5"})
    assert response.headers["Location"] == "/klaerung/abgelaufen?seite=/klaerung/frage/dauer&zeit=1"


def test_every_klaerung_page_keeps_the_session_alive(client):
    """The session cookie is signed again on each Klärung page: it ends 60 minutes after the last
    click, not 60 minutes after the start."""
    start(client)
    response = client.get("/klaerung/frage/bereich")
    assert SESSION_COOKIE in response.headers.get("Set-Cookie", "")


def test_the_code_field_of_the_explanation_continues_on_the_check_page(app, client):
    finish(client)
    code = session_code(client)
    lose_the_session(client)
    response = client.post("/klaerung/pruefen", data={})
    expired_url = response.headers["Location"]
    assert expired_url == "/klaerung/abgelaufen?seite=/klaerung/pruefen&zeit=1"
    weiter = weiter_of(client, expired_url)
    assert parse_qs(urlsplit(weiter).query) == {"zurueck": ["1"], "seite": ["/klaerung/pruefen"]}
    response = post_form(client, "/weitermachen", {"code": code, "weiter": weiter}, page_url=expired_url)
    assert client.get(response.headers["Location"]).headers["Location"] == "/klaerung/pruefen"


def test_a_wrong_code_on_the_explanation_page_keeps_where_the_person_was(client):
    start(client)
    lose_the_session(client)
    expired_url = client.post("/klaerung/frage/bereich", data={}).headers["Location"]
    weiter = weiter_of(client, expired_url)
    response = follow(client, post_form(client, "/weitermachen", {"code": "Sonne Tiger Apfel 1111", "weiter": weiter},
                                        page_url=expired_url))
    assert "Den Code kennen wir nicht" in response.get_data(as_text=True)
    assert weiter.replace("&", "&amp;") in response.get_data(as_text=True)


def test_a_page_opened_without_a_klaerung_asks_for_the_code_without_blaming_a_break(client):
    """After "Auf diesem Computer beenden" or the back button: the code page, not "60 minutes"."""
    location = client.get("/klaerung/frage/dauer").headers["Location"]
    assert location == "/klaerung/abgelaufen?seite=/klaerung/frage/dauer"
    document = check_page(client.get(location))
    assert h1_text(document) == "Machen Sie mit Ihrem Code weiter"
    assert "60 Minuten" not in page_text(document) and "Ihr Code" in page_text(document)


def test_the_explanation_page_with_the_session_still_there_offers_to_go_on(client):
    start(client)
    document = check_page(client.get("/klaerung/abgelaufen?seite=/klaerung/frage/bereich"))
    text = page_text(document)
    assert "Ihre anderen Antworten sind noch da." in text
    link = re.search(r'<a class="button" href="([^"]+)">Weitermachen', client.get(
        "/klaerung/abgelaufen?seite=/klaerung/frage/bereich").get_data(as_text=True)).group(1)
    assert parse_qs(urlsplit(link.replace("&amp;", "&")).query) == {"zurueck": ["1"], "seite": ["/klaerung/frage/bereich"]}


@pytest.mark.parametrize("seite", ["https://example.org/", "//example.org/x", "/budget", "/klaerung/abgelaufen",
                                   "/klaerung/weiter"])
def test_the_way_back_never_leaves_the_klaerung_pages(client, seite):
    start(client)
    response = client.get("/klaerung/weiter", query_string={"zurueck": "1", "seite": seite})
    assert response.headers["Location"] == "/klaerung/frage/bereich"


def test_other_areas_still_get_the_general_expired_form_page(client):
    response = client.post("/kontakt/postleitzahl", data={"postcode": "12345"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Das Formular ist abgelaufen" in html
    assert '<a href="/kontakt/postleitzahl">Zurück zur letzten Seite</a>' in html  # also without a referrer


def test_the_result_says_how_to_come_back(app, client):
    finish(client)
    document = check_page(client.get("/klaerung/ergebnis"))
    text = page_text(document)
    assert "So sehen Sie Ihr Ergebnis wieder" in text
    assert session_code(client) in text
    assert "Ich habe einen Code" in text
    with app.app_context():
        assert store.expires_at(session_code(client)) is not None
    assert "Der Code gilt bis zum" in text


def test_the_start_page_links_to_the_code_with_a_welcome_back(app, client):
    start(client)
    answer(client, "bereich", "arbeitsbereich")
    code = session_code(client)
    fresh = app.test_client()
    html = fresh.get("/klaerung").get_data(as_text=True)
    link = re.search(r'href="(/weitermachen\?weiter=[^"]+)">Ich habe einen Code', html).group(1)
    code_page = link.replace("&amp;", "&")
    weiter = weiter_of(fresh, code_page)
    response = post_form(fresh, "/weitermachen", {"code": code, "weiter": weiter}, page_url=code_page)
    assert response.headers["Location"] == "/klaerung/weiter?zurueck=1"
    assert fresh.get("/klaerung/weiter?zurueck=1").headers["Location"] == "/klaerung/frage/dauer"
    assert "Willkommen zurück" in fresh.get("/klaerung/frage/dauer").get_data(as_text=True)


def test_changing_an_answer_returns_to_its_place_on_the_check_page(client):
    finish(client)
    html = client.get("/klaerung/pruefen").get_data(as_text=True)
    assert re.search(r'<div id="frage-wohnen" tabindex="-1">', html)
    response = answer(client, "wohnen", "familie", query="?aendern=1")
    assert response.headers["Location"] == "/klaerung/pruefen#frage-wohnen"


def test_a_finished_klaerung_fills_the_letter_with_formal_sentences(client):
    finish(client, ziel="arbeitsplatz", hilfe=["lernen-betrieb", "weg"], budget_kennen="ja", gespraech="anbieter")
    document = check_page(client.get("/budget/antrag"))
    html = client.get("/budget/antrag").get_data(as_text=True)
    textarea = re.search(r'<textarea[^>]*id="help"[^>]*>([^<]*)</textarea>', html).group(1)
    assert "Ich möchte auf dem allgemeinen Arbeitsmarkt arbeiten." in textarea
    assert "durch einen Jobcoach" in textarea and "Unterstützung auf dem Weg zur Arbeit" in textarea
    for raw in ("Ich kenne das Persönliche Budget", "Über mein Ergebnis spreche ich", ": Ja", "- "):
        assert raw not in textarea, raw
    text = page_text(document)
    assert "Aus Ihrer Klärung" in text and "Eine feste Arbeit in einem Betrieb" in text


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_new_pages_pass_the_page_check_in_both_languages(client, lang):
    for url in ("/klaerung/abgelaufen?seite=/klaerung/frage/bereich&zeit=1", "/klaerung/abgelaufen"):
        check_page(client.get(f"{url}&lang={lang}" if "?" in url else f"{url}?lang={lang}"), lang=lang)
    start(client)
    check_page(client.get(f"/klaerung/abgelaufen?lang={lang}"), lang=lang)
    document = check_page(client.get(f"/klaerung/frage/bereich?lang={lang}"), lang=lang)
    assert ("Your code:" if lang == "en" else "Ihr Code:") in page_text(document)
