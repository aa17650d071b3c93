"""Reading help on form pages, as on content pages: the glossary words of every question, hint and
answer are explained in place, and one "Vorlesen" button reads the fields.

An explanation in a form is a <details> after the hint (never a link that leaves what the person
typed, never inside a <label> or <legend>); each word is explained once per page."""
from __future__ import annotations

import re

import pytest

from portal.content.render import terms_in
from portal.klaerung import flow
from tests.routes.test_contact_journey import providers, walk_to_check  # noqa: F401 (fixture)
from tests.routes.test_klaerung import answer, start
from tests.support.forms import post_form
from tests.support.pagecheck import XHTML, check_page
from tests.unit.test_klaerung_data import questionnaire, walk

INTERACTIVE = {"a", "details", "summary", "button", "input", "select", "textarea"}


def _text(element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def field_regions(document) -> list:
    return [el for el in document.iter() if el.get("data-read-aloud") == "form"]


def summaries(element) -> list[str]:
    return [_text(s) for d in element.iter(f"{XHTML}details") if "term-explanation" in _classes(d)
            for s in d.findall(f"{XHTML}summary")]


def field_texts(region) -> list[str]:
    """What a field asks and offers: its label or legend, its hint and its answers."""
    texts = []
    for element in region.iter():
        tag = element.tag.replace(XHTML, "")
        if tag in ("label", "legend") or "hint" in _classes(element):
            texts.append(_text(element))
    return texts


def check_reading_help(app, response, lang="de"):
    """The rules for every form page; returns the parsed page."""
    document = check_page(response, lang=lang)
    regions = field_regions(document)
    assert regions, "no field is marked for reading aloud"
    controls = [el for el in document.iter() if el.get("data-read-aloud-controls") is not None]
    assert len(controls) == 1, f"expected one set of read-aloud buttons, found {len(controls)}"
    for element in document.iter():
        if element.tag in (f"{XHTML}label", f"{XHTML}legend"):
            inner = {child.tag.replace(XHTML, "") for child in element.iter()} & INTERACTIVE
            assert not inner, f"interactive {inner} inside <{element.tag.replace(XHTML, '')}> {_text(element)!r}"
    for form in document.iter(f"{XHTML}form"):
        links = [a.get("href") for a in form.iter(f"{XHTML}a") if "term" in _classes(a)]
        assert not links, f"a glossary link inside a form leaves what the person typed: {links}"
    index = app.extensions["content"].for_lang(lang).terms
    # Each word once among the fields (a text above the form may explain it too: it is not next to the field).
    shown = [summary for region in regions for summary in summaries(region)]
    assert len(shown) == len(set(shown)), f"a word is explained twice: {shown}"
    wanted = "Was heißt {}?" if lang == "de" else "What does {} mean?"
    for region in regions:
        for term in terms_in(index, field_texts(region)):
            assert wanted.format(term.term.replace("·", "")) in shown, (term.slug, field_texts(region))
    return document


# --- Klärung question 1 ----------------------------------------------------------------------------

QUESTION_1 = {
    "de": ["Was heißt Eingangsverfahren?", "Was heißt Berufsbildungsbereich?", "Was heißt Arbeitsbereich?",
           "Was heißt Außenarbeitsplatz?"],
    "en": ["What does Entry phase mean?", "What does Vocational training area mean?", "What does Work area mean?",
           "What does Outside workplace mean?"],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_question_1_explains_its_words_in_place(app, client, lang):
    client.get(f"/?lang={lang}")
    start(client)
    document = check_reading_help(app, client.get("/klaerung/frage/bereich"), lang)
    fieldset = document.find(f".//{XHTML}fieldset")
    shown = summaries(fieldset)
    for summary in QUESTION_1[lang]:
        assert summary in shown
    # After the answers, so that on a phone the question and its answers come first; not in the legend.
    children = [child for child in fieldset]
    kinds = [child.tag.replace(XHTML, "") + "." + ".".join(sorted(_classes(child))) for child in children]
    assert kinds[0] == "legend.legend"
    explanations = next(i for i, k in enumerate(kinds) if "field-explanations" in k)
    assert explanations > next(i for i, k in enumerate(kinds) if "choices" in k)
    assert not summaries(fieldset.find(f"{XHTML}legend"))
    # The explanation itself is there to read, with the Mediopunkt drawn, not typed.
    html = client.get("/klaerung/frage/bereich").get_data(as_text=True)
    assert "Sie finden heraus: Passt die Werk" in html or "You find out if the workshop" in html
    assert 'href="/woerterbuch' not in html.split('<form', 1)[1].split('</form>', 1)[0]


def test_the_read_aloud_button_sits_under_the_question(app, client):
    start(client)
    document = check_reading_help(app, client.get("/klaerung/frage/bereich"))
    fieldset = document.find(f".//{XHTML}fieldset")
    tags = [child.get("data-read-aloud-controls") is not None or child.tag.replace(XHTML, "") for child in fieldset]
    assert tags.index(True) == 1  # right after the legend (the question, h1)


def test_every_klaerung_question_has_reading_help(app, client):
    start(client, "begleitung")  # with the notes field of the support person too
    q = questionnaire("de")
    answers = walk(q)
    given: dict = {}
    seen = 0
    while (question := flow.open_question(q, given)) is not None:
        if not question.is_info:
            check_reading_help(app, client.get(f"/klaerung/frage/{question.id}"))
            seen += 1
        answer(client, question.id, None if question.is_info else answers[question.id])
        given[question.id] = answers[question.id]
    assert seen > 10


# --- the other forms ---------------------------------------------------------------------------------

BUDGET_FORMS = ["/budget/antrag", "/budget/frist/widerspruch", "/budget/frist/amt"]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("url", BUDGET_FORMS)
def test_budget_forms_have_reading_help(app, client, url, lang):
    check_reading_help(app, client.get(f"{url}?lang={lang}"), lang)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_office_finder_has_reading_help_on_every_question(app, client, lang):
    client.get(f"/?lang={lang}")
    for question in ("ort", "ziel", "vorher"):
        response = client.get(f"/budget/amt/{question}")
        document = check_reading_help(app, response, lang)
        first = next(el.get("value") for el in document.iter(f"{XHTML}input") if el.get("type") == "radio")
        assert post_form(client, f"/budget/amt/{question}", {"answer": first}).status_code == 303


def test_the_letter_form_explains_the_office_words(app, client):
    document = check_reading_help(app, client.get("/budget/antrag"))
    assert any(summary.startswith("Was heißt") for region in field_regions(document) for summary in summaries(region))


CONTACT_FORMS = ["/kontakt/name", "/kontakt/werkstatt", "/kontakt/weg", "/kontakt/erreichbar", "/kontakt/thema",
                 "/kontakt/nachricht"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_contact_steps_have_reading_help(app, client, providers, lang):  # noqa: F811
    client.get(f"/?lang={lang}")
    walk_to_check(client)
    for url in CONTACT_FORMS:
        check_reading_help(app, client.get(url), lang)
    thema = client.get("/kontakt/thema").get_data(as_text=True)
    assert ("Was heißt Modul?" in thema) if lang == "de" else ("What does Module mean?" in thema)


@pytest.mark.parametrize("url", ["/weitermachen", "/barrierefreiheit"])
def test_other_forms_have_reading_help(app, client, url):
    check_reading_help(app, client.get(url))


def test_a_content_page_with_a_form_keeps_one_read_aloud_button(app, client):
    """The Klärung start page has its text and the choice of way: one button reads both."""
    document = check_reading_help(app, client.get("/klaerung"))
    regions = [el.get("data-read-aloud") for el in document.iter() if el.get("data-read-aloud") is not None]
    assert "" in regions and "form" in regions  # the text (content) and the field

