"""Demo data: a few readers' flags of the last weeks, so the desk's "Schwere Stellen" shows a ranking.
Never in production. Loading twice changes nothing (only into an empty table)."""
from __future__ import annotations

from datetime import timedelta

from ..clock import today_in_berlin
from ..extensions import db
from ..housekeeping import refuse_demo_in_production
from .models import ReaderFlag

DEMO_FLAGS = [
    # (days ago, language, page, section, word)
    (1, "de", "/module/3", "teil-how", "Arbeits·assistenz"),
    (2, "de", "/module/3", "teil-how", ""),
    (4, "en", "/module/3", "teil-how", "job coach"),
    (3, "de", "/budget/schritte/zielvereinbarung", "", "Ziel·vereinbarung"),
    (6, "de", "/datenschutz", "abschnitt-3", "Cookie"),
    (12, "de", "/woerterbuch", "wort-fehlt", "Inklusions·amt"),
]


def load_demo() -> str:
    refuse_demo_in_production()
    if db.session.execute(db.select(ReaderFlag.id).limit(1)).first() is not None:
        return "readers' flags there already"
    today = today_in_berlin()
    for days, lang, page, section, word in DEMO_FLAGS:
        db.session.add(ReaderFlag(created_on=today - timedelta(days=days), lang=lang, page=page, section=section, word=word))
    db.session.commit()
    return f"{len(DEMO_FLAGS)} demo readers' flags (desk: Schwere Stellen)"
