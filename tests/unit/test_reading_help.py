"""Reading help for forms: finding the glossary words in short texts, the in-place explanation, and
the form macros that put them after a field's hint (once per page)."""
from __future__ import annotations

from markupsafe import Markup
from wtforms import StringField, TextAreaField

from portal.content import render_inline, term_explanation, terms_in
from portal.ui.forms import PortalForm
from tests.unit.test_content_render import glossary_index, parse_strict


def slugs(*texts, skip=()):
    return [term.slug for term in terms_in(glossary_index(), texts, skip=skip)]


def test_terms_are_found_once_in_the_order_they_first_appear():
    assert slugs("Im Amt", "Die Werk·statt und das Amt", "Persönlichen Budget") == ["amt", "werkstatt", "budget"]


def test_matching_ignores_the_mediopunkt_and_the_markup_of_a_rendered_hint():
    assert slugs("Werkstatt") == ["werkstatt"]
    hint = render_inline("Erst die Werk·statt.") + Markup("<br>") + render_inline("Dann das Amt.")
    assert slugs(hint) == ["werkstatt", "amt"]


def test_words_explained_before_are_left_out_and_empty_texts_are_fine():
    assert slugs("Amt und Werk·statt", None, "", skip={"amt"}) == ["werkstatt"]
    assert terms_in(None, ["Amt"]) == []


def test_case_and_word_boundaries_count():
    assert slugs("amtlich", "Ämter", "Amtsgericht") == []


def test_the_explanation_opens_in_place_and_has_no_link():
    html = str(term_explanation(glossary_index().terms["werkstatt"], "de"))
    parse_strict(html)
    assert html.startswith('<details class="term-explanation"><summary>Was heißt Werk<span class="mp"')
    assert "<a" not in html and "Ein Ort zum Arbeiten." in html
    assert "What does Amt mean?" in str(term_explanation(glossary_index().terms["amt"], "en"))


class _Form(PortalForm):
    class Meta:
        csrf = False

    where = StringField("Wo ist Ihre Werk·statt?")
    note = TextAreaField("Ihre Antwort")


def _render(app, source: str) -> str:
    with app.test_request_context("/?lang=de"):
        app.preprocess_request()
        return app.jinja_env.from_string('{% import "ui/forms.html" as forms %}' + source).render(form=_Form())


def test_a_field_explains_its_words_after_the_hint_and_each_word_once_per_page(app):
    html = _render(app, '{{ forms.text_field(form.where, hint="Zum Beispiel im Betrieb.") }}'
                        '{{ forms.textarea(form.note, hint="Ein Betrieb oder die Werk·statt?") }}')
    assert html.count("Was heißt Werk") == 1 and html.count("Was heißt Betrieb?") == 1
    label_end, hint_end = html.index("</label>"), html.index('id="where-hint"')
    assert label_end < hint_end < html.index("field-explanations") < html.index('<input')
    assert html.count("data-read-aloud-controls") == 1 and html.count('data-read-aloud="form"') == 2


def test_explain_adds_the_question_shown_as_the_pages_heading(app):
    html = _render(app, '{{ forms.textarea(form.note, explain="Was machen Sie gerne im Betrieb?") }}')
    assert "Was heißt Betrieb?" in html
    assert "Was heißt Betrieb?" not in _render(app, "{{ forms.textarea(form.note) }}")
