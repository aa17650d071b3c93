"""Loader of portal.content: what it builds from the fixture tree, and every validation error."""
from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portal.content import (
    ContentError,
    ContentLibrary,
    load_library,
    load_yaml_with_lines,
)
from portal.content.errors import REPO_ROOT, display_path

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "content"


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """A private copy of the fixture content that a test may break."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def load_error(root: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_library(root)
    return str(caught.value)


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def where(path: Path, needle: str) -> str:
    return f"{display_path(path)}:{line_of(path, needle)}: "


# --- what the loader builds -----------------------------------------------------------


def test_fixture_loads_both_languages():
    library = load_library(FIXTURE)
    assert isinstance(library, ContentLibrary)
    assert library.languages == ("de", "en")
    with pytest.raises(KeyError):
        library.for_lang("fr")


def test_modules_groups_and_bausteine():
    de = load_library(FIXTURE).for_lang("de")
    assert sorted(de.modules) == list(range(1, 9))
    module = de.modules[3]
    assert module.title == "Lernen im Betrieb"
    assert module.group == "kern" and module.repeatable is True
    assert list(module.sections) == ["what", "for_whom", "steps", "goal", "how", "done", "duration", "payer"]
    assert module.sections["what"].heading == "Was ist das?"
    assert [b.number for b in module.bausteine] == [1, 2]
    assert module.bausteine[1].title == "Baustein 2"
    assert de.modules[2].bausteine == []
    assert [group.slug for group in de.groups] == ["klaerung", "kern", "ergaenzung", "nach-vertrag"]
    assert de.groups[1].modules == [2, 3, 4]


def test_pages_timeline_and_glossary():
    de = load_library(FIXTURE).for_lang("de")
    start = de.pages["start"]
    assert start.title == "Willkommen"
    assert start.meta["description"] == "Die Start·seite"  # extra page keys are kept
    assert list(start.sections) == ["how"]  # plain '## Hilfe' is in html only
    assert "<h2>Hilfe</h2>" in start.html and "[how]" not in start.html
    assert [phase.modules for phase in de.timeline.phases] == [[1], [2, 3], [4, 8]]
    assert de.timeline.alongside.modules == [5, 6, 7] and de.timeline.alongside.title == ""
    # German collation: "Persönliches" (P) before "Werk·statt" (W)
    assert [entry.slug for entry in de.glossary] == ["persoenliches-budget", "werkstatt"]
    entry = de.glossary_entry("werkstatt")
    assert entry.forms == ["Werk·stätten"]
    assert entry.example.key == "example" and "Anna" in entry.example.html
    assert "Menschen mit Behinderung" in entry.html


def test_glossary_sort_ignores_umlauts_case_and_mediopunkt():
    from portal.content.loader import glossary_sort_key

    terms = ["Zahl", "Übung", "Arzt", "Ärger", "ab·holen", "Uhr"]
    assert sorted(terms, key=glossary_sort_key) == ["ab·holen", "Ärger", "Arzt", "Übung", "Uhr", "Zahl"]


def test_dataclasses_are_frozen():
    module = load_library(FIXTURE).for_lang("de").modules[1]
    with pytest.raises(dataclasses.FrozenInstanceError):
        module.title = "x"  # type: ignore[misc]


def test_unknown_top_level_files_are_ignored(tree: Path):
    for lang in ("de", "en"):
        (tree / lang / "klaerung.yaml").write_text("questions: [1, 2]\n", encoding="utf-8")
        (tree / lang / "budget.yaml").write_text("anything: {goes: here}\n", encoding="utf-8")
    assert load_library(tree).languages == ("de", "en")


def test_loading_does_not_import_the_lint_libraries():
    code = (
        "import sys; from portal.content import load_library; "
        f"load_library({str(FIXTURE)!r}); "
        "bad = [m for m in ('textstat', 'pyphen', 'flask') if m in sys.modules]; "
        "print(bad)"
    )
    # portal/__init__ may import Flask; load the package modules without it.
    script = (
        "import importlib.util, sys, types; "
        f"pkg = types.ModuleType('portal'); pkg.__path__ = [{str(REPO_ROOT / 'portal')!r}]; "
        "sys.modules['portal'] = pkg; " + code
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- validation errors -------------------------------------------------------------------


def test_missing_front_matter_field(tree: Path):
    path = tree / "de" / "modules" / "modul-3.md"
    edit(path, "summary: Das ist Modul 3.\n", "")
    assert f"{display_path(path)}:2: missing front matter field 'summary'" in load_error(tree)


def test_extra_front_matter_field(tree: Path):
    path = tree / "de" / "modules" / "modul-3.md"
    edit(path, "pictogram: modul-3\n", "pictogram: modul-3\ncolour: red\n")
    assert where(path, "colour:") + "unknown front matter field 'colour'" in load_error(tree)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("number: 3\n", "number: drei\n", "front matter field 'number' must be a whole number, not 'drei'"),
        ("repeatable: true\n", "repeatable: ja\n", "front matter field 'repeatable' must be true or false"),
        ("title: Lernen im Betrieb\n", "title: [Lernen]\n", "front matter field 'title' must be a text"),
    ],
)
def test_wrong_front_matter_types(tree: Path, old: str, new: str, expected: str):
    path = tree / "de" / "modules" / "modul-3.md"
    edit(path, old, new)
    needle = new.split(":")[0] + ":"
    assert where(path, needle) + expected in load_error(tree)


def test_group_modules_must_be_numbers(tree: Path):
    path = tree / "de" / "groups" / "kern.md"
    edit(path, "modules: [2, 3, 4]", "modules: [2, drei, 4]")
    assert where(path, "modules:") + "front matter field 'modules' must be a list of whole numbers" in load_error(tree)


def test_missing_required_section(tree: Path):
    path = tree / "de" / "modules" / "modul-3.md"
    edit(path, "## [goal] Was ist das Ziel?\nSie können die Arbeit gut machen.\n", "")
    assert f"{display_path(path)}:10: missing section 'goal'" in load_error(tree)


def test_missing_baustein_section(tree: Path):
    path = tree / "de" / "bausteine" / "modul-3-baustein-2.md"
    edit(path, "## [done] Wann ist es fertig?", "## [fertig] Wann ist es fertig?")
    message = load_error(tree)
    assert where(path, "[fertig]") + "unknown section 'fertig'" in message
    assert "missing section 'done'" in message


def test_heading_without_key_and_text_before_first_section(tree: Path):
    path = tree / "de" / "modules" / "modul-3.md"
    edit(path, "## [what] Was ist das?\n", "Vorweg ein Satz.\n## Was ist das?\n")
    message = load_error(tree)
    assert where(path, "Vorweg") + "text before the first section is not shown" in message
    assert where(path, "## Was ist das?") + "heading without [key]" in message


def test_duplicate_section(tree: Path):
    path = tree / "de" / "modules" / "modul-3.md"
    edit(path, "## [payer] Wer bezahlt das?", "## [how] Wer bezahlt das?")
    assert where(path, "## [how] Wer bezahlt") + "section 'how' appears twice" in load_error(tree)


def test_raw_html_in_markdown(tree: Path):
    path = tree / "de" / "modules" / "modul-3.md"
    edit(path, "Ein Job·coach hilft Ihnen.", "Ein <b>Job·coach</b> hilft Ihnen.")
    assert where(path, "<b>") + "raw HTML is not allowed" in load_error(tree)


def test_raw_html_on_a_page(tree: Path):
    path = tree / "de" / "pages" / "start.md"
    edit(path, "Sie lesen die Module.", "Sie lesen die Module.<script>alert(1)</script>")
    message = load_error(tree)
    assert where(path, "<script>") + "raw HTML is not allowed" in message
    assert message.count("raw HTML") == 1  # sections and whole page: reported once


@pytest.mark.parametrize("target", ["https://example.org", "//evil.example", "http://x.de/a", "seite/2"])
def test_links_must_stay_in_the_portal(tree: Path, target: str):
    path = tree / "de" / "pages" / "module.md"
    edit(path, "(/woerterbuch)", f"({target})")
    message = load_error(tree)
    assert where(path, target) in message
    assert "link" in message


@pytest.mark.parametrize("target", ["/module/3", "#oben", "mailto:a@example.org", "tel:+49301234"])
def test_allowed_links(tree: Path, target: str):
    edit(tree / "de" / "pages" / "module.md", "(/woerterbuch)", f"({target})")
    assert "module" in load_library(tree).for_lang("de").pages


def test_duplicate_module_number(tree: Path):
    path = tree / "de" / "modules" / "modul-4.md"
    edit(path, "number: 4", "number: 3")
    message = load_error(tree)
    assert where(path, "number:") + "duplicate module number 3" in message
    assert "module 4 is missing" in message


def test_module_number_out_of_range(tree: Path):
    path = tree / "de" / "modules" / "modul-4.md"
    edit(path, "number: 4", "number: 9")
    assert where(path, "number:") + "module number must be 1 to 8, not 9" in load_error(tree)


def test_all_modules_must_exist(tree: Path):
    for lang in ("de", "en"):
        (tree / lang / "modules" / "modul-5.md").unlink()
    message = load_error(tree)
    assert f"{display_path(tree / 'de' / 'modules')}:1: module 5 is missing" in message
    assert f"{display_path(tree / 'de' / 'groups' / 'ergaenzung.md')}:4: group lists unknown module 5" in message


def test_duplicate_baustein_number(tree: Path):
    path = tree / "de" / "bausteine" / "modul-3-baustein-2.md"
    edit(path, "number: 2", "number: 1")
    assert where(path, "number:") + "duplicate Baustein number 1 in module 3" in load_error(tree)


def test_baustein_pointing_at_missing_module(tree: Path):
    path = tree / "de" / "bausteine" / "modul-3-baustein-2.md"
    edit(path, "module: 3", "module: 12")
    assert where(path, "module:") + "Baustein points at missing module 12" in load_error(tree)


def test_group_pointing_at_unknown_module(tree: Path):
    path = tree / "de" / "groups" / "kern.md"
    edit(path, "modules: [2, 3, 4]", "modules: [2, 3, 4, 11]")
    assert where(path, "modules:") + "group lists unknown module 11" in load_error(tree)


def test_module_in_unknown_group_or_not_listed(tree: Path):
    path = tree / "de" / "modules" / "modul-3.md"
    edit(path, "group: kern", "group: extra")
    assert where(path, "group:") + "unknown group 'extra'" in load_error(tree)
    edit(path, "group: extra", "group: ergaenzung")
    assert where(path, "group:") + "group 'ergaenzung' does not list module 3" in load_error(tree)


def test_glossary_entry_without_example(tree: Path):
    path = tree / "de" / "glossary" / "werkstatt.md"
    edit(path, "## [example] Beispiel\n", "")
    assert f"{display_path(path)}:6: missing section 'example'" in load_error(tree)


def test_glossary_entry_without_explanation(tree: Path):
    path = tree / "de" / "glossary" / "werkstatt.md"
    edit(path, "In einer Werk·statt arbeiten Menschen mit Behinderung.\nDort bekommen sie Hilfe.\n", "")
    assert f"{display_path(path)}:6: the explanation" in load_error(tree)


def test_glossary_spelling_used_by_two_entries(tree: Path):
    path = tree / "de" / "glossary" / "werkstatt.md"
    edit(path, "  - Werk·stätten", "  - Persönliches Budget")
    assert "is already a glossary word of" in load_error(tree)


def test_languages_must_have_the_same_files(tree: Path):
    missing = tree / "en" / "bausteine" / "modul-3-baustein-2.md"
    missing.unlink()
    message = load_error(tree)
    holder = display_path(tree / "de" / "bausteine" / "modul-3-baustein-2.md")
    assert f"{holder}:1: missing in 'en': {display_path(missing)}" in message


def test_extra_file_in_one_language_is_named(tree: Path):
    (tree / "de" / "klaerung.yaml").write_text("a: 1\n", encoding="utf-8")
    assert f"missing in 'en': {display_path(tree / 'en' / 'klaerung.yaml')}" in load_error(tree)


def test_yaml_syntax_error_in_front_matter(tree: Path):
    path = tree / "de" / "modules" / "modul-3.md"
    edit(path, "summary: Das ist Modul 3.", "summary: [Das ist Modul 3.")
    message = load_error(tree)
    assert message.startswith(display_path(path) + ":")
    assert "YAML syntax error" in message
    line = int(message.split(":")[1])
    assert line_of(path, "summary:") <= line <= line_of(path, "repeatable:") + 1


def test_yaml_syntax_error_in_timeline(tree: Path):
    path = tree / "de" / "timeline.yaml"
    edit(path, "    modules: [2, 3]", "    modules: [2, 3\n  oops: {")
    message = load_error(tree)
    assert message.startswith(display_path(path) + ":") and "YAML syntax error" in message


def test_duplicate_yaml_key(tree: Path):
    path = tree / "de" / "modules" / "modul-3.md"
    edit(path, "pictogram: modul-3\n", "pictogram: modul-3\ntitle: Noch ein Titel\n")
    assert where(path, "Noch ein Titel") + "duplicate key 'title'" in load_error(tree)


def test_missing_front_matter(tree: Path):
    path = tree / "de" / "pages" / "module.md"
    path.write_text("Nur Text.\n", encoding="utf-8")
    assert f"{display_path(path)}:1: the file must start with front matter" in load_error(tree)


def test_timeline_checks(tree: Path):
    path = tree / "de" / "timeline.yaml"
    edit(path, "    modules: [4, 8]", "    modules: [4, 9]\n    colour: blue")
    message = load_error(tree)
    assert where(path, "[4, 9]") + "there is no module 9" in message
    assert where(path, "colour") + "unknown key 'colour'" in message


def test_all_errors_are_reported_together(tree: Path):
    edit(tree / "de" / "modules" / "modul-3.md", "number: 3", "number: drei")
    edit(tree / "en" / "modules" / "modul-5.md", "title: Help at home", "title: 5")
    message = load_error(tree)
    assert "de/modules/modul-3.md" in message and "en/modules/modul-5.md" in message
    assert all(":" in line for line in message.splitlines())


def test_missing_root():
    with pytest.raises(ContentError, match="content folder does not exist"):
        load_library(Path("/nonexistent/content"))


# --- helpers for other packages ---------------------------------------------------------


def test_load_yaml_with_lines(tmp_path: Path):
    path = tmp_path / "budget.yaml"
    path.write_text("title: Budget\nitems:\n  - name: Eins\n    value: 1\n  - name: Zwei\n", encoding="utf-8")
    data, line_of_key = load_yaml_with_lines(path)
    assert data["items"][1]["name"] == "Zwei"
    assert line_of_key("title") == 1
    assert line_of_key("items", 0, "value") == 4
    assert line_of_key("items", 1, "name") == 5
    assert line_of_key("items", 1, "value") == 5  # missing: line of the parent item
    error = line_of_key.error("items", 0, "value", text="must be more")
    assert str(error).endswith("budget.yaml:4: must be more")


def test_load_yaml_with_lines_reports_syntax_errors(tmp_path: Path):
    path = tmp_path / "klaerung.yaml"
    path.write_text("a: 1\nb: [1, 2\nc: 3\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"klaerung\.yaml:\d+: YAML syntax error"):
        load_yaml_with_lines(path)


def test_display_path_is_relative_to_the_repository():
    assert display_path(REPO_ROOT / "content" / "easy_language" / "de") == "content/easy_language/de"


def test_content_error_locations():
    error = ContentError("a/b.md:3: first\nc.yaml:10: second: with colon")
    assert [(loc.path, loc.line, loc.text) for loc in error.locations] == [
        ("a/b.md", 3, "first"),
        ("c.yaml", 10, "second: with colon"),
    ]
