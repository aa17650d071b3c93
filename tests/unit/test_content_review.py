"""Reader checks in the front matter: read, validated, counted per language and area, and reported
by `content check` as information only."""
from __future__ import annotations

import pytest

from datetime import date

from portal.content import load_library
from portal.content.lint import run_check
from portal.content.models import ReaderCheck
from portal.content.review import coverage
from tests.unit.test_content_loader import FIXTURE, edit, load_error, tree, where  # noqa: F401  (fixture)

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database


def add_front_matter(path, lines: str) -> None:
    edit(path, "---\n", "---\n" + lines)


def test_a_checked_file_carries_who_and_when(tree):
    add_front_matter(tree / "de" / "modules" / "modul-3.md", "checked_by: Prüf·gruppe Lübeck\nchecked_on: 2026-11-20\n")
    add_front_matter(tree / "de" / "pages" / "start.md", "checked_by: Büro für Leichte Sprache\nchecked_on: 2026-10-01\n")
    german = load_library(tree).for_lang("de")
    assert german.modules[3].reader_check == ReaderCheck("Prüf·gruppe Lübeck", date(2026, 11, 20))
    assert german.pages["start"].reader_check == ReaderCheck("Büro für Leichte Sprache", date(2026, 10, 1))
    assert german.modules[1].reader_check is None
    assert load_library(tree).for_lang("en").modules[3].reader_check is None  # each language on its own


def test_a_name_without_a_day_is_an_error(tree):
    path = tree / "de" / "bausteine" / "modul-3-baustein-1.md"
    add_front_matter(path, "checked_by: Prüf·gruppe Lübeck\n")
    message = load_error(tree)
    assert where(path, "checked_by") + "'checked_by' needs 'checked_on' too" in message


def test_a_day_must_be_a_real_date(tree):
    path = tree / "de" / "modules" / "modul-1.md"
    add_front_matter(path, "checked_by: Prüf·gruppe Lübeck\nchecked_on: im Herbst\n")
    message = load_error(tree)
    assert where(path, "checked_on") + "front matter field 'checked_on' must be a date like 2026-11-20" in message


def test_coverage_counts_per_language_and_area(tree):
    add_front_matter(tree / "de" / "bausteine" / "modul-3-baustein-2.md", "checked_by: Gruppe\nchecked_on: 2026-11-20\n")
    rows = {(row.lang, row.area): row for row in coverage(load_library(tree))}
    assert [key for key in rows] == [(lang, area) for lang in ("de", "en") for area in ("modules", "bausteine", "pages")]
    german = rows["de", "bausteine"]
    assert (german.checked, german.total, german.percent) == (1, 3, 33)
    assert german.unchecked == ("modul-1-baustein-1", "modul-3-baustein-1")
    assert (rows["en", "bausteine"].checked, rows["de", "modules"].checked) == (0, 0)


def test_content_check_reports_unchecked_texts_as_information_not_as_errors(tree):
    add_front_matter(tree / "de" / "pages" / "start.md", "checked_by: Gruppe\nchecked_on: 2026-11-20\n")
    lines: list[str] = []
    exit_code = run_check(tree, echo=lines.append)
    report = [line for line in lines if line.startswith("reader check (information):")]
    assert "reader check (information): de/pages: 1 of 2 checked; not yet: module" in report
    assert "reader check (information): en/pages: 0 of 2 checked; not yet: module, start" in report
    assert len(report) == 6
    assert lines[-1].startswith("content check:") and " 0 errors" in lines[-1]
    assert exit_code == 0
