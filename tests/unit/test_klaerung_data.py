"""The real questionnaire and answer sets for the Klärung unit tests."""
from __future__ import annotations

import pytest

from functools import lru_cache
from pathlib import Path

from portal.klaerung import flow
from portal.klaerung.loader import load_questionnaire
from portal.klaerung.questionnaire import INFO_SEEN, Questionnaire

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content" / "easy_language"
ICONS = ROOT / "static" / "icons"

# Answers that lead to no module, no worry page and no follow-up question
# (staying in the workshop changes only the next steps).
NEUTRAL = {
    "bereich": "arbeitsbereich",
    "dauer": "1-bis-5",
    "wohnen": "familie",
    "postleitzahl": "",
    "arbeitsfelder": ["kueche"],
    "lieblings-arbeit": "",
    "kunden": "ja",
    "praktikum": "nein",
    "staerken": ["ordnung"],
    "andere-sagen": "",
    "lernen": "zeigen",
    "stunden": "bis-4",
    "team": "team",
    "drinnen": "drinnen",
    "weg": "bis-15",
    "unterwegs": ["zu-fuss"],
    "ziel": "bleiben",
    "sorgen": ["keine"],
    "sorgen-andere": "",
    "hilfe": ["weiss-nicht"],
    "helfer": ["familie"],
    "budget-kennen": "ja",
    "gespraech": "familie",
}


@lru_cache(maxsize=None)
def questionnaire(lang: str = "de") -> Questionnaire:
    return load_questionnaire(CONTENT / lang / "klaerung.yaml", lang, ICONS)


def walk(q: Questionnaire, **changes) -> dict:
    """Answer every question on the way, NEUTRAL unless `changes` says otherwise (ids with _ for -)."""
    chosen = {**NEUTRAL, **{key.replace("_", "-"): value for key, value in changes.items()}}
    answers: dict = {}
    for _ in range(len(q.questions) + 1):
        question = flow.open_question(q, answers)
        if question is None:
            return answers
        if question.is_info:
            answers[question.id] = INFO_SEEN
        else:
            answers[question.id] = chosen[question.id]
    raise AssertionError("the flow does not end")


def ids(questions) -> list[str]:
    return [question.id for question in questions]
