"""The letter PDF is tagged (PDF/UA-1), so a screen reader can read a person's own letter: a structure
tree with headings and paragraphs, MarkInfo/Marked, the language and a title shown as the window title."""
from __future__ import annotations

import io
from datetime import date

from flask import render_template
from pypdf import PdfReader

from portal.budget import letter
from portal.config import PROJECT_ROOT

STYLESHEET = PROJECT_ROOT / "static" / "css" / "letter.css"


def _letter_pdf(app) -> PdfReader:
    fields = letter.LetterFields(name="Erika Muster", street="Hauptstraße 1", town="12345 Musterstadt",
                                 office="agentur", help="- Ein Jobcoach im Betrieb")
    composed = letter.compose_letter(fields, date(2026, 3, 2))
    with app.test_request_context():
        html = render_template("budget/letter_document.html", letter=composed)
    return PdfReader(io.BytesIO(letter.render_pdf(html, STYLESHEET)))


def _structure_types(element, found: set) -> set:
    element = element.get_object()
    if "/S" in element:
        found.add(str(element["/S"]))
    kids = element.get("/K")
    if kids is None:
        return found
    kids = kids.get_object()
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object()
        if hasattr(kid, "get") and ("/S" in kid or "/K" in kid) and kid.get("/Type") not in ("/MCR", "/OBJR"):
            _structure_types(kid, found)
    return found


def test_the_letter_pdf_is_tagged_for_screen_readers(app):
    reader = _letter_pdf(app)
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert str(catalog["/Lang"]) == "de"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert reader.metadata.title == letter.SUBJECT.replace("§ 29 SGB IX", "§\u00a029\u00a0SGB\u00a0IX")
    types = _structure_types(catalog["/StructTreeRoot"], set())
    assert "/H1" in types or "/H" in types, types
    assert "/P" in types, types
