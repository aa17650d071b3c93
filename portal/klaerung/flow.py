"""Which question comes next: routing only, from the data file (GOV.UK Smart Answers style).

A person's way through the questions (their *path*) depends only on their answers: start at the
first question whose condition holds; after each answered question follow the first jump whose
condition holds, else the next question in the file; skip questions whose condition fails.
The path stops at the first question without an answer (the *open* question). Answers to questions
that are no longer on the path are kept (the person may change back) but do not count.
Plain functions, no Flask.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .questionnaire import Question, Questionnaire


def _first_applicable(questionnaire: Questionnaire, start: int, answers: Mapping) -> Question | None:
    for question in questionnaire.questions[start:]:
        if question.condition.holds(answers):
            return question
    return None


def next_question(questionnaire: Questionnaire, question: Question, answers: Mapping) -> Question | None:
    """The question after `question` for these answers (None: the questionnaire is done)."""
    for jump in question.jumps:
        if jump.condition.holds(answers):
            return _first_applicable(questionnaire, questionnaire.index(jump.goto), answers)
    return _first_applicable(questionnaire, questionnaire.index(question.id) + 1, answers)


def _walk(questionnaire: Questionnaire, answers: Mapping, stop_at_open: bool) -> list[Question]:
    path: list[Question] = []
    question = _first_applicable(questionnaire, 0, answers)
    while question is not None:
        path.append(question)
        if stop_at_open and question.id not in answers:
            break
        question = next_question(questionnaire, question, answers)
    return path


def path(questionnaire: Questionnaire, answers: Mapping) -> list[Question]:
    """The questions this person has reached: the answered ones on their way, then the open one."""
    return _walk(questionnaire, answers, stop_at_open=True)


def planned_path(questionnaire: Questionnaire, answers: Mapping) -> list[Question]:
    """The whole way as far as the answers tell now (for "Frage 2 von 4"; it may grow or shrink)."""
    return _walk(questionnaire, answers, stop_at_open=False)


def open_question(questionnaire: Questionnaire, answers: Mapping) -> Question | None:
    """The first question on the path without an answer; None when every question is answered."""
    reached = path(questionnaire, answers)
    if reached and reached[-1].id not in answers:
        return reached[-1]
    return None


def is_complete(questionnaire: Questionnaire, answers: Mapping) -> bool:
    return open_question(questionnaire, answers) is None


def answered_path(questionnaire: Questionnaire, answers: Mapping) -> list[Question]:
    """The answered questions on the path: what the check page lists and the result counts."""
    return [question for question in path(questionnaire, answers) if question.id in answers]


def can_show(questionnaire: Questionnaire, answers: Mapping, question_id: str) -> bool:
    """A question may be shown when it is on the path (answered earlier, or the open one)."""
    return any(question.id == question_id for question in path(questionnaire, answers))


def previous_question(questionnaire: Questionnaire, answers: Mapping, question_id: str) -> Question | None:
    """The question before this one on the path (for "Zurück"); None for the first."""
    reached = path(questionnaire, answers)
    ids = [question.id for question in reached]
    if question_id not in ids:
        return None
    position = ids.index(question_id)
    return reached[position - 1] if position > 0 else None


@dataclass(frozen=True)
class Progress:
    part_number: int
    part_count: int
    part_title: str
    number: int | None  # the question's number in its part; None for info pages
    count: int  # questions in this part on the planned path (info pages do not count)


def progress(questionnaire: Questionnaire, answers: Mapping, question: Question) -> Progress:
    """Where this question is: "Teil 3 von 6 · Frage 2 von 4"."""
    in_part = [q for q in planned_path(questionnaire, answers) if q.part == question.part and not q.is_info]
    ids = [q.id for q in in_part]
    number = ids.index(question.id) + 1 if question.id in ids else None
    return Progress(
        part_number=question.part.number,
        part_count=len(questionnaire.parts),
        part_title=question.part.title,
        number=number,
        count=len(in_part),
    )
