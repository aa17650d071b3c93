"""Bar charts drawn on the server as inline SVG: no chart library, no script in the browser. The
desk's usage page and its hard places both draw with this one function.

Each row is a label on its own line with its bars beneath (this reads on a 320 px phone, too);
the colours come from the page's CSS (`currentColor`), so every display setting shows them.
The SVG is a picture with a short name that points to the table beneath it: the table holds the
same numbers for screen readers and for copying.
"""
from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

WIDTH = 360
LABEL_HEIGHT = 18
BAR_HEIGHT = 14
BAR_GAP = 3
ROW_GAP = 10
BAR_SPACE = 280  # the longest bar; the number stands after it
LABEL_CHARACTERS = 48
LEGEND_HEIGHT = 24


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1].rstrip() + "…"


def bar_chart(rows: Sequence[tuple[str, Sequence[int]]], series: Sequence, name: str) -> Markup:
    """`rows` as an SVG picture named `name` (which should point to the table): per row a label and
    one bar per series; with more than one series, a legend above."""
    count = len(series)
    top = LEGEND_HEIGHT if count > 1 else 0
    row_height = LABEL_HEIGHT + count * (BAR_HEIGHT + BAR_GAP) + ROW_GAP
    height = top + max(1, len(rows)) * row_height
    highest = max([max(values) for _label, values in rows if values] + [1])
    parts = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
             f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(name)}" focusable="false">']
    if count > 1:
        x = 0
        for index, title in enumerate(series):
            parts.append(f'<rect class="chart-bar chart-bar-{index}" x="{x + 1}" y="4" width="14" height="14"/>')
            parts.append(f'<text x="{x + 22}" y="16">{escape(str(title))}</text>')
            x += 22 + 9 * len(str(title)) + 20
    for row, (label, values) in enumerate(rows):
        y = top + row * row_height
        parts.append(f'<text class="chart-label" x="0" y="{y + LABEL_HEIGHT - 5}">{escape(_short(label))}</text>')
        for index, value in enumerate(values):
            bar_y = y + LABEL_HEIGHT + index * (BAR_HEIGHT + BAR_GAP)
            length = round(BAR_SPACE * value / highest) if value else 0
            if length:
                parts.append(f'<rect class="chart-bar chart-bar-{index}" x="1" y="{bar_y}" '
                             f'width="{length}" height="{BAR_HEIGHT}"/>')
            parts.append(f'<text class="chart-value" x="{length + 6}" y="{bar_y + BAR_HEIGHT - 2}">{value}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
