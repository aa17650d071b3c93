"""Reading and validating the whole content tree once, at start-up.

`load_library(root)` reads every language folder under `root`, checks every file and
the links between files, renders all Markdown and returns a `ContentLibrary`.
Any problem raises one `ContentError` that lists every `path:line: text` found, so
writers can fix all of them in one go. Unknown top-level files (for example
`klaerung.yaml`) are left to the packages that own them.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .errors import ContentError, display_path
from .models import (
    Baustein,
    ContentLibrary,
    GlossaryEntry,
    Group,
    LanguageContent,
    Module,
    Page,
    Phase,
    ReaderCheck,
    Section,
    Timeline,
)
from .render import (
    GlossaryTerm,
    TermIndex,
    TermLinker,
    normalize_term,
    render_inline,
    render_markdown,
)
from .source import MarkdownSource, RawSection, read_markdown, split_sections, strip_section_keys
from .yaml_lines import YamlLines, load_yaml_with_lines

MODULE_NUMBERS = tuple(range(1, 9))
MODULE_SECTIONS = ("what", "for_whom", "steps", "goal", "how", "done", "duration", "payer")
BAUSTEIN_SECTIONS = ("what", "goal", "how", "done")
GLOSSARY_SECTIONS = ("example",)
TIMELINE_FILE = "timeline.yaml"


# --- front matter types -------------------------------------------------------------


@dataclass(frozen=True)
class FieldType:
    description: str
    accepts: Callable[[Any], bool]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


TEXT = FieldType("a text", lambda value: isinstance(value, str) and bool(value.strip()))
WHOLE_NUMBER = FieldType("a whole number", _is_int)
YES_NO = FieldType("true or false", lambda value: isinstance(value, bool))
NUMBER_LIST = FieldType(
    "a list of whole numbers like [1, 2]",
    lambda value: isinstance(value, list) and all(_is_int(item) for item in value),
)
TEXT_LIST = FieldType(
    "a list of texts",
    lambda value: isinstance(value, list)
    and all(isinstance(item, str) and item.strip() for item in value),
)

MODULE_FIELDS = {
    "number": WHOLE_NUMBER,
    "title": TEXT,
    "official_name": TEXT,
    "group": TEXT,
    "pictogram": TEXT,
    "summary": TEXT,
    "repeatable": YES_NO,
}
BAUSTEIN_FIELDS = {
    "module": WHOLE_NUMBER,
    "number": WHOLE_NUMBER,
    "title": TEXT,
    "summary": TEXT,
    "provider_description": YES_NO,
}
GROUP_FIELDS = {"title": TEXT, "order": WHOLE_NUMBER, "modules": NUMBER_LIST}
GLOSSARY_FIELDS = {"term": TEXT}
GLOSSARY_OPTIONAL_FIELDS = {"forms": TEXT_LIST}
PAGE_FIELDS = {"title": TEXT}  # pages may carry more keys; they end up in Page.meta
# Who from the target group checked the text, and when: on modules, Bausteine and pages
DAY = FieldType("a date like 2026-11-20", lambda value: isinstance(value, date) and not isinstance(value, datetime))
READER_CHECK_FIELDS = {"checked_by": TEXT, "checked_on": DAY}


# --- error collection -----------------------------------------------------------------


class _Problems:
    """Collects ContentErrors so one run reports everything, not just the first."""

    def __init__(self) -> None:
        self.errors: list[ContentError] = []

    @contextmanager
    def guard(self) -> Iterator[None]:
        try:
            yield
        except ContentError as error:
            self.errors.append(error)

    def add(self, path: str, line: int, text: str) -> None:
        self.errors.append(ContentError.at(path, line, text))

    def raise_if_any(self) -> None:
        if self.errors:
            messages = dict.fromkeys(  # a page renders sections twice: report once
                line for error in self.errors for line in error.message.splitlines()
            )
            raise ContentError("\n".join(messages))


# --- public entry point ---------------------------------------------------------------


def load_library(root: Path | str) -> ContentLibrary:
    """Parse and validate all content under `root` (one folder per language)."""
    root = Path(root)
    if not root.is_dir():
        raise ContentError.at(display_path(root), 1, "content folder does not exist")
    language_dirs = sorted(
        path for path in root.iterdir() if path.is_dir() and not path.name.startswith((".", "_"))
    )
    if not language_dirs:
        raise ContentError.at(display_path(root), 1, "no language folders (like 'de') found")
    problems = _Problems()
    _check_same_files(language_dirs, problems)
    by_lang: dict[str, LanguageContent] = {}
    for language_dir in language_dirs:
        with problems.guard():
            by_lang[language_dir.name] = _LanguageLoader(language_dir).load()
    problems.raise_if_any()
    return ContentLibrary(root=root, by_lang=by_lang)


def _content_files(language_dir: Path) -> set[str]:
    return {
        path.relative_to(language_dir).as_posix()
        for path in language_dir.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(language_dir).parts)
    }


def _check_same_files(language_dirs: list[Path], problems: _Problems) -> None:
    """Every language must have the same file names, so no page exists in one only."""
    files = {language_dir: _content_files(language_dir) for language_dir in language_dirs}
    all_files = set().union(*files.values())
    for language_dir in language_dirs:
        for missing in sorted(all_files - files[language_dir]):
            holder = next(other for other in language_dirs if missing in files[other])
            problems.add(
                display_path(holder / missing),
                1,
                f"missing in '{language_dir.name}': {display_path(language_dir / missing)} "
                "(every language needs the same files)",
            )


# --- one language -------------------------------------------------------------------


@dataclass(frozen=True)
class _Loaded:
    """A parsed file and where it came from, kept for cross-file checks."""

    value: Any
    source: MarkdownSource


class _LanguageLoader:
    def __init__(self, language_dir: Path):
        self.dir = language_dir
        self.lang = language_dir.name
        self.problems = _Problems()

    def load(self) -> LanguageContent:
        sources = {
            folder: self._read_folder(folder)
            for folder in ("pages", "groups", "modules", "bausteine", "glossary")
        }
        # Files that cannot even be read stop here: the cross checks would only add noise.
        self.problems.raise_if_any()

        valid = self._with_valid_fields
        glossary_sources = valid(sources["glossary"], GLOSSARY_FIELDS, GLOSSARY_OPTIONAL_FIELDS)
        index = self._glossary_index(glossary_sources)
        glossary = [self._glossary_entry(source, index) for source in glossary_sources]
        pages = [self._page(source, index)
                 for source in valid(sources["pages"], PAGE_FIELDS, READER_CHECK_FIELDS, allow_extra=True)]
        groups = [self._group(source, index) for source in valid(sources["groups"], GROUP_FIELDS)]
        modules = [self._module(source, index)
                   for source in valid(sources["modules"], MODULE_FIELDS, READER_CHECK_FIELDS)]
        bausteine = [self._baustein(source, index)
                     for source in valid(sources["bausteine"], BAUSTEIN_FIELDS, READER_CHECK_FIELDS)]
        timeline = None
        with self.problems.guard():
            timeline = self._timeline()
        self.problems.raise_if_any()

        modules_by_number = self._link_modules(modules, bausteine, groups)
        self.problems.raise_if_any()
        return LanguageContent(
            lang=self.lang,
            pages={item.value.slug: item.value for item in pages},
            groups=sorted((item.value for item in groups), key=lambda group: (group.order, group.slug)),
            modules=modules_by_number,
            glossary=sorted((item.value for item in glossary), key=lambda entry: glossary_sort_key(entry.term)),
            timeline=timeline,
            reader_checks={
                item.source.path.relative_to(self.dir).as_posix(): item.value.reader_check
                for item in (*pages, *modules, *bausteine)
            },
            terms=index,
        )

    # -- reading and checking single files ------------------------------------------

    def _read_folder(self, folder: str) -> list[MarkdownSource]:
        sources = []
        for path in sorted((self.dir / folder).glob("*.md")):
            with self.problems.guard():
                sources.append(read_markdown(path))
        return sources

    def _with_valid_fields(self, sources: list[MarkdownSource], *args, **kwargs) -> list[MarkdownSource]:
        """The sources whose front matter passes `_check_fields` (the others are reported)."""
        return [source for source in sources if self._check_fields(source, *args, **kwargs)]

    def _check_fields(
        self,
        source: MarkdownSource,
        required: dict[str, FieldType],
        optional: dict[str, FieldType] | None = None,
        allow_extra: bool = False,
    ) -> bool:
        """Report missing, extra and wrongly typed front matter fields; True if all fine."""
        optional = optional or {}
        meta, lines, before = source.meta, source.meta_lines, len(self.problems.errors)
        for name, field_type in required.items():
            if name not in meta:
                self.problems.add(source.shown_path, lines.line_of(), f"missing front matter field '{name}'")
        for name, value in meta.items():
            field_type = required.get(name) or optional.get(name)
            if field_type is None:
                if not allow_extra:
                    known = ", ".join([*required, *optional])
                    text = f"unknown front matter field '{name}' (allowed: {known})"
                    self.problems.add(source.shown_path, lines.line_of(name), text)
            elif not field_type.accepts(value):
                self.problems.add(
                    source.shown_path,
                    lines.line_of(name),
                    f"front matter field '{name}' must be {field_type.description}, not {value!r}",
                )
        return len(self.problems.errors) == before

    def _sections(
        self,
        source: MarkdownSource,
        raw_sections: list[RawSection],
        required: tuple[str, ...],
        linker: TermLinker | None,
        only_known: bool,
    ) -> dict[str, Section]:
        """Render the keyed sections; for modules, Bausteine and glossary check the keys."""
        sections: dict[str, Section] = {}
        for raw in raw_sections:
            if raw.key is None:
                if only_known:
                    text = "heading without [key]; write it like '## [what] Was ist das?'"
                    self.problems.add(source.shown_path, raw.line, text)
                continue
            if only_known and raw.key not in required:
                self.problems.add(
                    source.shown_path, raw.line, f"unknown section '{raw.key}' (allowed: {', '.join(required)})"
                )
                continue
            if raw.key in sections:
                self.problems.add(source.shown_path, raw.line, f"section '{raw.key}' appears twice")
                continue
            with self.problems.guard():
                sections[raw.key] = Section(
                    key=raw.key,
                    heading=raw.heading,
                    heading_html=render_inline(raw.heading),
                    html=render_markdown(
                        raw.text,
                        path=source.shown_path,
                        first_line=raw.text_first_line,
                        heading_base=3,
                        linker=linker,
                    ),
                )
        for key in required:
            if key not in sections and not any(raw.key == key for raw in raw_sections):
                self.problems.add(source.shown_path, source.body_first_line, f"missing section '{key}'")
        return sections

    def _reader_check(self, source: MarkdownSource) -> ReaderCheck | None:
        """Both fields or neither: a name without a date (or the other way) is a mistake."""
        given = [name for name in READER_CHECK_FIELDS if name in source.meta]
        if len(given) == 1:
            missing = next(name for name in READER_CHECK_FIELDS if name not in given)
            text = f"'{given[0]}' needs '{missing}' too (who checked the text, and on which day)"
            self.problems.add(source.shown_path, source.meta_lines.line_of(given[0]), text)
            return None
        if not given:
            return None
        return ReaderCheck(by=source.meta["checked_by"].strip(), on=source.meta["checked_on"])

    def _keyed_sections_only(self, source: MarkdownSource) -> list[RawSection]:
        preamble, raw_sections = split_sections(source.body, source.body_first_line)
        if preamble.strip():
            self.problems.add(
                source.shown_path,
                source.body_first_line,
                "text before the first section is not shown; "
                "start with a heading like '## [what] Was ist das?'",
            )
        return raw_sections

    def _render_body(self, source: MarkdownSource, linker: TermLinker | None) -> Markup:
        try:
            return render_markdown(
                strip_section_keys(source.body),
                path=source.shown_path,
                first_line=source.body_first_line,
                heading_base=2,
                linker=linker,
            )
        except ContentError as error:
            self.problems.errors.append(error)
            return Markup("")

    # -- the kinds of files ------------------------------------------------------------

    def _glossary_index(self, sources: list[MarkdownSource]) -> TermIndex:
        terms = []
        owner_of_spelling: dict[str, str] = {}
        for source in sources:
            slug = source.path.stem
            preamble, _sections = split_sections(source.body, source.body_first_line)
            if not preamble.strip():
                text = "the explanation (text before '## [example]') is missing"
                self.problems.add(source.shown_path, source.body_first_line, text)
            explanation = Markup("")
            with self.problems.guard():
                explanation = render_markdown(
                    preamble, path=source.shown_path, first_line=source.body_first_line, heading_base=3, law_line=False
                )
            forms = tuple(source.meta.get("forms") or ())
            for spelling in (source.meta["term"], *forms):
                key = normalize_term(spelling)
                other = owner_of_spelling.setdefault(key, slug)
                if other != slug:
                    line = source.meta_lines.line_of("forms" if spelling in forms else "term")
                    text = f"'{spelling}' is already a glossary word of '{other}'"
                    self.problems.add(source.shown_path, line, text)
            terms.append(GlossaryTerm(slug, source.meta["term"], forms, explanation))
        return TermIndex(terms, self.lang)

    def _glossary_entry(self, source: MarkdownSource, index: TermIndex) -> _Loaded:
        slug = source.path.stem
        # On the dictionary page: link other entries, but no nested explanations.
        linker = TermLinker(index, with_details=False, own_slug=slug)
        _preamble, raw_sections = split_sections(source.body, source.body_first_line)
        html = Markup("")
        with self.problems.guard():
            html = render_markdown(
                _preamble,
                path=source.shown_path,
                first_line=source.body_first_line,
                heading_base=3,
                linker=linker,
            )
        sections = self._sections(source, raw_sections, GLOSSARY_SECTIONS, linker, only_known=True)
        example = sections.get("example") or Section("example", "", Markup(""), Markup(""))
        entry = GlossaryEntry(
            slug=slug,
            term=source.meta["term"],
            forms=list(source.meta.get("forms") or []),
            html=html,
            example=example,
        )
        return _Loaded(entry, source)

    def _page(self, source: MarkdownSource, index: TermIndex) -> _Loaded:
        _preamble, raw_sections = split_sections(source.body, source.body_first_line)
        sections = self._sections(source, raw_sections, (), TermLinker(index), only_known=False)
        page = Page(
            slug=source.path.stem,
            title=source.meta["title"],
            meta=dict(source.meta),
            html=self._render_body(source, TermLinker(index)),
            sections=sections,
            reader_check=self._reader_check(source),
        )
        return _Loaded(page, source)

    def _group(self, source: MarkdownSource, index: TermIndex) -> _Loaded:
        group = Group(
            slug=source.path.stem,
            title=source.meta["title"],
            order=source.meta["order"],
            modules=list(source.meta["modules"]),
            html=self._render_body(source, TermLinker(index)),
        )
        return _Loaded(group, source)

    def _module(self, source: MarkdownSource, index: TermIndex) -> _Loaded:
        raw_sections = self._keyed_sections_only(source)
        meta = source.meta
        module = Module(
            number=meta["number"],
            title=meta["title"],
            official_name=meta["official_name"],
            group=meta["group"],
            pictogram=meta["pictogram"],
            summary=meta["summary"],
            repeatable=meta["repeatable"],
            sections=self._sections(source, raw_sections, MODULE_SECTIONS, TermLinker(index), only_known=True),
            bausteine=[],  # filled in by _link_modules
            reader_check=self._reader_check(source),
        )
        return _Loaded(module, source)

    def _baustein(self, source: MarkdownSource, index: TermIndex) -> _Loaded:
        raw_sections = self._keyed_sections_only(source)
        meta = source.meta
        baustein = Baustein(
            module=meta["module"],
            number=meta["number"],
            title=meta["title"],
            summary=meta["summary"],
            provider_description=meta["provider_description"],
            sections=self._sections(
                source, raw_sections, BAUSTEIN_SECTIONS, TermLinker(index), only_known=True
            ),
            reader_check=self._reader_check(source),
        )
        return _Loaded(baustein, source)

    def _timeline(self) -> Timeline:
        path = self.dir / TIMELINE_FILE
        if not path.is_file():
            raise ContentError.at(display_path(self.dir), 1, f"{TIMELINE_FILE} is missing")
        data, lines = load_yaml_with_lines(path)
        if not isinstance(data, dict):
            raise lines.error(text="timeline.yaml must have 'phases:' and 'alongside:'")
        self._check_keys(data, lines, (), required=("phases", "alongside"))
        phases_data = data.get("phases")
        if not isinstance(phases_data, list) or not phases_data:
            raise lines.error("phases", text="'phases' must be a list of phases")
        phases = [
            self._phase(item, lines, ("phases", number), needs_title=True)
            for number, item in enumerate(phases_data)
        ]
        alongside = self._phase(data.get("alongside"), lines, ("alongside",), needs_title=False)
        return Timeline(phases=phases, alongside=alongside)

    def _phase(self, item: Any, lines: YamlLines, keys: tuple, needs_title: bool) -> Phase:
        if not isinstance(item, dict):
            raise lines.error(*keys, text="a phase needs 'title', 'text' and 'modules'")
        required = ("title", "text", "modules") if needs_title else ("text", "modules")
        self._check_keys(item, lines, keys, required=required, optional=("title",))
        for name, field_type in (("title", TEXT), ("text", TEXT), ("modules", NUMBER_LIST)):
            if name in item and not field_type.accepts(item[name]):
                text = f"'{name}' must be {field_type.description}"
                self.problems.add(lines.path, lines.line_of(*keys, name), text)
        modules = item.get("modules") if NUMBER_LIST.accepts(item.get("modules")) else []
        for position, number in enumerate(modules):
            if number not in MODULE_NUMBERS:
                line = lines.line_of(*keys, "modules", position)
                self.problems.add(lines.path, line, f"there is no module {number}")
        return Phase(title=str(item.get("title", "")), text=str(item.get("text", "")), modules=list(modules))

    def _check_keys(
        self, data: dict, lines: YamlLines, keys: tuple, required: tuple, optional: tuple = ()
    ) -> None:
        for name in required:
            if name not in data:
                self.problems.add(lines.path, lines.line_of(*keys), f"missing key '{name}'")
        for name in data:
            if name not in required and name not in optional:
                self.problems.add(lines.path, lines.line_of(*keys, name), f"unknown key '{name}'")

    # -- checks across files --------------------------------------------------------

    def _link_modules(
        self, modules: list[_Loaded], bausteine: list[_Loaded], groups: list[_Loaded]
    ) -> dict[int, Module]:
        """Check numbers and references between files; attach the Bausteine to their modules."""
        by_number: dict[int, _Loaded] = {}
        for item in modules:
            number = item.value.number
            if number not in MODULE_NUMBERS:
                self._report(item, ("number",), f"module number must be 1 to 8, not {number}")
            elif number in by_number:
                other = by_number[number].source.shown_path
                self._report(item, ("number",), f"duplicate module number {number} (also in {other})")
            else:
                by_number[number] = item
        modules_dir = display_path(self.dir / "modules")
        for number in MODULE_NUMBERS:
            if number not in by_number:
                self.problems.add(modules_dir, 1, f"module {number} is missing (modules 1 to 8 must all exist)")

        groups_by_slug = {item.value.slug: item for item in groups}
        for item in groups:
            for position, number in enumerate(item.value.modules):
                if number not in by_number:
                    self._report(item, ("modules", position), f"group lists unknown module {number}")
        for number, item in by_number.items():
            group = groups_by_slug.get(item.value.group)
            if group is None:
                known = ", ".join(sorted(groups_by_slug)) or "none"
                self._report(item, ("group",), f"unknown group '{item.value.group}' (groups: {known})")
            elif number not in group.value.modules:
                self._report(
                    item, ("group",), f"group '{group.value.slug}' does not list module {number} in its 'modules'"
                )

        bausteine_of: dict[int, dict[int, _Loaded]] = {number: {} for number in by_number}
        for item in bausteine:
            baustein = item.value
            if baustein.module not in by_number:
                self._report(item, ("module",), f"Baustein points at missing module {baustein.module}")
                continue
            siblings = bausteine_of[baustein.module]
            if baustein.number in siblings:
                other = siblings[baustein.number].source.shown_path
                self._report(
                    item,
                    ("number",),
                    f"duplicate Baustein number {baustein.number} in module {baustein.module} (also in {other})",
                )
                continue
            siblings[baustein.number] = item

        result = {}
        for number in sorted(by_number):
            module = by_number[number].value
            module.bausteine.extend(item.value for _number, item in sorted(bausteine_of[number].items()))
            result[number] = module
        return result

    def _report(self, item: _Loaded, keys: tuple, text: str) -> None:
        """A problem at the front matter line of `keys` in the file of `item`."""
        self.problems.add(item.source.shown_path, item.source.meta_lines.line_of(*keys), text)


_COLLATION = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "·": "", "-": ""})


def glossary_sort_key(term: str) -> tuple[str, str]:
    """German dictionary order: ä sorts like a, Mediopunkt and case are ignored."""
    return (term.casefold().translate(_COLLATION), term)
