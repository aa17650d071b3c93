"""The comparison on the page "Geld und Sicherheit": content/easy_language/<lang>/vergleich.yaml.

Three ways (workshop, Budget für Arbeit, a job with a work contract) side by side on a few topics
(pay, pension, the way back, dismissal, support). The words live in the content, one file per
language; this module reads and checks them once at start-up, like the budget's texts:
any problem stops the start with one ContentError that lists every `file:line: text`.

Checks: every key is known and every text is filled in; the columns and rows have ids
(a-z, 0-9, '-'), each used once; every row has a text for every column and no other; a cell holds
no `§` line (the references of a row go into its `law:`, shown once under the table as the
"Für Fach·leute" line); every language has the same columns and rows in the same order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..content import ContentError, display_path, load_yaml_with_lines
from ..content.models import ContentLibrary, LanguageContent
from ..content.render import TermLinker, is_law_line, render_law_line, render_markdown

FILE_NAME = "vergleich.yaml"
EXTENSION_KEY = "portal.pages.comparison"
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TOP_KEYS = ("title", "intro", "caption", "corner", "columns", "rows")
TOP_OPTIONAL_KEYS = ("after",)
MIN_COLUMNS = 2


@dataclass(frozen=True)
class Column:
    id: str
    title: str


@dataclass(frozen=True)
class Row:
    id: str
    title: str
    cells: tuple[Markup, ...]  # one per column, in the order of the columns
    law: tuple[str, ...]  # reference lines ("§ 221 SGB IX")


@dataclass(frozen=True)
class Comparison:
    lang: str
    title: str
    intro: Markup
    caption: str
    corner: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    after: Markup

    @property
    def law_line(self) -> Markup:
        """The one "Für Fach·leute" line of the table: the references of all rows, in row order."""
        return render_law_line([line for row in self.rows for line in row.law], self.lang)


def load_comparisons(root: Path | str, library: ContentLibrary) -> dict[str, Comparison]:
    """Read `vergleich.yaml` of every language under `root`; raise ContentError listing all problems."""
    root = Path(root)
    errors: list[ContentError] = []
    found: dict[str, Comparison] = {}
    for lang in library.languages:
        reader = _Reader(root / lang / FILE_NAME, library.for_lang(lang))
        comparison = reader.read()
        errors += reader.errors
        if comparison is not None:
            found[lang] = comparison
    if not errors:
        _check_same_shape(found, root, errors)
    if errors:
        raise ContentError.combine(errors)
    return found


def _check_same_shape(found: dict[str, Comparison], root: Path, errors: list[ContentError]) -> None:
    """The same columns and rows in the same order in every language: the table means the same everywhere."""
    languages = sorted(found)
    if not languages:
        return
    first = found[languages[0]]
    for lang in languages[1:]:
        other = found[lang]
        path = display_path(root / lang / FILE_NAME)
        for part in ("columns", "rows"):
            expected = [item.id for item in getattr(first, part)]
            ids = [item.id for item in getattr(other, part)]
            if ids != expected:
                text = f"'{part}' must have the same ids in the same order as in '{first.lang}': {expected}, not {ids}"
                errors.append(ContentError.at(path, 1, text))


class _Reader:
    def __init__(self, path: Path, language: LanguageContent):
        self.path = path
        self.lang = language.lang
        self.index = language.terms
        self.errors: list[ContentError] = []

    def problem(self, lines, keys: tuple, text: str) -> None:
        self.errors.append(ContentError.at(lines.path, lines.line_of(*keys), text))

    def read(self) -> Comparison | None:
        if not self.path.is_file():
            self.errors.append(ContentError.at(display_path(self.path), 1, f"{FILE_NAME} is missing"))
            return None
        try:
            data, lines = load_yaml_with_lines(self.path)
        except ContentError as error:
            self.errors.append(error)
            return None
        if not isinstance(data, dict):
            self.problem(lines, (), f"{FILE_NAME} must have the keys: {', '.join(TOP_KEYS)}")
            return None
        before = len(self.errors)
        texts = ("title", "intro", "caption", "corner", "after")
        self.keys(data, lines, (), TOP_KEYS, TOP_OPTIONAL_KEYS, texts)
        columns = self.columns(data.get("columns"), lines)
        rows = self.rows(data.get("rows"), lines, columns)
        if len(self.errors) > before:
            return None
        # One linker for the whole comparison: its first glossary word links to the dictionary.
        # No opening explanations inside the table: the page's text above has them.
        linker = TermLinker(self.index, with_details=False)
        intro = self.markdown(data["intro"], lines, ("intro",), linker)
        rendered_rows = tuple(
            Row(
                id=row["id"],
                title=row["title"].strip(),
                cells=tuple(
                    self.markdown(row["cells"][column.id], lines, ("rows", number, "cells", column.id), linker)
                    for column in columns
                ),
                law=tuple(line.strip() for line in str(row.get("law") or "").splitlines() if line.strip()),
            )
            for number, row in enumerate(rows)
        )
        after = self.markdown(data["after"], lines, ("after",), linker) if "after" in data else Markup("")
        if len(self.errors) > before:
            return None
        return Comparison(
            lang=self.lang,
            title=data["title"].strip(),
            intro=intro,
            caption=data["caption"].strip(),
            corner=data["corner"].strip(),
            columns=columns,
            rows=rendered_rows,
            after=after,
        )

    def keys(self, item: dict, lines, keys: tuple, required: tuple, optional: tuple, texts: tuple) -> bool:
        """Report missing and unknown keys and empty texts; True when all is well."""
        before = len(self.errors)
        for name in required:
            if name not in item:
                self.problem(lines, keys, f"missing key '{name}'")
        for name, value in item.items():
            if name not in required and name not in optional:
                allowed = ", ".join((*required, *optional))
                self.problem(lines, keys + (name,), f"unknown key '{name}' (allowed: {allowed})")
            elif name in texts and (not isinstance(value, str) or not value.strip()):
                self.problem(lines, keys + (name,), f"'{name}' must be a text")
        return len(self.errors) == before

    def ids(self, items: Any, lines, part: str, minimum: int) -> list[dict]:
        """The entries of `columns` or `rows` that have a good, new id."""
        if not isinstance(items, list) or len(items) < minimum:
            self.problem(lines, (part,), f"'{part}' must be a list of at least {minimum} entries")
            return []
        good, seen = [], {}
        for number, item in enumerate(items):
            keys = (part, number)
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                self.problem(lines, keys, f"every entry of '{part}' needs an 'id'")
                continue
            if not ID.match(item["id"]):
                self.problem(lines, keys + ("id",), f"id '{item['id']}' may only have a-z, 0-9 and '-'")
                continue
            if item["id"] in seen:
                self.problem(lines, keys + ("id",), f"id '{item['id']}' is used twice (also entry {seen[item['id']]})")
                continue
            seen[item["id"]] = number + 1
            good.append((number, item))
        return good

    def columns(self, items: Any, lines) -> tuple[Column, ...]:
        columns = []
        for number, item in self.ids(items, lines, "columns", MIN_COLUMNS):
            if self.keys(item, lines, ("columns", number), ("id", "title"), (), ("title",)):
                columns.append(Column(item["id"], item["title"].strip()))
        return tuple(columns)

    def rows(self, items: Any, lines, columns: tuple[Column, ...]) -> list[dict]:
        rows = []
        column_ids = [column.id for column in columns]
        for number, item in self.ids(items, lines, "rows", 1):
            keys = ("rows", number)
            if not self.keys(item, lines, keys, ("id", "title", "cells"), ("law",), ("title", "law")):
                continue
            cells = item["cells"]
            if not isinstance(cells, dict):
                self.problem(lines, keys + ("cells",), f"'cells' needs a text for each column: {', '.join(column_ids)}")
                continue
            before = len(self.errors)
            for column_id in column_ids:
                text = cells.get(column_id)
                if not isinstance(text, str) or not text.strip():
                    self.problem(lines, keys + ("cells", column_id), f"'{column_id}' needs a text under 'cells'")
                elif any(is_law_line(line) for line in text.splitlines()):
                    self.problem(
                        lines,
                        keys + ("cells", column_id),
                        "no '§' line in a cell: write the references into the row's 'law'",
                    )
            for column_id in cells:
                if column_id not in column_ids:
                    allowed = ", ".join(column_ids)
                    self.problem(lines, keys + ("cells", column_id), f"unknown column '{column_id}' (columns: {allowed})")
            law = item.get("law")
            if isinstance(law, str) and not all(is_law_line(line) for line in law.splitlines() if line.strip()):
                self.problem(lines, keys + ("law",), "'law' holds only references, one a line, each starting with '§'")
            if len(self.errors) == before:
                rows.append(item)
        return rows

    def markdown(self, text: str, lines, keys: tuple, linker: TermLinker) -> Markup:
        line = lines.line_of(*keys)
        first = line + 1 if "\n" in text.strip("\n") or text.endswith("\n") else line
        try:
            return render_markdown(text, path=lines.path, first_line=first, heading_base=3, linker=linker)
        except ContentError as error:
            self.errors.append(error)
            return Markup("")


def comparison_for(app, lang: str) -> Comparison:
    return app.extensions[EXTENSION_KEY][lang]

