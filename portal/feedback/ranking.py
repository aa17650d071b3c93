"""The hard places: which page and section readers flagged most often over a period, with the words
they named. A place marked as reworked counts only the flags of the days after its last rework.
No web code here: the desk, the CLI and the tests use it."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..extensions import db
from .models import ReaderFlag, ReaderRework

PERIODS = (30, 90, 365)  # days the desk offers
DEFAULT_PERIOD = 30
WORDS_SHOWN = 10


@dataclass
class Place:
    page: str
    section: str
    count: int = 0  # flags in the period, after the last rework
    before_rework: int = 0  # flags in the period on or before the last rework's day (not counted)
    words: list[tuple[str, int]] = field(default_factory=list)  # the most named words, most first
    languages: dict[str, int] = field(default_factory=dict)
    last_flag: date | None = None
    rework: ReaderRework | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.page, self.section)


@dataclass
class Ranking:
    since: date
    until: date
    days: int
    places: list[Place]  # flagged in the period (after any rework), most flagged first
    reworked: list[Place]  # reworked, with flags in the period only from before the rework

    @property
    def total(self) -> int:
        return sum(place.count for place in self.places)


def period(days) -> int:
    """One of PERIODS; anything else is the default."""
    try:
        days = int(days)
    except (TypeError, ValueError):
        return DEFAULT_PERIOD
    return days if days in PERIODS else DEFAULT_PERIOD


def latest_reworks() -> dict[tuple[str, str], ReaderRework]:
    reworks = db.session.execute(db.select(ReaderRework).order_by(ReaderRework.reworked_at, ReaderRework.id)).scalars()
    return {(rework.page, rework.section): rework for rework in reworks}


def normalize_word(word: str) -> str:
    return " ".join(word.split()).casefold()


def rank(today: date, days: int = DEFAULT_PERIOD) -> Ranking:
    """The places flagged in the `days` days up to and including `today`."""
    since = today - timedelta(days=days - 1)
    rows = db.session.execute(
        db.select(ReaderFlag.page, ReaderFlag.section, ReaderFlag.created_on, ReaderFlag.lang, ReaderFlag.word)
        .where(ReaderFlag.created_on >= since, ReaderFlag.created_on <= today)
    ).all()
    reworks = latest_reworks()
    places: dict[tuple[str, str], Place] = {}
    words: dict[tuple[str, str], Counter] = defaultdict(Counter)
    spelling: dict[str, str] = {}
    for page, section, day, lang, word in rows:
        key = (page, section)
        place = places.setdefault(key, Place(page, section, rework=reworks.get(key)))
        if place.rework is not None and day <= place.rework.reworked_on:
            place.before_rework += 1
            continue
        place.count += 1
        place.languages[lang] = place.languages.get(lang, 0) + 1
        place.last_flag = max(place.last_flag or day, day)
        if word:
            normal = normalize_word(word)
            spelling.setdefault(normal, " ".join(word.split()))
            words[key][normal] += 1
    for key, counter in words.items():
        ordered = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
        places[key].words = [(spelling[normal], number) for normal, number in ordered[:WORDS_SHOWN]]
    flagged = sorted((p for p in places.values() if p.count),
                     key=lambda p: (-p.count, -(p.last_flag.toordinal()), p.page, p.section))
    reworked = sorted((p for p in places.values() if not p.count and p.before_rework),
                      key=lambda p: (p.page, p.section))
    return Ranking(since=since, until=today, days=days, places=flagged, reworked=reworked)


def place_summary(page: str, section: str, today: date, days: int = max(PERIODS)) -> Place:
    """One place over the longest period (for its page on the desk)."""
    ranking = rank(today, days)
    found = next((p for p in ranking.places + ranking.reworked if p.key == (page, section)), None)
    return found or Place(page, section, rework=latest_reworks().get((page, section)))


def history(page: str, section: str) -> list[ReaderRework]:
    """The place's reworks, newest first."""
    return db.session.execute(
        db.select(ReaderRework).filter_by(page=page, section=section)
        .order_by(ReaderRework.reworked_at.desc(), ReaderRework.id.desc())
    ).scalars().all()
