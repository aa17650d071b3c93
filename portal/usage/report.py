"""What the desk shows of the counters: for a chosen period, one table of numbers per chart.

A chart is rows (a label and one number per series); the page draws the rows as bars
(`charts.py`) and shows the same rows as a table beneath, so both say exactly the same.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from ..clock import today_in_berlin
from ..extensions import db
from ..library import content
from ..providers.models import Provider
from . import counters

# ?zeitraum=… → days back from today (today included)
PERIODS = {"7": 7, "30": 30, "90": 90, "365": 365}
PERIOD_LABELS = {
    "7": _l("Die letzten 7 Tage"),
    "30": _l("Die letzten 30 Tage"),
    "90": _l("Die letzten 90 Tage"),
    "365": _l("Die letzten 12 Monate"),
}
DEFAULT_PERIOD = "30"
DAYS_PER_BAR_UP_TO = 31  # longer periods: one bar per month
TOP_WORDS = 15


@dataclass(frozen=True)
class Period:
    key: str
    first: date
    last: date

    @property
    def by_day(self) -> bool:
        return (self.last - self.first).days < DAYS_PER_BAR_UP_TO


def period(key: str | None, today: date | None = None) -> Period:
    key = key if key in PERIODS else DEFAULT_PERIOD
    last = today or today_in_berlin()
    return Period(key, last - timedelta(days=PERIODS[key] - 1), last)


@dataclass
class Chart:
    key: str  # the id of its heading and table
    title: object
    label_heading: object  # the table's first column
    series: list  # the other columns' headings, one per number
    rows: list[tuple[str, list[int]]] = field(default_factory=list)
    note: object = ""

    @property
    def total(self) -> int:
        return sum(sum(values) for _label, values in self.rows)


def _buckets(when: Period) -> list[tuple[object, str]]:
    """(key, label) of each bar: days, or months for long periods."""
    if when.by_day:
        return [(day, format_date(day, "EEE dd.MM.")) for day in counters.days_between(when.first, when.last)]
    months, day = [], when.first.replace(day=1)
    while day <= when.last:
        months.append(((day.year, day.month), format_date(day, "MMMM yyyy")))
        day = (day + timedelta(days=32)).replace(day=1)
    return months


def _bucket_of(when: Period, day: date):
    return day if when.by_day else (day.year, day.month)


def _per_bucket(when: Period, kinds: list[str]) -> list[tuple[str, list[int]]]:
    numbers = defaultdict(int)
    for index, kind in enumerate(kinds):
        for _item, day, number in counters.rows(kind, when.first, when.last):
            numbers[(_bucket_of(when, day), index)] += number
    return [(label, [numbers[(key, index)] for index in range(len(kinds))]) for key, label in _buckets(when)]


def klaerung_chart(when: Period) -> Chart:
    return Chart("klaerung", _l("Klärung begonnen und fertig"), _l("Tag") if when.by_day else _l("Monat"),
                 [_l("Begonnen"), _l("Fertig")],
                 _per_bucket(when, [counters.KLAERUNG_STARTED, counters.KLAERUNG_FINISHED]))


def questions_chart(when: Period) -> Chart:
    """How many reached each question page, in the questionnaire's order: where the numbers fall,
    people stopped."""
    reached = defaultdict(int)
    for item, _day, number in counters.rows(counters.KLAERUNG_QUESTION, when.first, when.last):
        reached[item] += number
    from ..klaerung.state import questionnaire  # the Klärung is an area of its own; only its texts here

    rows = []
    for position, question in enumerate(questionnaire().questions, start=1):
        rows.append((f"{position}. {question.text}".replace("·", ""), [reached.pop(question.id, 0)]))
    rows += [(item, [number]) for item, number in sorted(reached.items())]  # questions no longer asked
    return Chart("fragen", _l("Bis zu welcher Frage die Menschen kommen"), _l("Frage"), [_l("Erreicht")], rows,
                 note=_l("Die Zahl sagt: So oft hat jemand diese Frage erreicht. "
                         "Wo die Zahl kleiner wird, hören Menschen auf."))


def contact_chart(when: Period) -> Chart:
    numbers = defaultdict(int)
    for item, day, number in counters.rows(counters.CONTACT_REQUEST, when.first, when.last):
        numbers[(item, (day.year, day.month))] += number
    names = dict(db.session.execute(db.select(Provider.slug, Provider.name)).all())
    rows = []
    for (slug, (year, month)), number in sorted(numbers.items(), key=lambda entry: (names.get(entry[0][0], entry[0][0]).lower(), entry[0][1])):
        rows.append((f"{names.get(slug, slug)} – {format_date(date(year, month, 1), 'MMMM yyyy')}", [number]))
    return Chart("anfragen", _l("Kontakt·anfragen je Anbieter und Monat"), _l("Anbieter und Monat"),
                 [_l("Anfragen")], rows)


def letters_chart(when: Period) -> Chart:
    return Chart("briefe", _l("Anträge geschrieben"), _l("Tag") if when.by_day else _l("Monat"), [_l("Briefe")],
                 _per_bucket(when, [counters.LETTER_MADE]),
                 note=_l("Ein Brief zählt einmal, wenn die Person ihn fertig schreibt oder ändert. "
                         "Vorschau, Druck und PDF zählen nicht extra."))


def words_chart(when: Period) -> Chart:
    numbers = defaultdict(int)
    for item, _day, number in counters.rows(counters.GLOSSARY_WORD, when.first, when.last):
        numbers[item] += number
    terms = {entry.slug: entry.term.replace("·", "") for entry in content().glossary}
    top = sorted(numbers.items(), key=lambda entry: (-entry[1], terms.get(entry[0], entry[0]).lower()))[:TOP_WORDS]
    return Chart("woerter", _l("Die Wörter, die am meisten nach·geschlagen werden"), _l("Wort"),
                 [_l("Nachgeschlagen")], [(terms.get(slug, slug), [number]) for slug, number in top],
                 note=_l("Die %(number)s häufigsten Wörter. Gezählt wird ein Klick auf ein Wort im Text.", number=TOP_WORDS))


def charts(when: Period) -> list[Chart]:
    return [klaerung_chart(when), questions_chart(when), contact_chart(when), letters_chart(when), words_chart(when)]


def week_totals(today: date | None = None) -> dict[str, int]:
    """The last 7 days in numbers, for the desk's short section."""
    when = period("7", today)
    return {kind: sum(number for _item, _day, number in counters.rows(kind, when.first, when.last))
            for kind in counters.KINDS if kind != counters.KLAERUNG_QUESTION}
