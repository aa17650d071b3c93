"""The Klärung pages: start, one page per question, bad input, moving around, check page, result, pause, restart."""
from __future__ import annotations

import re

import pytest

from portal.klaerung import flow
from portal.resume import store
from tests.support.forms import follow, post_form
from tests.support.pagecheck import XHTML, check_page, h1_text, page_text
from tests.unit.test_klaerung_data import questionnaire, walk


def start(client, mode="allein"):
    response = post_form(client, "/klaerung", {"mode": mode})
    assert response.status_code == 303
    return response


def answer(client, question_id, value=None, notes=None, query="", **extra):
    data = dict(extra)
    if value is not None:
        data["answer"] = value
    if notes is not None:
        data["notes"] = notes
    return post_form(client, f"/klaerung/frage/{question_id}{query}", data)


def answer_all(client, answers, notes=None):
    q = questionnaire("de")
    given: dict = {}
    while (question := flow.open_question(q, given)) is not None:
        value = None if question.is_info else answers[question.id]
        response = answer(client, question.id, value, notes=(notes or {}).get(question.id))
        assert response.status_code == 303, (question.id, page_text(check_page(response)))
        given[question.id] = answers[question.id]


def finish(client, mode="allein", notes=None, **changes):
    start(client, mode)
    answer_all(client, walk(questionnaire("de"), **changes), notes)
    assert post_form(client, "/klaerung/pruefen", {}).headers["Location"] == "/klaerung/ergebnis"


def saved(app, client) -> dict:
    """What the resume store holds for this browser's Klärung."""
    with app.app_context():
        return (store.load(session_code(client)) or {}).get("klaerung")


def session_code(client):
    with client.session_transaction() as session:
        return session.get("resume_code")


def error_text(client, posted) -> str:
    """The form's page after a post with errors (303 to its GET: Post/Redirect/Get)."""
    response = follow(client, posted)
    document = check_page(response)
    summary = [el for el in document.iter(f"{XHTML}div") if "error-summary" in (el.get("class") or "")]
    assert summary, "no error summary"
    assert "Fehler:" in response.get_data(as_text=True).split("</title>")[0]
    return page_text(document)


# --- every page passes the page check -------------------------------------------------------

@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_start_page_says_what_it_is_and_offers_two_ways(client, lang):
    document = check_page(client.get(f"/klaerung?lang={lang}"), lang=lang)
    text = page_text(document)
    if lang == "de":
        for words in ("30 bis 45 Minuten", "keine falschen Antworten", "Pause machen", "an niemanden",
                      "Ich mache das alleine", "Ich mache das mit einer Begleitperson", "Ich habe einen Code",
                      "Wir speichern sie 30 Tage nach der letzten Antwort."):
            assert words in text
    assert 'href="/weitermachen?weiter=' in client.get("/klaerung").get_data(as_text=True)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("mode", ["allein", "begleitung"])
def test_every_question_page_passes_the_page_check(client, lang, mode):
    client.get(f"/?lang={lang}")
    start(client, mode)
    q = questionnaire(lang)
    answers = walk(q, bereich="berufsbildung", ausbildung="ja", praktikum="ja", praktikum_wie="gut",
                   unterwegs=["fahrdienst"], bus_lernen="ja", sorgen=["zurueck", "rente", "geld", "kollegen", "schaffen", "weg"])
    seen = []
    while (question := flow.open_question(q, {k: answers[k] for k in seen})) is not None:
        response = client.get(f"/klaerung/frage/{question.id}")
        document = check_page(response, lang=lang)
        assert h1_text(document) == question.text.replace("·", "")
        html = response.get_data(as_text=True)
        assert ("Teil " if lang == "de" else "Part ") in html
        assert (question.support.splitlines()[0].replace("·", "") in page_text(document)) is (mode == "begleitung")
        assert ('name="notes"' in html) is (mode == "begleitung")
        answer(client, question.id, None if question.is_info else answers[question.id])
        seen.append(question.id)
    assert len(seen) >= 30
    for url in ("/klaerung/pruefen", "/klaerung/pause", "/klaerung/neu", "/klaerung/pause/fertig", "/klaerung"):
        check_page(client.get(url), lang=lang)
    post_form(client, "/klaerung/pruefen", {})
    check_page(client.get("/klaerung/ergebnis"), lang=lang)


def test_the_progress_is_in_the_page_and_its_title(client):
    start(client)
    html = client.get("/klaerung/frage/bereich").get_data(as_text=True)
    assert "<title>Wo arbeiten Sie jetzt? – Teil 1 von 6, Frage 1 von 4 – JobBudget-Portal</title>" in html
    text = page_text(check_page(client.get("/klaerung/frage/bereich")))
    assert "Teil 1 von 6 · , Frage 1 von 4: Über mich" in text  # the dot is hidden from screen readers


def test_work_areas_have_decorative_pictograms_next_to_their_text(client):
    start(client)
    answer_all_until(client, "arbeitsfelder")
    document = check_page(client.get("/klaerung/frage/arbeitsfelder"))
    labels = [el for el in document.iter(f"{XHTML}label") if el.get("class") == "choice-label"]
    with_pictogram = [label for label in labels if label.find("{http://www.w3.org/2000/svg}svg") is not None]
    assert len(with_pictogram) == 10
    for label in with_pictogram:
        svg = label.find("{http://www.w3.org/2000/svg}svg")
        assert svg.get("aria-hidden") == "true"
        assert "".join(label.itertext()).strip()  # the text carries the meaning


def answer_all_until(client, stop_at):
    q = questionnaire("de")
    answers = walk(q)
    given: dict = {}
    while (question := flow.open_question(q, given)).id != stop_at:
        answer(client, question.id, None if question.is_info else answers[question.id])
        given[question.id] = answers[question.id]


# --- start, modes, redirects -----------------------------------------------------------------

def test_without_a_started_klaerung_questions_lead_to_the_start(client):
    for url in ("/klaerung/weiter", "/klaerung/pause", "/klaerung/neu"):
        assert client.get(url).headers["Location"] == "/klaerung"
    # Pages that show answers explain where the answers are (the session may have ended) and take the code.
    for url in ("/klaerung/frage/bereich", "/klaerung/pruefen", "/klaerung/ergebnis"):
        assert client.get(url).headers["Location"].startswith("/klaerung/abgelaufen?seite=")


def test_choosing_a_way_creates_a_code_and_starts(client):
    response = start(client)
    assert response.headers["Location"] == "/klaerung/weiter"
    assert client.get("/klaerung/weiter").headers["Location"] == "/klaerung/frage/bereich"
    assert session_code(client)


@pytest.mark.parametrize("mode", ["", "beides", "<b>"])
def test_an_unknown_way_gets_an_error(client, mode):
    response = post_form(client, "/klaerung", {"mode": mode} if mode else {})
    assert "Bitte wählen Sie" in error_text(client, response) or "gibt es nicht" in error_text(client, response)
    assert session_code(client) is None


def test_jumping_ahead_leads_to_the_right_next_question(app, client):
    start(client)
    answer(client, "bereich", "arbeitsbereich")
    assert client.get("/klaerung/frage/gespraech").headers["Location"] == "/klaerung/weiter"
    assert client.get("/klaerung/frage/ausbildung").headers["Location"] == "/klaerung/weiter"  # not on this way
    assert client.get("/klaerung/weiter").headers["Location"] == "/klaerung/frage/dauer"
    response = post_form(client, "/klaerung/frage/gespraech", {"answer": "familie"}, page_url="/klaerung/frage/dauer")
    assert response.headers["Location"] == "/klaerung/weiter"  # posting ahead stores nothing
    assert "gespraech" not in saved(app, client)["answers"]


def test_an_unknown_question_is_not_found(client):
    start(client)
    check_page(client.get("/klaerung/frage/gibt-es-nicht"), status=404)


def test_the_way_can_be_changed_later_and_keeps_the_answers(client):
    start(client)
    answer(client, "bereich", "arbeitsbereich")
    start(client, "begleitung")
    assert 'name="notes"' in client.get("/klaerung/frage/dauer").get_data(as_text=True)
    html = client.get("/klaerung/frage/bereich").get_data(as_text=True)
    assert re.search(r'<input[^>]*checked[^>]*value="arbeitsbereich"|<input[^>]*value="arbeitsbereich"[^>]*checked', html)


# --- bad input -------------------------------------------------------------------------------

def test_a_missing_answer_gets_a_clear_error_and_keeps_the_others(app, client):
    start(client)
    answer(client, "bereich", "arbeitsbereich")
    text = error_text(client, answer(client, "dauer"))
    assert "Bitte wählen Sie eine Antwort." in text
    assert client.get("/klaerung/weiter").headers["Location"] == "/klaerung/frage/dauer"
    assert "bereich" in saved(app, client)["answers"]


@pytest.mark.parametrize("value", ["mond", "<script>alert(1)</script>", "berufsbildung "])
def test_an_unknown_choice_value_gets_a_clear_error(client, value):
    start(client)
    response = answer(client, "bereich", value)
    assert "Diese Antwort gibt es nicht." in error_text(client, response)
    assert "<script>alert" not in client.get("/klaerung/frage/bereich").get_data(as_text=True)


def test_an_unknown_value_among_several_answers(client):
    start(client)
    answer_all_until(client, "arbeitsfelder")
    response = post_form(client, "/klaerung/frage/arbeitsfelder", {"answer": ["kueche", "mond"]})
    assert "Diese Antwort gibt es nicht." in error_text(client, response)


def test_i_do_not_know_cannot_go_with_other_answers(client):
    start(client)
    answer_all_until(client, "arbeitsfelder")
    response = post_form(client, "/klaerung/frage/arbeitsfelder", {"answer": ["kueche", "weiss-nicht"]})
    assert "„Ich weiß es noch nicht“ passt nicht zu den anderen Antworten." in error_text(client, response)


def test_over_long_text_gets_a_clear_error(client):
    start(client)
    answer_all_until(client, "lieblings-arbeit")
    response = answer(client, "lieblings-arbeit", "x" * 301)
    assert "höchstens 300 Zeichen. Jetzt sind es 301." in error_text(client, response)
    assert "x" * 301 in client.get(response.headers["Location"]).get_data(as_text=True)  # the typing is not lost


@pytest.mark.parametrize("value", ["2355", "abcde", "235521", "23 552"])
def test_a_wrong_postcode_gets_a_clear_error(client, value):
    start(client)
    answer_all_until(client, "postleitzahl")
    assert "Bitte schreiben Sie 5 Ziffern" in error_text(client, answer(client, "postleitzahl", value))


def test_the_postcode_may_stay_empty(client):
    start(client)
    answer_all_until(client, "postleitzahl")
    assert answer(client, "postleitzahl", "").headers["Location"] == "/klaerung/frage/arbeitsfelder"


def test_user_text_is_escaped_everywhere(client):
    evil = '<img src=x onerror="alert(1)">'
    finish(client, "begleitung", notes={"ziel": evil}, lieblings_arbeit=evil, andere_sagen=evil)
    for url in ("/klaerung/pruefen", "/klaerung/ergebnis", "/klaerung/frage/lieblings-arbeit"):
        html = client.get(url).get_data(as_text=True)
        assert "<img src=x" not in html and "&lt;img src=x" in html


def test_an_over_long_note_gets_a_clear_error(client):
    start(client, "begleitung")
    response = answer(client, "bereich", "arbeitsbereich", notes="n" * 1001)
    assert "höchstens 1000 Zeichen" in error_text(client, response)


# --- moving around ---------------------------------------------------------------------------------

def test_zurueck_goes_to_the_previous_question_on_the_way(client):
    start(client)
    answer(client, "bereich", "berufsbildung")
    answer(client, "ausbildung", "nein")
    html = client.get("/klaerung/frage/dauer").get_data(as_text=True)
    assert 'class="klaerung-back"><a href="/klaerung/frage/ausbildung"' in html
    assert 'class="klaerung-back"><a href="/klaerung"' in client.get("/klaerung/frage/bereich").get_data(as_text=True)


def test_going_back_shows_the_given_answer_and_walks_forward(client):
    start(client)
    answer(client, "bereich", "arbeitsbereich")
    answer(client, "dauer", "ueber-20")
    html = client.get("/klaerung/frage/dauer").get_data(as_text=True)
    assert re.search(r'<input[^>]*checked[^>]*value="ueber-20"|<input[^>]*value="ueber-20"[^>]*checked', html)
    assert answer(client, "dauer", "unter-1").headers["Location"] == "/klaerung/frage/wohnen"


def test_the_check_page_lists_every_answer_with_a_change_link(client):
    finish(client, arbeitsfelder=["garten", "tiere"])
    document = check_page(client.get("/klaerung/pruefen"))
    text = page_text(document)
    assert "<li>Garten</li><li>Arbeit mit Tieren</li>" in client.get("/klaerung/pruefen").get_data(as_text=True)
    links = [a.get("href") for a in document.iter(f"{XHTML}a") if (a.get("href") or "").endswith("?aendern=1")]
    assert len(links) == 23
    assert "/klaerung/frage/arbeitsfelder?aendern=1" in links


def test_changing_an_answer_keeps_the_others_and_goes_back_to_the_check_page(app, client):
    finish(client)
    before = saved(app, client)["answers"]
    response = answer(client, "stunden", "ueber-6", query="?aendern=1")
    assert response.headers["Location"] == "/klaerung/pruefen#frage-stunden"  # the answer's place, not the top
    after = saved(app, client)["answers"]
    assert after == {**before, "stunden": "ueber-6"}
    assert 'href="/klaerung/pruefen#frage-stunden"' in client.get("/klaerung/frage/stunden?aendern=1").get_data(as_text=True)
    assert 'id="frage-stunden"' in client.get("/klaerung/pruefen").get_data(as_text=True)


def test_a_change_that_opens_a_question_asks_it_then_returns(client):
    finish(client)
    response = answer(client, "praktikum", "ja", query="?aendern=1")
    assert response.headers["Location"] == "/klaerung/frage/praktikum-wie?aendern=1"
    assert client.get("/klaerung/pruefen").headers["Location"] == "/klaerung/weiter"
    response = answer(client, "praktikum-wie", "gut", query="?aendern=1")
    assert response.headers["Location"] == "/klaerung/pruefen#frage-praktikum-wie"


def test_the_result_waits_for_the_last_answer(client):
    start(client)
    answer(client, "bereich", "arbeitsbereich")
    assert client.get("/klaerung/ergebnis").headers["Location"] == "/klaerung/weiter"


# --- result ---------------------------------------------------------------------------------

def test_the_result_shows_interests_strengths_wishes_help_worries_modules_and_next_steps(client):
    finish(client, "begleitung", notes={"ziel": "Mag Pflanzen"}, arbeitsfelder=["garten"], ziel="praktikum",
           sorgen=["zurueck"], hilfe=["lernen-betrieb"])
    document = check_page(client.get("/klaerung/ergebnis"))
    text = page_text(document)
    assert h1_text(document) == "Mein Ergebnis"
    for words in ("Das mache ich gerne", "Garten", "Das kann ich gut", "So möchte ich arbeiten",
                  "Diese Hilfe brauche ich", "Kann ich zurück in eine Werkstatt?", "§ 220 Absatz 3 SGB IX",
                  "Notizen der Begleitperson", "Mag Pflanzen", "Diese Module passen zu Ihnen",
                  "Modul 3: Lernen im Betrieb mit Jobcoach", "Sie möchten in einem Betrieb lernen. Dabei hilft Modul 3.",
                  "Ihre nächsten Schritte"):
        assert words in text, words
    html = client.get("/klaerung/ergebnis").get_data(as_text=True)
    assert 'href="/kontakt?mit_ergebnis=1"' in html and "Ergebnis mit einer Kontakt" in html
    assert 'href="/module/3"' in html


def test_the_result_has_a_print_stylesheet(client):
    finish(client)
    html = client.get("/klaerung/ergebnis").get_data(as_text=True)
    assert 'media="print"' in html and "Strg und P" in html


def test_the_result_date_is_the_day_of_finishing(client):
    finish(client)
    assert re.search(r"Erstellt am \d+\. \w+ 20\d\d", page_text(check_page(client.get("/klaerung/ergebnis"))))


# --- the hand-over to the contact request -------------------------------------------------------

def snapshot(app, client, lang=None):
    from portal.klaerung import result_snapshot

    code = session_code(client)
    with app.test_request_context("/"):
        from flask import session

        app.preprocess_request()
        if code:
            session["resume_code"] = code
        return result_snapshot(lang)


def test_no_snapshot_without_a_finished_klaerung(app, client):
    assert snapshot(app, client) is None
    start(client)
    answer(client, "bereich", "arbeitsbereich")
    assert snapshot(app, client, "de") is None


def test_the_snapshot_is_plain_data_in_the_persons_language(app, client):
    import json

    finish(client, "begleitung", notes={"ziel": "Mag <b>Pflanzen</b>"}, arbeitsfelder=["kueche", "garten"],
           ziel="praktikum", sorgen=["rente", "zurueck"])
    data = snapshot(app, client, "de")
    json.dumps(data)
    assert data["title"] == "Mein Ergebnis" and re.match(r"\d{4}-\d\d-\d\d$", data["created"])
    headings = [section["heading"] for section in data["sections"]]
    assert headings == ["Über mich", "Das mache ich gerne", "Das kann ich gut", "So möchte ich arbeiten",
                        "Diese Hilfe brauche ich", "Meine Sorgen und die Antworten", "Notizen der Begleit·person",
                        "Diese Module passen zu Ihnen", "Ihre nächsten Schritte"]
    items = {section["heading"]: section["items"] for section in data["sections"]}
    assert "Da möchte ich gerne arbeiten: Küche, Garten" in items["Das mache ich gerne"]
    assert items["Meine Sorgen und die Antworten"][0].startswith("Kann ich zurück in eine Werk·statt? Ja. Eine Werk·statt muss Sie wieder aufnehmen.")
    assert "Das möchte ich ausprobieren: Mag <b>Pflanzen</b>" in items["Notizen der Begleit·person"]
    assert items["Diese Module passen zu Ihnen"][0].startswith("Modul 1: ")
    assert items["Diese Module passen zu Ihnen"][1].startswith("Modul 2: Einen Betrieb finden und alles vorbereiten. ")
    every_text = [text for section in data["sections"] for text in section["items"]] + headings
    assert all("<span" not in text and "\n" not in text for text in every_text)
    assert max(len(text) for text in every_text) <= 500  # the contact request keeps 500 characters per item
    english = snapshot(app, client, "en")
    assert english["title"] == "My result" and english["sections"][0]["heading"] == "About me"


def test_with_neutral_answers_the_snapshot_recommends_module_1(app, client):
    finish(client)
    items = {s["heading"]: s["items"] for s in snapshot(app, client, "de")["sections"]}
    assert len(items["Diese Module passen zu Ihnen"]) == 1
    assert items["Diese Module passen zu Ihnen"][0].startswith("Modul 1: ")
    assert "Die richtige Klärung ist Modul 1." in items["Diese Module passen zu Ihnen"][0]


# --- pause, code, restart ---------------------------------------------------------------------

def test_pause_shows_the_code_and_how_long_it_works(client):
    start(client)
    code = session_code(client)
    text = page_text(check_page(client.get("/klaerung/pause")))
    assert code in text and "Der Code gilt bis zum" in text
    assert re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+ [A-Z][a-z]+ \d{4}", code)


def test_the_pause_button_saves_a_valid_answer(app, client):
    start(client)
    response = answer(client, "bereich", "arbeitsbereich", aktion="pause")
    assert response.headers["Location"] == "/klaerung/pause"
    assert saved(app, client)["answers"] == {"bereich": "arbeitsbereich"}


def test_the_pause_button_works_before_answering(app, client):
    start(client, "begleitung")
    response = answer(client, "bereich", notes="Erst Pause", aktion="pause")
    assert response.headers["Location"] == "/klaerung/pause"
    kept = saved(app, client)
    assert kept["answers"] == {} and kept["notes"] == {"bereich": "Erst Pause"}


def test_the_pause_button_does_not_lose_wrong_input_silently(client):
    start(client)
    answer_all_until(client, "lieblings-arbeit")
    response = answer(client, "lieblings-arbeit", "x" * 301, aktion="pause")
    assert "höchstens 300 Zeichen" in error_text(client, response)


def test_continuing_with_the_code_in_a_fresh_browser(app, client):
    start(client)
    answer(client, "bereich", "arbeitsbereich")
    code = session_code(client)
    fresh = app.test_client()
    response = post_form(fresh, "/weitermachen", {"code": code.lower()})
    assert response.headers["Location"] == "/klaerung/weiter?zurueck=1"
    assert fresh.get("/klaerung/weiter?zurueck=1").headers["Location"] == "/klaerung/frage/dauer"


def test_ending_on_a_shared_computer_forgets_the_code_but_keeps_the_answers(app, client):
    start(client)
    answer(client, "bereich", "arbeitsbereich")
    code = session_code(client)
    assert post_form(client, "/klaerung/pause", {}).headers["Location"] == "/klaerung/pause/fertig"
    assert session_code(client) is None
    assert client.get("/klaerung/frage/dauer").headers["Location"] == "/klaerung/abgelaufen?seite=/klaerung/frage/dauer"
    with app.app_context():
        assert store.load(code)["klaerung"]["answers"] == {"bereich": "arbeitsbereich"}


def test_neu_anfangen_deletes_the_answers(app, client):
    start(client)
    answer(client, "bereich", "arbeitsbereich")
    code = session_code(client)
    text = page_text(check_page(client.get("/klaerung/neu")))
    assert "Dann löschen wir alle Ihre Antworten." in text
    assert post_form(client, "/klaerung/neu", {}).headers["Location"] == "/klaerung"
    with app.app_context():
        assert store.load(code) is None
    assert session_code(client) is None
    assert "Sie haben schon angefangen" not in page_text(check_page(client.get("/klaerung")))


def test_neu_anfangen_keeps_the_budget_under_the_same_code(app, client):
    start(client)
    code = session_code(client)
    with app.app_context():
        store.save(code, "budget", {"steps": [1]})
    post_form(client, "/klaerung/neu", {})
    with app.app_context():
        assert store.load(code) == {"budget": {"steps": [1]}}
    assert session_code(client) == code


def test_a_started_klaerung_is_offered_on_the_start_page(client):
    start(client)
    answer(client, "bereich", "arbeitsbereich")
    text = page_text(check_page(client.get("/klaerung")))
    assert "Sie haben schon angefangen" in text and "Weitermachen" in text


def test_the_demo_code_opens_a_finished_klaerung(app, client, runner):
    assert "Kompass Sonne Tiger 2026" in runner.invoke(args=["demo", "load"]).output
    assert post_form(client, "/weitermachen", {"code": "kompass sonne tiger 2026"}).headers["Location"] == "/klaerung/weiter?zurueck=1"
    assert client.get("/klaerung/weiter").headers["Location"] == "/klaerung/pruefen"
    text = page_text(check_page(client.get("/klaerung/ergebnis")))
    assert "Erstellt am 25. November 2026" in text and "Hat im Praktikum" in text


def test_no_user_data_in_urls(client):
    finish(client, lieblings_arbeit="Geheim")
    for url in ("/klaerung/pruefen", "/klaerung/ergebnis"):
        hrefs = re.findall(r'href="([^"]+)"', client.get(url).get_data(as_text=True))
        assert not any("Geheim" in href or "Kompass" in href for href in hrefs)


def test_the_mediopunkt_in_interface_text_is_drawn_not_read(client):
    start(client, "begleitung")
    html = client.get("/klaerung/frage/bereich").get_data(as_text=True)
    main = html.split('<main', 1)[1].split('</main>', 1)[0]
    assert "Begleit·person" not in main
    assert 'Begleit<span class="mp" aria-hidden="true"></span><wbr>person' in main


def test_an_answer_page_offers_read_aloud_also_to_a_person_alone(client):
    start(client, "allein")
    q = questionnaire("de")
    answers = walk(q, sorgen=["zurueck"])
    given: dict = {}
    while (question := flow.open_question(q, given)).id != "antwort-zurueck":
        answer(client, question.id, None if question.is_info else answers[question.id])
        given[question.id] = answers[question.id]
    document = check_page(client.get("/klaerung/frage/antwort-zurueck"))
    assert document.find(".//*[@data-read-aloud-start]") is not None
    assert document.find(".//*[@class='klaerung-answer'][@data-read-aloud]") is not None
