"""The page frame, languages, display preferences, security headers and error pages."""
from __future__ import annotations

import pytest

from portal.pages.models import BarrierReport
from tests.support.forms import csrf_token, follow, post_form
from tests.support.pagecheck import XHTML, check_page, h1_text, page_text, texts

pytestmark = pytest.mark.sqlite_enough

SIMPLE_PAGES = ["/", "/barrierefreiheit", "/datenschutz", "/impressum", "/begleitung", "/barrierefreiheit/danke"]


@pytest.mark.parametrize("url", SIMPLE_PAGES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_shell_page_passes_the_page_check(client, url, lang):
    document = check_page(client.get(f"{url}?lang={lang}"), lang=lang)
    nav_labels = {nav.get("aria-label") for nav in document.iter(f"{XHTML}nav")}
    assert len(nav_labels) == len(list(document.iter(f"{XHTML}nav"))), "every nav needs its own label"


def test_start_page_offers_four_entry_points_and_a_line_for_support_staff(client):
    document = check_page(client.get("/"))
    links = {a.get("href") for a in document.iter(f"{XHTML}a") if "entry-point" in (a.get("class") or "")}
    assert links == {"/module", "/klaerung", "/budget", "/kontakt"}
    assert "Sie begleiten jemanden?" in page_text(document)
    pictograms = [svg for svg in document.iter("{http://www.w3.org/2000/svg}svg") if svg.get("aria-hidden") == "true"]
    assert len(pictograms) >= 4


def test_start_page_explains_navigation_and_the_accessibility_statement(client):
    text = page_text(check_page(client.get("/")))
    assert "Barrierefreiheit" in text  # the Mediopunkt is drawn by CSS: the text is the whole word
    assert "Menü" in text or "menü" in text


def test_header_has_navigation_language_switch_and_display_settings(client):
    html = client.get("/").get_data(as_text=True)
    for path in ("/module", "/klaerung", "/budget", "/kontakt", "/woerterbuch"):
        assert f'href="{path}"' in html
    assert 'href="/?lang=en"' in html and "Deutsch – Leichte Sprache" in html
    assert 'href="/?schrift=gross"' in html and 'href="/?schrift=sehr-gross"' in html
    assert 'href="/?kontrast=hoch"' in html


def test_mediopunkt_is_visual_only(client):
    html = client.get("/").get_data(as_text=True)
    assert 'Barriere<span class="mp" aria-hidden="true"></span>' in html
    assert "Barriere·freiheit" not in html.split("<body", 1)[1].split("</header>", 1)[0]


def test_language_from_query_is_remembered(client):
    assert 'lang="en"' in client.get("/?lang=en").get_data(as_text=True)
    assert 'lang="en"' in client.get("/datenschutz").get_data(as_text=True)
    assert 'lang="de"' in client.get("/datenschutz?lang=de").get_data(as_text=True)


def test_accept_language_decides_the_first_visit(client):
    html = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en"' in html
    html = client.get("/", headers={"Accept-Language": "fr-FR"}).get_data(as_text=True)
    assert '<html lang="de"' in html


@pytest.mark.parametrize("value", ["fr", "", "../en", "en<script>", "DE"])
def test_unknown_language_falls_back_to_german(client, value):
    response = client.get("/", query_string={"lang": value})
    assert response.status_code == 200
    assert '<html lang="de"' in response.get_data(as_text=True)


def test_text_size_and_contrast_work_without_javascript_and_are_remembered(client):
    html = client.get("/?schrift=sehr-gross").get_data(as_text=True)
    assert 'class="schrift-sehr-gross kontrast-normal"' in html
    html = client.get("/?kontrast=hoch").get_data(as_text=True)
    assert 'class="schrift-sehr-gross kontrast-hoch"' in html
    html = client.get("/impressum").get_data(as_text=True)
    assert 'class="schrift-sehr-gross kontrast-hoch"' in html
    assert 'href="/impressum?kontrast=normal"' in html
    html = client.get("/?schrift=riesig").get_data(as_text=True)
    assert 'class="schrift-sehr-gross kontrast-hoch"' in html


def test_only_the_session_and_the_display_cookie_exist(client):
    client.get("/?lang=en&schrift=gross")
    post_form(client, "/barrierefreiheit", {"description": "Ein Test"})
    names = {cookie.key for cookie in client._cookies.values()}
    assert names <= {"portal_session", "anzeige"}


def test_preference_cookie_is_httponly_and_lax(client):
    header = client.get("/?schrift=gross").headers["Set-Cookie"]
    assert "anzeige=" in header and "HttpOnly" in header and "SameSite=Lax" in header


def test_security_headers_on_every_response(client):
    for url in ("/", "/does-not-exist", "/healthz", "/barrierefreiheit"):
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_static_files_have_hashed_urls_and_long_cache_lifetimes(client):
    html = client.get("/").get_data(as_text=True)
    css_url = html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert "?v=" in css_url
    response = client.get(css_url)
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Cache-Control"] and "immutable" in response.headers["Cache-Control"]


def test_no_third_party_urls_in_pages(client):
    for url in SIMPLE_PAGES:
        html = client.get(url).get_data(as_text=True)
        assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
        assert "https://" not in html


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json["database"] == "up"


def test_healthz_answers_503_when_the_database_is_down(client, app, monkeypatch):
    from portal.extensions import db

    def broken(*args, **kwargs):
        raise RuntimeError("database is gone")

    with app.app_context():
        monkeypatch.setattr(db.session, "execute", broken)
        response = client.get("/healthz")
    assert response.status_code == 503 and response.json["database"] == "down"


@pytest.mark.parametrize("lang,heading", [("de", "Diese Seite gibt es nicht"), ("en", "This page does not exist")])
def test_unknown_route_gives_the_404_page_in_the_frame(client, lang, heading):
    document = check_page(client.get(f"/gibt-es-nicht?lang={lang}"), status=404, lang=lang)
    assert h1_text(document) == heading
    assert any("Start" in t for t in texts(document, "a"))


def test_method_not_allowed_and_bad_request_pages(client, app):
    check_page(client.post("/datenschutz"), status=405)
    check_page(client.post("/barrierefreiheit", data={"description": "x"}), status=400)


def test_403_429_and_500_pages(app, client):
    from werkzeug.exceptions import Forbidden, TooManyRequests

    @app.get("/_test/403")
    def forbidden():
        raise Forbidden()

    @app.get("/_test/429")
    def too_many():
        raise TooManyRequests()

    @app.get("/_test/500")
    def broken():
        raise RuntimeError("boom")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    assert h1_text(check_page(client.get("/_test/403"), status=403)) == "Diese Seite ist nicht für Sie"
    assert h1_text(check_page(client.get("/_test/429"), status=429)) == "Bitte machen Sie eine kurze Pause"
    assert h1_text(check_page(client.get("/_test/500"), status=500)) == "Bei uns ist ein Fehler passiert"


# --- the barrier report (BITV asks for a feedback form on the accessibility statement) ---

def _reports(app):
    with app.app_context():
        return BarrierReport.query.all()


def test_barrier_report_is_stored_and_thanked(client, app):
    response = post_form(client, "/barrierefreiheit", {"page": "Modul 3", "description": "Der Knopf ist zu klein.", "contact": ""})
    assert response.status_code == 303 and response.headers["Location"].endswith("/barrierefreiheit/danke")
    reports = _reports(app)
    assert [(r.page, r.description, r.lang) for r in reports] == [("Modul 3", "Der Knopf ist zu klein.", "de")]
    check_page(client.get("/barrierefreiheit/danke"))


def test_barrier_report_without_csrf_token_is_refused_and_stores_nothing(client, app):
    response = client.post("/barrierefreiheit", data={"description": "Hallo"})
    assert response.status_code == 400
    assert _reports(app) == []


def test_empty_barrier_report_gets_a_friendly_error_with_summary(client, app):
    response = follow(client, post_form(client, "/barrierefreiheit", {"page": "Start", "description": "   "}))
    document = check_page(response)
    html = response.get_data(as_text=True)
    assert "<title>Fehler: " in html
    assert 'href="#description"' in html and "Bitte schreiben Sie, was nicht klappt." in html
    assert 'aria-invalid="true"' in html and 'value="Start"' in html
    assert _reports(app) == []
    assert document is not None


def test_over_long_barrier_report_keeps_the_text_and_says_the_limit(client, app):
    long_text = "Barriere " * 300
    response = follow(client, post_form(client, "/barrierefreiheit", {"description": long_text}))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "höchstens 2000 Zeichen" in html
    assert long_text.strip()[:200] in html
    assert _reports(app) == []


def test_typed_html_is_shown_as_text(client):
    response = follow(client, post_form(client, "/barrierefreiheit", {"page": "<script>alert(1)</script>", "description": ""}))
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_honeypot_stores_nothing_but_looks_like_success(client, app):
    response = post_form(client, "/barrierefreiheit", {"description": "Kaufen Sie jetzt!", "website": "http://spam.example"})
    assert response.status_code == 303
    assert _reports(app) == []


def test_csrf_token_is_on_the_form(client):
    assert csrf_token(client, "/barrierefreiheit")


def test_robots_keep_crawlers_out_of_the_word_counter_and_the_staff_areas(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Disallow: /woerterbuch/wort/", "Disallow: /anbieter/", "Disallow: /betrieb"} <= set(lines)
    assert "Disallow: /" not in lines  # the public pages stay findable
