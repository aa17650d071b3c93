"""Stored answers are checked against today's questionnaire: what no longer fits is asked again."""
from __future__ import annotations

import pytest

from portal.klaerung.answers import clean_answers, clean_notes
from tests.unit.test_klaerung_data import questionnaire, walk

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database


@pytest.fixture(scope="module")
def q():
    return questionnaire("de")


def test_a_complete_set_of_answers_stays(q):
    answers = walk(q, sorgen=["rente"])
    assert clean_answers(q, answers) == answers


@pytest.mark.parametrize(
    ("question_id", "value"),
    [
        ("bereich", "mond"),  # an answer that does not exist (any more)
        ("bereich", ["arbeitsbereich"]),
        ("arbeitsfelder", "kueche"),
        ("arbeitsfelder", []),
        ("arbeitsfelder", ["kueche", "mond"]),
        ("arbeitsfelder", ["kueche", "weiss-nicht"]),  # "Ich weiß es noch nicht" cannot go with others
        ("postleitzahl", "2355"),
        ("postleitzahl", "x" * 6),
        ("lieblings-arbeit", "x" * 301),
        ("lieblings-arbeit", 5),
        ("antwort-rente", "ja"),
        ("gibt-es-nicht", "ja"),
    ],
)
def test_answers_that_do_not_fit_are_dropped(q, question_id, value):
    assert question_id not in clean_answers(q, {question_id: value, "dauer": "unter-1"})
    assert clean_answers(q, {question_id: value, "dauer": "unter-1"})["dauer"] == "unter-1"


def test_multiple_answers_come_back_in_the_order_of_the_choices(q):
    assert clean_answers(q, {"arbeitsfelder": ["tiere", "kueche"]}) == {"arbeitsfelder": ["kueche", "tiere"]}


@pytest.mark.parametrize("stored", [None, "x", ["a"]])
def test_rubbish_gives_no_answers(q, stored):
    assert clean_answers(q, stored) == {} and clean_notes(q, stored) == {}


def test_notes_must_belong_to_a_question_and_fit_the_limit(q):
    notes = {"bereich": "gut", "mond": "x", "dauer": "x" * 1001, "wohnen": "  ", "weg": 3}
    assert clean_notes(q, notes) == {"bereich": "gut"}
