"""ContentError and the `path:line:` locations it reports.

Every message about a content file starts with `path:line:` so that editors and
terminals can jump to the place; the path is relative to the repository root
because that is what the writers see in their editor.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# portal/content/errors.py -> the repository root is two folders above the package.
REPO_ROOT = Path(__file__).resolve().parents[2]

_LOCATION_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<text>.*)$")


def display_path(path: Path | str) -> str:
    """The path as writers should see it: relative to the repository root if possible."""
    resolved = Path(path).resolve()
    for base in (REPO_ROOT, Path.cwd().resolve()):
        try:
            return resolved.relative_to(base).as_posix()
        except ValueError:
            continue
    return resolved.as_posix()


@dataclass(frozen=True)
class ErrorLocation:
    """One reported problem: where it is and what is wrong."""

    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"


class ContentError(Exception):
    """A content file is broken; the portal must not start with it.

    The message is one or more lines, each `path:line: text`. `locations` gives the
    same information structured, for tools that list problems one by one.
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    @classmethod
    def at(cls, path: Path | str, line: int, text: str) -> "ContentError":
        shown = path if isinstance(path, str) else display_path(path)
        return cls(str(ErrorLocation(shown, line, text)))

    @classmethod
    def combine(cls, errors: list["ContentError"]) -> "ContentError":
        """One error that lists all collected ones, so writers can fix them in one go."""
        return cls("\n".join(error.message for error in errors))

    @property
    def locations(self) -> list[ErrorLocation]:
        found = []
        for line in self.message.splitlines():
            match = _LOCATION_LINE.match(line)
            if match:
                found.append(ErrorLocation(match["path"], int(match["line"]), match["text"]))
            else:
                found.append(ErrorLocation("?", 0, line))
        return found
