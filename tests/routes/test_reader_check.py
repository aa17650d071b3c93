"""Texts that someone from the target group checked say so on their page; the others say nothing;
the desk shows the share per language and area (front matter `checked_by`, `checked_on`)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from portal.config import PROJECT_ROOT
from tests.routes.test_inbox import inbox, login  # noqa: F401  (fixture)
from tests.routes.test_operator import OPERATOR, desk  # noqa: F401  (fixture)
from tests.support.pagecheck import check_page, page_text

pytestmark = pytest.mark.sqlite_enough

SHIPPED = PROJECT_ROOT / "content" / "easy_language"
CHECKED = {
    "de/modules/modul-3.md": "Prüf·gruppe der Werk·statt Muster·stadt",
    "de/bausteine/modul-3-baustein-1.md": "Prüf·gruppe der Werk·statt Muster·stadt",
    "de/pages/impressum.md": "Büro für Leichte Sprache Muster·stadt",
    "en/pages/impressum.md": "Easy-read test group",
}
# As read aloud: a Mediopunkt is drawn by the style sheet, not spoken
SAY_CHECKED = {"de": "Menschen mit Lernschwierigkeiten haben diesen Text geprüft.",
               "en": "People with learning difficulties have checked this text."}


def mark_checked(path: Path, by: str, day: str = "2026-11-20") -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    path.write_text(f"---\nchecked_by: {by}\nchecked_on: {day}\n" + text[4:], encoding="utf-8")


@pytest.fixture
def app_config(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(SHIPPED, root)
    for name, by in CHECKED.items():
        mark_checked(root / name, by)
    return {"CONTENT_DIR": root}


@pytest.mark.parametrize("url, lang, by, day", [
    ("/module/3", "de", "Prüfgruppe der Werkstatt Musterstadt", "20. November 2026"),
    ("/module/3/baustein/1", "de", "Prüfgruppe der Werkstatt Musterstadt", "20. November 2026"),
    ("/impressum", "de", "Büro für Leichte Sprache Musterstadt", "20. November 2026"),
    ("/impressum", "en", "Easy-read test group", "November 20, 2026"),
])
def test_a_checked_text_says_who_checked_it_and_when(client, url, lang, by, day):
    client.get(f"/?lang={lang}")
    text = page_text(check_page(client.get(url), lang=lang))
    assert SAY_CHECKED[lang] in text
    assert {"de": f"Geprüft hat: {by}", "en": f"Checked by: {by}"}[lang] in text
    assert {"de": f"Geprüft am: {day}", "en": f"Checked on: {day}"}[lang] in text


@pytest.mark.parametrize("url, lang", [
    ("/module/3", "en"),  # the English text was not checked, although the German one was
    ("/module/4", "de"),
    ("/module/3/baustein/2", "de"),
    ("/", "de"),
    ("/datenschutz", "de"),
    ("/module", "de"),
    ("/woerterbuch", "de"),
])
def test_an_unchecked_text_claims_nothing(client, url, lang):
    client.get(f"/?lang={lang}")
    text = page_text(check_page(client.get(url), lang=lang))
    assert SAY_CHECKED[lang] not in text and "Geprüft hat" not in text and "Checked by" not in text


def test_the_desk_shows_the_share_of_checked_texts_per_language_and_area(client, desk):
    login(client, OPERATOR)
    text = page_text(check_page(client.get("/betrieb")))
    assert "Geprüfte Texte" in text
    assert "Module: 1 von 8 geprüft (12 %)" in text
    assert "Bausteine: 1 von 32 geprüft (3 %)" in text
    assert "Seiten: 1 von 9 geprüft (11 %)" in text  # German and English pages alike
    english = page_text(check_page(client.get("/betrieb?lang=en"), lang="en"))
    assert "Modules: 0 of 8 checked (0 %)" in english and "Pages: 1 of 9 checked (11 %)" in english
