"""The data file is checked at start-up: every mistake names file and line; every language has the same structure."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from portal.content import ContentError
from portal.klaerung.loader import check_same_structure, load_all, load_questionnaire
from tests.unit.test_klaerung_data import CONTENT, ICONS

MINIMAL = """\
start:
  title: Klärung
  lead: Finden Sie es heraus.
  what: Hier beantworten Sie Fragen.
  facts: [Das dauert 5 Minuten.]
  choose: Wie möchten Sie antworten?
  modes: {allein: Alleine, begleitung: Mit Begleit·person}
  mode_hints: {allein: Sie antworten selbst., begleitung: Mit Hinweisen.}
yes_no: {ja: Ja, nein: Nein, weiss-nicht: Ich weiß es nicht}
parts:
  - id: teil
    title: Ein Teil
questions:
  - id: eins
    part: teil
    type: yes_no
    question: Frage eins?
    summary: Eins
    support: Hinweis eins.
    result_section: about
{extra_first}
  - id: zwei
    part: teil
    type: single
    question: Frage zwei?
    summary: Zwei
    support: Hinweis zwei.
    result_section: about
    choices:
      - value: a
        label: Antwort A
      - value: b
        label: Antwort B
{extra_second}
  - id: drei
    part: teil
    type: text
    question: Frage drei?
    summary: Drei
    label: Ihre Antwort
    support: Hinweis drei.
    result_section: about
result:
  title: Mein Ergebnis
  intro: Das ist Ihr Ergebnis.
  sections: {about: Über mich}
  notes_heading: Notizen
  modules_heading: Module
  no_modules: Kein Modul.
  next_steps_heading: Nächste Schritte
  modules:
    - module: 3
      when: {eins: ja}
      reason: Dabei hilft Modul 3.
  next_steps:
    - text: Sprechen Sie mit jemandem.
"""


def minimal_file(extra_first: str = "", extra_second: str = "") -> str:
    text = MINIMAL
    for placeholder, extra in (("{extra_first}", extra_first), ("{extra_second}", extra_second)):
        text = text.replace(placeholder + "\n", extra.strip("\n") + "\n" if extra.strip() else "")
    return text


def write(tmp_path: Path, text: str, lang: str = "de") -> Path:
    path = tmp_path / lang / "klaerung.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load_text(tmp_path: Path, text: str):
    return load_questionnaire(write(tmp_path, text), "de", ICONS)


def problems(tmp_path: Path, text: str) -> str:
    with pytest.raises(ContentError) as caught:
        load_text(tmp_path, text)
    return caught.value.message


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_real_files_load_and_have_the_same_structure():
    questionnaires = load_all(CONTENT, ("de", "en"), ICONS)
    assert questionnaires["de"].by_id.keys() == questionnaires["en"].by_id.keys()
    assert questionnaires["en"].by_id["bereich"].text == "Where do you work now?"


def test_the_minimal_file_loads(tmp_path):
    q = load_text(tmp_path, minimal_file())
    assert [question.id for question in q.questions] == ["eins", "zwei", "drei"]
    assert q.by_id["drei"].required is False and q.by_id["zwei"].required is True


def test_unknown_next_question_names_file_and_line(tmp_path):
    text = minimal_file(extra_first="""
    next:
      - when: {eins: ja}
        goto: vier
""")
    message = problems(tmp_path, text)
    assert re.search(rf"klaerung\.yaml:{line_of(text, 'goto: vier')}: question 'eins': unknown next question 'vier'", message)


def test_duplicate_ids(tmp_path):
    text = minimal_file().replace("  - id: zwei", "  - id: eins", 1)
    message = problems(tmp_path, text)
    second = [number for number, line in enumerate(text.splitlines(), 1) if line == "  - id: eins"][1]
    assert f"klaerung.yaml:{second}: duplicate question id 'eins'" in message


def test_a_choice_without_a_label(tmp_path):
    text = minimal_file().replace("        label: Antwort B\n", "")
    message = problems(tmp_path, text)
    assert f":{line_of(text, 'value: b')}: question 'zwei': choice 'b' has no label" in message


def test_a_loop(tmp_path):
    text = minimal_file(extra_second="""
    next:
      - when: {zwei: a}
        goto: eins
""")
    message = problems(tmp_path, text)
    assert "loop in the questions: eins → zwei → eins" in message


def test_a_condition_about_a_later_question(tmp_path):
    text = minimal_file(extra_first="""
    when: {zwei: a}
""")
    assert "question 'eins' depends on 'zwei', which comes later" in problems(tmp_path, text)


def test_a_condition_with_an_unknown_answer_or_question(tmp_path):
    text = minimal_file(extra_second="""
    when: {eins: vielleicht}
""")
    assert "'eins' has no answer 'vielleicht' (answers: ja, nein, weiss-nicht)" in problems(tmp_path, text)
    text = minimal_file(extra_second="""
    when: {nix: ja}
""")
    assert "condition about unknown question 'nix'" in problems(tmp_path, text)


def test_a_condition_about_a_text_question(tmp_path):
    text = minimal_file().replace("      when: {eins: ja}", "      when: {drei: ja}")
    assert "condition about 'drei', which has no choices" in problems(tmp_path, text)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    type: single", "    type: dropdown", "unknown type 'dropdown'"),
        ("    part: teil\n    type: single", "    part: anderer\n    type: single", "unknown part 'anderer'"),
        ("    summary: Zwei\n", "    summary: Zwei\n    farbe: blau\n", "unknown key 'farbe' in a question"),
        ("    support: Hinweis zwei.\n", "", "'support' is missing or empty"),
        ("      - value: b\n", "      - value: B!\n", "choice value 'B!' must be lower-case letters"),
        ("        label: Antwort A\n", "        label: Antwort A\n        icon: gibt-es-nicht\n", "pictogram 'gibt-es-nicht' not found"),
        ("    - text: Sprechen Sie mit jemandem.", "    - text: Sprechen Sie.\n      link: https://example.org", "must be a path inside the portal"),
        ("    - module: 3", "    - module: 9", "module '9' must be a number from 1 to 8"),
        ("      when: {eins: ja}\n      reason: Dabei", "      reason: Dabei", "needs 'when', 'unless' or 'always: true'"),
        ("      when: {eins: ja}\n      reason: Dabei", "      when: {eins: ja}\n      always: true\n      reason: Dabei",
         "cannot also have 'when' or 'unless'"),
        ("      when: {eins: ja}\n      reason: Dabei", "      always: ja\n      reason: Dabei", "'always' can only be true"),
        ("    result_section: about\n  - id: zwei", "    result_section: nirgends\n  - id: zwei", "result_section 'nirgends' is not one of"),
        ("  next_steps_heading: Nächste Schritte\n", "", "'next_steps_heading' is missing"),
        ("    label: Ihre Antwort\n", "    label: Ihre Antwort\n    max_length: 0\n", "'max_length' must be a number"),
        ("    label: Ihre Antwort\n", "    label: Ihre Antwort\n    format: telefon\n", "unknown format 'telefon'"),
    ],
)
def test_other_mistakes_are_named(tmp_path, old, new, message):
    text = minimal_file()
    assert old in text
    assert message in problems(tmp_path, text.replace(old, new, 1))


def test_all_mistakes_are_reported_at_once(tmp_path):
    text = minimal_file().replace("    type: single", "    type: dropdown").replace("      when: {eins: ja}", "      when: {eins: oft}")
    assert len(problems(tmp_path, text).splitlines()) >= 2


def test_yaml_syntax_errors_name_the_line(tmp_path):
    message = problems(tmp_path, minimal_file() + "  kaputt: [\n")
    assert re.search(r"klaerung\.yaml:\d+: YAML syntax error", message)


def test_a_missing_file(tmp_path):
    with pytest.raises(ContentError, match="missing file"):
        load_questionnaire(tmp_path / "de" / "klaerung.yaml", "de", ICONS)


def test_languages_must_share_the_structure(tmp_path):
    german = load_text(tmp_path, minimal_file())
    english_text = minimal_file().replace("        label: Antwort A", "        label: Answer A")
    english = load_questionnaire(write(tmp_path, english_text, "en"), "en", ICONS)
    check_same_structure(german, english)  # only words differ: fine
    changed = load_questionnaire(write(tmp_path, english_text.replace("value: b", "value: c"), "en"), "en", ICONS)
    with pytest.raises(ContentError, match=r"en/klaerung\.yaml:\d+: differs from .* at question 'zwei'"):
        check_same_structure(german, changed)


def test_a_broken_file_stops_the_portal_with_its_name(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    broken = content / "en" / "klaerung.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("goto: hilfe", "goto: nirgendwo").replace(
        "    when: {praktikum: ja}", "    when: {praktikum: vielleicht}"), encoding="utf-8")
    monkeypatch.setenv("CONTENT_DIR", str(content))
    from portal import create_app

    with pytest.raises(ContentError, match=r"en/klaerung\.yaml:\d+: 'praktikum' has no answer 'vielleicht'"):
        create_app({"PORTAL_ENV": "testing", "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://",
                    "CONTENT_DIR": content})


def test_a_module_rule_can_hold_for_everybody(tmp_path):
    text = minimal_file().replace("      when: {eins: ja}\n      reason: Dabei", "      always: true\n      reason: Dabei", 1)
    questionnaire = load_text(tmp_path, text)
    assert questionnaire.module_rules[0].condition.holds({})
