"""Splitting a content Markdown file into front matter, body and `## [key]` sections.

Everything here keeps the file's line numbers, so later checks can say `file:line`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, display_path
from .yaml_lines import YamlLines, parse_yaml_with_lines

FRONT_MATTER_FENCE = "---"

# A section starts with a level-1 or level-2 ATX heading; the key in square brackets
# is optional here (pages may have plain headings), kinds that need keys check it.
SECTION_HEADING = re.compile(
    r"^ {0,3}(?P<hashes>#{1,2})[ \t]+(?:\[(?P<key>[A-Za-z0-9_-]+)\][ \t]*)?(?P<heading>.*?)[ \t]*#*[ \t]*$"
)
# Any ATX heading that carries a `[key]`, whatever its level (used to strip the key).
KEYED_HEADING = re.compile(r"^(?P<prefix> {0,3}#{1,6}[ \t]+)\[[A-Za-z0-9_-]+\][ \t]*")
CODE_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class MarkdownSource:
    """A Markdown file split into its parts.

    `body_first_line` is the file line of the first body line.
    """

    path: Path
    shown_path: str
    meta: dict[str, Any]
    meta_lines: YamlLines
    meta_node: yaml.Node | None
    body: str
    body_first_line: int


@dataclass(frozen=True)
class RawSection:
    """The Markdown of one section; `line` is the file line of its heading."""

    key: str | None
    heading: str
    level: int
    text: str
    line: int
    text_first_line: int


def split_front_matter(text: str, shown_path: str) -> tuple[str, int, str, int]:
    """Return (front matter text, its first line, body text, body first line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        raise ContentError.at(shown_path, 1, "the file must start with front matter ('---' line)")
    for index in range(1, len(lines)):
        if lines[index].strip() in (FRONT_MATTER_FENCE, "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return front, 2, body, index + 2
    raise ContentError.at(shown_path, 1, "front matter is not closed by a '---' line")


def read_markdown(path: Path) -> MarkdownSource:
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError.at(shown, 1, f"cannot read file: {exc}") from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    front, front_line, body, body_line = split_front_matter(text, shown)
    meta, meta_lines, meta_node = parse_yaml_with_lines(front, shown, front_line)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ContentError.at(shown, front_line, "front matter must be 'key: value' lines")
    return MarkdownSource(path, shown, meta, meta_lines, meta_node, body, body_line)


def split_sections(body: str, body_first_line: int) -> tuple[str, list[RawSection]]:
    """Split the body at level-1/2 headings.

    Returns the text before the first heading (the preamble) and the sections.
    Headings inside fenced code blocks are not headings.
    """
    preamble: list[str] = []
    sections: list[RawSection] = []
    current: dict[str, Any] | None = None
    fence: str | None = None

    def close_current() -> None:
        if current is not None:
            sections.append(
                RawSection(
                    key=current["key"],
                    heading=current["heading"],
                    level=current["level"],
                    text="\n".join(current["lines"]),
                    line=current["line"],
                    text_first_line=current["line"] + 1,
                )
            )

    for offset, line in enumerate(body.split("\n")):
        fence_match = CODE_FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker[0] * 3
            elif marker.startswith(fence):
                fence = None
        heading = SECTION_HEADING.match(line) if fence is None and not fence_match else None
        if heading:
            close_current()
            current = {
                "key": heading["key"],
                "heading": heading["heading"],
                "level": len(heading["hashes"]),
                "lines": [],
                "line": body_first_line + offset,
            }
        elif current is None:
            preamble.append(line)
        else:
            current["lines"].append(line)
    close_current()
    return "\n".join(preamble), sections


def strip_section_keys(body: str) -> str:
    """`## [what] Was ist das?` -> `## Was ist das?` (same number of lines)."""
    return "\n".join(KEYED_HEADING.sub(r"\g<prefix>", line) for line in body.split("\n"))
