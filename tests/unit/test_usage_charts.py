"""The server-drawn bar charts: one bar per number, lengths in proportion, text escaped, a picture
with a name that points to the table."""
from __future__ import annotations

import re

from portal.ui.charts import BAR_SPACE
from portal.ui.charts import bar_chart as draw
from portal.usage.report import Chart, Period, period
from datetime import date


def chart(rows, series=("Anzahl",)):
    return Chart("test", "Test", "Was", list(series), rows)


def bar_chart(chart: Chart, name: str):
    return draw(chart.rows, chart.series, name)


def test_bars_are_in_proportion_and_zero_draws_no_bar():
    svg = str(bar_chart(chart([("A", [10]), ("B", [5]), ("C", [0])]), "Diagramm"))
    widths = [int(w) for w in re.findall(r'<rect class="chart-bar chart-bar-0" x="1" y="\d+" width="(\d+)"', svg)]
    assert widths == [BAR_SPACE, BAR_SPACE // 2]
    assert re.findall(r'class="chart-value"[^>]*>(\d+)<', svg) == ["10", "5", "0"]


def test_the_picture_is_named_and_every_text_is_escaped():
    svg = str(bar_chart(chart([('<script>alert(1)</script> & "x"', [1])]), 'Name "mit" <Zeichen>'))
    assert svg.startswith('<svg class="chart"') and 'role="img"' in svg
    assert 'aria-label="Name &#34;mit&#34; &lt;Zeichen&gt;"' in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&amp;" in svg


def test_two_series_get_a_legend_and_two_kinds_of_bar():
    svg = str(bar_chart(chart([("Mo", [4, 2])], series=("Begonnen", "Fertig")), "D"))
    assert ">Begonnen</text>" in svg and ">Fertig</text>" in svg
    assert svg.count("chart-bar-0") == 2 and svg.count("chart-bar-1") == 2  # legend and bar


def test_long_labels_are_shortened_in_the_picture_only():
    label = "Wie gut können Sie sich vorstellen, in einem Betrieb außerhalb der Werkstatt zu arbeiten?"
    svg = str(bar_chart(chart([(label, [1])]), "D"))
    assert label not in svg and "…" in svg


def test_periods_count_back_from_today_and_unknown_ones_fall_back():
    today = date(2026, 12, 4)
    assert period("7", today) == Period("7", date(2026, 11, 28), today)
    assert period("365", today).first == date(2025, 12, 5) and not period("365", today).by_day
    assert period("x", today).key == "30" and period("x", today).by_day
