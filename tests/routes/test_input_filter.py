"""One input filter for every form: NUL bytes (HTTP 500 on PostgreSQL), other control characters,
bidi overrides and zero-width characters never reach the database. Run it on PostgreSQL too:
scripts/with-postgres /work/main/.venv/bin/python -m pytest tests/routes/test_input_filter.py"""
from __future__ import annotations

import pytest
from wtforms import PasswordField, StringField, TextAreaField

from portal.contact.models import ContactRequest
from portal.extensions import db
from portal.pages.models import BarrierReport
from portal.ui.forms import MaxLength, PortalForm, Required, clean_text
from tests.routes.test_contact_journey import send, step, stored, walk_to_check
from tests.routes.test_inbox import (  # noqa: F401
    ANNA, PASSWORD, cheap_passwords, failed_login, inbox, login, make_request, search)
from tests.support.forms import follow, post_form
from tests.support.pagecheck import check_page, page_text

NUL = "\x00"
# One of each kind the filter removes: C0 controls, DEL, C1, zero-width, bidi override and isolate, BOM.
INVISIBLE = "\x00\x01\x1b\x7f\x85\x9f\u200b\u200d\u200f\u202a\u202e\u2066\u2069\ufeff"


def test_clean_text_removes_exactly_the_invisible_characters():
    assert clean_text(f"Ma{INVISIBLE}ria") == "Maria"
    assert clean_text("Zeile 1\r\nZeile 2\tmit Tab") == "Zeile 1\r\nZeile 2\tmit Tab"
    assert clean_text("Özlem Groß – ١٢٣ ＡＢＣ 😀") == "Özlem Groß – ١٢٣ ＡＢＣ 😀"
    assert clean_text(None) is None


class _Form(PortalForm):
    class Meta:
        csrf = False

    name = StringField("Name", validators=[Required("Bitte schreiben Sie Ihren Namen."), MaxLength(5)])
    text = TextAreaField("Text")
    password = PasswordField("Passwort")


def test_every_text_field_is_cleaned_and_a_password_loses_only_nul(app):
    from werkzeug.datastructures import MultiDict

    with app.test_request_context():
        form = _Form(MultiDict({"name": f" Ma{INVISIBLE}ria ", "text": f"a{INVISIBLE}\nb",
                                "password": f" geheim{NUL}\u200b "}))
        assert form.validate(), form.errors
        assert (form.name.data, form.text.data, form.password.data) == ("Maria", "a\nb", " geheim\u200b ")
        empty = _Form(MultiDict({"name": f"{NUL}\u200b \u202e"}))
        assert not empty.validate() and empty.name.errors == ["Bitte schreiben Sie Ihren Namen."]
        # The browser's limit leaves room for blanks around the text: " 23552" is not cut while typed.
        assert 'maxlength="15"' in str(_Form().name())


# --- the forms named in the issue, on the database in use ----------------------------------------


@pytest.fixture
def providers(app):
    from portal.providers.demo import load_demo

    with app.app_context():
        load_demo()


def test_a_barrier_report_with_nul_bytes_is_stored_clean(client, app):
    response = post_form(client, "/barrierefreiheit", {
        "page": f"/mo{NUL}dule\u202e", "description": f"Der Knopf{NUL} geht nicht.\u200b", "contact": f"{NUL}",
        "website": NUL})
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    with app.app_context():
        (report,) = db.session.execute(db.select(BarrierReport)).scalars().all()
        assert (report.page, report.description, report.contact) == ("/module", "Der Knopf geht nicht.", "")


def test_a_barrier_report_of_nothing_but_invisible_characters_gets_the_required_error(client, app):
    response = follow(client, post_form(client, "/barrierefreiheit", {"description": INVISIBLE}))
    assert "Bitte schreiben Sie, was nicht klappt." in page_text(check_page(response))
    with app.app_context():
        assert db.session.query(BarrierReport).count() == 0


@pytest.mark.parametrize("way,details,expected", [
    ("telefon", {"phone": f"0451{NUL} 123456", "good_times": f"Vor{NUL}mittags\u2066"},
     {"phone": "0451 123456", "good_times": "Vormittags"}),
    ("email", {"email": f"maria@beispiel{NUL}.example", "good_times": f"{NUL}"}, {"email": "maria@beispiel.example"}),
    ("brief", {"postal_address": f"Beispielweg 1{NUL}\r\n23552 Lübeck\u202e"},
     {"postal_address": "Beispielweg 1\n23552 Lübeck"}),
    ("vertrauensperson", {"helper_name": f"Pe{NUL}tra", "helper_contact": f"0451{NUL} 99999", "good_times": NUL},
     {"helper_name": "Petra", "helper_contact": "0451 99999"}),
    ("sozialdienst", {"helper_name": f"Frau{NUL} Schmidt", "workshop_name": f"Werk{NUL}statt Nord", "good_times": NUL},
     {"helper_name": "Frau Schmidt"}),
])
def test_a_contact_request_with_nul_in_every_field_is_sent_clean(client, app, providers, way, details, expected):
    walk_to_check(client, name=f"Ma{NUL}ria\u200b", postcode=f"2{NUL}8195", way=way, details=details,
                  message=f"Ich{NUL} koche gern.\ufeff")
    response = send(client, website=NUL)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    (request,) = stored(app)
    assert (request.name, request.postcode, request.message) == ("Maria", "28195", "Ich koche gern.")
    assert request.provider.slug == "ifd-bremen"
    for field, value in expected.items():
        assert getattr(request, field).replace("\r\n", "\n") == value
    if way == "sozialdienst":
        assert request.workshop_name == "Werkstatt Nord"


def test_a_name_of_invisible_characters_is_refused_kindly(client, providers):
    response = follow(client, step(client, "name", {"name": f" {INVISIBLE} "}))
    assert "Bitte schreiben Sie Ihren Namen." in page_text(check_page(response))


def test_login_with_nul_bytes(client, inbox):
    response = login(client, email=ANNA + NUL, password=PASSWORD + NUL)
    assert response.status_code == 303 and response.headers["Location"] == "/anbieter"
    client.post("/anbieter/abmelden")
    wrong = failed_login(client, email=f"{NUL}niemand@example.org", password=f"{NUL}falsch")
    assert "stimmt nicht" in page_text(check_page(wrong))


def test_an_inbox_search_with_nul_bytes_keeps_the_list_working(client, app, inbox):
    reference = make_request(client, app, name="Maria")
    make_request(client, app, name="Bernd")
    login(client)
    response = search(client, f"Ma{NUL}ria\u200b")
    assert response.status_code == 303
    listing = client.get("/anbieter")
    assert listing.status_code == 200
    html = listing.get_data(as_text=True)
    assert reference in html and "Bernd" not in html
    assert client.get("/anbieter").status_code == 200  # and again: the session holds a clean term


def test_a_contact_postcode_in_other_digits_reaches_its_provider(client, app, providers):
    for postcode in ("٢٨١٩٥", "２８１９５", " 28195 "):
        walk_to_check(client, postcode=postcode)
        assert send(client).status_code == 303
    requests = stored(app)
    assert [(r.postcode, r.provider.slug) for r in requests] == [("28195", "ifd-bremen")] * 3
    with app.app_context():
        assert db.session.query(ContactRequest).count() == 3



def test_a_klaerung_postcode_with_blanks_around_it_is_not_cut_by_the_browser(client):
    import re

    from tests.routes.test_klaerung import answer, answer_all_until, start

    start(client)
    answer_all_until(client, "postleitzahl")
    html = client.get("/klaerung/frage/postleitzahl").get_data(as_text=True)
    (limit,) = re.findall(r'name="answer"[^>]*maxlength="(\d+)"', html) or re.findall(r'maxlength="(\d+)"[^>]*name="answer"', html)
    assert int(limit) >= len(" 23552 ")
    assert answer(client, "postleitzahl", " 23552 ").headers["Location"] == "/klaerung/frage/arbeitsfelder"
