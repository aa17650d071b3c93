"""Post/Redirect/Get for every form (portal/ui/pending.py): a post with errors answers 303 to the GET of
its page, which shows the errors and what was typed; the typed text waits on the server, not in the cookie,
at most an hour, and `flask --app portal purge` deletes it."""
from __future__ import annotations

from datetime import timedelta

from portal.extensions import db
from portal.providers.dbtypes import utcnow
from portal.ui.pending import LIFETIME, PendingForm
from tests.support.forms import follow, post_form
from tests.support.pagecheck import XHTML, check_page, page_text

SECRET = "Ich habe Epilepsie und brauche Pausen"


def report_with_errors(client):
    return post_form(client, "/barrierefreiheit", {"page": SECRET, "description": ""})


def rows(app) -> list[PendingForm]:
    with app.app_context():
        return db.session.query(PendingForm).all()


def test_a_post_with_errors_redirects_to_the_form_which_shows_errors_and_typed_text(client):
    response = report_with_errors(client)
    assert response.status_code == 303 and response.headers["Location"] == "/barrierefreiheit"
    page = client.get("/barrierefreiheit")
    document = check_page(page)
    html = page.get_data(as_text=True)
    assert document.find(f".//{XHTML}title").text.startswith("Fehler: ")
    assert "data-error-summary" in html and 'href="#description"' in html
    assert f'value="{SECRET}"' in html
    again = client.get("/barrierefreiheit").get_data(as_text=True)
    assert f'value="{SECRET}"' in again and "data-error-summary" in again, "reload shows the same"


def test_the_typed_text_is_kept_on_the_server_not_in_the_cookie(client, app):
    report_with_errors(client)
    with client.session_transaction() as session:
        assert SECRET not in str(dict(session))
        key = session["pending"]
    stored = rows(app)
    assert len(stored) == 1 and key not in stored[0].key_hash, "only a hash of the session's key is stored"
    assert stored[0].expires_at <= utcnow() + LIFETIME and LIFETIME <= timedelta(hours=1)


def test_another_browser_does_not_see_the_typed_text(client, app):
    report_with_errors(client)
    other = app.test_client()
    html = other.get("/barrierefreiheit").get_data(as_text=True)
    assert SECRET not in html and "data-error-summary" not in html


def test_a_form_sent_without_errors_forgets_the_typed_text(client, app):
    report_with_errors(client)
    response = post_form(client, "/barrierefreiheit", {"page": "Start", "description": "Der Knopf ist zu klein."})
    assert response.status_code == 303 and response.headers["Location"] != "/barrierefreiheit"
    assert rows(app) == []
    assert "data-error-summary" not in client.get("/barrierefreiheit").get_data(as_text=True)


def test_the_kept_values_belong_to_their_page_only(client):
    report_with_errors(client)
    html = client.get("/weitermachen").get_data(as_text=True)
    assert "data-error-summary" not in html and SECRET not in html


def test_expired_values_are_not_shown_and_purge_deletes_them(client, app, runner):
    report_with_errors(client)
    with app.app_context():
        row = db.session.query(PendingForm).one()
        row.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert SECRET not in client.get("/barrierefreiheit").get_data(as_text=True)
    result = runner.invoke(args=["purge"])
    assert "typed form values: 1 deleted" in result.output
    assert rows(app) == []


def test_passwords_are_never_kept(client, app):
    response = post_form(client, "/anbieter/anmelden", {"email": "", "password": "geheimes Passwort"})
    assert response.status_code == 303
    assert all("geheimes Passwort" not in row.data for row in rows(app))
    assert "geheimes Passwort" not in follow(client, response).get_data(as_text=True)


def test_the_errors_page_is_never_shared_by_the_render_cache(client, app):
    """Klärung questions come from the render cache; a question with kept errors must not."""
    client.get("/klaerung")
    post_form(client, "/klaerung", {"mode": "allein"})
    location = client.get("/klaerung/weiter").headers["Location"]
    client.get(location)  # now in the cache
    response = post_form(client, location, {})
    assert response.status_code == 303 and response.headers["Location"] == location
    assert "data-error-summary" in client.get(location).get_data(as_text=True)
    assert "Fehler" in page_text(check_page(client.get(location)))
