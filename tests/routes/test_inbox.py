"""The provider inbox: log-in, list, filters, search, a request's page, notes, status,
assignment, export, deletion, and the audit log of it all."""
from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST

import portal.providers.passwords as passwords
from portal.contact.models import ContactRequest, DeletionRecord
from portal.extensions import db
from portal.inbox.models import AuditEntry, HistoryEntry, LoginThrottle
from portal.providers import admin
from portal.providers.demo import load_demo
from portal.providers.models import Provider
from tests.routes.test_contact_journey import send, walk_to_check
from tests.support.forms import follow, post_form
from tests.support.pagecheck import check_page, h1_text, page_text

PASSWORD = "ein gutes Passwort"


@pytest.fixture(autouse=True)
def cheap_passwords(monkeypatch):
    """Argon2 with the cheapest parameters: the same code path, a thousand times faster."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher.from_parameters(CHEAPEST))
    passwords._dummy_hash.cache_clear()
    yield
    passwords._dummy_hash.cache_clear()


@pytest.fixture
def inbox(app, monkeypatch):
    """The demo providers, one staff account each plus a second one at integra, and requests."""
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    with app.app_context():
        load_demo()
        admin.create_user(admin.find_provider("integra-luebeck"), "kim@integra.example", PASSWORD, "Kim")
        db.session.commit()


ANNA = "team@integra-luebeck.example"  # integra Lübeck's demo account
BREMEN = "team@ifd-bremen.example"


def make_request(client, app, **answers) -> str:
    """A request sent through the real form; returns its reference number."""
    with client.session_transaction() as session:
        session.pop("inbox", None)
    walk_to_check(client, **answers)
    send(client)
    with app.app_context():
        return db.session.execute(db.select(ContactRequest.reference).order_by(ContactRequest.id.desc())).scalars().first()


def login(client, email=ANNA, password=PASSWORD, follow=None):
    return post_form(client, "/anbieter/anmelden" + (f"?weiter={follow}" if follow else ""),
                     {"email": email, "password": password}, page_url="/anbieter/anmelden")


def failed_login(client, email=ANNA, password=PASSWORD):
    """The login page that a refused login leads back to (Post/Redirect/Get), with its message."""
    response = login(client, email, password)
    assert response.headers["Location"].startswith("/anbieter/anmelden"), response.headers["Location"]
    return client.get(response.headers["Location"])


def search(client, term: str, status: str | None = None):
    """The search box: the term goes by POST into the session, never into a URL."""
    data = {"suche": term, **({"status": status} if status else {})}
    return post_form(client, "/anbieter/suche", data, page_url="/anbieter")


def export(client, query: str = ""):
    """The list's download button: a POST with the CSRF token (a GET only shows the button)."""
    return post_form(client, "/anbieter/export.csv" + query, {}, page_url="/anbieter")


def audit_actions(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [(e.action, e.reference) for e in db.session.execute(db.select(AuditEntry).order_by(AuditEntry.id)).scalars()]


# --- log-in ------------------------------------------------------------------------------------


def test_inbox_pages_need_a_log_in(client, inbox):
    for url in ("/anbieter", "/anbieter/export.csv", "/anbieter/anfragen/JB-2345"):
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/anbieter/anmelden?weiter=")
    check_page(client.get("/anbieter/anmelden"))


def test_log_in_and_out(client, app, inbox):
    response = login(client)
    assert response.status_code == 303 and response.headers["Location"] == "/anbieter"
    document = check_page(client.get("/anbieter"))
    assert h1_text(document) == "Anfragen an integra Lübeck"
    assert post_form(client, "/anbieter/abmelden", {}, page_url="/anbieter").status_code == 303
    assert client.get("/anbieter").status_code == 302
    assert [a for a, _ in audit_actions(app)][-2:] == ["list", "logout"] or "logout" in [a for a, _ in audit_actions(app)]


def test_after_log_in_the_person_returns_to_the_page_asked_for_but_never_elsewhere(client, inbox):
    assert login(client, follow="/anbieter?status=neu").headers["Location"] == "/anbieter?status=neu"
    for target in ("https://evil.example/anbieter", "//evil.example/anbieter", "/kontakt", "/anbieter\\@evil"):
        client.post("/anbieter/abmelden", data={"csrf_token": _token(client)})
        assert login(client, follow=target).headers["Location"] == "/anbieter", target


def _token(client):
    html = client.get("/anbieter/anmelden").get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def test_wrong_password_unknown_address_and_disabled_account_get_the_same_answer(client, app, inbox, runner):
    runner.invoke(args=["users", "disable", "kim@integra.example"])
    answers = []
    for email, password in ((ANNA, "falsches Passwort"), ("niemand@nirgends.example", PASSWORD),
                            ("kim@integra.example", PASSWORD)):
        response = follow(client, login(client, email, password))
        document = check_page(response)
        answers.append(page_text(document).replace(email, "…"))
        assert "E-Mail-Adresse oder Passwort stimmt nicht." in page_text(document)
        assert PASSWORD not in response.get_data(as_text=True)
    assert answers[0] == answers[1] == answers[2]


def test_missing_fields_are_explained(client, inbox):
    text = page_text(check_page(follow(client, login(client, "", ""))))
    assert "Bitte schreiben Sie Ihre E-Mail-Adresse." in text and "Bitte schreiben Sie Ihr Passwort." in text


def test_repeated_failures_slow_down_then_lock_the_address_whether_it_exists_or_not(client, app, inbox, monkeypatch):
    import portal.inbox.routes as routes

    clock = {"now": routes.utcnow()}
    monkeypatch.setattr(routes, "utcnow", lambda: clock["now"])

    def answer(email, password="falsch"):
        return page_text(check_page(follow(client, login(client, email, password))))

    for email in (ANNA, "niemand@nirgends.example"):
        for _ in range(3):  # the first mistakes cost nothing
            assert "stimmt nicht" in answer(email)
        assert "Bitte warten Sie einen Moment" in answer(email)  # at once again: refused unseen
        assert "Bitte warten Sie einen Moment" in answer(email, PASSWORD)  # even with the right password
        for _ in range(7):  # each pause waited out, the tries count on
            clock["now"] += timedelta(minutes=5)
            assert "stimmt nicht" in answer(email)
        assert "Bitte warten Sie 15 Minuten" in answer(email, PASSWORD)  # locked after 10 failures
    clock["now"] += timedelta(minutes=16)
    assert login(client, ANNA, PASSWORD).status_code == 303  # the lock is over: the right password works
    with app.app_context():
        pairs = db.session.query(LoginThrottle).filter(LoginThrottle.key_hash.notlike("global:%"))
        assert pairs.count() == 1  # and ANNA's count is gone; the unknown one stays


def test_session_ends_after_inactivity(client, app, inbox, monkeypatch):
    login(client)
    assert client.get("/anbieter").status_code == 200
    import time

    later = time.time() + 31 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get("/anbieter")
    assert response.status_code == 302 and "abgelaufen=1" in response.headers["Location"]
    text = page_text(check_page(client.get(response.headers["Location"])))
    assert "nicht aktiv" in text


def test_a_disabled_account_is_logged_out_at_once(client, inbox, runner):
    login(client, "kim@integra.example")
    assert client.get("/anbieter").status_code == 200
    runner.invoke(args=["users", "disable", "kim@integra.example"])
    assert client.get("/anbieter").status_code == 302


def test_logging_in_starts_a_fresh_session(client, app, inbox):
    with client.session_transaction() as session:
        session["planted"] = "x"
    login(client)
    with client.session_transaction() as session:
        assert "planted" not in session and session["inbox"]["user"]


# --- list, filter, search ------------------------------------------------------------------------


def test_list_shows_only_the_providers_own_requests_newest_first_with_links(client, app, inbox):
    first = make_request(client, app, name="Erste")
    second = make_request(client, app, name="Zweite")
    bremen = make_request(client, app, name="Bremerin", workshop="werkstatt-bremen-bremen")
    login(client)
    html = client.get("/anbieter").get_data(as_text=True)
    check_page(client.get("/anbieter"))
    assert f'href="/anbieter/anfragen/{second}"' in html and f'href="/anbieter/anfragen/{first}"' in html
    assert html.index(second) < html.index(first)
    assert bremen not in html and "Bremerin" not in html


def test_filter_by_status_and_search_case_insensitively(client, app, inbox):
    ref_a = make_request(client, app, name="Özlem Groß", message="Ich mag Gärten")
    ref_b = make_request(client, app, name="Bernd")
    login(client)
    post_form(client, f"/anbieter/anfragen/{ref_b}/status", {"status-status": "erledigt"}, page_url=f"/anbieter/anfragen/{ref_b}")
    for status, term, present, absent in (
        ("erledigt", "", [ref_b], [ref_a]),
        ("neu", "", [ref_a], [ref_b]),
        (None, "özlem", [ref_a], [ref_b]),
        (None, "ÖZLEM", [ref_a], [ref_b]),
        (None, "GÄRTEN", [ref_a], [ref_b]),
        (None, ref_b.lower(), [ref_b], [ref_a]),
        (None, "%", [], [ref_a, ref_b]),
        (None, "_", [], [ref_a, ref_b]),
        ("erledigt", "özlem", [], [ref_a, ref_b]),
        ("quatsch", "", [ref_a, ref_b], []),
    ):
        answer = search(client, term, status)
        assert answer.status_code == 303 and "suche" not in answer.headers["Location"]
        response = client.get(answer.headers["Location"])
        html = response.get_data(as_text=True)
        check_page(response)
        for reference in present:
            assert reference in html, (status, term, reference)
        for reference in absent:
            assert f"/anfragen/{reference}" not in html, (status, term, reference)


def test_a_too_long_search_is_explained(client, inbox):
    login(client)
    response = follow(client, search(client, "x" * 101))
    assert "höchstens 100 Zeichen" in page_text(check_page(response))
    assert "<title>Fehler: " in response.get_data(as_text=True)


def test_list_pages_through_many_requests(client, app, inbox):
    with app.app_context():
        provider = db.session.execute(db.select(Provider).filter_by(slug="integra-luebeck")).scalar_one()
        for number in range(55):
            db.session.add(ContactRequest(reference=f"JB-P{number:03d}".replace("0", "Z").replace("1", "Y"),
                                          provider_id=provider.id, routed_by="postcode", name=f"P{number}",
                                          contact_way="telefon", consent_version="1", topics=["reden"]))
        db.session.commit()
    login(client)
    first = client.get("/anbieter").get_data(as_text=True)
    assert first.count('class="inbox-item"') == 50 and "seite=2" in first
    second = client.get("/anbieter?seite=2")
    check_page(second)
    assert second.get_data(as_text=True).count('class="inbox-item"') >= 5


# --- one request ----------------------------------------------------------------------------------


def test_detail_shows_everything_the_person_sent(client, app, inbox):
    reference = make_request(client, app, name="Maria", way="vertrauensperson", topics=("modul-3", "budget"),
                             message="Zeile eins\nZeile zwei")
    login(client)
    document = check_page(client.get(f"/anbieter/anfragen/{reference}"))
    assert h1_text(document) == f"Anfrage {reference}"
    text = page_text(document)
    for expected in ("Maria", "Über meine Vertrauensperson", "Petra", "0451 99999", "Modul 3",
                     "Das Persönliche Budget", "Zeile eins", "über die Werkstatt", "Neu", "Noch niemand"):
        assert expected in text, expected


def test_detail_shows_the_klaerung_result_readable(client, app, inbox, monkeypatch):
    import portal.klaerung

    result = {"title": "Mein Ergebnis", "created": "2026-11-25",
              "sections": [{"heading": "Das mache ich gerne", "items": ["Garten", "<i>Tiere</i>"]}]}
    monkeypatch.setattr(portal.klaerung, "result_snapshot", lambda lang=None: result, raising=False)
    reference = make_request(client, app, attach=True)
    login(client)
    response = client.get(f"/anbieter/anfragen/{reference}")
    text = page_text(check_page(response))
    assert "Ergebnis der Klärung" in text and "Das mache ich gerne" in text and "<i>Tiere</i>" in text
    assert "<i>Tiere</i>" not in response.get_data(as_text=True)


def test_notes_status_and_assignment_build_the_history(client, app, inbox):
    reference = make_request(client, app)
    login(client)
    url = f"/anbieter/anfragen/{reference}"
    with app.app_context():
        kim = admin.find_user("kim@integra.example").id
    assert post_form(client, f"{url}/notiz", {"note-text": "Angerufen, <b>nicht</b> erreicht."}, page_url=url).status_code == 303
    assert post_form(client, f"{url}/status", {"status-status": "in_kontakt"}, page_url=url).status_code == 303
    assert post_form(client, f"{url}/zuweisen", {"assign-assignee": str(kim)}, page_url=url).status_code == 303
    response = client.get(url)
    text = page_text(check_page(response))
    assert "Angerufen, <b>nicht</b> erreicht." in text and "<b>nicht</b>" not in response.get_data(as_text=True)
    assert "Status geändert: In Kontakt" in text and "Zuständig: Kim" in text and "Gespeichert." in text
    with app.app_context():
        entries = db.session.execute(db.select(HistoryEntry).order_by(HistoryEntry.id)).scalars().all()
        assert [(e.kind, e.author.email) for e in entries] == [("note", ANNA), ("status", ANNA), ("assigned", ANNA)]
        request = db.session.execute(db.select(ContactRequest).filter_by(reference=reference)).scalar_one()
        assert request.status == "in_kontakt" and request.assigned_to_id == kim and request.closed_at is None
    post_form(client, f"{url}/status", {"status-status": "erledigt"}, page_url=url)
    with app.app_context():
        assert db.session.execute(db.select(ContactRequest).filter_by(reference=reference)).scalar_one().closed_at is not None
    post_form(client, f"{url}/status", {"status-status": "neu"}, page_url=url)
    with app.app_context():
        assert db.session.execute(db.select(ContactRequest).filter_by(reference=reference)).scalar_one().closed_at is None
    assert [a for a, r in audit_actions(app) if r == reference].count("status") == 3


@pytest.mark.parametrize("url_part,data,message", [
    ("notiz", {"note-text": ""}, "Bitte schreiben Sie eine Notiz."),
    ("notiz", {"note-text": "x" * 2001}, "höchstens 2000 Zeichen"),
    ("status", {"status-status": "verloren"}, "Bitte wählen Sie einen Status."),
    ("zuweisen", {"assign-assignee": "999"}, "Bitte wählen Sie, wer sich kümmert."),
])
def test_bad_changes_are_explained_and_change_nothing(client, app, inbox, url_part, data, message):
    reference = make_request(client, app)
    login(client)
    url = f"/anbieter/anfragen/{reference}"
    posted = post_form(client, f"{url}/{url_part}", data, page_url=url)
    assert posted.headers["Location"] == url
    response = follow(client, posted)
    document = check_page(response)
    assert message in page_text(document) and "<title>Fehler: " in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(HistoryEntry).count() == 0


def test_staff_of_another_provider_cannot_be_assigned(client, app, inbox):
    reference = make_request(client, app)
    with app.app_context():
        bremen_user = admin.find_user(BREMEN).id
    login(client)
    url = f"/anbieter/anfragen/{reference}"
    page_text(check_page(follow(client, post_form(client, f"{url}/zuweisen", {"assign-assignee": str(bremen_user)}, page_url=url))))
    with app.app_context():
        assert db.session.execute(db.select(ContactRequest).filter_by(reference=reference)).scalar_one().assigned_to_id is None


# --- export ------------------------------------------------------------------------------------


def test_csv_export_of_the_filtered_list_is_safe_against_formulas(client, app, inbox):
    evil = make_request(client, app, name="=HYPERLINK(\"http://evil.example\")", message="+1+2\n@SUM(A1)")
    plain = make_request(client, app, name="Bernd")
    login(client)
    post_form(client, f"/anbieter/anfragen/{plain}/status", {"status-status": "erledigt"}, page_url=f"/anbieter/anfragen/{plain}")
    search(client, "")
    response = export(client, "?status=neu")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert table[0][:5] == ["Referenz", "Eingang", "Status", "Zuständig", "Name"]
    references = [row[0] for row in table[1:]]
    assert evil in references and plain not in references
    row = next(row for row in table if row[0] == evil)
    assert row[4] == "'=HYPERLINK(\"http://evil.example\")"
    assert row[table[0].index("Nachricht")] == "'+1+2\n@SUM(A1)"
    assert row[table[0].index("Kontaktweg")] == "Am Telefon"
    assert ("export", "") in audit_actions(app)


# --- deleting on the person's wish ---------------------------------------------------------------


def test_delete_on_the_persons_wish_leaves_a_record_without_personal_data(client, app, inbox):
    reference = make_request(client, app, name="Lösch Mich", message="geheim")
    login(client)
    url = f"/anbieter/anfragen/{reference}"
    post_form(client, f"{url}/notiz", {"note-text": "Notiz"}, page_url=url)
    check_page(client.get(f"{url}/loeschen"))
    document = check_page(follow(client, post_form(client, f"{url}/loeschen", {})))
    assert "Bitte bestätigen Sie" in page_text(document)
    response = post_form(client, f"{url}/loeschen", {"confirm": "y"})
    assert response.status_code == 303 and response.headers["Location"] == "/anbieter"
    assert "ist gelöscht" in page_text(check_page(client.get("/anbieter")))
    assert client.get(url).status_code == 404
    with app.app_context():
        assert db.session.query(ContactRequest).filter_by(reference=reference).count() == 0
        assert db.session.query(HistoryEntry).count() == 0
        (record,) = db.session.execute(db.select(DeletionRecord)).scalars().all()
        assert (record.reference, record.reason, record.deleted_by.email) == (reference, "person_asked", ANNA)
        columns = {column.name for column in DeletionRecord.__table__.columns}
        assert not columns & {"name", "phone", "email", "message", "postal_address"}
    assert ("delete", reference) in audit_actions(app)


def test_a_deleted_reference_is_never_given_again(client, app, inbox, monkeypatch):
    import portal.contact.service as service

    reference = make_request(client, app)
    login(client)
    post_form(client, f"/anbieter/anfragen/{reference}/loeschen", {"confirm": "y"})
    numbers = iter([reference, "JB-NEW3"])
    monkeypatch.setattr(service, "new_reference", lambda: next(numbers))
    assert make_request(client, app) == "JB-NEW3"


# --- audit -------------------------------------------------------------------------------------


def test_every_view_and_change_is_in_the_audit_log_without_personal_data(client, app, inbox):
    reference = make_request(client, app, name="Privatname", message="Privatnachricht")
    login(client)
    url = f"/anbieter/anfragen/{reference}"
    search(client, "Privatname")
    client.get("/anbieter")
    client.get(url)
    post_form(client, f"{url}/notiz", {"note-text": "Privatnotiz"}, page_url=url)
    export(client)
    actions = [action for action, _ref in audit_actions(app)]
    for expected in ("login", "list", "view", "note", "export"):
        assert expected in actions
    with app.app_context():
        entries = db.session.execute(db.select(AuditEntry)).scalars().all()
        dump = " ".join(f"{e.action} {e.reference} {e.detail}" for e in entries)
        assert "Privat" not in dump
        assert all(e.provider_id is not None for e in entries if e.action != "login_failed")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_inbox_page_passes_the_page_check(client, app, inbox, lang):
    reference = make_request(client, app, message="Hallo")
    client.get(f"/?lang={lang}")
    check_page(client.get("/anbieter/anmelden"), lang=lang)
    login(client)
    url = f"/anbieter/anfragen/{reference}"
    post_form(client, f"{url}/notiz", {"note-text": "Notiz"}, page_url=url)
    search(client, "Hallo")
    for page in ("/anbieter", "/anbieter?status=neu", url, f"{url}/loeschen"):
        check_page(client.get(page), lang=lang)
    check_page(follow(client, post_form(client, f"{url}/notiz", {"note-text": ""}, page_url=url)), lang=lang)
    check_page(client.get("/anbieter/anfragen/JB-2222"), status=404, lang=lang)
    if lang == "en":
        assert "Requests to integra Lübeck" in client.get("/anbieter").get_data(as_text=True)
