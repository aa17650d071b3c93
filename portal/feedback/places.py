"""Places a reader can flag: a page of the portal (its path) and a section on it (a key).

- The page is a path of the portal's own reader pages (content and form pages of the anonymous
  areas), checked against the URL map: a flag never stores a foreign address, a query or anything
  typed, and the way back after a flag never leads away (no open redirect).
- The section is a key that is the same in every language: `teil-<key>` for the keyed sections of
  modules and Bausteine, `abschnitt-<n>` for the n-th h2 of a page from `content/…/pages/`,
  a few fixed ones (`ablauf`, `gruppe-<slug>`, `vergleich`, `buchstabe-<x>`, `wort-fehlt`), or ""
  for the whole page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from flask import current_app, g, request
from markupsafe import Markup
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from .models import WHOLE_PAGE, WORD_MISSING, ReaderFlag

# The areas whose pages readers see (the desk and the inbox are not for readers).
READER_BLUEPRINTS = frozenset({"pages", "modules", "klaerung", "budget", "contact", "resume"})
SECTION_KEY = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
_PATH = re.compile(r"^/(?![/\\])[A-Za-z0-9/_\-.]*$")
_H2 = re.compile(r"<h2>(.*?)</h2>", re.S)
_TAGS = re.compile(r"<[^>]+>")
_SPLIT = re.compile(r"(?=<h2>)")


def endpoint_of(path: str) -> tuple[str, dict] | None:
    """The reader page's endpoint and arguments, or None when `path` is not one."""
    if not isinstance(path, str) or len(path) > ReaderFlag.PAGE_MAX or not _PATH.match(path):
        return None
    adapter = current_app.url_map.bind("localhost")
    try:
        endpoint, args = adapter.match(path, method="GET")
    except (HTTPException, RequestRedirect):
        return None
    if endpoint.split(".", 1)[0] not in READER_BLUEPRINTS:
        return None
    return endpoint, args


def is_reader_page(path: str) -> bool:
    return endpoint_of(path) is not None


def is_section_key(section: str) -> bool:
    return section == WHOLE_PAGE or bool(isinstance(section, str) and SECTION_KEY.match(section))


def here() -> str:
    """The current page's path, when it is a reader page; else ""."""
    if "voice_page" not in g:
        ok = request.blueprint in READER_BLUEPRINTS and request.method == "GET" and is_reader_page(request.path)
        g.voice_page = request.path if ok else ""
    return g.voice_page


def anchor(section: str) -> str:
    """The id of a section's control (the way back after a flag ends there)."""
    return f"verstehen-{section or 'seite'}"


# --- content pages: the h2 sections of a rendered page ----------------------------------------


@dataclass(frozen=True)
class PagePart:
    key: str  # "" for what stands before the first h2
    heading: str  # plain text of the h2
    html: Markup


@lru_cache(maxsize=512)
def split_sections(html: str) -> tuple[PagePart, ...]:
    """A content page's HTML cut before each h2; each h2 gets the id `abschnitt-<n>`.

    The HTML comes from the content renderer (portal.content.render), whose h2 never has attributes;
    a page without h2 is one part without a key."""
    parts = []
    number = 0
    for chunk in _SPLIT.split(str(html)):
        if not chunk:
            continue
        match = _H2.match(chunk)
        if match is None:
            parts.append(PagePart("", "", Markup(chunk)))
            continue
        number += 1
        key = f"abschnitt-{number}"
        chunk = f'<h2 id="{key}">' + chunk[len("<h2>"):]
        parts.append(PagePart(key, heading_text(match.group(1)), Markup(chunk)))
    return tuple(parts)


def heading_text(html: str) -> str:
    """An h2's words without tags (the Mediopunkt span becomes "·" again)."""
    text = html.replace('<span class="mp" aria-hidden="true"></span><wbr>', "·")
    return Markup(_TAGS.sub("", text)).unescape().strip()


# --- names of places, for the desk and the CLI --------------------------------------------------

PAGE_SLUGS = {
    "pages.start": "start",
    "pages.privacy": "datenschutz",
    "pages.imprint": "impressum",
    "pages.support": "begleitung",
    "pages.money": "geld-und-sicherheit",
    "pages.about": "ueber-jobbudget",
    "pages.accessibility": "barrierefreiheit",
    "modules.overview": "module",
    "modules.glossary": "woerterbuch",
}


def describe(language, path: str, section: str) -> tuple[str, str]:
    """(page name, section name) of a place in `language` (a LanguageContent); the path or key
    itself where no name is known."""
    found = endpoint_of(path)
    page_name, section_name = path, section
    if found is None:
        return page_name, section_name or _whole_page(language.lang)
    endpoint, args = found
    page = None
    if endpoint in PAGE_SLUGS and PAGE_SLUGS[endpoint] in language.pages:
        page = language.pages[PAGE_SLUGS[endpoint]]
        page_name = page.title
    module = language.modules.get(args.get("number")) if endpoint.startswith("modules.") else None
    if endpoint == "modules.module" and module:
        page_name = f"{_word('module', language.lang)} {module.number}: {module.title}"
    if endpoint == "modules.baustein" and module:
        baustein = next((b for b in module.bausteine if b.number == args.get("baustein")), None)
        if baustein:
            page_name = f"{_word('module', language.lang)} {module.number}, {_word('baustein', language.lang)} {baustein.number}: {baustein.title}"
            module = baustein  # its sections
    section_name = _section_name(language, page, module, section)
    return page_name, section_name


def _section_name(language, page, keyed, section: str) -> str:
    lang = language.lang
    if section == WHOLE_PAGE:
        return _whole_page(lang)
    if section == WORD_MISSING:
        return _word("missing", lang)
    if section.startswith("abschnitt-") and page is not None:
        parts = [part for part in split_sections(page.html) if part.key == section]
        return parts[0].heading if parts else section
    if section.startswith("teil-") and keyed is not None:
        part = keyed.sections.get(section[len("teil-"):])
        return part.heading if part else section
    if section.startswith("gruppe-"):
        group = next((g for g in language.groups if g.slug == section[len("gruppe-"):]), None)
        return group.title if group else section
    if section.startswith("buchstabe-"):
        return f"{_word('letter', lang)} {section[len('buchstabe-'):].upper()}"
    return section


def _word(key: str, lang: str = "") -> str:
    """Words of the places' names (gettext: German outside a request, as for the CLI)."""
    from flask_babel import gettext as _

    return {
        "whole": lambda: _("die ganze Seite"),
        "missing": lambda: _("Wort fehlt im Wörter·buch"),
        "letter": lambda: _("Buchstabe"),
        "module": lambda: _("Modul"),
        "baustein": lambda: _("Baustein"),
    }[key]()


def _whole_page(lang: str) -> str:
    return _word("whole", lang)
