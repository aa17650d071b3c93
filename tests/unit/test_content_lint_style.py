"""Easy-language lint, style rules: headings, "wir", the job coach's pronoun, terms in the catalogues."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from portal.content import lint
from portal.content.errors import REPO_ROOT
from portal.content.lint import ProseLine, check_library, check_line, read_catalogue_texts
from portal.content.prose import markdown_to_prose

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "content"
SHIPPED_ROOT = REPO_ROOT / "content" / "easy_language"


@pytest.fixture(scope="module")
def shipped_problems():
    """All problems of the shipped content and catalogues (checked once: it takes seconds)."""
    return check_library(SHIPPED_ROOT)


@pytest.fixture(scope="module")
def german_rules():
    return lint._language_rules(FIXTURE, "de")


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """A copy of the fixture content at tmp/content/easy_language (translations/ goes to tmp/)."""
    root = tmp_path / "content" / "easy_language"
    shutil.copytree(FIXTURE, root)
    return root


def fired(raw: str, rules, key: str | None = None, operator_speaks: bool = False) -> list[str]:
    line = ProseLine(7, markdown_to_prose(raw) or "", raw, key)
    problems = check_line(line, "x.md", rules, operator_speaks=operator_speaks)
    return [p.rule if p.severity == "error" else f"{p.rule}:{p.severity}" for p in problems]


def rules_of(root: Path, *names: str) -> list[str]:
    return [f"{p.path.split('/')[-1]}:{p.line}:{p.rule}" for p in check_library(root) if p.rule in names]


# --- headings: questions or statements, not subordinate clauses ---------------------------


@pytest.mark.parametrize(
    ("raw", "key", "expected"),
    [
        ("## Dass Sie Hilfe bekommen", None, ["heading-clause"]),
        ("## [what] Wenn Sie krank sind", None, ["heading-clause"]),
        ("### Ob Sie zurück können", None, ["heading-clause"]),
        ("Weil Sie mehr lernen wollen", "title", ["heading-clause"]),
        ("Damit Sie gut starten", "modules_heading", ["heading-clause"]),
        ("## Wann ist es fertig?", None, []),
        ("## Ob Sie zurück können?", None, []),  # a question is fine
        ("## So geht es", None, []),
        ("## Woran erkennen Sie, dass das Ziel erreicht ist?", None, []),
        ("## Dassel", None, []),  # a word that only starts like "dass"
        ("Dass Sie Hilfe bekommen, ist wichtig.", None, []),  # running text, not a heading
        ("Wenn Sie krank sind", "text", []),  # a text value, not a heading
    ],
)
def test_a_heading_that_is_a_subordinate_clause_is_reported(german_rules, raw, key, expected):
    assert [rule for rule in fired(raw, german_rules, key) if rule == "heading-clause"] == expected


def test_heading_clauses_in_markdown_front_matter_and_yaml_have_their_lines(tree: Path):
    module = tree / "de" / "modules" / "modul-3.md"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("## [how] Wie geht das?", "## [how] Wenn Sie lernen", 1), encoding="utf-8")
    timeline = tree / "de" / "timeline.yaml"
    text = timeline.read_text(encoding="utf-8")
    timeline.write_text(text.replace("title: Klären", "title: Damit Sie wissen, was Sie wollen", 1), encoding="utf-8")
    assert rules_of(tree, "heading-clause") == ["modul-3.md:24:heading-clause", "timeline.yaml:2:heading-clause"]


def test_the_shipped_headings_are_questions_or_statements(shipped_problems):
    assert [p for p in shipped_problems if p.rule == "heading-clause"] == []


# --- "wir": only where the operator speaks and is named ----------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Wir helfen Ihnen.", ["unclear-we:warning"]),
        ("Dann schicken wir Ihre Anfrage ab.", ["unclear-we:warning"]),
        ("Schreiben Sie uns eine E-Mail.", ["unclear-we:warning"]),
        ("Das ist unsere Seite.", ["unclear-we:warning"]),
        ("Das Portal hilft Ihnen.", []),
        ("Ihr Anbieter schickt Ihnen einen Brief.", []),
        ("Das ist die Unsere·Straße.", []),  # part of a longer word
    ],
)
def test_unclear_we_is_a_warning(german_rules, raw, expected):
    assert [rule for rule in fired(raw, german_rules) if rule.startswith("unclear-we")] == expected


def test_we_is_fine_where_the_operator_speaks(german_rules):
    assert fired("Wir speichern nur wenige Daten.", german_rules, operator_speaks=True) == []


def test_the_operator_pages_are_named_in_the_rule(tree: Path):
    for name in ("start", "datenschutz"):
        path = tree / "de" / "pages" / f"{name}.md"
        path.write_text("---\ntitle: Seite\n---\nWir speichern nur wenige Daten.\n", encoding="utf-8")
    assert rules_of(tree, "unclear-we") == ["start.md:4:unclear-we"]
    assert "pages/datenschutz.md" in lint.OPERATOR_PAGES


def test_english_we_is_not_checked():
    rules = lint._language_rules(FIXTURE, "en")
    assert fired("We help you.", rules) == []


def test_the_shipped_content_says_who_instead_of_we(shipped_problems):
    assert [p for p in shipped_problems if p.rule == "unclear-we"] == []


# --- the job coach is not always "er" ----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ihr Job·coach hilft Ihnen, wenn er Zeit hat.", ["job-coach-pronoun:warning"]),
        ("Der Job·coach erzählt von seiner Arbeit.", ["job-coach-pronoun:warning"]),
        ("Sein Job·coach zeigt Tim das Gießen.", []),  # "Sein" is Tim's, before the job coach
        ("Die Job·coaches erklären ihre Arbeit.", []),
        ("Ihr Job·coach hilft Ihnen.", []),
        ("Ihr Job·coach kann morgen nicht da sein.", []),  # the verb, not the pronoun
    ],
)
def test_a_pronoun_after_the_job_coach_in_the_same_line(german_rules, raw, expected):
    assert [rule for rule in fired(raw, german_rules) if rule.startswith("job-coach")] == expected


def write_module_text(tree: Path, body: str) -> Path:
    path = tree / "de" / "pages" / "start.md"
    path.write_text(f"---\ntitle: Seite\n---\n{body}\n", encoding="utf-8")
    return path


def test_a_pronoun_in_the_next_lines_is_reported_line_by_line(tree: Path):
    write_module_text(
        tree, "Ihr Job·coach kommt mit.\nEr zeigt Ihnen die Arbeit.\nDann zieht er sich zurück.\n"
        "Sein Büro ist im Betrieb.\nSie arbeiten allein.\nEr ist froh.",
    )
    # Line 9 "Er ist froh." follows a line without the pronoun: the chain has ended.
    assert rules_of(tree, "job-coach-pronoun") == [f"start.md:{n}:job-coach-pronoun" for n in (5, 6, 7)]


def test_no_pronoun_warning_after_a_blank_line_or_when_the_noun_is_repeated(tree: Path):
    write_module_text(tree, "Ihr Job·coach kommt mit.\n\nEr ist der Chef.\n\nIhr Job·coach kommt mit.\nDer Job·coach zeigt Ihnen die Arbeit.")
    assert rules_of(tree, "job-coach-pronoun") == []


def test_the_shipped_content_does_not_make_the_job_coach_a_man(shipped_problems):
    assert [p for p in shipped_problems if p.rule == "job-coach-pronoun"] == []


# --- interface strings: the term list in translations/*/en/LC_MESSAGES/messages.po ---------------

TERMS = """de:
  - use: Fach·kraft
    avoid: [Fach·person, Fachperson]
    reason: a trained person who advises
en:
  - use: expert
    avoid: [specialist]
    reason: a trained person who advises
"""

CATALOGUE = '''# English translations
msgid ""
msgstr ""
"Language: en\\n"

#: portal/pages/routes.py:21
msgid "Sprechen Sie mit einer Fach·person."
msgstr "Talk to a specialist."

#: portal/pages/routes.py:22
msgid ""
"Mit einer "
"Fach·kraft sprechen"
msgstr "Talk to an expert"

#~ msgid "Eine alte Fach·person"
#~ msgstr "An old specialist"
'''


@pytest.fixture()
def catalogue(tree: Path) -> Path:
    (tree.parent / "terms.yaml").write_text(TERMS, encoding="utf-8")
    path = tree.parents[1] / "translations" / "pages" / "en" / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    path.write_text(CATALOGUE, encoding="utf-8")
    return path


def test_catalogue_texts_with_their_lines(catalogue: Path):
    texts = [(t.line, t.field, t.text) for t in read_catalogue_texts(catalogue)]
    assert texts == [
        (7, "msgid", "Sprechen Sie mit einer Fach·person."),
        (8, "msgstr", "Talk to a specialist."),
        (11, "msgid", "Mit einer Fach·kraft sprechen"),
        (14, "msgstr", "Talk to an expert"),
    ]


def test_a_variant_in_a_catalogue_is_reported_for_msgid_and_msgstr(catalogue: Path):
    found = [p for p in check_library(catalogue.parents[4] / "content" / "easy_language") if p.rule == "term"]
    assert [(p.path.split("translations/")[-1], p.line) for p in found] == [
        ("pages/en/LC_MESSAGES/messages.po", 7),
        ("pages/en/LC_MESSAGES/messages.po", 8),
    ]
    assert "'Fach·person': write 'Fach·kraft'" in found[0].text
    assert "'specialist': write 'expert'" in found[1].text


def test_a_clean_catalogue_is_silent(catalogue: Path, tree: Path):
    catalogue.write_text(CATALOGUE.replace("Fach·person", "Fach·kraft").replace("specialist", "expert"), encoding="utf-8")
    assert [p for p in check_library(tree) if p.rule == "term"] == []


def test_the_shipped_catalogues_follow_the_term_list(shipped_problems):
    catalogues = lint.translation_catalogues(SHIPPED_ROOT)
    assert {path.parents[2].name for path in catalogues} >= {"budget", "modules", "pages", "ui"}
    assert [p for p in shipped_problems if p.path.startswith("translations/")] == []
