"""The page "Geld und Sicherheit" (/geld-und-sicherheit): its text and its comparison table in both
languages, and the links to it from the start page, Modules 2–4 and the Klärung's result."""
from __future__ import annotations

import pytest

from tests.routes.test_klaerung import finish
from tests.support.pagecheck import XHTML, check_page, h1_text, page_text

pytestmark = pytest.mark.sqlite_enough

URL = "/geld-und-sicherheit"
HEADINGS = {
    "de": (["Thema", "In der Werkstatt", "Mit Budget für Arbeit", "Mit Arbeitsvertrag"],
           ["Geld", "Rente", "Weg zurück", "Kündigung", "Hilfe"], "3 Wege im Vergleich", "Für Fachleute:"),
    "en": (["Topic", "In the workshop", "With a budget for work", "With a work contract"],
           ["Money", "Pension", "The way back", "Losing the job", "Support"], "3 ways compared", "For professionals:"),
}


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def links(document) -> set[str]:
    return {a.get("href") for a in document.iter(f"{XHTML}a")}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_page_passes_the_page_check_with_its_sections(client, lang):
    document = check_page(client.get(f"{URL}?lang={lang}"), lang=lang)
    assert h1_text(document) == {"de": "Geld und Sicherheit", "en": "Money and safety"}[lang]
    text = page_text(document)
    for words in {
        "de": ("Was bleibt beim Lernen im Betrieb?", "Werkstattlohn", "Was ist zwischen 2 Betrieben?",
               "Zielvereinbarung", "6 Monate bis 2 Jahre", "Können Sie wieder in eine Werkstatt?",
               "hält Ihren alten Platz aber nicht frei", "Arbeitskleidung", "§ 220 Absatz 3 SGB IX"),
        "en": ("What stays the same while you learn at a company?", "workshop pay", "between two companies",
               "goal agreement", "6 months to 2 years", "Can you go back to a sheltered workshop?",
               "does not keep your old place free", "work clothes", "§ 220 Absatz 3 SGB IX"),
    }[lang]:
        assert words in text.replace("\u00a0", " "), words


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_comparison_is_a_table_with_caption_and_headers(client, lang):
    document = check_page(client.get(f"{URL}?lang={lang}"), lang=lang)
    tables = list(document.iter(f"{XHTML}table"))
    assert len(tables) == 1
    table = tables[0]
    columns, rows, caption, professionals = HEADINGS[lang]
    assert text_of(table.find(f"{XHTML}caption")) == caption
    assert [text_of(th) for th in table.iter(f"{XHTML}th") if th.get("scope") == "col"] == columns
    assert [text_of(th) for th in table.iter(f"{XHTML}th") if th.get("scope") == "row"] == rows
    body_rows = list(table.find(f"{XHTML}tbody").iter(f"{XHTML}tr"))
    assert len(body_rows) == len(rows)
    for row in body_rows:
        cells = list(row.iter(f"{XHTML}td"))
        assert len(cells) == len(columns) - 1
        # Where the table is shown as blocks (a phone), every cell names its way.
        labels = [text_of(cell.find(f"{XHTML}p")) for cell in cells]
        assert labels == columns[1:]
    # One "Für Fach·leute" line under the table, with the paragraphs of every row.
    section = next(s for s in document.iter(f"{XHTML}section") if s.find(f".//{XHTML}table") is not None)
    law_lines = [p for p in section.iter(f"{XHTML}p") if p.get("class") == "fachleute"]
    assert len(law_lines) == 2  # the table's, and the one of the advice under it
    assert text_of(law_lines[0]).startswith(professionals)
    for reference in ("§ 221 SGB IX", "§ 61 Absatz 1 und 2 SGB IX", "§ 220 Absatz 3 SGB IX", "§ 28 Absatz 1 SGB III"):
        assert reference in text_of(law_lines[0]).replace("\u00a0", " "), reference


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_start_page_and_modules_2_to_4_link_to_the_page(client, lang):
    assert URL in links(check_page(client.get(f"/?lang={lang}"), lang=lang))
    for number in (2, 3, 4):
        assert URL in links(check_page(client.get(f"/module/{number}?lang={lang}"), lang=lang)), number
    for number in (1, 5, 8):
        assert URL not in links(check_page(client.get(f"/module/{number}?lang={lang}"), lang=lang)), number


@pytest.mark.parametrize("worry", ["geld", "rente", "zurueck"])
def test_the_klaerung_result_links_to_the_page_after_a_worry_about_money_or_safety(client, worry):
    finish(client, sorgen=[worry])
    document = check_page(client.get("/klaerung/ergebnis"))
    assert URL in links(document)
    assert "Lesen Sie mehr über Geld, Rente und den Weg zurück." in page_text(document)


def test_the_klaerung_result_leaves_the_link_out_without_such_a_worry(client):
    finish(client, sorgen=["kollegen"])
    assert URL not in links(check_page(client.get("/klaerung/ergebnis")))

