"""Dates for the Persönliches Budget: the last day for a Widerspruch and the office's time limits.

Pure functions without Flask, so every rule can be tested on its own (tests/unit/test_budget_deadlines.py).
The rules come from /work/shared/domain/facts.md, section 2:

- Widerspruch: 1 month after the decision was made known (§ 84 SGG). A posted letter counts as
  made known on the 4th day after posting, the 3rd day for letters posted before 2025
  (§ 37 Abs. 2 SGB X). A month deadline ends on the day with the same number, or on the last day
  of a shorter month (§ 64 Abs. 2 SGG). A deadline that ends on a Saturday, Sunday or public holiday
  ends on the next working day (§ 64 Abs. 3 SGG); holidays come from the `holidays` package for the
  chosen Land. Without correct instructions the limit is 1 year (§ 66 SGG).
- The office: 2 weeks to settle who is responsible and 3 weeks to decide (§ 14 SGB IX), 6 weeks with
  several offices and 2 months with a planning conference (§ 15 SGB IX). Without a decision or a
  reasoned notice within 2 months the application counts as approved once that deadline has run out,
  so from the day after its last day (§ 18 Abs. 3 SGB IX), but not for Eingliederungshilfe or youth
  welfare (§ 18 Abs. 7 SGB IX). All of it counts from the day the application arrived at the office
  that deals with it (§ 14 Abs. 2 SGB IX).

Every choice that is not settled in the facts is made so that the person is early rather than late:
the date on the letter is taken as the posting date (a later posting only gives more time), the day a
posted letter counts as received never moves, and holidays that only some towns of a Land keep are
not counted.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays as holiday_calendars
from babel.dates import format_date

# The Länder by their ISO 3166-2 code (the `holidays` package's subdivisions). Names are proper nouns:
# the same in every language of the portal.
LAENDER = {
    "BW": "Baden-Württemberg",
    "BY": "Bayern",
    "BE": "Berlin",
    "BB": "Brandenburg",
    "HB": "Bremen",
    "HH": "Hamburg",
    "HE": "Hessen",
    "MV": "Mecklenburg-Vorpommern",
    "NI": "Niedersachsen",
    "NW": "Nordrhein-Westfalen",
    "RP": "Rheinland-Pfalz",
    "SL": "Saarland",
    "SN": "Sachsen",
    "ST": "Sachsen-Anhalt",
    "SH": "Schleswig-Holstein",
    "TH": "Thüringen",
}
# "I do not know my Land": only the holidays of the whole country count, so the date is never too late.
UNKNOWN_LAND = "unbekannt"

POSTING_RULE_CHANGE = date(2025, 1, 1)  # § 37 Abs. 2 SGB X: 4th day instead of 3rd day from this date on
DAYS_UNTIL_KNOWN_BY_POST = 4
DAYS_UNTIL_KNOWN_BY_POST_BEFORE_2025 = 3
OBJECTION_MONTHS = 1  # § 84 SGG
OBJECTION_MONTHS_WITHOUT_INSTRUCTIONS = 12  # § 66 SGG: 1 year

# How old a date may be before we ask the person to check the year (a typo like 2062 or 1926).
OLDEST_DECISION_DAYS = 2 * 366
OLDEST_BIRTH_YEARS = 110
YOUNGEST_APPLICANT_YEARS = 14


# --- calendar arithmetic -------------------------------------------------------------------


def add_months(start: date, months: int) -> date:
    """The day with the same number `months` later, or the last day of a shorter month (§ 64 Abs. 2 SGG)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


HOLIDAY_LANGUAGES = {"de": "de", "en": "en_US"}  # the `holidays` package's names for our languages


@lru_cache(maxsize=None)
def _holidays(land: str | None, year: int, language: str) -> dict[date, str]:
    calendar_of_land = holiday_calendars.Germany(subdiv=land, years=year, language=language)
    return dict(calendar_of_land.items())


def holiday_name(day: date, land: str | None, lang: str = "de") -> str | None:
    """The name of a public holiday on `day` in `land` (None or UNKNOWN_LAND: the whole country's only)."""
    return _holidays(_subdivision(land), day.year, HOLIDAY_LANGUAGES.get(lang, "de")).get(day)


def is_working_day(day: date, land: str | None) -> bool:
    return day.weekday() < 5 and holiday_name(day, land) is None


@dataclass(frozen=True)
class DayOff:
    day: date
    holiday: str | None  # None: a Saturday or Sunday


def next_working_day(day: date, land: str | None) -> tuple[date, list[DayOff]]:
    """`day` itself if it is a working day, else the next one, with the days that were skipped (§ 64 Abs. 3 SGG)."""
    skipped = []
    while not is_working_day(day, land):
        skipped.append(DayOff(day, holiday_name(day, land)))
        day += timedelta(days=1)
    return day, skipped


def _subdivision(land: str | None) -> str | None:
    if land in (None, UNKNOWN_LAND):
        return None
    if land not in LAENDER:
        raise ValueError(f"unknown Land {land!r}")
    return land


# --- the Widerspruch --------------------------------------------------------------------------


@dataclass(frozen=True)
class ObjectionDeadline:
    letter_date: date
    by_post: bool
    land: str | None
    known_from: date  # the day the decision counts as made known
    days_until_known: int  # 0 when it was handed over
    month_ends: date  # one month later, before moving past weekends and holidays
    last_day: date  # the day the Widerspruch must be at the office
    skipped: tuple[DayOff, ...]  # the weekend days and holidays that moved the last day
    last_day_without_instructions: date  # § 66 SGG, moved the same way

    def is_over(self, today: date) -> bool:
        return today > self.last_day

    def days_left(self, today: date) -> int:
        return (self.last_day - today).days


def days_until_known_by_post(posted: date) -> int:
    return DAYS_UNTIL_KNOWN_BY_POST if posted >= POSTING_RULE_CHANGE else DAYS_UNTIL_KNOWN_BY_POST_BEFORE_2025


def objection_deadline(letter_date: date, by_post: bool, land: str | None) -> ObjectionDeadline:
    """The last day for a Widerspruch against a decision dated `letter_date`."""
    _subdivision(land)  # fail early on an unknown Land
    days_until_known = days_until_known_by_post(letter_date) if by_post else 0
    known_from = letter_date + timedelta(days=days_until_known)
    month_ends = add_months(known_from, OBJECTION_MONTHS)
    last_day, skipped = next_working_day(month_ends, land)
    year_ends, _ = next_working_day(add_months(known_from, OBJECTION_MONTHS_WITHOUT_INSTRUCTIONS), land)
    return ObjectionDeadline(
        letter_date=letter_date,
        by_post=by_post,
        land=None if land == UNKNOWN_LAND else land,
        known_from=known_from,
        days_until_known=days_until_known,
        month_ends=month_ends,
        last_day=last_day,
        skipped=tuple(skipped),
        last_day_without_instructions=year_ends,
    )


# --- the office's time limits -------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeTimeLimits:
    received: date
    responsibility: date  # § 14 Abs. 1 SGB IX: 2 weeks to say whether it is responsible
    decision: date  # § 14 Abs. 2 SGB IX: 3 weeks, when no expert report is needed
    several_offices: date  # § 15 SGB IX: 6 weeks when several offices take part
    planning_conference: date  # § 15 SGB IX: 2 months with a Teilhabeplankonferenz
    counts_as_approved: date  # § 18 Abs. 3 SGB IX: the day after the 2 months ran out without a reasoned notice

    def milestones(self) -> list[tuple[str, date]]:
        """(key, date) in the order of the dates; the keys name the texts in the template."""
        return [
            ("responsibility", self.responsibility),
            ("decision", self.decision),
            ("several_offices", self.several_offices),
            ("planning_conference", self.planning_conference),
        ]


def office_time_limits(received: date) -> OfficeTimeLimits:
    """The dates by which the office should act, counted from the day the application arrived."""
    two_months = add_months(received, 2)
    return OfficeTimeLimits(
        received=received,
        responsibility=received + timedelta(weeks=2),
        decision=received + timedelta(weeks=3),
        several_offices=received + timedelta(weeks=6),
        planning_conference=two_months,
        counts_as_approved=two_months + timedelta(days=1),
    )


# --- typed dates --------------------------------------------------------------------------------


class DateProblem(ValueError):
    """A typed date that cannot be used. `reason` names the friendly message the form shows."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


FORMAT = "format"
IMPOSSIBLE = "impossible"
FUTURE = "future"
TOO_OLD = "too_old"
TOO_YOUNG = "too_young"

MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("januar", "jan", "january", "jänner"),
            ("februar", "feb", "february"),
            ("märz", "maerz", "mär", "march", "mar"),
            ("april", "apr"),
            ("mai", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "october", "oct"),
            ("november", "nov"),
            ("dezember", "dez", "december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_NUMERIC = re.compile(r"^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS = re.compile(r"^(\d{1,2})\s*\.?\s*([^\W\d_]+)\.?\s*(\d{4})$")


def parse_date(text: str) -> date:
    """A date as people type it: 2.3.2026, 02.03.26, 2/3/2026, 2026-03-02, 2. März 2026, 2 March 2026.

    Raises DateProblem(FORMAT) when it is not a date, DateProblem(IMPOSSIBLE) for days like 31.2.2026.
    """
    cleaned = " ".join((text or "").strip().lower().split())
    if match := _NUMERIC.match(cleaned):
        day, month, year = (int(part) for part in match.groups())
        if len(match.group(3)) == 2:
            year += 2000  # "2.3.26": nobody types a two-digit year for the 1900s here
    elif match := _ISO.match(cleaned):
        year, month, day = (int(part) for part in match.groups())
    elif (match := _WORDS.match(cleaned)) and match.group(2) in MONTH_NAMES:
        day, month, year = int(match.group(1)), MONTH_NAMES[match.group(2)], int(match.group(3))
    else:
        raise DateProblem(FORMAT)
    try:
        return date(year, month, day)
    except ValueError:
        raise DateProblem(IMPOSSIBLE) from None


def check_recent_past(day: date, today: date, oldest_days: int = OLDEST_DECISION_DAYS) -> date:
    """A date of a letter or an application: not in the future and not years ago."""
    if day > today:
        raise DateProblem(FUTURE)
    if (today - day).days > oldest_days:
        raise DateProblem(TOO_OLD)
    return day


def check_birth_date(day: date, today: date) -> date:
    if day > today:
        raise DateProblem(FUTURE)
    if day < add_months(today, -12 * OLDEST_BIRTH_YEARS):
        raise DateProblem(TOO_OLD)
    if day > add_months(today, -12 * YOUNGEST_APPLICANT_YEARS):
        raise DateProblem(TOO_YOUNG)
    return day


# --- dates in words -------------------------------------------------------------------------------

LONG_FORMATS = {"de": "EEEE, d. MMMM y", "en": "EEEE, d MMMM y"}
SHORT_FORMATS = {"de": "d. MMMM y", "en": "d MMMM y"}


def long_date(day: date, lang: str) -> str:
    """"Montag, 2. März 2026" / "Monday, 2 March 2026"."""
    return format_date(day, LONG_FORMATS.get(lang, LONG_FORMATS["de"]), locale=lang)


def short_date(day: date, lang: str) -> str:
    """"2. März 2026" / "2 March 2026" (letters are always German: pass lang="de")."""
    return format_date(day, SHORT_FORMATS.get(lang, SHORT_FORMATS["de"]), locale=lang)


def numeric_date(day: date) -> str:
    """How the form shows a date back to the person: 02.03.2026."""
    return day.strftime("%d.%m.%Y")
