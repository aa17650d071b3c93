"""The Persönliches Budget pages: every page, the office finder, the checklist, the letter and the deadlines."""
from __future__ import annotations

import re
from datetime import date

import pytest

from portal.budget import clock
from portal.extensions import db
from portal.resume import store
from portal.resume.models import ResumeRecord
from tests.support.forms import follow, post_form
from tests.support.pagecheck import XHTML, check_page, h1_text, page_text

STEP_SLUGS = ["beratung", "amt", "antrag", "bedarf", "planung", "zielvereinbarung", "bescheid", "geld", "nachweise"]
PAGES = [
    "/budget",
    "/budget/schritte",
    *[f"/budget/schritte/{slug}" for slug in STEP_SLUGS],
    "/budget/checkliste",
    "/budget/amt",
    "/budget/amt/ort",
    "/budget/antrag",
    "/budget/frist/widerspruch",
    "/budget/frist/amt",
]
TODAY = date(2026, 3, 10)
LETTER = {
    "name": "Erika Muster",
    "street": "Hauptstraße 1",
    "town": "12345 Musterstadt",
    "office": "agentur",
    "office_address": "",
    "help": "- Job·coach im Betrieb",
    "birth_date": "",
    "customer_number": "",
}


def checked(html: str, value: str) -> bool:
    """Whether the radio button with this value is chosen."""
    return bool(re.search(rf'<input\b[^>]*\bchecked\b[^>]*\bvalue="{re.escape(value)}"', html))


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def records(app) -> int:
    with app.app_context():
        return db.session.query(ResumeRecord).count()


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_budget_page_passes_the_page_check(client, url, lang):
    document = check_page(client.get(f"{url}?lang={lang}"), lang=lang)
    labels = [nav.get("aria-label") for nav in document.iter(f"{XHTML}nav")]
    assert len(labels) == len(set(labels)), "every nav needs its own label"


def test_overview_explains_the_budget_with_its_paragraphs(client):
    text = page_text(check_page(client.get("/budget?lang=de")))
    for fact in ("§ 29 SGB IX", "§ 220 Absatz 3 SGB IX", "§ 61 SGB IX", "§ 61a SGB IX", "§ 32 SGB IX", "EUTB", "Budget für Arbeit", "Budget für Ausbildung"):
        assert fact in text
    html = client.get("/budget?lang=de").get_data(as_text=True)
    for url in ("/budget/schritte", "/budget/amt", "/budget/antrag", "/budget/checkliste", "/budget/frist/widerspruch", "/budget/frist/amt"):
        assert f'href="{url}"' in html


def test_each_step_has_its_five_parts_and_a_pager(client):
    document = check_page(client.get("/budget/schritte/antrag?lang=de"))
    assert h1_text(document) == "Schritt 3: Den Antrag schreiben"
    headings = [" ".join("".join(h.itertext()).split()) for h in document.iter(f"{XHTML}h2")]
    for heading in ("Was passiert?", "Was tun Sie?", "Wer hilft Ihnen?", "Wie lange dauert das?", "Was brauchen Sie?"):
        assert heading in headings
    html = client.get("/budget/schritte/antrag").get_data(as_text=True)
    assert 'href="/budget/schritte/amt" rel="prev"' in html and 'href="/budget/schritte/bedarf" rel="next"' in html
    assert 'aria-current="step"' in html and 'href="/budget/antrag"' in html


def test_an_unknown_step_is_404(client):
    check_page(client.get("/budget/schritte/gibt-es-nicht"), status=404)


# --- the office finder ------------------------------------------------------------------------


def answer(client, question, value, follow=False):
    return post_form(client, f"/budget/amt/{question}", {"answer": value}, follow_redirects=follow)


def test_the_office_finder_leads_through_three_questions_to_the_office(client):
    assert answer(client, "ort", "berufsbildung").headers["Location"] == "/budget/amt/ziel"
    assert answer(client, "ziel", "lernen").headers["Location"] == "/budget/amt/vorher"
    assert answer(client, "vorher", "nichts").headers["Location"] == "/budget/amt/ergebnis"
    document = check_page(client.get("/budget/amt/ergebnis?lang=de"))
    assert h1_text(document) == "Schreiben Sie an: Agentur für Arbeit"
    text = page_text(document)
    assert "Sie sind im Berufsbildungsbereich." in text
    assert "Für Fachleute: § 63 SGB IX" in text  # the legal reference on its own line, not in the running text
    assert "§ 16 SGB I" in text and "Jedes Amt muss Ihren Antrag annehmen." in text


def test_a_later_question_without_the_earlier_answer_goes_back_to_the_open_question(client):
    response = client.get("/budget/amt/vorher")
    assert response.status_code == 303 and response.headers["Location"] == "/budget/amt/ort"
    response = client.get("/budget/amt/ergebnis")
    assert response.status_code == 303 and response.headers["Location"] == "/budget/amt/ort"
    check_page(client.get("/budget/amt/nicht-da"), status=404)


@pytest.mark.parametrize("value", ["", "werkstatt-rat", "<script>", "x" * 500])
def test_a_missing_or_unknown_answer_gets_a_clear_error(client, value):
    document = check_page(follow(client, answer(client, "ort", value)))
    assert "Bitte wählen Sie eine Antwort." in page_text(document)
    assert document.find(f".//{XHTML}title").text.startswith("Fehler: ")


def test_changing_an_earlier_answer_keeps_the_others(client):
    for question, value in (("ort", "arbeitsbereich"), ("ziel", "alltag"), ("vorher", "nichts")):
        answer(client, question, value)
    html = client.get("/budget/amt/ort").get_data(as_text=True)
    assert checked(html, "arbeitsbereich")
    answer(client, "ort", "betrieb")
    assert "Amt für Eingliederungshilfe" in page_text(check_page(client.get("/budget/amt/ergebnis?lang=de")))


def test_a_tampered_session_answer_counts_as_open(client):
    with client.session_transaction() as session:
        session["budget_amt"] = {"ort": "mond", "ziel": "alltag", "vorher": "nichts"}
    assert client.get("/budget/amt/ergebnis").headers["Location"] == "/budget/amt/ort"


def test_the_office_from_the_finder_is_chosen_in_the_letter(client):
    for question, value in (("ort", "arbeitsbereich"), ("ziel", "arbeit"), ("vorher", "nichts")):
        answer(client, question, value)
    assert checked(client.get("/budget/antrag").get_data(as_text=True), "eingliederungshilfe")


# --- the checklist ----------------------------------------------------------------------------


def tick(client, slug, done="ja", back="liste"):
    return post_form(client, f"/budget/checkliste/{slug}", {"erledigt": done, "zurueck": back}, page_url="/budget/checkliste")


def test_ticking_steps_shows_the_progress(client, app):
    assert "0 von 9 erledigt" in page_text(check_page(client.get("/budget/checkliste?lang=de")))
    response = tick(client, "beratung")
    assert response.status_code == 303 and response.headers["Location"] == "/budget/checkliste#schritt-beratung"
    tick(client, "antrag")
    response = tick(client, "amt", back="schritt")
    assert response.headers["Location"] == "/budget/schritte/amt#erledigt"
    document = check_page(client.get("/budget/checkliste?lang=de"))
    assert "3 von 9 erledigt" in page_text(document)
    progress = document.find(f".//{XHTML}progress")
    assert (progress.get("value"), progress.get("max")) == ("3", "9")
    tick(client, "amt", done="nein")
    assert "2 von 9 erledigt" in page_text(check_page(client.get("/budget/checkliste?lang=de")))
    assert "2 von 9 erledigt" in page_text(check_page(client.get("/budget/schritte?lang=de")))
    assert records(app) == 0, "without a code nothing is stored on the server"


def test_bad_ticks_are_refused(client):
    assert tick(client, "gibt-es-nicht").status_code == 404
    assert tick(client, "beratung", done="vielleicht").status_code == 400
    assert client.post("/budget/checkliste/beratung", data={"erledigt": "ja"}).status_code == 400  # no CSRF token
    assert "0 von 9 erledigt" in page_text(check_page(client.get("/budget/checkliste?lang=de")))


def test_the_checklist_is_kept_under_the_resume_code(client, app):
    tick(client, "beratung")
    response = post_form(client, "/budget/checkliste/code", {}, page_url="/budget/checkliste")
    assert response.status_code == 303 and response.headers["Location"] == "/budget/code"
    document = check_page(client.get("/budget/code?lang=de"))
    with client.session_transaction() as session:
        code = session["resume_code"]
    assert code in page_text(document)
    tick(client, "geld")
    with app.test_request_context():
        assert store.load(code)["budget"] == {"done": ["beratung", "geld"]}
    # Another browser continues with the code.
    other = app.test_client()
    response = post_form(other, "/weitermachen", {"code": code, "weiter": "/budget/checkliste"})
    assert response.headers["Location"] == "/budget/checkliste"
    assert "2 von 9 erledigt" in page_text(check_page(other.get("/budget/checkliste?lang=de")))


def test_the_code_page_without_a_code_goes_to_the_checklist(client):
    assert client.get("/budget/code").headers["Location"] == "/budget/checkliste"


# --- the letter -------------------------------------------------------------------------------


def send_letter(client, action="vorschau", **changes):
    return post_form(client, "/budget/antrag", {**LETTER, **changes, "aktion": action})


def test_the_letter_preview_shows_the_letter_and_its_explanation(client, app):
    response = send_letter(client, name="Erika <b>Muster</b>")
    assert response.status_code == 303 and response.headers["Location"] == "/budget/antrag/vorschau"
    response = client.get("/budget/antrag/vorschau")
    document = check_page(response)
    assert h1_text(document) == "Ihr Antrag"
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    assert "Erika &lt;b&gt;Muster&lt;/b&gt;" in html and "<b>Muster" not in html
    text = page_text(document)
    assert "in Form eines Persönlichen Budgets" in text and "Job coach" not in text
    assert "Was steht in Ihrem Brief?" in text and "Jobcoach im Betrieb" in text
    assert records(app) == 0, "a preview stores nothing under a code"
    with client.session_transaction() as session:
        assert not any("Muster" in str(value) for value in session.values()), "typed text stays out of the cookie"
    assert 'href="/budget/antrag/druck"' in html and 'href="/budget/antrag/pdf"' in html
    assert h1_text(check_page(client.get("/budget/antrag/vorschau"))) == "Ihr Antrag", "reload shows it again"


def test_the_letter_pages_without_a_letter_go_to_the_form(client):
    for url in ("/budget/antrag/vorschau", "/budget/antrag/druck", "/budget/antrag/pdf"):
        response = client.get(url)
        assert response.status_code == 303 and response.headers["Location"] == "/budget/antrag"


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"name": ""}, "Bitte schreiben Sie Ihren Vornamen und Nachnamen."),
        ({"street": "  "}, "Bitte schreiben Sie Ihre Straße und Hausnummer."),
        ({"town": "Musterstadt"}, "Bitte schreiben Sie die Postleitzahl mit 5 Ziffern und den Ort."),
        ({"help": ""}, "Bitte schreiben Sie, welche Hilfe Sie brauchen."),
        ({"help": "x" * 2001}, "Der Text ist zu lang. Bitte schreiben Sie höchstens 2000 Zeichen. Jetzt sind es 2001."),
        ({"help": "zeile\n" * 31}, "Der Text hat zu viele Zeilen."),
        ({"name": "N" * 101}, "höchstens 100 Zeichen"),
        ({"office": ""}, "Bitte wählen Sie ein Amt."),
        ({"office": "finanzamt"}, "Bitte wählen Sie ein Amt."),
        ({"office": "anderes"}, "Bitte schreiben Sie den Namen und die Adresse vom Amt."),
        ({"office_address": "a\nb\nc\nd\ne\nf\ng"}, "Die Adresse hat zu viele Zeilen."),
        ({"birth_date": "31.02.1990"}, "Diesen Tag gibt es nicht."),
        ({"birth_date": "1.1.2030"}, "Dieser Tag liegt in der Zukunft."),
        ({"birth_date": "1.1.1890"}, "Bitte prüfen Sie das Jahr von Ihrem Geburtsdatum."),
        ({"birth_date": "gestern"}, "Bitte schreiben Sie das Datum mit Tag, Monat und Jahr."),
        ({"customer_number": "1" * 41}, "höchstens 40 Zeichen"),
    ],
)
def test_bad_letter_input_gets_a_clear_error_and_keeps_what_was_typed(client, changes, message):
    posted = send_letter(client, **changes)
    assert posted.headers["Location"] == "/budget/antrag"
    response = follow(client, posted)
    document = check_page(response)
    assert document.find(f".//{XHTML}title").text.startswith("Fehler: ")
    assert message in page_text(document)
    html = response.get_data(as_text=True)
    for name in ("name", "street", "town"):
        if name not in changes:
            assert f'value="{LETTER[name]}"' in html
    if "help" not in changes:
        assert "Job·coach im Betrieb</textarea>" in html
    for name, value in changes.items():
        if value.strip() and name not in ("office", "help", "office_address"):
            assert f'value="{value}"' in html, f"{name} was not kept"


def test_change_brings_the_form_back_with_everything_typed(client):
    send_letter(client, customer_number="AZ 12/34", birth_date="14.5.1990")
    html = client.get("/budget/antrag/vorschau").get_data(as_text=True)
    assert 'href="/budget/antrag">Brief ändern' in html
    response = client.get("/budget/antrag")
    document = check_page(response)
    assert h1_text(document) == "Den Antrag schreiben"
    html = response.get_data(as_text=True)
    assert 'value="AZ 12/34"' in html and 'value="14.05.1990"' in html and checked(html, "agentur")
    assert "Fehler" not in document.find(f".//{XHTML}title").text


def test_the_print_view_shows_only_the_letter_when_printed(client):
    response = send_letter(client, "druck")
    assert response.headers["Location"] == "/budget/antrag/druck"
    response = client.get("/budget/antrag/druck")
    document = check_page(response)
    html = response.get_data(as_text=True)
    assert "css/letter.css" in html and 'media="print"' in html
    assert 'class="no-print"' in html and "Strg und P" in page_text(document)
    assert "data-print-button" in html
    assert "Sehr geehrte Damen und Herren," in page_text(document)


def test_the_pdf_download(client, app):
    assert send_letter(client, "pdf").headers["Location"] == "/budget/antrag/pdf"
    response = client.get("/budget/antrag/pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    assert response.headers["Content-Disposition"] == 'attachment; filename="Antrag-Persoenliches-Budget-2026-03-10.pdf"'
    assert response.headers["Cache-Control"] == "no-store"
    assert records(app) == 0


def test_an_unknown_action_shows_the_preview(client):
    assert send_letter(client, "loeschen").headers["Location"] == "/budget/antrag/vorschau"


def test_the_letter_form_needs_its_csrf_token(client):
    assert client.post("/budget/antrag", data={**LETTER, "aktion": "pdf"}).status_code == 400
    assert client.post("/budget/antrag/speichern").status_code == 400


def test_saving_with_the_code_keeps_the_letter_for_next_time(client, app):
    send_letter(client, customer_number="K-4711")
    response = post_form(client, "/budget/antrag/speichern", {}, page_url="/budget/antrag/vorschau")
    assert response.status_code == 303 and response.headers["Location"] == "/budget/antrag/gespeichert"
    with client.session_transaction() as session:
        code = session["resume_code"]
    assert code in page_text(check_page(client.get("/budget/antrag/gespeichert?lang=de")))
    with app.test_request_context():
        saved = store.load(code)["letter"]
    assert saved["customer_number"] == "K-4711" and saved["name"] == "Erika Muster"
    with client.session_transaction() as session:
        session.pop("pending")  # a later visit: the letter of the last hour is gone
    html = client.get("/budget/antrag?lang=de").get_data(as_text=True)
    assert 'value="K-4711"' in html and "Wir haben Ihren gespeicherten Brief geladen." in html


def test_a_bot_filling_the_honeypot_saves_nothing(client, app):
    send_letter(client, "speichern", website="http://spam.example")
    assert records(app) == 0


def test_the_saved_page_without_a_code_goes_back_to_the_form(client):
    assert client.get("/budget/antrag/gespeichert").headers["Location"] == "/budget/antrag"


FACTS = {"answers": {"ziel": "arbeitsplatz", "hilfe": ["lernen-betrieb"], "budget-kennen": "nein"},
         "labels": {"ziel": {"arbeitsplatz": "A steady job in a company"},
                    "hilfe": {"lernen-betrieb": "Someone learns with me in the company."}}, "modules": [3]}


def test_the_klaerung_result_prefills_the_help(client, monkeypatch):
    import portal.klaerung

    asked = []
    monkeypatch.setattr(portal.klaerung, "letter_facts", lambda lang=None: asked.append(lang) or FACTS, raising=False)
    html = client.get("/budget/antrag?lang=en").get_data(as_text=True)
    assert ("Ich möchte auf dem allgemeinen Arbeitsmarkt arbeiten.\n"
            "Ich brauche Begleitung und Anleitung im Betrieb durch einen Jobcoach.\n") in html
    assert asked == ["en"], "the easy explanation is in the person's language (the letter is German anyway)"
    # The sentences taken over, each with what it means in the person's words, and a way without them.
    text = page_text(check_page(client.get("/budget/antrag?lang=en"), lang="en"))
    assert "A steady job in a company" in text and "Someone learns with me in the company" in text
    assert 'href="/budget/antrag?ohne_klaerung=1"' in html
    assert re.search(r'<textarea[^>]*id="help"[^>]*>\s*</textarea>', client.get("/budget/antrag?ohne_klaerung=1").get_data(as_text=True))


def test_without_a_klaerung_hand_over_the_help_stays_empty(client, monkeypatch):
    import portal.klaerung

    monkeypatch.delattr(portal.klaerung, "letter_facts", raising=False)
    html = client.get("/budget/antrag").get_data(as_text=True)
    assert re.search(r'<textarea[^>]*id="help"[^>]*>\s*</textarea>', html)


# --- the deadlines ----------------------------------------------------------------------------


def objection(client, **values):
    data = {"letter_date": "10.2.2026", "by_post": "ja", "land": "BY", **values}
    return post_form(client, "/budget/frist/widerspruch", data)


def test_the_objection_deadline_in_words_with_the_calculation(client):
    response = objection(client)
    assert response.status_code == 303 and response.headers["Location"] == "/budget/frist/widerspruch/ergebnis"
    document = check_page(client.get("/budget/frist/widerspruch/ergebnis?lang=de"))
    assert h1_text(document) == "Der letzte Tag für Ihren Widerspruch"
    text = page_text(document)
    assert "Montag, 16. März 2026" in text  # posted 10.2. -> received 14.2. -> 14.3. is a Saturday
    assert "Samstag, 14. März 2026 ist ein Tag am Wochenende." in text
    assert "Sie haben noch 6 Tage Zeit." in text
    assert "§ 66 SGG" in text and "Beratung" in text


def test_a_holiday_is_named_in_the_calculation(client):
    objection(client, letter_date="31.3.2026", by_post="nein", land="BW")  # 1 month later: 30.4.; 1.5. no
    objection(client, letter_date="3.3.2026", by_post="nein", land="BW")  # 3.4.2026 is Good Friday
    text = page_text(check_page(client.get("/budget/frist/widerspruch/ergebnis?lang=en")))
    assert "Friday, 3 April 2026 is a public holiday: Good Friday." in text
    assert "Tuesday, 7 April 2026" in text


def test_an_unknown_land_counts_only_national_holidays(client):
    objection(client, land="unbekannt")
    text = page_text(check_page(client.get("/budget/frist/widerspruch/ergebnis?lang=de")))
    assert "Wir haben nur die Feiertage in ganz Deutschland gezählt." in text


def test_a_passed_deadline_says_so(client, monkeypatch):
    objection(client, letter_date="2.1.2026")
    monkeypatch.setattr(clock, "today", lambda: date(2026, 3, 1))
    assert "Dieser Tag ist schon vorbei." in page_text(check_page(client.get("/budget/frist/widerspruch/ergebnis?lang=de")))


@pytest.mark.parametrize(
    "values,message",
    [
        ({"letter_date": "31.02.2026"}, "Diesen Tag gibt es nicht."),
        ({"letter_date": "11.3.2026"}, "Dieser Tag liegt in der Zukunft."),
        ({"letter_date": "1.1.1996"}, "Dieser Tag ist mehr als 2 Jahre her."),
        ({"letter_date": "morgen"}, "Bitte schreiben Sie das Datum mit Tag, Monat und Jahr."),
        ({"letter_date": ""}, "Bitte schreiben Sie das Datum vom Bescheid."),
        ({"letter_date": "1" * 31}, "höchstens 30 Zeichen"),
        ({"by_post": ""}, "Bitte sagen Sie, ob der Bescheid mit der Post kam."),
        ({"land": "XX"}, "Bitte wählen Sie ein Bundesland."),
    ],
)
def test_bad_dates_get_a_clear_error_and_keep_the_input(client, values, message):
    response = follow(client, objection(client, **values))
    document = check_page(response)
    assert message in page_text(document)
    html = response.get_data(as_text=True)
    if values.get("letter_date"):
        assert f'value="{values["letter_date"]}"' in html
    if "land" not in values:
        assert checked(html, "BY")


def test_the_result_without_a_date_goes_to_the_form(client):
    assert client.get("/budget/frist/widerspruch/ergebnis").headers["Location"] == "/budget/frist/widerspruch"
    assert client.get("/budget/frist/amt/ergebnis").headers["Location"] == "/budget/frist/amt"


def test_the_form_shows_the_last_date_again(client):
    objection(client)
    html = client.get("/budget/frist/widerspruch").get_data(as_text=True)
    assert 'value="10.02.2026"' in html and checked(html, "BY") and checked(html, "ja")


def test_the_office_time_limits(client):
    response = post_form(client, "/budget/frist/amt", {"received": "2.3.2026"})
    assert response.headers["Location"] == "/budget/frist/amt/ergebnis"
    text = page_text(check_page(client.get("/budget/frist/amt/ergebnis?lang=de")))
    for day in ("Montag, 16. März 2026", "Montag, 23. März 2026", "Montag, 13. April 2026", "Samstag, 2. Mai 2026"):
        assert day in text
    # § 18 Abs. 3 SGB IX: approved once the deadline has run out, so from the day after its last day
    assert "Ab dem Sonntag, 3. Mai 2026 kann Ihr Antrag als erlaubt gelten." in text
    assert "§ 18 Absatz 3 SGB IX" in text and "§ 18 Absatz 7 SGB IX" in text and "Eingliederungshilfe" in text
    # § 16 Abs. 2 SGB I and § 14 Abs. 2 SGB IX: the first office fixes the date, the deadlines start again
    form_text = page_text(check_page(client.get("/budget/frist/amt?lang=de")))
    assert "§ 16 Absatz 2 SGB I" in form_text and "§ 14 Absatz 2 SGB IX" in form_text


def test_the_office_time_form_refuses_a_future_date(client):
    document = check_page(follow(client, post_form(client, "/budget/frist/amt", {"received": "1.4.2026"})))
    assert "Dieser Tag liegt in der Zukunft." in page_text(document)
