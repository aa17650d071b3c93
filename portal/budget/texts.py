"""The budget's texts from content/easy_language/<lang>/budget/, read and checked once at start-up.

Files (the same names in every language):
- overview.md            the page /budget (front matter: title, summary)
- steps.yaml             the steps until the money comes (at least 8), one entry per step
- offices.yaml           the words of "Welches Amt ist für mich zuständig?": questions, offices, reasons
- antrag.md              the letter pages: [intro], [explanation], [print], [save]
- frist-widerspruch.md   the Widerspruch deadline: [intro], [advice]
- frist-amt.md           the office's time limits: [intro], [advice]

Any problem stops start-up with one ContentError that lists every `file:line: text`, like the
content library does. Markdown is rendered here (never per request) with the glossary links of the
language, so the first "Bescheid" on a page explains itself like everywhere else in the portal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..content import ContentError, display_path, load_yaml_with_lines, render_inline
from ..content.models import ContentLibrary, LanguageContent
from ..content.render import TermLinker, render_markdown
from ..content.source import read_markdown, split_sections, strip_section_keys
from . import offices

FOLDER = "budget"
MIN_STEPS = 8
STEP_PARTS = ("what", "todo", "helpers", "duration", "documents")
STEP_KEYS = ("slug", "title", "summary", *STEP_PARTS)
STEP_OPTIONAL_KEYS = ("link", "link_text")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PAGE_SECTIONS = {
    "antrag.md": ("intro", "explanation", "print", "save"),
    "frist-widerspruch.md": ("intro", "advice"),
    "frist-amt.md": ("intro", "advice"),
}
QUESTION_KEYS = tuple(key for key, _answers in offices.QUESTIONS)


@dataclass(frozen=True)
class TextPage:
    title: str
    summary: str
    html: Markup  # the whole body
    sections: dict[str, Markup]  # the `## [key]` sections, without their heading


@dataclass(frozen=True)
class Step:
    slug: str
    number: int
    title: str
    summary: str
    parts: dict[str, Markup]  # STEP_PARTS, in that order
    link: str | None
    link_text: str | None


@dataclass(frozen=True)
class Question:
    key: str
    title: str
    hint: Markup  # lines joined by <br>, for the hint paragraph of the form
    choices: dict[str, str]  # answer → label, in the order of offices.PLACES / GOALS / HISTORIES


@dataclass(frozen=True)
class Office:
    key: str
    name: str
    text: Markup


@dataclass(frozen=True)
class OfficeFinderTexts:
    title: str
    intro: Markup
    note: Markup  # any office must accept the application (§ 16 SGB I)
    questions: dict[str, Question]
    offices: dict[str, Office]
    reasons: dict[str, Markup]


@dataclass(frozen=True)
class BudgetTexts:
    lang: str
    overview: TextPage
    steps: list[Step]
    finder: OfficeFinderTexts
    letter: TextPage
    objection: TextPage
    office_time: TextPage

    def step(self, slug: str) -> Step | None:
        return next((step for step in self.steps if step.slug == slug), None)


def load_budget_texts(root: Path | str, library: ContentLibrary) -> dict[str, BudgetTexts]:
    """Read every language's budget folder under `root`; raise ContentError listing all problems."""
    root = Path(root)
    errors: list[ContentError] = []
    texts: dict[str, BudgetTexts] = {}
    for lang in library.languages:
        reader = _LanguageReader(root / lang / FOLDER, library.for_lang(lang))
        loaded = reader.read()
        errors += reader.errors
        if loaded is not None:
            texts[lang] = loaded
    if not errors:
        _check_same_steps(texts, root, errors)
    if errors:
        raise ContentError.combine(errors)
    return texts


def _check_same_steps(texts: dict[str, BudgetTexts], root: Path, errors: list[ContentError]) -> None:
    """Every language has the same steps in the same order: the checklist and the URLs depend on it."""
    languages = sorted(texts)
    if not languages:
        return
    first = languages[0]
    expected = [step.slug for step in texts[first].steps]
    for lang in languages[1:]:
        slugs = [step.slug for step in texts[lang].steps]
        if slugs != expected:
            path = display_path(root / lang / FOLDER / "steps.yaml")
            text = f"the steps must have the same slugs in the same order as in '{first}': {expected}, not {slugs}"
            errors.append(ContentError.at(path, 1, text))


class _LanguageReader:
    def __init__(self, folder: Path, language: LanguageContent):
        self.folder = folder
        self.lang = language.lang
        self.index = language.terms
        self.errors: list[ContentError] = []

    def read(self) -> BudgetTexts | None:
        if not self.folder.is_dir():
            self.errors.append(ContentError.at(display_path(self.folder), 1, "the budget folder is missing"))
            return None
        parts = {
            "overview": self._guard(self._page, "overview.md", ()),
            "steps": self._guard(self._steps),
            "finder": self._guard(self._finder),
            "letter": self._guard(self._page, "antrag.md", PAGE_SECTIONS["antrag.md"]),
            "objection": self._guard(self._page, "frist-widerspruch.md", PAGE_SECTIONS["frist-widerspruch.md"]),
            "office_time": self._guard(self._page, "frist-amt.md", PAGE_SECTIONS["frist-amt.md"]),
        }
        if self.errors or any(value is None for value in parts.values()):
            return None
        return BudgetTexts(lang=self.lang, **parts)

    def _guard(self, read, *args):
        try:
            return read(*args)
        except _Reported:
            return None
        except ContentError as error:
            self.errors.append(error)
            return None

    def _problem(self, path: str, line: int, text: str) -> None:
        self.errors.append(ContentError.at(path, line, text))

    def _markdown(self, text: str, path: str, line: int, linker: TermLinker, heading_base: int = 3) -> Markup:
        return render_markdown(text, path=path, first_line=line, heading_base=heading_base, linker=linker)

    # -- Markdown pages ------------------------------------------------------------------------

    def _page(self, name: str, required_sections: tuple[str, ...]) -> TextPage:
        path = self.folder / name
        if not path.is_file():
            raise ContentError.at(display_path(path), 1, f"{name} is missing")
        source = read_markdown(path)
        before = len(self.errors)
        for key in ("title", "summary"):
            if not isinstance(source.meta.get(key), str) or not source.meta[key].strip():
                self._problem(source.shown_path, source.meta_lines.line_of(key), f"front matter needs '{key}' (a text)")
        linker = TermLinker(self.index)
        _preamble, raw_sections = split_sections(source.body, source.body_first_line)
        sections = {}
        for raw in raw_sections:
            if raw.key is None:
                continue
            if raw.key in sections or (required_sections and raw.key not in required_sections):
                allowed = ", ".join(required_sections)
                self._problem(source.shown_path, raw.line, f"section '{raw.key}' is twice or unknown (allowed: {allowed})")
                continue
            sections[raw.key] = self._markdown(raw.text, source.shown_path, raw.text_first_line, linker)
        for key in required_sections:
            if key not in sections:
                self._problem(source.shown_path, source.body_first_line, f"missing section '## [{key}] …'")
        html = Markup("")
        if not required_sections:  # a whole page, like the overview: one text with its own headings
            html = self._markdown(strip_section_keys(source.body), source.shown_path, source.body_first_line, linker, 2)
        if len(self.errors) > before:
            raise _Reported()
        return TextPage(title=source.meta["title"], summary=source.meta["summary"], html=html, sections=sections)

    # -- steps.yaml --------------------------------------------------------------------------------

    def _steps(self) -> list[Step]:
        data, lines = self._yaml("steps.yaml", ("steps",))
        items = data.get("steps")
        if not isinstance(items, list) or len(items) < MIN_STEPS:
            raise lines.error("steps", text=f"'steps' must be a list of at least {MIN_STEPS} steps")
        steps, seen = [], {}
        for position, item in enumerate(items):
            keys = ("steps", position)
            if not isinstance(item, dict):
                self._problem(lines.path, lines.line_of(*keys), "a step needs " + ", ".join(STEP_KEYS))
                continue
            if not self._valid_keys(item, lines, keys, STEP_KEYS, STEP_OPTIONAL_KEYS):
                continue
            slug = item["slug"]
            if not SLUG.match(slug):
                self._problem(lines.path, lines.line_of(*keys, "slug"), f"slug '{slug}' may only have a-z, 0-9 and '-'")
                continue
            if slug in seen:
                self._problem(lines.path, lines.line_of(*keys, "slug"), f"slug '{slug}' is used twice (also step {seen[slug]})")
                continue
            seen[slug] = position + 1
            link, link_text = item.get("link"), item.get("link_text")
            if (link is None) != (link_text is None):
                self._problem(lines.path, lines.line_of(*keys), "'link' and 'link_text' go together")
                continue
            if link is not None and not link.startswith("/budget"):
                self._problem(lines.path, lines.line_of(*keys, "link"), f"link must lead to a /budget page, not {link}")
                continue
            linker = TermLinker(self.index)  # every step is its own page: its first glossary words link
            parts = {
                part: self._markdown(item[part], lines.path, _text_line(lines, item[part], *keys, part), linker)
                for part in STEP_PARTS
            }
            steps.append(
                Step(slug, position + 1, item["title"].strip(), item["summary"].strip(), parts, link, link_text)
            )
        return steps

    # -- offices.yaml ------------------------------------------------------------------------------

    def _finder(self) -> OfficeFinderTexts:
        data, lines = self._yaml(
            "offices.yaml", ("title", "intro", "note", "questions", "offices", "reasons"), texts=("title", "intro", "note")
        )
        linker = TermLinker(self.index)
        before = len(self.errors)
        questions = {}
        questions_data = self._mapping(data, lines, ("questions",)) or {}
        for key, answers in offices.QUESTIONS:
            question = self._mapping(questions_data, lines, ("questions", key))
            if question is None or not self._valid_keys(
                question, lines, ("questions", key), ("title", "hint", "choices"), texts=("title", "hint")
            ):
                continue
            labels = self._texts_for(question.get("choices"), answers, lines, ("questions", key, "choices"))
            # The hint sits in the form's hint paragraph: plain lines, no Markdown blocks.
            hint = Markup("<br>").join(render_inline(line) for line in question["hint"].strip().splitlines())
            questions[key] = Question(key, question["title"].strip(), hint, labels)
        names = self._mapping(data, lines, ("offices",)) or {}
        office_texts = {}
        for key in offices.OFFICES:
            item = self._mapping(names, lines, ("offices", key))
            if item is None or not self._valid_keys(item, lines, ("offices", key), ("name", "text")):
                continue
            text = self._markdown(item["text"], lines.path, _text_line(lines, item["text"], "offices", key, "text"), linker)
            office_texts[key] = Office(key, item["name"].strip(), text)
        self._no_unknown(names, offices.OFFICES, lines, ("offices",))
        self._no_unknown(questions_data, QUESTION_KEYS, lines, ("questions",))
        reasons = self._texts_for(data.get("reasons"), offices.REASONS, lines, ("reasons",))
        reasons_html = {
            key: self._markdown(text, lines.path, _text_line(lines, text, "reasons", key), linker)
            for key, text in reasons.items()
        }
        if len(self.errors) > before:
            raise _Reported()
        return OfficeFinderTexts(
            title=data["title"].strip(),
            intro=self._markdown(data["intro"], lines.path, _text_line(lines, data["intro"], "intro"), linker),
            note=self._markdown(data["note"], lines.path, _text_line(lines, data["note"], "note"), linker),
            questions=questions,
            offices=office_texts,
            reasons=reasons_html,
        )

    # -- YAML helpers ----------------------------------------------------------------------------------

    def _yaml(self, name: str, required: tuple[str, ...], texts: tuple[str, ...] = ()) -> tuple[dict, Any]:
        path = self.folder / name
        if not path.is_file():
            raise ContentError.at(display_path(path), 1, f"{name} is missing")
        data, lines = load_yaml_with_lines(path)
        if not isinstance(data, dict):
            raise lines.error(text=f"{name} must have the keys: {', '.join(required)}")
        if not self._valid_keys(data, lines, (), required, texts=texts):
            raise _Reported()
        return data, lines

    def _valid_keys(self, item: dict, lines, keys: tuple, required: tuple, optional: tuple = (), texts: tuple | None = None) -> bool:
        """Report missing, unknown and empty keys; the values of `texts` (default: all keys) must be texts.
        True when all is well."""
        texts = (*required, *optional) if texts is None else texts
        before = len(self.errors)
        for name in required:
            if name not in item:
                self._problem(lines.path, lines.line_of(*keys), f"missing key '{name}'")
        for name, value in item.items():
            if name not in required and name not in optional:
                self._problem(lines.path, lines.line_of(*keys, name), f"unknown key '{name}' (allowed: {', '.join((*required, *optional))})")
            elif name in texts and (not isinstance(value, str) or not value.strip()):
                self._problem(lines.path, lines.line_of(*keys, name), f"'{name}' must be a text")
        return len(self.errors) == before

    def _mapping(self, data: dict, lines, keys: tuple) -> dict | None:
        value = data.get(keys[-1]) if isinstance(data, dict) else None
        if not isinstance(value, dict):
            self._problem(lines.path, lines.line_of(*keys), f"'{keys[-1]}' is missing or not a list of 'key: value' lines")
            return None
        return value

    def _texts_for(self, data: Any, expected: tuple[str, ...], lines, keys: tuple) -> dict[str, str]:
        """One text for every expected key, in the expected order; reports missing, unknown and empty ones."""
        if not isinstance(data, dict):
            self._problem(lines.path, lines.line_of(*keys), f"'{keys[-1]}' needs: {', '.join(expected)}")
            return {}
        result = {}
        for key in expected:
            value = data.get(key)
            if not isinstance(value, str) or not value.strip():
                self._problem(lines.path, lines.line_of(*keys, key), f"'{key}' needs a text under '{keys[-1]}'")
            else:
                result[key] = value.strip()
        self._no_unknown(data, expected, lines, keys)
        return result

    def _no_unknown(self, data: dict, expected: tuple[str, ...], lines, keys: tuple) -> None:
        for key in data:
            if key not in expected:
                self._problem(lines.path, lines.line_of(*keys, key), f"unknown key '{key}' (allowed: {', '.join(expected)})")


class _Reported(ContentError):
    """The problems are in the reader's list already; this only stops reading the file."""

    def __init__(self):
        super().__init__("")


def _text_line(lines, value: str, *keys) -> int:
    """The file line where a text starts: block texts (`|`) start on the line after their key."""
    line = lines.line_of(*keys)
    return line + 1 if "\n" in value.strip("\n") or value.endswith("\n") else line
