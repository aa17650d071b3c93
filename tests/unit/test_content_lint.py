"""Easy-language lint: every rule firing and not firing, readability, CLI and `python -m`."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portal.content import lint
from click.testing import CliRunner

from portal.content.cli import content_cli
from portal.content.errors import REPO_ROOT, display_path
from portal.content.lint import (
    Problem,
    ProseLine,
    check_library,
    check_line,
    format_problem,
    readability_scores,
)
from portal.content.prose import markdown_to_prose, split_sentences

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "content"
LINE_SHAPE = re.compile(r"^[^:]+:\d+: [^:]+: .+$")


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    return root


@pytest.fixture(scope="module")
def german_rules():
    return lint._language_rules(FIXTURE, "de")


@pytest.fixture(scope="module")
def english_rules():
    return lint._language_rules(FIXTURE, "en")


def rules_fired(raw: str, rules) -> list[str]:
    line = ProseLine(7, markdown_to_prose(raw) or "", raw)
    return [p.rule if p.severity == "error" else f"{p.rule}:{p.severity}" for p in check_line(line, "x.md", rules)]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- the fixture is clean ---------------------------------------------------------------


def test_fixture_has_no_problems():
    assert check_library(FIXTURE) == []


def test_format_problem_shape():
    error = Problem("a/b.md", 3, "brackets", "no brackets")
    warning = Problem("a/b.md", 4, "sentence-length", "13 words", "warning")
    assert format_problem(error) == "a/b.md:3: brackets: no brackets"
    assert format_problem(warning) == "a/b.md:4: sentence-length (warning): 13 words"
    assert LINE_SHAPE.match(format_problem(warning))


# --- single rules (German) --------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Sie arbeiten in einem Betrieb.", []),
        ("Eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf.", []),
        ("Eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn.", ["sentence-length:warning"]),
        ("Eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf 13 14 15.", ["sentence-length:warning"]),
        ("Eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf 13 14 15 16.", ["sentence-length"]),
        ("Das ist z. B. gut.", ["abbreviation"]),
        ("Das ist z.B. gut.", ["abbreviation"]),
        ("Das ist bzw. gut.", ["abbreviation"]),
        ("Es kostet ca. 5 Euro.", ["abbreviation"]),
        ("Rufen Sie Nr. 5 an.", ["abbreviation"]),
        ("Das ist o. Ä. gut.", ["abbreviation"]),
        ("Gehen Sie zum AMT.", ["abbreviation"]),
        ("Das steht im SGB IX.", ["legal-reference", "abbreviation"]),  # one report for "SGB IX"
        # Legal references belong on the "Für Fach·leute" line: a line of its own that starts with §.
        ("Das steht in § 29 SGB IX.", ["legal-reference"]),
        ("Sie können nach § 84 SGG klagen.", ["legal-reference"]),
        ("Das steht im Artikel 9 Daten·schutz-Grund·verordnung.", ["legal-reference"]),
        ("- § 29 SGB IX", ["legal-reference"]),  # a list item is running text
        ("§ 29 SGB IX", []),
        ("§ 61a SGB IX", []),
        ("§ 37 Abs. 2 SGB X", []),
        ("§ 220 Absatz 3 SGB IX, §§ 117 ff. SGB IX", []),
        ("Art. 9 DSGVO", []),
        ("Das steht im Bescheid.", []),  # not a law
        ("Sie arbeiten (mit Hilfe) im Betrieb.", ["brackets"]),
        ("Sie arbeiten im Betrieb; das ist gut.", ["semicolon"]),
        ("[Hier](/module/3) finden Sie alles.", []),
        ("Das ist die Leistungsträgerin.", ["long-word"]),
        ("Das ist die Leistungs·trägerin.", []),
        ("Das ist die Leistungs-Trägerin.", []),
        ("Die Qualifizierung ist gut.", []),  # on the allow-list
        ("Eine Arbeitsstelle.", []),  # exactly 13 letters
        ("Sie arbeiten in der Werkstatt.", ["glossary-spelling"]),
        ("Sie arbeiten in der Werk-statt.", ["glossary-spelling"]),
        ("Der Werkstatt·rat trifft sich.", ["glossary-spelling"]),
        ("Sie arbeiten in der Werk·statt.", []),
        ("Zwei Werk·stätten.", []),
        ("Sie bekommen ein Persönliches Budget.", []),
        ("Eins. Zwei.", ["one-sentence-per-line"]),
        ("Was ist das? Das ist gut!", ["one-sentence-per-line"]),
        ("Am 1. Januar geht es los.", []),
        ("Das ist <b>fett</b>.", ["raw-html"]),
        ("Schreiben Sie an <mailto:a@example.org> oder `<b>`.", []),
        ("## [what] Was ist das?", []),
        ("1. Sie lernen den Betrieb kennen.", []),
    ],
)
def test_german_rules(german_rules, raw: str, expected: list[str]):
    assert rules_fired(raw, german_rules) == expected


def test_glossary_acronym_is_allowed(tmp_path: Path, tree: Path):
    glossary = tree / "de" / "glossary" / "eutb.md"
    glossary.write_text("---\nterm: EUTB\n---\nEine Beratung.\n\n## [example] Beispiel\nIch gehe zur EUTB.\n", encoding="utf-8")
    rules = lint._language_rules(tree, "de")
    assert rules_fired("Gehen Sie zur EUTB.", rules) == []
    assert rules_fired("Gehen Sie zur EUTB oder zur AOK.", rules) == ["abbreviation"]


def test_abbreviation_inside_sentence_does_not_split_it(german_rules):
    # Reported once as abbreviation, not also as "more than one sentence".
    assert rules_fired("Sie brauchen z. B. Geld.", german_rules) == ["abbreviation"]


# --- English ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("You work at a company.", []),
        ("You work (with help) at a company; it is good.", []),  # not checked in English
        ("The Werkstatt and the Leistungsträgerin. Two sentences.", []),
        ("This is e.g. fine.", ["abbreviation"]),
        ("This is i.e. fine.", ["abbreviation"]),
        ("Ask the UN.", ["abbreviation"]),
        ("This is in § 29 SGB IX.", ["legal-reference"]),
        ("§ 29 SGB IX", []),
        ("One two three four five six seven eight nine ten eleven twelve thirteen.", ["sentence-length:warning"]),
        ("One two three four five six seven eight nine ten eleven twelve 13 14 15 16.", ["sentence-length"]),
    ],
)
def test_english_rules(english_rules, raw: str, expected: list[str]):
    assert rules_fired(raw, english_rules) == expected


# --- prose extraction ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "prose"),
    [
        ("## [what] Was ist das?", "Was ist das?"),
        ("- **Sie** lesen [das](/x).", "Sie lesen das."),
        ("> 2. Zitat", "Zitat"),
        ("---", None),
        ("", None),
    ],
)
def test_markdown_to_prose(raw: str, prose):
    assert markdown_to_prose(raw) == prose


def test_split_sentences():
    assert split_sentences("Eins. Zwei? Drei!") == ["Eins.", "Zwei?", "Drei!"]
    assert split_sentences("Am 3. Mai.") == ["Am 3. Mai."]
    assert split_sentences("„Ja.“ Dann gehen Sie.") == ["„Ja.“", "Dann gehen Sie."]


# --- whole files: paths, line numbers, YAML and front matter ------------------------------------


def problems_of(root: Path, rule: str) -> list[str]:
    return [f"{p.path}:{p.line}" for p in check_library(root) if p.rule == rule]


def test_body_line_numbers(tree: Path):
    path = tree / "de" / "modules" / "modul-3.md"
    edit(path, "Ein Job·coach hilft Ihnen.", "Ein Job·coach hilft Ihnen (oft).")
    assert problems_of(tree, "brackets") == [f"{display_path(path)}:12"]


def test_front_matter_prose_is_checked_and_non_prose_keys_are_skipped(tree: Path):
    path = tree / "de" / "modules" / "modul-3.md"
    edit(path, "summary: Das ist Modul 3.", "summary: Das ist z. B. Modul 3.")
    edit(path, "official_name: Offizieller Name von Modul 3", "official_name: Betriebliche Qualifizierungsmaßnahme (BQM)")
    assert problems_of(tree, "abbreviation") == [f"{display_path(path)}:7"]
    assert problems_of(tree, "long-word") == []


def test_yaml_files_are_checked_with_lines(tree: Path):
    path = tree / "de" / "klaerung.yaml"
    path.write_text(
        "id: klaerung-1\nquestions:\n  - id: q1\n    text: Was wollen Sie (genau)?\n"
        "    help: |\n      Erste Zeile.\n      Zweite Zeile; mit Semikolon.\n",
        encoding="utf-8",
    )
    (tree / "en" / "klaerung.yaml").write_text("id: klaerung-1\n", encoding="utf-8")
    shown = display_path(path)
    assert problems_of(tree, "brackets") == [f"{shown}:4"]
    assert problems_of(tree, "semicolon") == [f"{shown}:7"]


def test_non_prose_keys_can_be_extended(tree: Path, monkeypatch):
    path = tree / "de" / "budget.yaml"
    path.write_text("items:\n  - label: Geld (brutto)\n", encoding="utf-8")
    assert problems_of(tree, "brackets") == [f"{display_path(path)}:2"]
    monkeypatch.setattr(lint, "NON_PROSE_KEYS", lint.NON_PROSE_KEYS | {"label"})
    assert problems_of(tree, "brackets") == []


def test_broken_file_is_a_problem_not_a_crash(tree: Path):
    path = tree / "de" / "pages" / "module.md"
    path.write_text("---\ntitle: [kaputt\n---\nText.\n", encoding="utf-8")
    problems = [p for p in check_library(tree) if p.rule == "content-error"]
    assert problems and problems[0].path == display_path(path)


# --- readability ------------------------------------------------------------------------

HARD_TEXT = "\n".join(
    [
        "Die Rehabilitationsträger gewährleisten Unterstützungsleistungen.",
        "Die Eingliederungshilfe finanziert Qualifizierungsmaßnahmen.",
        "Arbeitsmarktintegration erfordert Kooperationsvereinbarungen.",
        "Leistungsberechtigte erhalten Beratungsangebote.",
        "Die Bundesagentur koordiniert Vermittlungsaktivitäten.",
        "Sozialversicherungspflichtige Beschäftigungsverhältnisse entstehen.",
        "Integrationsfachdienste unterstützen Arbeitgeberinnen.",
        "Werkstattbeschäftigte beantragen Persönliche Budgets.",
        "Teilhabeplanverfahren berücksichtigen individuelle Bedarfe.",
        "Kostenträger entscheiden über Leistungsbewilligungen.",
        "Die Arbeitsassistenz ermöglicht Beschäftigungssicherung.",
        "Die Rentenversicherung prüft Erwerbsminderungsansprüche.",
        "Die Integrationsämter bewilligen Eingliederungszuschüsse.",
    ]
)


def write_page(tree: Path, name: str, body: str) -> Path:
    for lang in ("de", "en"):
        (tree / lang / "pages" / f"{name}.md").write_text(f"---\ntitle: Seite\n---\n{body}\n", encoding="utf-8")
    return tree / "de" / "pages" / f"{name}.md"


def test_readability_error_for_hard_text(tree: Path):
    path = write_page(tree, "schwer", HARD_TEXT)
    problems = [p for p in check_library(tree) if p.rule == "readability"]
    assert [(p.path, p.line) for p in problems] == [(display_path(path), 1)]
    assert "below 60" in problems[0].text


def test_short_files_are_not_judged(tree: Path):
    write_page(tree, "kurz", "\n".join(HARD_TEXT.splitlines()[:8]))
    assert [p for p in check_library(tree) if p.rule == "readability"] == []
    score = next(s for s in readability_scores(tree) if s.path.endswith("de/pages/kurz.md"))
    assert not score.measured and score.score < 60


def test_readability_scores_use_amstad_formula(tree: Path):
    path = write_page(tree, "einfach", "Sie arbeiten.\nDie Werk·statt hilft.")
    score = next(s for s in readability_scores(tree) if s.path == display_path(path))
    # title line + 2 body lines = 3 sentences; the Mediopunkt is removed before counting.
    assert score.sentences == 3 and score.words == 6
    expected = 180 - score.words / score.sentences - 58.5 * score.syllables / score.words
    assert score.score == pytest.approx(expected, abs=0.05)
    assert score.syllables == 1 + 1 + 3 + 1 + 2 + 2  # Sei·te, Sie ar·bei·ten, Die Werk·statt hilft


def test_readability_only_for_german(tree: Path):
    assert all("/de/" in score.path for score in readability_scores(tree))


# --- running it ---------------------------------------------------------------------------


def run_cli(root: Path):
    return CliRunner().invoke(content_cli, ["check"], env={"CONTENT_DIR": str(root)})


def test_cli_clean_content_exits_zero():
    result = run_cli(FIXTURE)
    assert result.exit_code == 0, result.output
    summary = result.output.strip().splitlines()[-1]
    assert re.match(r"content check: 40 files checked, 0 errors, 0 warnings, lowest readability \d+\.\d", summary)


def test_cli_errors_exit_one_and_print_file_line_rule_text(tree: Path):
    edit(tree / "de" / "modules" / "modul-3.md", "Ein Job·coach hilft Ihnen.", "Ein Job·coach hilft Ihnen; oft.")
    result = run_cli(tree)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert any(line.endswith("modul-3.md:12: semicolon: no semicolons: end the sentence and start a new line") for line in lines)
    problems = [line for line in lines[:-1] if not line.startswith("reader check (information):")]
    assert problems and all(LINE_SHAPE.match(line) for line in problems)
    assert "1 errors, 0 warnings" in lines[-1]


def test_cli_warnings_alone_exit_zero(tree: Path):
    edit(
        tree / "de" / "modules" / "modul-3.md",
        "Ein Job·coach hilft Ihnen.",
        "Ein Job·coach hilft Ihnen jeden Tag bei der Arbeit im Betrieb mit viel Geduld.",
    )
    result = run_cli(tree)
    assert result.exit_code == 0, result.output
    assert "sentence-length (warning): 14 words" in result.output
    assert "0 errors, 1 warnings" in result.output


def test_cli_reports_loader_errors(tree: Path):
    (tree / "en" / "modules" / "modul-2.md").unlink()
    result = run_cli(tree)
    assert result.exit_code == 1
    assert "content-error: missing in 'en':" in result.output


def test_flask_command_reports_content_that_stops_the_portal(tree: Path):
    """`flask --app portal content check` must not need the app: broken content stops create_app."""
    (tree / "de" / "modules" / "modul-3.md").write_text("---\nnumber: [\n", encoding="utf-8")
    command = [sys.executable, "-m", "flask", "--app", "portal", "content", "check"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO_ROOT,
                            env={**os.environ, "CONTENT_DIR": str(tree)})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "modul-3.md:" in result.stdout and "Traceback" not in result.stderr


def test_python_dash_m_without_flask(tree: Path):
    command = [sys.executable, "-m", "portal.content.lint"]
    clean = subprocess.run([*command, str(FIXTURE)], capture_output=True, text=True, cwd=REPO_ROOT)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "0 errors" in clean.stdout
    edit(tree / "de" / "pages" / "module.md", "Es gibt 8 Module.", "Es gibt z. B. 8 Module.")
    broken = subprocess.run([*command, str(tree)], capture_output=True, text=True, cwd=REPO_ROOT)
    assert broken.returncode == 1
    assert "module.md:4: abbreviation: 'z. B.'" in broken.stdout


# --- false claims: statements that must not come back ------------------------------------


SHIPPED_ROOT = REPO_ROOT / "content" / "easy_language"


@pytest.mark.parametrize(
    "lang, line",
    [
        ("de", "Sie dürfen zurück in die Werk·statt, wenn Sie das wollen."),  # § 220 Abs. 3 SGB IX
        ("de", "## Ihr Platz in der Werk·statt bleibt"),
        ("de", "Die Antwort ist sicher."),
        ("de", "Ihre Wahl gilt dann für mindestens 6 Monate."),  # § 29 Abs. 1 SGB IX
        ("de", "Bei einem Wider·spruch hilft die EUTB aber nicht."),  # § 32 SGB IX
        ("de", "Nach 20 Jahren bekommen Sie oft eine Erwerbs·minderungs·rente."),  # § 43 Abs. 6 SGB VI
        ("en", "You may go back to the workshop if you want."),
        ("en", "Your choice then counts for at least 6 months."),
        ("en", "The EUTB does not help with objections."),
    ],
)
def test_a_false_claim_from_the_legal_review_is_reported(lang: str, line: str):
    rules = lint._language_rules(SHIPPED_ROOT, lang)
    assert "false-claim" in rules_fired(line, rules)


@pytest.mark.parametrize(
    "lang, line",
    [
        ("de", "Das heißt: Eine Werk·statt muss Sie wieder aufnehmen."),
        ("de", "Die Werk·statt hält Ihren alten Platz aber nicht frei."),
        ("de", "Dann gilt Ihre Wahl für 6 Monate."),
        ("de", "Die EUTB erklärt Ihnen den Bescheid und die Frist."),
        ("en", "But your old workshop does not keep your place free."),
        ("en", "This means: a workshop must take you in again."),
    ],
)
def test_the_corrected_statements_pass(lang: str, line: str):
    rules = lint._language_rules(SHIPPED_ROOT, lang)
    assert "false-claim" not in rules_fired(line, rules)


def test_false_claims_come_from_the_file_beside_the_content_root(tmp_path: Path, tree: Path):
    page = next((tree / "de").rglob("*.md"))
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\nDas ist ein Versprechen.\n", encoding="utf-8")
    assert not [p for p in check_library(tree) if p.rule == "false-claim"]
    (tree.parent / "claims.yaml").write_text(
        "de:\n  - pattern: 'ein Versprechen'\n    reason: 'promises too much'\n", encoding="utf-8"
    )
    found = [p for p in check_library(tree) if p.rule == "false-claim"]
    assert len(found) == 1 and "promises too much" in found[0].text and found[0].path.endswith(page.name)


def test_the_shipped_content_makes_no_false_claim():
    assert [p for p in check_library(SHIPPED_ROOT) if p.rule == "false-claim"] == []


# --- legal references and the term list --------------------------------------------------


def test_a_legal_reference_in_running_text_is_reported_with_its_place(tree: Path):
    page = tree / "de" / "pages" / "module.md"
    edit(page, "Es gibt 8 Module.", "Es gibt 8 Module.\n§ 29 SGB IX")
    assert [p for p in check_library(tree) if p.rule == "legal-reference"] == []
    edit(page, "§ 29 SGB IX", "Das steht im § 29 SGB IX.")
    found = [p for p in check_library(tree) if p.rule == "legal-reference"]
    assert len(found) == 1 and found[0].path.endswith("module.md") and found[0].line == 5
    assert "Für Fach·leute" in found[0].text


def test_a_legal_reference_in_english_and_in_yaml_is_reported(tree: Path):
    edit(tree / "en" / "pages" / "module.md", "There are 8 modules.", "There are 8 modules under § 29 SGB IX.")
    timeline = tree / "de" / "timeline.yaml"
    text = timeline.read_text(encoding="utf-8")
    first_text = re.search(r"text: (.+)", text).group(1)
    timeline.write_text(text.replace(first_text, first_text + " Das regelt das SGB IX.", 1), encoding="utf-8")
    paths = sorted(p.path.split("/content/")[-1] for p in check_library(tree) if p.rule == "legal-reference")
    assert paths == ["de/timeline.yaml", "en/pages/module.md"]


TERMS = """de:
  - use: Begleit·person
    avoid: [Assistenz·person, Begleiter]
    reason: the person who comes along
  - use: JobBudget
    avoid: [Job-Budget, Jobbudget]
    reason: one spelling of the name
en:
  - use: support person
    avoid: [companion]
    reason: the person who comes along
"""


@pytest.fixture()
def term_rules(tree: Path):
    (tree.parent / "terms.yaml").write_text(TERMS, encoding="utf-8")
    return {lang: lint._language_rules(tree, lang) for lang in ("de", "en")}


@pytest.mark.parametrize(
    ("lang", "raw", "expected"),
    [
        ("de", "Ihre Assistenz·person kommt mit.", ["term"]),
        ("de", "Zwei Assistenz·personen kommen mit.", ["term"]),  # with an ending
        ("de", "Ihr Begleiter kommt mit.", ["term"]),
        ("de", "Das Jobbudget hat 8 Module.", ["term"]),  # case matters
        ("de", "Das Job-Budget hat 8 Module.", ["term"]),
        ("de", "Das JobBudget hat 8 Module.", []),
        ("de", "Ihre Begleit·person kommt mit.", []),
        ("de", "Ihre Begleitperson kommt mit.", ["term"]),  # the Mediopunkt of the preferred word
        ("en", "Your companion comes along.", ["term"]),
        ("en", "Your support person comes along.", []),
    ],
)
def test_a_variant_from_the_term_list_is_reported(term_rules, lang: str, raw: str, expected: list[str]):
    assert [rule for rule in rules_fired(raw, term_rules[lang]) if rule == "term"] == expected


def test_the_term_list_comes_from_the_file_beside_the_content_root(tree: Path):
    edit(tree / "de" / "pages" / "module.md", "Es gibt 8 Module.", "Das Jobbudget hat 8 Module.")
    assert [p for p in check_library(tree) if p.rule == "term"] == []
    (tree.parent / "terms.yaml").write_text(TERMS, encoding="utf-8")
    found = [p for p in check_library(tree) if p.rule == "term"]
    assert len(found) == 1 and "'Jobbudget': write 'JobBudget'" in found[0].text and "one spelling" in found[0].text


def test_the_shipped_content_keeps_laws_on_the_fachleute_line_and_one_word_per_thing():
    rules = ("legal-reference", "term")
    assert [p for p in check_library(SHIPPED_ROOT) if p.rule in rules] == []
    shipped = lint.load_terms(SHIPPED_ROOT, "de")
    assert {"Begleit·person", "Job·coach", "Fach·kraft", "JobBudget", "Werk·statt·lohn"} <= {t.use for t in shipped}
