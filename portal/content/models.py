"""The loaded content: plain frozen dataclasses, rendered HTML as `Markup`.

Lists and dicts inside are not copied on access; treat them as read-only.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .render import TermIndex


@dataclass(frozen=True)
class ReaderCheck:
    """Who from the target group read a text and checked that it is understandable, and when
    (front matter `checked_by` and `checked_on`)."""

    by: str
    on: date


@dataclass(frozen=True)
class Section:
    """`## [key] Heading` and the Markdown below it, rendered.

    `key` is None for a plain heading without `[key]` (only pages and groups have those;
    they appear in the page's `html` but not in `sections`).
    """

    key: str | None
    heading: str
    heading_html: Markup
    html: Markup


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    meta: dict[str, Any]
    html: Markup
    sections: dict[str, Section]
    reader_check: ReaderCheck | None = None


@dataclass(frozen=True)
class Group:
    slug: str
    title: str
    order: int
    modules: list[int]
    html: Markup


@dataclass(frozen=True)
class Baustein:
    module: int
    number: int
    title: str
    summary: str
    provider_description: bool
    sections: dict[str, Section]
    reader_check: ReaderCheck | None = None


@dataclass(frozen=True)
class Module:
    number: int
    title: str
    official_name: str
    group: str
    pictogram: str
    summary: str
    repeatable: bool
    sections: dict[str, Section]
    bausteine: list[Baustein]
    reader_check: ReaderCheck | None = None


@dataclass(frozen=True)
class GlossaryEntry:
    slug: str
    term: str
    forms: list[str]
    html: Markup
    example: Section


@dataclass(frozen=True)
class Phase:
    title: str
    text: str
    modules: list[int]


@dataclass(frozen=True)
class Timeline:
    phases: list[Phase]
    alongside: Phase


@dataclass(frozen=True)
class LanguageContent:
    lang: str
    pages: dict[str, Page]
    groups: list[Group]
    modules: dict[int, Module]
    glossary: list[GlossaryEntry]
    timeline: Timeline
    # Every module, Baustein and page file ("modules/modul-1.md") → its reader check, or None
    reader_checks: dict[str, ReaderCheck | None] = field(default_factory=dict, compare=False, repr=False)
    # The glossary words to link in any Markdown of this language (features with texts of their own use it)
    terms: TermIndex | None = field(default=None, compare=False, repr=False)

    def glossary_entry(self, slug: str) -> GlossaryEntry:
        """The entry with this slug; KeyError if there is none."""
        for entry in self.glossary:
            if entry.slug == slug:
                return entry
        raise KeyError(slug)


@dataclass(frozen=True)
class ContentLibrary:
    root: Path
    by_lang: dict[str, LanguageContent] = field(repr=False)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.by_lang)

    def for_lang(self, lang: str) -> LanguageContent:
        """The content of one language; KeyError for a language that has no folder."""
        return self.by_lang[lang]
