"""The benchmark reads and fills forms like a person: every question answered, the honeypot left empty."""
from __future__ import annotations

import pytest

from bench.forms import POSTCODES, TEXTAREA_TEXT, fill, main_form, parse_page

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database

PAGE = """<!doctype html><html><body>
<nav><a href="/kontakt">Kontakt</a></nav>
<form class="cancel-form" method="post" action="/kontakt/abbrechen">
  <input type="hidden" name="csrf_token" value="t0k3n">
  <button class="button button-secondary" type="submit">Neu anfangen</button>
</form>
<div class="error-summary" role="alert" data-error-summary><h2>Bitte prüfen</h2>
  <ul><li><a href="#postcode">Bitte schreiben Sie Ihre Postleitzahl.</a></li></ul></div>
<form method="post" novalidate>
  <input type="hidden" name="csrf_token" value="t0k3n">
  <label for="name">Ihr Vorname</label><input id="name" name="name" type="text" maxlength="4">
  <label for="postcode">Postleitzahl</label><input id="postcode" name="postcode" type="text" inputmode="numeric">
  <label for="phone">Telefon·nummer</label><input id="phone" name="phone" type="tel">
  <input id="email" name="email" type="email">
  <label for="times">Wann sind Sie gut zu erreichen?</label><input id="times" name="good_times">
  <fieldset><legend>Wie?</legend>
    <input type="radio" id="way-0" name="way" value="telefon"><input type="radio" id="way-1" name="way" value="email">
  </fieldset>
  <input type="checkbox" id="topics-0" name="topics" value="modul-1">
  <input type="checkbox" id="topics-1" name="topics" value="budget">
  <input type="checkbox" id="consent" name="consent" value="y">
  <select name="workshop" id="workshop"><option value="">Bitte wählen</option><option value="marli">Marli</option>
    <option value="andere">Andere</option></select>
  <label for="message">Nachricht</label><textarea id="message" name="message">alt</textarea>
  <div class="honeypot" aria-hidden="true"><div><label for="website">Bitte leer lassen</label>
    <input id="website" name="website" tabindex="-1"></div></div>
  <button class="button" type="submit" name="action" value="weiter">Weiter</button>
  <button class="button button-secondary" type="submit" name="action" value="pause">Pause</button>
</form>
<a href="/kontakt/name">Jetzt starten</a>
</body></html>"""


def test_forms_links_and_errors_are_read_from_the_page():
    page = parse_page(PAGE)
    assert [form.action for form in page.forms] == ["/kontakt/abbrechen", ""]
    assert page.errors == ["Bitte schreiben Sie Ihre Postleitzahl."]
    assert page.links[0] == "/kontakt" and "/kontakt/name" in page.links
    form = page.forms[1]
    kinds = {f.name: f.kind for f in form.fields}
    assert kinds["way"] == "radio" and kinds["workshop"] == "select" and kinds["message"] == "textarea"
    assert next(f for f in form.fields if f.name == "way").options == ["telefon", "email"]
    assert next(f for f in form.fields if f.name == "message").value == "alt"
    assert "postleitzahl" in next(f for f in form.fields if f.name == "postcode").hint
    assert [f.name for f in form.fields if not f.for_people] == ["website"]
    assert "website" not in [f.name for f in form.questions] and "csrf_token" not in [f.name for f in form.questions]


def test_the_main_form_is_the_question_form_not_the_cancel_button():
    assert main_form(parse_page(PAGE)).action == ""
    buttons_only = PAGE.split("<div class=\"error-summary\"")[0] + """
      <form method="post" action="/kontakt/anbieter"><input type="hidden" name="csrf_token" value="t">
      <button class="button" type="submit">Weiter</button></form></body></html>"""
    assert main_form(parse_page(buttons_only)).action == "/kontakt/anbieter"
    assert main_form(parse_page("<p>Danke</p>")) is None
    # The readers' voice ("Das verstehe ich nicht", a word field) is never a page's question form.
    voice = '<form method="post" action="/verstehen" data-voice><input name="word"><button class="button-secondary">Abschicken</button></form>'
    assert main_form(parse_page(buttons_only + voice)).action == "/kontakt/anbieter"


def test_fill_answers_every_question_like_a_person():
    body = fill(main_form(parse_page(PAGE)))
    values = dict(body)
    assert values["csrf_token"] == "t0k3n"
    assert values["name"] == "Alex"[:4]
    assert values["postcode"] == POSTCODES[0]
    assert values["phone"] == "0451 1234567" and values["email"] == "bench@example.org"
    assert values["good_times"] == "Montag vormittags"
    assert values["way"] == "telefon" and values["workshop"] == "marli" and values["consent"] == "y"
    assert [v for k, v in body if k == "topics"] == ["modul-1", "budget"]
    assert values["message"] == TEXTAREA_TEXT
    assert values["website"] == ""  # the honeypot stays empty, or the portal would store nothing
    assert values["action"] == "weiter"  # the main button, never "Pause"


def test_another_attempt_tries_other_choices_and_postcodes():
    form = main_form(parse_page(PAGE))
    second = dict(fill(form, attempt=1))
    assert second["postcode"] == POSTCODES[1] and second["way"] == "email" and second["workshop"] == "andere"


def test_long_answers_are_cut_to_the_fields_limit():
    form = main_form(parse_page('<form method="post"><input name="name" maxlength="2"><button>OK</button></form>'))
    assert fill(form) == [("name", "Al")]
