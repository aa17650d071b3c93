"""YAML with line numbers, so that every error can name `file:line`.

PyYAML gives either data (``safe_load``) or nodes with marks (``compose``).
We parse once, keep the node tree, construct the data from it and remember the
line of every key path. Other packages (for example the loaders of
`klaerung.yaml` or `budget.yaml`) use `load_yaml_with_lines` for their own checks.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from .errors import ContentError, display_path

# The C parser is much faster; both give the same nodes and marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlLines:
    """Line numbers (1-based, in the whole file) of the values in a YAML document.

    ``line_of("phases", 0, "title")`` gives the line of that value; for a path that
    does not exist (a missing key) it gives the line of the nearest existing parent,
    which is where the writer has to add it.
    """

    path: str
    lines: dict[KeyPath, int] = field(default_factory=dict)
    first_line: int = 1

    def line_of(self, *keys: str | int) -> int:
        path = tuple(keys)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), self.first_line)

    __call__ = line_of

    def error(self, *keys: str | int, text: str) -> ContentError:
        return ContentError.at(self.path, self.line_of(*keys), text)


def parse_yaml_with_lines(
    text: str, path: Path | str, first_line: int = 1
) -> tuple[Any, YamlLines, yaml.Node | None]:
    """Parse `text` (which starts at `first_line` of the file `path`).

    Returns the data, the line map and the node tree (for callers that want to walk
    the scalars themselves, like the lint). Raises ContentError with the line of a
    syntax error or of a duplicate key.
    """
    shown = path if isinstance(path, str) else display_path(path)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        problem = exc.problem or exc.context or "invalid YAML"
        raise ContentError.at(shown, line, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise ContentError.at(shown, first_line, f"YAML error: {exc}") from None
    finally:
        loader.dispose()
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _record_lines(node, (), lines, first_line, shown)
    return data, YamlLines(shown, lines, first_line), node


def load_yaml_with_lines(path: Path | str) -> tuple[Any, YamlLines]:
    """Read a YAML file; returns ``(data, line_of)`` where ``line_of(*keys) -> int``."""
    file_path = Path(path)
    try:
        text = file_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError.at(file_path, 1, f"cannot read file: {exc}") from None
    data, lines, _node = parse_yaml_with_lines(text, file_path)
    return data, lines


def _record_lines(
    node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], first_line: int, shown: str
) -> None:
    lines[path] = first_line + node.start_mark.line
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                # safe_load silently keeps the last value; a writer never means that.
                raise ContentError.at(
                    shown, first_line + key_node.start_mark.line, f"duplicate key '{key}'"
                )
            seen.add(key)
            _record_lines(value_node, path + (key,), lines, first_line, shown)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), lines, first_line, shown)


@dataclass(frozen=True)
class TextScalar:
    """One line of a string value in a YAML document, with its line in the file."""

    keys: KeyPath
    line: int
    text: str


def iter_text_scalars(
    node: yaml.Node | None, skip_keys: set[str] | frozenset[str], first_line: int = 1
) -> Iterator[TextScalar]:
    """Every string value (line by line) that is not under one of `skip_keys`."""
    if node is None:
        return
    yield from _walk_strings(node, (), skip_keys, first_line)


def _walk_strings(
    node: yaml.Node, path: KeyPath, skip_keys, first_line: int
) -> Iterator[TextScalar]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in skip_keys:
                continue
            yield from _walk_strings(value_node, path + (key,), skip_keys, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _walk_strings(item, path + (index,), skip_keys, first_line)
    elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
        start = first_line + node.start_mark.line
        if node.style in ("|", ">"):
            # Block scalars start on the line after the `|` / `>` indicator.
            for offset, text in enumerate(node.value.split("\n")):
                if text.strip():
                    yield TextScalar(path, start + 1 + offset, text)
        elif node.value.strip():
            yield TextScalar(path, start, node.value)
