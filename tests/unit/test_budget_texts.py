"""The budget's content files: read once at start-up; a broken file stops start-up naming file and line."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from portal.budget import offices
from portal.budget.texts import MIN_STEPS, load_budget_texts
from portal.config import PROJECT_ROOT
from portal.content import ContentError, load_library

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database

CONTENT = PROJECT_ROOT / "content" / "easy_language"


@pytest.fixture(scope="module")
def library():
    return load_library(CONTENT)


@pytest.fixture
def tree(tmp_path) -> Path:
    """A copy of the budget folders, to break one file at a time."""
    for lang in ("de", "en"):
        shutil.copytree(CONTENT / lang / "budget", tmp_path / lang / "budget")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(tree: Path, library) -> str:
    with pytest.raises(ContentError) as error:
        load_budget_texts(tree, library)
    return error.value.message


def test_the_real_texts_load_with_the_same_steps_in_both_languages(library):
    texts = load_budget_texts(CONTENT, library)
    assert set(texts) == {"de", "en"}
    german, english = texts["de"], texts["en"]
    assert len(german.steps) >= MIN_STEPS
    assert [step.slug for step in german.steps] == [step.slug for step in english.steps]
    assert [step.number for step in german.steps] == list(range(1, len(german.steps) + 1))
    for step in german.steps:
        assert set(step.parts) == {"what", "todo", "helpers", "duration", "documents"}
        assert all(str(html).strip() for html in step.parts.values())
    for lang_texts in texts.values():
        finder = lang_texts.finder
        assert set(finder.offices) == set(offices.OFFICES)
        assert set(finder.reasons) == set(offices.REASONS)
        for key, answers in offices.QUESTIONS:
            assert tuple(finder.questions[key].choices) == answers
        for page in (lang_texts.letter, lang_texts.objection, lang_texts.office_time):
            assert page.title and page.summary and page.sections


def test_the_issue_asks_for_these_steps(library):
    slugs = [step.slug for step in load_budget_texts(CONTENT, library)["de"].steps]
    assert slugs == ["beratung", "amt", "antrag", "bedarf", "planung", "zielvereinbarung", "bescheid", "geld", "nachweise"]


def test_glossary_words_link_to_the_dictionary_once_per_step(library):
    step = load_budget_texts(CONTENT, library)["de"].step("bescheid")
    html = "".join(str(part) for part in step.parts.values())
    assert html.count('href="/woerterbuch#bescheid"') == 1
    assert '<details class="term-explanation">' in html


def test_a_missing_step_part_names_file_and_line(tree, library):
    edit(tree / "de" / "budget" / "steps.yaml", "    duration: |\n      Meistens reichen", "    dauer: |\n      Meistens reichen")
    message = problems(tree, library)
    assert "de/budget/steps.yaml:" in message
    assert "missing key 'duration'" in message and "unknown key 'dauer'" in message


def test_a_duplicate_slug_and_a_foreign_link_are_reported(tree, library):
    path = tree / "de" / "budget" / "steps.yaml"
    edit(path, "  - slug: amt\n", "  - slug: beratung\n")
    edit(path, "    link: /budget/antrag\n", "    link: https://example.org\n")
    message = problems(tree, library)
    assert "slug 'beratung' is used twice" in message
    assert "link must lead to a /budget page" in message


def test_too_few_steps_are_reported(tree, library):
    path = tree / "en" / "budget" / "steps.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - slug: amt")], encoding="utf-8")
    assert f"at least {MIN_STEPS} steps" in problems(tree, library)


def test_languages_must_have_the_same_steps(tree, library):
    edit(tree / "en" / "budget" / "steps.yaml", "  - slug: nachweise", "  - slug: proofs")
    assert "the steps must have the same slugs" in problems(tree, library)


def test_a_missing_reason_or_answer_text_is_reported(tree, library):
    path = tree / "de" / "budget" / "offices.yaml"
    edit(path, "  ort_unklar: |", "  ort_vielleicht: |")
    edit(path, "      rente: Ich habe vor", "      pension: Ich habe vor")
    message = problems(tree, library)
    assert "'ort_unklar' needs a text under 'reasons'" in message
    assert "unknown key 'ort_vielleicht'" in message
    assert "'rente' needs a text under 'choices'" in message


def test_a_yaml_syntax_error_names_its_line(tree, library):
    path = tree / "de" / "budget" / "offices.yaml"
    edit(path, "title: Welches Amt", "title: [Welches Amt")
    assert "de/budget/offices.yaml:5: YAML syntax error" in problems(tree, library)  # where the parser notices


def test_a_page_without_its_section_or_a_missing_file_is_reported(tree, library):
    edit(tree / "de" / "budget" / "antrag.md", "## [save]", "## [speichern]")
    (tree / "en" / "budget" / "frist-amt.md").unlink()
    message = problems(tree, library)
    assert "missing section '## [save] …'" in message
    assert "frist-amt.md is missing" in message


def test_raw_html_in_a_step_is_refused(tree, library):
    edit(tree / "de" / "budget" / "steps.yaml", "      Die Beratung kostet nichts.", "      Die Beratung <b>kostet</b> nichts.")
    assert "raw HTML is not allowed" in problems(tree, library)
