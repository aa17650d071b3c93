"""Interface catalogues, one per feature area: translations/<area>/<lang>/LC_MESSAGES/messages.po.

An area is a first-level package of `portal` (ui, pages, modules, klaerung …); modules that sit
directly in `portal/` form the area "portal". Each feature owns its catalogue, so features never
edit one shared file. `flask --app portal translations update` extracts the German source strings
and adds new ones to every language's catalogue, keeping what is translated.
"""
from __future__ import annotations

from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po, write_po
from flask import Flask, current_app
from flask.cli import AppGroup

from .config import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "portal"
TRANSLATIONS = PROJECT_ROOT / "translations"
SOURCE_LANGUAGE = "de"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None}
METHODS = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
JINJA_OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}


def areas() -> dict[str, list[Path]]:
    """area name → the source folders or files it covers."""
    found: dict[str, list[Path]] = {"portal": []}
    for child in sorted(PACKAGE.iterdir()):
        if child.is_dir() and (child / "__init__.py").exists():
            found[child.name] = [child]
        elif child.suffix == ".py":
            found["portal"].append(child)
    return found


def extract(sources: list[Path]) -> Catalog:
    catalog = Catalog(locale=SOURCE_LANGUAGE, domain="messages")
    for source in sources:
        if source.is_dir():
            items = extract_from_dir(str(source), METHODS, keywords=KEYWORDS, options_map=JINJA_OPTIONS)
            for filename, lineno, message, comments, context in items:
                catalog.add(message, locations=[(str(source.relative_to(PROJECT_ROOT) / filename), lineno)])
        else:
            for lineno, message, comments, context in extract_from_file("python", str(source), keywords=KEYWORDS):
                catalog.add(message, locations=[(str(source.relative_to(PROJECT_ROOT)), lineno)])
    return catalog


def catalogue_path(area: str, lang: str) -> Path:
    return TRANSLATIONS / area / lang / "LC_MESSAGES" / "messages.po"


def read_catalogue(path: Path) -> Catalog | None:
    if not path.exists():
        return None
    with path.open("rb") as po_file:
        return read_po(po_file)


def update_area(area: str, sources: list[Path], languages) -> Path | None:
    template = extract(sources)
    if not len(template):
        return None
    for lang in languages:
        if lang == SOURCE_LANGUAGE:
            continue
        path = catalogue_path(area, lang)
        catalog = read_catalogue(path) or Catalog(locale=lang, domain="messages")
        catalog.update(template, no_fuzzy_matching=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as po_file:
            write_po(po_file, catalog, width=100, omit_header=False, ignore_obsolete=True)
    return TRANSLATIONS / area


def missing_translations(languages) -> list[str]:
    """Every source string without a finished translation, as 'area/lang: message'."""
    missing = []
    for area, sources in areas().items():
        template = extract(sources)
        for lang in languages:
            if lang == SOURCE_LANGUAGE:
                continue
            catalog = read_catalogue(catalogue_path(area, lang))
            for message in template:
                if not message.id:
                    continue
                translated = catalog.get(message.id) if catalog else None
                if translated is None or not translated.string or translated.fuzzy or (
                    isinstance(translated.string, tuple) and not all(translated.string)
                ):
                    missing.append(f"{area}/{lang}: {message.id if isinstance(message.id, str) else message.id[0]}")
    return missing


def conflicting_translations(languages) -> list[str]:
    """Source strings that two areas translate differently, as 'lang: message → "a" / "b"'.

    The catalogues are merged into one at start-up, so only one of the translations would be shown,
    and which one depends on the order of the areas."""
    conflicts = []
    for lang in languages:
        if lang == SOURCE_LANGUAGE:
            continue
        seen: dict = {}
        for area in areas():
            catalog = read_catalogue(catalogue_path(area, lang))
            for message in catalog or ():
                if message.id and message.string and not message.fuzzy:
                    seen.setdefault(message.id, {}).setdefault(message.string, area)
        for message_id, strings in seen.items():
            if len(strings) > 1:
                shown = message_id if isinstance(message_id, str) else message_id[0]
                conflicts.append(f"{lang}: {shown} → " + " / ".join(
                    f"{string!r} ({area})" for string, area in strings.items()))
    return conflicts


translations_cli = AppGroup("translations", help="The interface catalogues under translations/.")


@translations_cli.command("update")
@click.option("--area", "only", multiple=True, help="Only this area (a first-level package of portal); repeatable.")
def update_command(only):
    """Add new interface strings to every language's catalogue (translations/<area>/)."""
    for area, sources in areas().items():
        if only and area not in only:
            continue
        if update_area(area, sources, current_app.config["LANGUAGES"]):
            click.echo(f"updated translations/{area}")


@translations_cli.command("missing")
def missing_command():
    """List interface strings that have no translation yet, or two different ones (exit 1 when there are any)."""
    languages = current_app.config["LANGUAGES"]
    problems = missing_translations(languages) + conflicting_translations(languages)
    for line in problems:
        click.echo(line)
    raise SystemExit(1 if problems else 0)


def init_app(app: Flask) -> None:
    app.cli.add_command(translations_cli)
