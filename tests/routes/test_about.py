"""The page "Über JobBudget": the project, its 5 practice sites, what came out of it, and its links."""
from __future__ import annotations

import pytest

from tests.support.pagecheck import XHTML, check_page, h1_text, page_text, texts

pytestmark = pytest.mark.sqlite_enough

URL = "/ueber-jobbudget"
# The support service of each of the 5 practice sites and one partner workshop of each
# (/work/shared/domain/facts.md). The Mediopunkt is drawn by CSS, so the text holds the whole word.
SITES = {
    "integra Lübeck": "Marli GmbH",
    "Netzwerk Integrationsassistenz Brandenburg": "Stephanus-Werkstätten",
    "JZsL Jena": "Roda-Werkstatt",
    "ZsL Mainz": "Westeifel Werke",
    "Integrationsfachdienst Bremen": "Werkstatt Bremen",
}
HEADINGS = {
    "de": ("Über JobBudget", "Ist dieses Portal das Projekt JobBudget?", "Welche Menschen haben mitgemacht?"),
    "en": ("About JobBudget", "Is this portal the JobBudget project?", "Who took part?"),
}


def _links(document, inside: str) -> set[str]:
    return {a.get("href") for element in document.iter(f"{XHTML}{inside}") for a in element.iter(f"{XHTML}a")}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_about_page_passes_the_page_check_and_lists_the_five_sites(client, lang):
    document = check_page(client.get(f"{URL}?lang={lang}"), lang=lang)
    title, not_the_project, people = HEADINGS[lang]
    assert h1_text(document) == title
    assert not_the_project in texts(document, "h2") and people in texts(document, "h2")
    assert len(texts(document, "h3")) == 5, "one heading per practice site"
    text = page_text(document)
    for service, workshop in SITES.items():
        assert service in text and workshop in text
    for fact in ("2008", "2011", "64", "67", "13", "Ich habe meinen Arbeitsplatz gefunden", "Fachleistungsstunde"):
        assert fact in text
    assert {"/module", "/module/1", "/module/3", "/impressum"} <= _links(document, "main")


def test_about_page_says_it_is_not_the_project_and_follows_the_report(client):
    text = page_text(check_page(client.get(URL)))
    assert "Das Projekt ist 2011 zu Ende gegangen." in text
    assert "Alle Menschen in der Werkstatt sollen Modul 1 machen können." in text
    assert "Menschen mit einer psychischen Erkrankung" in text
    assert "Schulung für Jobcoaches" in text


@pytest.mark.parametrize("lang", ["de", "en"])
def test_footer_links_the_about_page_on_every_page(client, lang):
    for url in ("/", "/impressum", "/module/3"):
        document = check_page(client.get(f"{url}?lang={lang}"), lang=lang)
        assert URL in _links(document, "footer")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_start_page_content_links_the_about_page(client, lang):
    document = check_page(client.get(f"/?lang={lang}"), lang=lang)
    assert URL in _links(document, "main")


@pytest.mark.parametrize(
    ("lang", "heading", "sentence"),
    [
        ("de", "Mit einer psychischen Erkrankung", "Der Jobcoach darf dem Betrieb nur mit Ihrer Erlaubnis davon erzählen."),
        ("en", "If you have a mental illness", "The job coach needs your permission to tell the company about it."),
    ],
)
def test_module_3_has_a_section_for_people_with_a_mental_illness(client, lang, heading, sentence):
    document = check_page(client.get(f"/module/3?lang={lang}"), lang=lang)
    assert heading in texts(document, "h3")
    text = page_text(document)
    assert sentence in text
    assert "Art. 9 DSGVO" in text  # the Für-Fach·leute line of the section


@pytest.mark.parametrize(("lang", "term"), [("de", "psychische Erkrankung"), ("en", "Mental illness")])
def test_dictionary_explains_mental_illness(client, lang, term):
    text = page_text(check_page(client.get(f"/woerterbuch?lang={lang}"), lang=lang))
    assert term in text
