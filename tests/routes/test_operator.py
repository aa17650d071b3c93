"""The operator's desk (/betrieb): operator accounts log in at /anbieter/anmelden and land on the
desk; they never see the inbox, and provider staff never see the desk (404 both ways, audited; the
URLs come from the app's URL map, so a new page of either area is covered too). A barrier report
sent through the accessibility form reaches the operators through the outbox without what it says,
appears on the desk, and is worked on (status, notes) with every change in the audit log."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from portal.extensions import db
from portal.inbox.models import AuditEntry
from portal.mail.models import OutboxMail
from portal.operator.logic import ENTRIES_MAX, NOTE_MAX, entries
from portal.pages.models import BarrierReport
from portal.providers import admin
from tests.routes.test_inbox import ANNA, PASSWORD, cheap_passwords, inbox, login  # noqa: F401  (fixtures)
from tests.support.forms import follow, post_form
from tests.support.pagecheck import check_page, h1_text, page_text

OPERATOR = "olga@betrieb.example"
SECRET_TEXT = "Der Knopf <b>Weiter</b> ist für meinen Screen·reader unsichtbar. Ich bin blind."
CONTACT = "maria@privat.example"
ACCOUNT_PAGES = {"/anbieter/anmelden", "/anbieter/abmelden", "/betrieb/abmelden"}  # shared by both kinds


@pytest.fixture
def desk(app, inbox):
    """The demo providers with their staff (from `inbox`) and an operator account."""
    with app.app_context():
        admin.create_operator(OPERATOR, PASSWORD, name="Olga")
        db.session.commit()


def report_barrier(client, description=SECRET_TEXT, page="Modul 3", contact=CONTACT, **extra):
    response = post_form(client, "/barrierefreiheit", {"page": page, "description": description, "contact": contact, **extra})
    assert response.status_code == 303 and response.headers["Location"] == "/barrierefreiheit/danke"
    return response


def last_report_id(app) -> int:
    with app.app_context():
        return db.session.execute(db.select(BarrierReport.id).order_by(BarrierReport.id.desc())).scalars().first()


def area_urls(app, prefix: str) -> list[tuple[str, str]]:
    """(method, url) for every URL of an area, with a made-up value for its variables."""
    found = []
    for rule in app.url_map.iter_rules():
        # "/anbieter" and "/anbieter/…", not the public "/anbieter-finden"
        if (rule.rule == prefix or rule.rule.startswith(prefix + "/")) and rule.rule not in ACCOUNT_PAGES:
            url = re.sub(r"<(?:int:)?reference>", "JB-2345", rule.rule)
            url = re.sub(r"<(?:int:)?report_id>", "1", url)
            url = re.sub(r"<int:(?:module|baustein|story_id)>", "1", url)  # the provider's profile pages
            assert "<" not in url, f"no made-up value for {rule.rule}: add one here"
            found += [(method, url) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return found


def send_to(client, method, url, page_url):
    if method == "GET":
        return client.get(url)
    return post_form(client, url, {"status": "erledigt", "note": "fremd", "text": "fremd"}, page_url=page_url)


def audit_of(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        found = db.session.execute(db.select(AuditEntry).filter_by(action=action).order_by(AuditEntry.id)).scalars().all()
        for entry in found:
            _ = entry.user  # loaded before the session ends
        return found


# --- who sees what ------------------------------------------------------------------------------


def test_the_desk_needs_a_log_in(client, desk):
    for url in ("/betrieb", "/betrieb?status=neu", "/betrieb/barrieren/1"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/anbieter/anmelden?weiter=/betrieb"), url


def test_an_operator_logs_in_at_the_same_page_and_lands_on_the_desk(client, app, desk):
    response = login(client, OPERATOR)
    assert response.status_code == 303 and response.headers["Location"] == "/betrieb"
    for lang in ("de", "en"):
        document = check_page(client.get(f"/betrieb?lang={lang}"), lang=lang)
        assert h1_text(document) == {"de": "Betrieb des Portals", "en": "Running the portal"}[lang]
        text = page_text(document)
        assert {"de": "Angemeldet als Olga", "en": "Logged in as Olga"}[lang] in text
        assert {"de": "0 Meldungen", "en": "0 reports"}[lang] in text
    assert [entry.user.email for entry in audit_of(app, "login")] == [OPERATOR]


def test_after_log_in_each_kind_of_account_returns_only_into_its_own_area(client, desk):
    assert login(client, OPERATOR, follow="/betrieb/barrieren/7").headers["Location"] == "/betrieb/barrieren/7"
    for target in ("/anbieter", "/anbieter/anfragen/JB-2345", "/betriebsrat", "https://evil.example/betrieb"):
        client.post("/betrieb/abmelden", data={"csrf_token": _token(client)})
        assert login(client, OPERATOR, follow=target).headers["Location"] == "/betrieb", target
    client.post("/betrieb/abmelden", data={"csrf_token": _token(client)})
    assert login(client, ANNA, follow="/betrieb").headers["Location"] == "/anbieter"


def _token(client):
    html = client.get("/anbieter/anmelden").get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def test_an_operator_never_sees_the_inbox(client, app, desk):
    urls = area_urls(app, "/anbieter")
    assert ("GET", "/anbieter") in urls and ("POST", "/anbieter/anfragen/JB-2345/notiz") in urls
    login(client, OPERATOR)
    for method, url in urls:
        response = send_to(client, method, url, page_url="/betrieb")
        assert response.status_code == 404, (method, url, response.status_code)
        if response.mimetype == "text/html":
            check_page(response, status=404)
    assert client.get("/anbieter?lang=en").status_code == 404
    denied = audit_of(app, "not_found")
    assert len(denied) == len(urls) + 1 and {entry.user.email for entry in denied} == {OPERATOR}
    assert all(entry.provider_id is None for entry in denied)
    # The log-in page itself is shared: it shows who is logged in, without a provider.
    assert "Angemeldet als Olga" in page_text(check_page(client.get("/anbieter/anmelden?lang=de")))


def test_provider_staff_never_see_the_desk(client, app, desk):
    report_barrier(client)
    report_id = last_report_id(app)
    urls = area_urls(app, "/betrieb")
    assert {("GET", "/betrieb"), ("GET", "/betrieb/barrieren/1"), ("POST", "/betrieb/barrieren/1")} <= set(urls)
    login(client, ANNA)
    for method, url in urls + [("GET", f"/betrieb/barrieren/{report_id}"), ("POST", f"/betrieb/barrieren/{report_id}")]:
        response = send_to(client, method, url, page_url="/anbieter")
        assert response.status_code == 404, (method, url, response.status_code)
        check_page(response, status=404)
        assert "Screen·reader" not in response.get_data(as_text=True)
    assert {entry.user.email for entry in audit_of(app, "not_found")} == {ANNA}
    with app.app_context():
        report = db.session.get(BarrierReport, report_id)
        assert (report.status, report.notes) == ("neu", "")
    assert client.get("/anbieter").status_code == 200  # the staff member's own inbox still works


def test_log_out_from_the_desk_ends_the_session(client, app, desk):
    login(client, OPERATOR)
    response = post_form(client, "/betrieb/abmelden", {}, page_url="/betrieb")
    assert response.status_code == 303 and response.headers["Location"] == "/anbieter/anmelden"
    assert "Sie sind abgemeldet." in page_text(check_page(client.get("/anbieter/anmelden")))
    assert client.get("/betrieb").status_code == 302
    assert [entry.user.email for entry in audit_of(app, "logout")] == [OPERATOR]


def test_a_disabled_operator_is_logged_out_and_cannot_log_in(client, app, desk):
    login(client, OPERATOR)
    with app.app_context():
        admin.set_active(admin.find_user(OPERATOR), False)
        db.session.commit()
    assert client.get("/betrieb").status_code == 302
    assert login(client, OPERATOR).headers["Location"].startswith("/anbieter/anmelden")


# --- a barrier report reaches the operators ---------------------------------------------------------


def mails(app) -> list[OutboxMail]:
    with app.app_context():
        return db.session.execute(db.select(OutboxMail).order_by(OutboxMail.id)).scalars().all()


def test_a_report_notifies_every_active_operator_without_what_it_says(client, app, desk):
    with app.app_context():
        admin.create_operator("paul@betrieb.example", PASSWORD)
        admin.create_operator("alt@betrieb.example", PASSWORD).active = False
        db.session.commit()
    report_barrier(client)
    report_id = last_report_id(app)
    sent = mails(app)
    assert sorted(mail.to_address for mail in sent) == [OPERATOR, "paul@betrieb.example"]  # no provider staff
    for mail in sent:
        assert mail.subject == "Neue Barriere-Meldung im JobBudget-Portal"
        assert f"http://localhost/betrieb/barrieren/{report_id}" in mail.body
        for private in ("Knopf", "Screen", "blind", "Modul 3", CONTACT, "maria"):
            assert private not in mail.body and private not in mail.subject, private


class TestNotifyAddress:
    @pytest.fixture
    def app_config(self):
        return {"OPERATOR_NOTIFY_EMAIL": "Barrieren@Traeger.example, team@traeger.example,, kein-at",
                "PORTAL_BASE_URL": "https://portal.example"}

    def test_the_setting_replaces_the_operator_accounts(self, client, app, desk):
        report_barrier(client)
        sent = mails(app)
        assert sorted(mail.to_address for mail in sent) == ["barrieren@traeger.example", "team@traeger.example"]
        assert f"https://portal.example/betrieb/barrieren/{last_report_id(app)}" in sent[0].body


def test_a_bot_in_the_honeypot_stores_nothing_and_notifies_nobody(client, app, desk):
    report_barrier(client, website="http://spam.example")
    assert last_report_id(app) is None and mails(app) == []


def test_without_any_operator_the_report_is_stored_and_a_warning_logged(client, app, caplog):
    report_barrier(client)
    assert last_report_id(app) is not None and mails(app) == []
    assert "no operator to tell" in caplog.text


# --- working on a report at the desk -----------------------------------------------------------------


def test_a_report_appears_on_the_desk_and_its_page_shows_it_as_text(client, app, desk):
    report_barrier(client)
    report_barrier(client, description="Die Schrift ist zu klein.", page="", contact="")
    first, second = last_report_id(app) - 1, last_report_id(app)
    login(client, OPERATOR)
    for lang in ("de", "en"):
        text = page_text(check_page(client.get(f"/betrieb?lang={lang}"), lang=lang))
        assert {"de": "2 Meldungen", "en": "2 reports"}[lang] in text
        assert {"de": f"Meldung {first}", "en": f"Report {first}"}[lang] in text
        assert {"de": "Neu (2)", "en": "New (2)"}[lang] in text
    for lang in ("de", "en"):
        response = client.get(f"/betrieb/barrieren/{first}?lang={lang}")
        document = check_page(response, lang=lang)
        assert h1_text(document) == {"de": f"Barrieremeldung {first}", "en": f"Barrier report {first}"}[lang]
        html = response.get_data(as_text=True)
        assert "&lt;b&gt;Weiter&lt;/b&gt;" in html and "<b>Weiter</b>" not in html  # shown as text, escaped
        assert CONTACT in html and "Modul 3" in html
    assert "nicht angegeben" in page_text(check_page(client.get(f"/betrieb/barrieren/{second}?lang=de")))
    assert client.get("/betrieb/barrieren/99999").status_code == 404
    assert client.get("/betrieb/barrieren/abc").status_code == 404
    views = audit_of(app, "barrier_view")
    assert [entry.reference for entry in views][:1] == [f"B-{first}"] and views[0].user.email == OPERATOR


def test_status_and_notes_are_saved_with_audit_entries(client, app, desk):
    report_barrier(client)
    report_id = last_report_id(app)
    url = f"/betrieb/barrieren/{report_id}"
    login(client, OPERATOR)
    response = post_form(client, url, {"status": "in_arbeit", "note": "Ich prüfe den Knopf. <script>x</script>"})
    assert response.status_code == 303 and response.headers["Location"] == f"{url}#verlauf"
    page = client.get(url)
    html = page.get_data(as_text=True)
    assert "Gespeichert." in page_text(check_page(page))
    assert "Status geändert: In Arbeit" in page_text(check_page(page)) and "&lt;script&gt;x&lt;/script&gt;" in html
    assert post_form(client, url, {"status": "in_arbeit", "note": "Behoben in Version 2."}).status_code == 303
    assert post_form(client, url, {"status": "erledigt", "note": ""}).status_code == 303
    with app.app_context():
        report = db.session.get(BarrierReport, report_id)
        assert report.status == "erledigt" and report.updated_at is not None
        assert [(e.author, e.status, e.text) for e in entries(report)] == [
            ("Olga", "in_arbeit", "Ich prüfe den Knopf. <script>x</script>"),
            ("Olga", "", "Behoben in Version 2."),
            ("Olga", "erledigt", "")]
    english = page_text(check_page(client.get(f"{url}?lang=en"), lang="en"))
    assert "Status changed: Done" in english and "Status changed: In progress" in english
    changes = [(e.action, e.reference, e.detail) for e in audit_of(app, "barrier_status") + audit_of(app, "barrier_note")]
    assert sorted(changes) == sorted([
        ("barrier_status", f"B-{report_id}", "neu -> in_arbeit"), ("barrier_status", f"B-{report_id}", "in_arbeit -> erledigt"),
        ("barrier_note", f"B-{report_id}", "39 characters"), ("barrier_note", f"B-{report_id}", "21 characters")])
    assert all(entry.user.email == OPERATOR for entry in audit_of(app, "barrier_status"))
    assert "1 Meldung – gefiltert" in page_text(check_page(client.get("/betrieb?status=erledigt&lang=de")))
    assert "0 Meldungen" in page_text(check_page(client.get("/betrieb?status=neu")))


@pytest.mark.parametrize("data,message", [
    ({"status": "neu", "note": ""}, "Bitte ändern Sie den Status oder schreiben Sie eine Notiz."),
    ({"status": "neu", "note": "   "}, "Bitte ändern Sie den Status oder schreiben Sie eine Notiz."),
    ({"status": "geloescht", "note": ""}, "Bitte wählen Sie einen Status."),
    ({"status": "in_arbeit", "note": "x" * (NOTE_MAX + 1)}, "höchstens"),
])
def test_a_change_with_errors_shows_friendly_errors_after_a_redirect(client, app, desk, data, message):
    report_barrier(client)
    url = f"/betrieb/barrieren/{last_report_id(app)}"
    login(client, OPERATOR)
    response = post_form(client, url, data)
    assert response.headers["Location"] == url
    page = follow(client, response)
    document = check_page(page)
    assert message in page_text(document)
    assert "error-summary" in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(db.select(BarrierReport.status)).scalar_one() == "neu"
    assert audit_of(app, "barrier_status") == [] and audit_of(app, "barrier_note") == []


def test_a_change_needs_the_form_token(client, app, desk):
    report_barrier(client)
    login(client, OPERATOR)
    response = client.post(f"/betrieb/barrieren/{last_report_id(app)}", data={"status": "erledigt"})
    check_page(response, status=400)
    with app.app_context():
        assert db.session.execute(db.select(BarrierReport.status)).scalar_one() == "neu"


def test_a_report_takes_a_limited_number_of_notes(client, app, desk):
    report_barrier(client)
    report_id = last_report_id(app)
    with app.app_context():
        from portal.operator import logic

        report, user = db.session.get(BarrierReport, report_id), admin.find_user(OPERATOR)
        now = datetime.now(timezone.utc)
        for number in range(ENTRIES_MAX):
            logic.change(report, user, report.status, f"Notiz {number}", now)
        db.session.commit()
    login(client, OPERATOR)
    url = f"/betrieb/barrieren/{report_id}"
    page = follow(client, post_form(client, url, {"status": "neu", "note": "eine mehr"}))
    assert f"Diese Meldung hat schon {ENTRIES_MAX} Einträge." in page_text(check_page(page))


# --- purge ------------------------------------------------------------------------------------------------


def test_reports_and_their_notes_are_purged_on_time(client, app, runner, desk):
    report_barrier(client)
    old, new = last_report_id(app), None
    report_barrier(client, description="neu")
    new = last_report_id(app)
    login(client, OPERATOR)
    post_form(client, f"/betrieb/barrieren/{old}", {"status": "in_arbeit", "note": "alte Notiz"})
    with app.app_context():
        db.session.get(BarrierReport, old).created_at = datetime.now(timezone.utc) - timedelta(days=367)
        db.session.get(BarrierReport, new).created_at = datetime.now(timezone.utc) - timedelta(days=300)
        db.session.commit()
    assert "barrier reports: 1 deleted" in runner.invoke(args=["purge"]).output
    text = page_text(check_page(client.get("/betrieb")))
    assert f"Meldung {new}" in text and f"Meldung {old}" not in text
    assert client.get(f"/betrieb/barrieren/{old}").status_code == 404
    assert "Nach 12 Monaten löschen wir die Meldung mit allen Notizen." in page_text(
        check_page(client.get(f"/betrieb/barrieren/{new}")))


# --- what the form and the thank-you page promise -----------------------------------------------------


class TestEightMonths:
    @pytest.fixture
    def app_config(self):
        return {"BARRIER_REPORT_RETENTION_MONTHS": 8}

    def test_the_form_says_who_reads_the_report_and_how_long_it_is_kept(self, client):
        german = page_text(check_page(client.get("/barrierefreiheit?lang=de"), lang="de"))
        assert "Ihre Meldung geht an das Team vom Portal." in german
        assert "Das Team hebt Ihre Meldung 8 Monate lang auf." in german
        assert "Nach 8 Monaten löschen wir Ihre Meldung." in german
        english = page_text(check_page(client.get("/barrierefreiheit?lang=en"), lang="en"))
        assert "Your report goes to the team that runs this portal." in english
        assert "The team keeps your report for 8 months." in english


def test_the_thank_you_page_says_who_looks_and_promises_no_time(client):
    german = page_text(check_page(client.get("/barrierefreiheit/danke?lang=de"), lang="de"))
    for line in ("Ihre Meldung geht an das Team vom Portal.", "Das Team liest Ihre Meldung.",
                 "Das Team prüft die Barriere.", "Bei manchen Barrieren dauert es lange."):
        assert line in german
    assert "Wir schauen uns die Barriere an." not in german
    english = page_text(check_page(client.get("/barrierefreiheit/danke?lang=en"), lang="en"))
    assert "The team will read your report." in english and "Others take a long time." in english
    for promise in ("Tagen", "Wochen", "Woche", "days", "weeks"):
        assert promise not in german and promise not in english
