"""The cost plan as the letter's annex page: in the preview, the print view and the (tagged) PDF, only
when the person chose to attach it; and sent with a contact request, visible in the provider's inbox."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

import portal.klaerung
from portal.budget import clock
from tests.routes.test_budget import LETTER, TODAY
from tests.support.costplan import PRICED, load_prices
from tests.support.forms import post_form
from tests.support.pagecheck import check_page, page_text
from tests.unit.test_letter_pdf_tagged import _structure_types

CHOICE = {"modules": ["1", "3"], "provider": PRICED, "months": "6"}


@pytest.fixture(autouse=True)
def setting(app, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    monkeypatch.setattr(portal.klaerung, "letter_facts", lambda lang=None: None)
    load_prices(app)


def write_letter(client, action="vorschau"):
    return post_form(client, "/budget/antrag", {**LETTER, "aktion": action})


def choose(client, attach):
    assert post_form(client, "/kosten", {**CHOICE, "attach": attach}).status_code == 303


def pdf_text(client) -> tuple[str, PdfReader]:
    response = client.get("/budget/antrag/pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    return "\n".join(page.extract_text() for page in reader.pages), reader


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_attached_plan_is_the_annex_of_the_preview_in_german(client, lang):
    choose(client, ["antrag"])
    form_text = page_text(check_page(client.get(f"/budget/antrag?lang={lang}"), lang=lang))
    assert {"de": "Ihr Kostenplan kommt als Anlage an den Brief.", "en": "Your cost plan goes with the letter"}[lang] in form_text
    write_letter(client)
    text = page_text(check_page(client.get(f"/budget/antrag/vorschau?lang={lang}"), lang=lang))
    # the letter and its annex are German whatever the portal's language (the office reads German)
    for expected in ("Anlage: Kostenplan", "Mit freundlichen Grüßen", "1.071,40 €", "562,49 €", "1.633,89 €",
                     "272,32 €", "Das ist eine Schätzung."):
        assert expected in text, expected
    assert text.index("Erika Muster Anlage: Kostenplan") < text.index("Geschätzte Kosten der Unterstützung")
    print_text = page_text(check_page(client.get("/budget/antrag/druck")))
    assert "Anlage: Kostenplan" in print_text and "272,32 €" in print_text


def test_the_pdf_holds_the_annex_page_and_stays_tagged(client):
    choose(client, ["antrag"])
    write_letter(client)
    text, reader = pdf_text(client)
    assert len(reader.pages) == 2  # the letter, then the annex on its own page
    annex = reader.pages[1].extract_text()
    for expected in ("Anlage: Kostenplan", "Anbieter: integra Lübeck", "Modul 1", "1.071,40 €", "562,49 €", "1.633,89 €",
                     "272,32 €", "6 Monate"):
        assert expected in annex, expected
    assert "Anlage: Kostenplan" in reader.pages[0].extract_text()  # named under the signature
    assert "Stunden:" not in annex  # the narrow-screen labels stay out of the table
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712
    types = _structure_types(catalog["/StructTreeRoot"], set())
    assert "/Table" in types and "/TH" in types and "/TD" in types, types


def test_without_the_tick_the_letter_has_no_annex(client):
    choose(client, ["kontakt"])
    assert "Einen Kostenplan an den Brief anhängen" in page_text(check_page(client.get("/budget/antrag")))
    write_letter(client)
    assert "Kostenplan" not in page_text(check_page(client.get("/budget/antrag/vorschau")))
    text, reader = pdf_text(client)
    assert len(reader.pages) == 1 and "Kostenplan" not in text
