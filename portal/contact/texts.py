"""The contact request's long texts (content/easy_language/<lang>/contact/*.md), read once at start-up.

A missing or broken file, or a consent text that promises another keeping time than the
portal really uses (CONTACT_RETENTION_MONTHS for finished requests, CONTACT_INACTIVE_MONTHS for
requests nobody works on), stops the start with `file:line: message`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from flask import current_app, g
from markupsafe import Markup

from ..content import ContentError, display_path
from ..content.render import render_markdown
from ..content.source import read_markdown

FOLDER = "contact"
EXTENSION_KEY = "portal.contact.texts"


@dataclass(frozen=True)
class TextFile:
    name: str
    fields: tuple[str, ...]  # required front matter: texts, except the whole numbers below
    heading_base: int  # the level of the file's highest heading on its page


NUMBER_FIELDS = {"retention_months", "inactive_months"}
FILES = (
    TextFile("start", ("title",), 2),
    TextFile("einwilligung", ("title", "version", "retention_months", "inactive_months"), 3),
    TextFile("ergebnis", ("title",), 2),
    TextFile("kein-anbieter", ("title",), 2),
    TextFile("naechste-schritte", ("title",), 2),
)


@dataclass(frozen=True)
class ContactText:
    title: str
    meta: dict
    html: Markup


def load_texts(content_dir: Path, languages) -> dict[str, dict[str, ContactText]]:
    problems: list[ContentError] = []
    texts: dict[str, dict[str, ContactText]] = {}
    for lang in languages:
        texts[lang] = {}
        for spec in FILES:
            try:
                texts[lang][spec.name] = _load(Path(content_dir) / lang / FOLDER / f"{spec.name}.md", spec)
            except ContentError as error:
                problems.append(error)
    if problems:
        raise ContentError.combine(problems)
    return texts


def _load(path: Path, spec: TextFile) -> ContactText:
    if not path.is_file():
        raise ContentError.at(display_path(path), 1, "missing: the contact request needs this file")
    source = read_markdown(path)
    for key in spec.fields:
        value = source.meta.get(key)
        whole_number = isinstance(value, int) and not isinstance(value, bool)
        if key in NUMBER_FIELDS and not whole_number:
            problem = "must be a whole number"
        elif key not in NUMBER_FIELDS and not (whole_number or (isinstance(value, str) and value.strip())):
            problem = "must be a text"
        else:
            continue
        raise ContentError.at(source.shown_path, source.meta_lines.line_of(key), f"front matter field '{key}' {problem}")
    html = render_markdown(source.body, path=source.shown_path, first_line=source.body_first_line,
                           heading_base=spec.heading_base)
    meta = dict(source.meta, _path=source.shown_path, _lines=source.meta_lines)
    return ContactText(title=str(source.meta["title"]), meta=meta, html=html)


def check_retention(texts: dict[str, dict[str, ContactText]], months: int, inactive_months: int | None = None) -> None:
    """The consent text names the keeping times: they must be the ones the purge really uses,
    in the front matter and in the text that people read."""
    promises = [("retention_months", "CONTACT_RETENTION_MONTHS", months)]
    if inactive_months is not None:
        promises.append(("inactive_months", "CONTACT_INACTIVE_MONTHS", inactive_months))
    for lang_texts in texts.values():
        consent = lang_texts["einwilligung"]
        for field, setting, value in promises:
            line = consent.meta["_lines"].line_of(field)
            if consent.meta[field] != value:
                raise ContentError.at(
                    consent.meta["_path"], line,
                    f"the text promises {consent.meta[field]} months, but {setting} "
                    f"is {value}: change the text (and {field}) or the setting",
                )
            if not re.search(rf"(?<![\d.,]){value}(?![\d.,])", str(consent.html)):
                raise ContentError.at(
                    consent.meta["_path"], line,
                    f"{field} is {value}, but the text does not say {value}: write it in the text",
                )


def contact_text(name: str) -> ContactText:
    return current_app.extensions[EXTENSION_KEY][g.lang][name]
