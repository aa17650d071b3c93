"""The application letter: its standard German text, the Klärung hand-over and the PDF layout."""
from __future__ import annotations

from datetime import date

import pytest
from flask import render_template

from portal.budget import handover, letter
from portal.config import PROJECT_ROOT

pytestmark = pytest.mark.sqlite_enough

STYLESHEET = PROJECT_ROOT / "static" / "css" / "letter.css"
TODAY = date(2026, 3, 2)


def fields(**changes) -> letter.LetterFields:
    values = dict(
        name="Erika Muster",
        street="Hauptstraße 1",
        town="12345 Musterstadt",
        office="agentur",
        help="- Ein Job·coach im Betrieb\n\n  - Hilfe auf dem Weg  ",
    )
    values.update(changes)
    return letter.LetterFields(**values)


def test_the_letter_asks_for_a_personal_budget_in_standard_german():
    composed = letter.compose_letter(fields(), TODAY)
    text = " ".join(line for paragraph in composed.paragraphs for line in paragraph)
    assert "in Form eines Persönlichen Budgets nach §\u00a029\u00a0SGB\u00a0IX" in text
    assert "§\u00a016\u00a0Abs.\u00a02\u00a0SGB\u00a0I" in text and "Eingang dieses Antrags" in text
    assert composed.subject.startswith("Antrag auf Leistungen zur Teilhabe als Persönliches Budget")
    assert composed.salutation == "Sehr geehrte Damen und Herren,"
    assert composed.closing == "Mit freundlichen Grüßen"
    assert composed.signature == "Erika Muster"


def test_the_help_lines_are_the_persons_own_without_mediopunkt_and_blank_lines():
    composed = letter.compose_letter(fields(), TODAY)
    assert composed.paragraphs[1] == ("Ich benötige folgende Unterstützung:", "- Ein Jobcoach im Betrieb", "- Hilfe auf dem Weg")


def test_sender_recipient_and_information_block():
    composed = letter.compose_letter(fields(customer_number="  ", birth_date=date(1990, 5, 14)), TODAY)
    assert composed.sender == ("Erika Muster", "Hauptstraße 1", "12345 Musterstadt")
    assert composed.return_line == "Erika Muster · Hauptstraße 1 · 12345 Musterstadt"
    assert composed.recipient == ("Agentur für Arbeit",)
    assert composed.info == (("Kundennummer", "  "), ("Geburtsdatum", "14.05.1990"), ("Datum", "2. März 2026"))
    plain = letter.compose_letter(fields(), TODAY)
    assert plain.info == (("Datum", "2. März 2026"),)


def test_a_typed_address_replaces_the_generic_office_name():
    composed = letter.compose_letter(fields(office_address="Landkreis Muster\n\nSozialamt\nHauptstraße 2\n12345 Muster"), TODAY)
    assert composed.recipient == ("Landkreis Muster", "Sozialamt", "Hauptstraße 2", "12345 Muster")
    assert letter.compose_letter(fields(office="anderes"), TODAY).recipient == ()
    for office in letter.RECIPIENTS:
        assert letter.compose_letter(fields(office=office), TODAY).recipient == (letter.RECIPIENTS[office],)


def test_fields_become_plain_data_for_the_resume_store():
    data = fields(birth_date=date(1990, 5, 14)).to_dict()
    assert data["birth_date"] == "14.05.1990" and data["office"] == "agentur"
    assert set(data) == set(letter.LetterFields.field_names())
    assert fields().to_dict()["birth_date"] == ""


def test_the_file_name_has_no_personal_data():
    assert letter.file_name(TODAY) == "Antrag-Persoenliches-Budget-2026-03-02.pdf"


def _text_of(page) -> str:
    """The text WeasyPrint laid out on a page (its box tree: the PDF holds the same glyphs)."""
    found = []

    def walk(box):
        if getattr(box, "text", None):
            found.append(box.text)
        for child in getattr(box, "children", ()):
            walk(child)

    walk(page._page_box)
    return " ".join(found)


def _document(app, composed):
    with app.test_request_context():
        html = render_template("budget/letter_document.html", letter=composed)
    return html, letter.render_document(html, STYLESHEET)


def test_the_pdf_is_one_a4_page_with_the_letters_text_and_escaped_input(app):
    composed = letter.compose_letter(fields(name='Erika <img src="http://example.org/x.png"> Muster'), TODAY)
    html, document = _document(app, composed)
    assert "<img" not in html and "&lt;img" in html
    assert len(document.pages) == 1
    page = document.pages[0]
    assert (round(page.width * 25.4 / 96), round(page.height * 25.4 / 96)) == (210, 297)
    text = _text_of(page)
    for expected in ("Agentur für Arbeit", "Sehr geehrte Damen und Herren,", "Ich benötige folgende Unterstützung:",
                     "- Ein Jobcoach im Betrieb", "Mit freundlichen Grüßen", '<img src="http://example.org/x.png">'):
        assert expected in text
    assert document.metadata.title == composed.subject
    pdf = document.write_pdf()
    assert pdf.startswith(b"%PDF-") and len(pdf) < 200_000


def test_the_longest_letter_still_fits_on_two_pages(app):
    longest = "\n".join(["- " + "Unterstützung " * 4] * letter.HELP_LINES)[: letter.HELP_MAX]
    composed = letter.compose_letter(
        fields(name="N" * letter.NAME_MAX, help=longest, office_address="\n".join(["A" * 50] * letter.OFFICE_ADDRESS_LINES)),
        TODAY,
    )
    _html, document = _document(app, composed)
    assert len(document.pages) <= 2
    assert "Mit freundlichen Grüßen" in " ".join(_text_of(page) for page in document.pages)


def test_the_klaerung_answers_give_formal_help_sentences():
    """More in tests/unit/test_letter_from_klaerung.py."""
    facts = {"answers": {"ziel": "arbeitsplatz", "hilfe": ["lernen-betrieb"], "budget-kennen": "ja"}, "modules": [3]}
    assert handover.help_text(facts) == (
        "Ich möchte auf dem allgemeinen Arbeitsmarkt arbeiten.\n"
        "Ich brauche Begleitung und Anleitung im Betrieb durch einen Jobcoach.\n"
        "Nach meiner eigenen Einschätzung passen dafür die Leistungen Modul 3 „Betriebliche Qualifizierung mit "
        "Jobcoaching“ aus dem Modell JobBudget."
    )


def test_no_or_broken_klaerung_result_gives_no_help_lines():
    assert handover.help_text(None) == ""
    assert handover.help_text({"sections": [{"heading": "Das mache ich gerne", "items": ["Garten"]}]}) == ""
    assert handover.help_text({"answers": "kaputt"}) == ""
    assert handover.help_text({"answers": {"ziel": ["nicht-da"], "bereich": 3}, "modules": ["x", 99]}) == handover.HELP_OPEN
