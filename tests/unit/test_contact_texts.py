"""The contact request's content files: loaded once, broken or missing files stop the start."""
import shutil
from pathlib import Path

import pytest

from portal.content import ContentError
from portal.contact.purge import months_before
from portal.contact.texts import FILES, check_retention, load_texts

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database

CONTENT = Path(__file__).resolve().parents[2] / "content" / "easy_language"


@pytest.fixture
def tree(tmp_path):
    for lang in ("de", "en"):
        shutil.copytree(CONTENT / lang / "contact", tmp_path / lang / "contact")
    return tmp_path


def test_shipped_texts_load_in_both_languages_with_the_same_promises():
    texts = load_texts(CONTENT, ("de", "en"))
    for lang in ("de", "en"):
        assert set(texts[lang]) == {spec.name for spec in FILES}
        assert texts[lang]["einwilligung"].meta["retention_months"] == 12
    assert texts["de"]["einwilligung"].meta["version"] == texts["en"]["einwilligung"].meta["version"]
    assert "<h3>" in texts["de"]["einwilligung"].html  # under the check page's h2
    check_retention(texts, 12)


def test_a_missing_file_names_its_path(tree):
    (tree / "en" / "contact" / "start.md").unlink()
    with pytest.raises(ContentError, match=r"en/contact/start\.md:1: missing"):
        load_texts(tree, ("de", "en"))


def test_a_missing_field_names_file_and_line(tree):
    path = tree / "de" / "contact" / "einwilligung.md"
    path.write_text(path.read_text(encoding="utf-8").replace("retention_months: 12", "retention_months: zwölf"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"de/contact/einwilligung\.md:4: front matter field 'retention_months'"):
        load_texts(tree, ("de", "en"))


def test_raw_html_stops_the_start(tree):
    path = tree / "de" / "contact" / "naechste-schritte.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"naechste-schritte\.md:\d+:"):
        load_texts(tree, ("de", "en"))


def test_consent_text_must_promise_the_keeping_time_that_purge_uses(tree):
    texts = load_texts(tree, ("de", "en"))
    with pytest.raises(ContentError, match=r"einwilligung\.md:4: the text promises 12 months, but CONTACT_RETENTION_MONTHS is 6"):
        check_retention(texts, 6)


@pytest.mark.parametrize("moment,months,expected", [
    ("2026-11-25T10:00:00", 12, "2025-11-25T10:00:00"),
    ("2026-03-31T00:00:00", 1, "2026-02-28T00:00:00"),
    ("2024-03-31T00:00:00", 1, "2024-02-29T00:00:00"),
    ("2026-01-15T00:00:00", 13, "2024-12-15T00:00:00"),
    ("2026-01-15T00:00:00", 0, "2026-01-15T00:00:00"),
])
def test_months_before(moment, months, expected):
    from datetime import datetime

    assert months_before(datetime.fromisoformat(moment), months) == datetime.fromisoformat(expected)
