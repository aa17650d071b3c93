"""Which texts someone from the target group has checked (front matter `checked_by`,
`checked_on`): counted per language and area, for `content check` and the operator's desk."""
from __future__ import annotations

from dataclasses import dataclass

from .models import ContentLibrary

# The folders whose files are pages of their own; the order is the order shown.
AREAS = ("modules", "bausteine", "pages")


@dataclass(frozen=True)
class Coverage:
    lang: str
    area: str
    checked: int
    total: int
    unchecked: tuple[str, ...]  # file names without ".md", sorted

    @property
    def percent(self) -> int:
        return round(100 * self.checked / self.total) if self.total else 0


def coverage(library: ContentLibrary) -> list[Coverage]:
    result = []
    for lang in library.languages:
        checks = library.for_lang(lang).reader_checks
        for area in AREAS:
            files = {path: check for path, check in checks.items() if path.startswith(area + "/")}
            unchecked = sorted(path[len(area) + 1:].removesuffix(".md") for path, check in files.items() if check is None)
            result.append(Coverage(lang, area, len(files) - len(unchecked), len(files), tuple(unchecked)))
    return result


def report_lines(library: ContentLibrary) -> list[str]:
    """For `content check`: information, never an error (nobody can check a text by running a command)."""
    lines = []
    for item in coverage(library):
        line = f"reader check (information): {item.lang}/{item.area}: {item.checked} of {item.total} checked"
        if item.unchecked:
            line += "; not yet: " + ", ".join(item.unchecked)
        lines.append(line)
    return lines
