"""A bar chart as inline SVG, drawn on the server (no script, no library in the browser).

Bars are numbered like the rows of the data table beneath the chart; the table carries the names
and the numbers for screen readers (the chart is one image with a short text alternative). Colours
come from CSS classes (portal.css), so the strong contrast setting applies to the chart too.
"""
from __future__ import annotations

from markupsafe import Markup, escape

WIDTH = 600
BAR_HEIGHT = 26
GAP = 10
LABEL_WIDTH = 60  # "Nr. 10"
VALUE_ROOM = 60


def bar_chart(values: list[int], *, labels: list[str], title: str, chart_id: str) -> Markup:
    """A horizontal bar per value; `labels` stand left of the bars (short: the table rows' numbers)."""
    if not values:
        return Markup("")
    height = len(values) * (BAR_HEIGHT + GAP) + GAP
    largest = max(values) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title" focusable="false" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
    ]
    for index, (value, label) in enumerate(zip(values, labels)):
        top = GAP + index * (BAR_HEIGHT + GAP)
        middle = top + BAR_HEIGHT / 2
        length = max(2, round(room * value / largest))
        parts.append(f'<text class="chart-label" x="0" y="{middle}" dominant-baseline="middle">{escape(label)}</text>')
        parts.append(f'<rect class="chart-bar" x="{LABEL_WIDTH}" y="{top}" width="{length}" height="{BAR_HEIGHT}"/>')
        parts.append(f'<text class="chart-value" x="{LABEL_WIDTH + length + 8}" y="{middle}" '
                     f'dominant-baseline="middle">{value}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
