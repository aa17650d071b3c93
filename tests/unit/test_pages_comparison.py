"""The comparison table of "Geld und Sicherheit" (vergleich.yaml): the shipped table is the same in both
languages, and the loader names file and line of every mistake."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from portal.config import PROJECT_ROOT
from portal.content import ContentError, TermIndex, load_library
from portal.pages.comparison import FILE_NAME, load_comparisons

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database

CONTENT = PROJECT_ROOT / "content" / "easy_language"
WAYS = ["werkstatt", "budget-fuer-arbeit", "arbeitsvertrag"]
TOPICS = ["geld", "rente", "zurueck", "kuendigung", "hilfe"]


@pytest.fixture(scope="module")
def shipped():
    return load_comparisons(CONTENT, load_library(CONTENT))


def test_both_languages_compare_the_same_three_ways_on_the_same_topics(shipped):
    assert sorted(shipped) == ["de", "en"]
    for comparison in shipped.values():
        assert [column.id for column in comparison.columns] == WAYS
        assert [row.id for row in comparison.rows] == TOPICS
        assert all(len(row.cells) == len(WAYS) and all(row.cells) for row in comparison.rows)
        assert comparison.caption and comparison.corner


def test_every_row_names_its_law_and_the_table_has_one_line_for_professionals(shipped):
    for comparison in shipped.values():
        assert all(row.law for row in comparison.rows), [row.id for row in comparison.rows if not row.law]
        line = str(comparison.law_line)
        assert line.count('class="fachleute"') == 1
        for reference in ("§ 220 Absatz 3 SGB IX", "§ 61 Absatz 1 und 2 SGB IX", "§ 28 Absatz 1 SGB III", "§ 221 SGB IX"):
            assert reference in line.replace("\u00a0", " "), reference


def test_the_way_back_keeps_to_the_law_in_both_languages(shipped):
    """§ 220 Abs. 3 SGB IX: taken into *a* workshop when the conditions still apply; no place kept free."""
    back = {lang: next(row for row in comparison.rows if row.id == "zurueck") for lang, comparison in shipped.items()}
    german = " ".join(str(cell) for cell in back["de"].cells[1:])
    english = " ".join(str(cell) for cell in back["en"].cells[1:])
    assert "Bedingungen" in german and "nicht frei" in german
    assert "conditions" in english and "does not keep your old place free" in english


# --- the loader's checks, on a small content tree --------------------------------------------

@dataclass
class _Language:
    lang: str
    terms: TermIndex


class _Library:
    def __init__(self, languages):
        self.languages = tuple(languages)

    def for_lang(self, lang):
        return _Language(lang, TermIndex([], lang))


GOOD = """\
title: Vergleich
intro: Zwei Wege.
caption: 2 Wege
corner: Thema
columns:
  - id: a
    title: Weg A
  - id: b
    title: Weg B
rows:
  - id: geld
    title: Geld
    cells:
      a: Viel.
      b: Wenig.
    law: § 1 SGB IX
"""


def write(root: Path, lang: str, text: str) -> None:
    (root / lang).mkdir(parents=True, exist_ok=True)
    (root / lang / FILE_NAME).write_text(text, encoding="utf-8")


def problems(root: Path, languages=("de",)) -> str:
    with pytest.raises(ContentError) as caught:
        load_comparisons(root, _Library(languages))
    return str(caught.value)


def test_a_good_file_loads(tmp_path):
    write(tmp_path, "de", GOOD)
    comparison = load_comparisons(tmp_path, _Library(["de"]))["de"]
    assert [row.title for row in comparison.rows] == ["Geld"]
    assert "Viel." in str(comparison.rows[0].cells[0]) and "Wenig." in str(comparison.rows[0].cells[1])


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("      b: Wenig.\n", ""), 14, "'b' needs a text under 'cells'"),
        (("      b: Wenig.\n", "      b: Wenig.\n      c: Mehr.\n"), 16, "unknown column 'c'"),
        (("      a: Viel.\n", "      a: |\n        Viel.\n        § 2 SGB IX\n"), 14, "no '§' line in a cell"),
        (("    law: § 1 SGB IX\n", "    law: Das Gesetz.\n"), 16, "'law' holds only references"),
        (("  - id: b\n", "  - id: a\n"), 8, "id 'a' is used twice"),
        (("caption: 2 Wege\n", ""), 1, "missing key 'caption'"),
        (("corner: Thema\n", "corner: Thema\ncolour: blau\n"), 5, "unknown key 'colour'"),
    ],
)
def test_each_mistake_is_named_with_file_and_line(tmp_path, change, line, message):
    write(tmp_path, "de", GOOD.replace(*change))
    found = problems(tmp_path)
    assert f"{FILE_NAME}:{line}: " in found and message in found, found


def test_every_language_has_the_same_rows_in_the_same_order(tmp_path):
    write(tmp_path, "de", GOOD)
    write(tmp_path, "en", GOOD.replace("id: geld", "id: money"))
    found = problems(tmp_path, ("de", "en"))
    assert "en/vergleich.yaml:1: 'rows' must have the same ids in the same order as in 'de'" in found, found


def test_a_missing_file_is_named(tmp_path):
    (tmp_path / "de").mkdir()
    assert "vergleich.yaml is missing" in problems(tmp_path)
