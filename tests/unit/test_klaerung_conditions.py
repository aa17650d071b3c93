"""Conditions from the data file: when / unless, one answer or several."""
from __future__ import annotations

import pytest

from portal.klaerung.conditions import ALWAYS, Condition, answer_values

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database


@pytest.mark.parametrize(("answer", "values"), [("ja", {"ja"}), (["a", "b"], {"a", "b"}), (None, set()), (3, set())])
def test_answer_values(answer, values):
    assert answer_values(answer) == values


def test_always_holds():
    assert ALWAYS.holds({})


@pytest.mark.parametrize(
    ("answers", "holds"),
    [
        ({"bereich": "berufsbildung"}, True),
        ({"bereich": "eingangsverfahren"}, True),
        ({"bereich": "arbeitsbereich"}, False),
        ({}, False),  # unanswered never matches
    ],
)
def test_when_with_a_list_of_values(answers, holds):
    assert Condition(when={"bereich": ("eingangsverfahren", "berufsbildung")}).holds(answers) is holds


@pytest.mark.parametrize(
    ("chosen", "holds"),
    [(["fahrdienst"], True), (["auto", "zu-fuss"], True), (["fahrdienst", "bus-bahn"], False), (["bus-bahn"], False)],
)
def test_when_and_unless_on_several_answers(chosen, holds):
    condition = Condition(when={"unterwegs": ("fahrdienst", "auto")}, unless={"unterwegs": ("bus-bahn",)})
    assert condition.holds({"unterwegs": chosen}) is holds


def test_all_listed_questions_must_match():
    condition = Condition(when={"a": ("1",), "b": ("2",)})
    assert condition.holds({"a": "1", "b": "2"})
    assert not condition.holds({"a": "1", "b": "3"})


def test_unless_alone_holds_for_unanswered_questions():
    assert Condition(unless={"ziel": ("bleiben",)}).holds({})
    assert not Condition(unless={"ziel": ("bleiben",)}).holds({"ziel": "bleiben"})


def test_signature_ignores_order():
    first = Condition(when={"a": ("1", "2"), "b": ("3",)})
    second = Condition(when={"b": ("3",), "a": ("2", "1")})
    assert first.signature() == second.signature()
    assert first.questions == {"a", "b"}
