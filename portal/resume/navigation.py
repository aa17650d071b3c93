"""Where a person goes after entering a code: a safe local path, or back into their feature."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app

EXTENSION_KEY = "portal.resume"
PATH_MAX = 300


def register_continue_path(app: Flask, section: str, path: str) -> None:
    """A record holding `section` continues at `path` (the Klärung: its next open question)."""
    app.extensions.setdefault(EXTENSION_KEY, {"continue": {}})["continue"][section] = path


def continue_paths() -> dict[str, str]:
    return current_app.extensions.get(EXTENSION_KEY, {"continue": {}})["continue"]


def local_path(value: str | None) -> str | None:
    """`value` if it is a path on this site ("/budget/antrag?x=1"), else None: never an open redirect."""
    if not value or len(value) > PATH_MAX or not value.startswith("/") or value.startswith("//"):
        return None
    if "\\" in value or any(ord(char) < 32 or ord(char) == 127 for char in value):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return None
    return value


def destination(data: dict, weiter: str | None) -> str:
    """A given local path first; else the first feature (in registration order) that has answers."""
    path = local_path(weiter)
    if path:
        return path
    paths = continue_paths()
    for section, section_path in paths.items():
        if data.get(section):
            return section_path
    return next(iter(paths.values()), "/")


def start_over_path(weiter: str | None) -> str:
    """Where "Neu anfangen" leads from the code page: the start of the feature the person came from."""
    path = local_path(weiter)
    if path:
        return "/" + path.split("?", 1)[0].strip("/").split("/", 1)[0]
    return next(iter(continue_paths().values()), "/").rsplit("/", 1)[0] or "/"
