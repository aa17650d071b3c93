"""Finding what to measure on a running site, tried on a small stand-in with the portal's shapes:
a Klärung behind a start form, and a contact form over several pages with a server-side draft."""
from __future__ import annotations

import secrets
import sqlite3
import threading

import pytest
from flask import Flask, abort, redirect, request, session
from werkzeug.serving import make_server

from bench import discover
from bench.forms import POSTCODES

FRAME = "<!doctype html><html lang=\"de\"><body><nav><a href=\"/kontakt\">Kontakt</a></nav>{}</body></html>"
CANCEL = ('<form method="post" action="/kontakt/abbrechen"><input type="hidden" name="csrf_token" value="{t}">'
          '<button class="button button-secondary">Neu anfangen</button></form>')


def stand_in(database: str, with_klaerung: bool = True, accepted_postcode: str = POSTCODES[1]) -> Flask:
    app = Flask(__name__)
    app.secret_key = "stand-in"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE draft (token TEXT PRIMARY KEY, answers TEXT)")
        connection.execute("CREATE TABLE request (id INTEGER PRIMARY KEY, name TEXT)")

    def token() -> str:
        session.setdefault("csrf", secrets.token_hex(8))
        return session["csrf"]

    def page(body: str, errors: str = "") -> str:
        summary = f'<div class="error-summary" data-error-summary><ul><li><a href="#f">{errors}</a></li></ul></div>'
        return FRAME.format((summary if errors else "") + body.format(t=token()))

    def checked() -> None:
        if request.form.get("csrf_token") != session.get("csrf"):
            abort(400)

    def draft() -> str | None:
        with sqlite3.connect(database) as connection:
            row = connection.execute("SELECT token FROM draft WHERE token = ?", (session.get("draft", ""),)).fetchone()
        return row[0] if row else None

    @app.get("/")
    def start():
        return page("<h1>Start</h1>")

    @app.get("/alt")
    def moved():
        return redirect("/")

    @app.get("/kontakt")
    def contact():
        return page('<h1>Kontakt</h1><a class="button" href="/kontakt/name">Jetzt starten</a>')

    @app.route("/kontakt/name", methods=["GET", "POST"])
    def name():
        if request.method == "POST":
            checked()
            if not request.form.get("name"):
                return page("<form method=post></form>", "Bitte schreiben Sie Ihren Namen.")
            if request.form.get("website"):
                return redirect("/kontakt/anbieter", 303)  # a bot: answer as if all went well
            session["draft"] = secrets.token_hex(8)
            with sqlite3.connect(database) as connection:
                connection.execute("INSERT INTO draft VALUES (?, ?)", (session["draft"], request.form["name"]))
            return redirect("/kontakt/anbieter", 303)
        return page(CANCEL + '<form method="post" novalidate><input type="hidden" name="csrf_token" value="{t}">'
                    '<label for="name">Vorname</label><input id="name" name="name">'
                    '<div class="honeypot" aria-hidden="true"><input name="website" tabindex="-1"></div>'
                    '<button class="button">Weiter</button></form>')

    @app.route("/kontakt/anbieter", methods=["GET", "POST"])
    def provider():
        if request.method == "POST":
            checked()
            return redirect("/kontakt/ort", 303)
        return page(CANCEL + '<form method="post"><input type="hidden" name="csrf_token" value="{t}">'
                    '<button class="button">Weiter</button></form>')

    @app.route("/kontakt/ort", methods=["GET", "POST"])
    def place():
        if request.method == "POST":
            checked()
            if request.form.get("postcode") != accepted_postcode or not request.form.get("consent"):
                return page('<form method="post"></form>', "Für diese Postleitzahl gibt es niemanden.")
            return redirect("/kontakt/pruefen", 303)
        return page('<form method="post"><input type="hidden" name="csrf_token" value="{t}">'
                    '<label for="postcode">Postleitzahl</label><input id="postcode" name="postcode">'
                    '<input type="checkbox" name="consent" value="y"><button class="button">Weiter</button></form>')

    @app.route("/kontakt/pruefen", methods=["GET", "POST"])
    def send():
        if request.method == "POST":
            checked()
            found = draft()
            if found is None:
                return redirect("/kontakt/fertig", 303)  # sent twice: it was stored once
            with sqlite3.connect(database) as connection:
                connection.execute("INSERT INTO request (name) SELECT answers FROM draft WHERE token = ?", (found,))
                connection.execute("DELETE FROM draft WHERE token = ?", (found,))
            return redirect("/kontakt/fertig", 303)
        return page('<form method="post"><input type="hidden" name="csrf_token" value="{t}">'
                    '<button class="button">Absenden</button></form>')

    @app.get("/kontakt/fertig")
    def done():
        return page("<h1>Danke</h1><p>JB-7K3M</p>")

    if with_klaerung:
        @app.route("/klaerung", methods=["GET", "POST"])
        def klaerung():
            if request.method == "POST":
                checked()
                session["mode"] = request.form["mode"]
                return redirect("/klaerung/weiter", 303)
            return page('<form method="post"><input type="hidden" name="csrf_token" value="{t}">'
                        '<input type="radio" name="mode" value="alleine"><input type="radio" name="mode" value="begleitet">'
                        '<button class="button">Los</button></form>')

        @app.get("/klaerung/weiter")
        def resume():
            return redirect("/klaerung/frage/eins" if "mode" in session else "/klaerung")

        @app.get("/klaerung/frage/eins")
        def question():
            if "mode" not in session:
                return redirect("/klaerung")
            return page('<form method="post"><input type="hidden" name="csrf_token" value="{t}">'
                        '<input type="radio" name="answer" value="ja"><button class="button">Weiter</button></form>')

    return app


class Served:
    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.thread.join(5)


@pytest.fixture
def site(tmp_path):
    database = tmp_path / "stand-in.sqlite3"
    served = Served(stand_in(str(database)))
    served.database_url = f"sqlite:///{database}"
    yield served
    served.stop()


def test_a_page_is_measured_where_it_ends_and_a_missing_one_is_named(site):
    assert discover.discover_page(site.url, "start", "/").path == "/"
    moved = discover.discover_page(site.url, "alt", "/alt")
    assert moved.path == "/" and moved.note == "/alt redirects to /"
    missing = discover.discover_page(site.url, "budget overview", "/budget")
    assert not missing.available and missing.note == "not available yet (GET /budget answers 404)"


def test_the_klaerung_question_is_reached_through_the_start_form(site):
    found = discover.discover_klaerung_question(site.url)
    assert found.path == "/klaerung/frage/eins" and found.cookie.startswith("session=")
    answer = discover.Visitor(site.url).request("GET", found.path, headers={"Cookie": found.cookie})
    assert answer.status == 200 and 'name="answer"' in answer.text


def test_a_missing_klaerung_is_not_available_yet(tmp_path):
    served = Served(stand_in(str(tmp_path / "db.sqlite3"), with_klaerung=False))
    try:
        found = discover.discover_klaerung_question(served.url)
    finally:
        served.stop()
    assert not found.available and found.note == "not available yet (GET /klaerung answers 404)"


def test_walking_the_contact_form_finds_the_post_that_stores_the_request(site):
    journey = discover.walk_form(site.url, site.database_url, "/kontakt")
    assert [step.action for step in journey.steps] == ["/kontakt/name", "/kontakt/anbieter", "/kontakt/ort",
                                                       "/kontakt/pruefen"]
    assert journey.steps[0].stored == {"draft": 1}  # a draft is kept on the way, but that is not the send
    assert journey.send.action == "/kontakt/pruefen" and journey.send.stored == {"request": 1}
    assert dict(journey.steps[2].pairs)["postcode"] == POSTCODES[1]  # the first postcode was refused
    assert dict(journey.steps[0].pairs)["website"] == ""


def test_each_prepared_visitor_sends_once_and_stores_one_request(site):
    endpoint = discover.discover_contact_send(site.url, site.database_url)
    assert endpoint.path == "/kontakt/pruefen" and "request +1" in endpoint.note
    prepared = discover.prepare_sends(site.url, endpoint.journey, 5, threads=3)
    assert len({cookie for cookie, _ in prepared}) == 5
    before = discover.row_counts(site.database_url)
    for cookie, body in prepared:
        answer = discover.Visitor(site.url).request("POST", endpoint.path, body=body, headers={"Cookie": cookie})
        assert answer.status == 303
    assert discover.grown_tables(before, discover.row_counts(site.database_url)) == {"request": 5}
    again = discover.row_counts(site.database_url)
    cookie, body = prepared[0]
    discover.Visitor(site.url).request("POST", endpoint.path, body=body, headers={"Cookie": cookie})
    assert discover.row_counts(site.database_url) == again  # sending twice stores nothing


def test_a_form_that_accepts_no_answer_is_reported_not_crashed(tmp_path):
    served = Served(stand_in(str(tmp_path / "db.sqlite3"), accepted_postcode="99999"))
    try:
        found = discover.discover_contact_send(served.url, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    finally:
        served.stop()
    assert not found.available
    assert found.note.startswith("the form on /kontakt/ort did not accept the benchmark's answers")


def test_a_missing_contact_form_is_not_available_yet(site):
    found = discover.discover_contact_send(site.url, site.database_url, start="/anfrage")
    assert not found.available and found.note == "not available yet (GET /anfrage answers 404)"


def test_the_page_cache_state_is_read_from_the_answer(site):
    assert discover.page_cache_state(site.url, discover.Endpoint("start", "GET", "/")) == "not cached"
