"""Answers → "Mein Ergebnis": plain functions, no Flask (unit-tested branch by branch).

Only answers on the person's path count: an answer to a question that a later change made
irrelevant is kept for the person, but never shows up in the result.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from . import flow
from .questionnaire import TEXT, NextStep, Question, Questionnaire


@dataclass(frozen=True)
class Item:
    """One line of a result section; for a worry, the page that answers it."""

    text: str
    answer: Question | None = None


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class ModuleFit:
    number: int
    title: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Note:
    topic: str
    text: str


@dataclass(frozen=True)
class Result:
    title: str
    intro: str
    created: date
    sections: tuple[Section, ...]
    modules: tuple[ModuleFit, ...]
    next_steps: tuple[NextStep, ...]
    notes: tuple[Note, ...]


def counted_answers(questionnaire: Questionnaire, answers: Mapping) -> dict:
    """The answers on the person's path, the only ones that count."""
    return {question.id: answers[question.id] for question in flow.answered_path(questionnaire, answers)}


def answer_items(questionnaire: Questionnaire, question: Question, answer) -> list[Item]:
    """How one answer reads in the result."""
    if question.type == TEXT:
        text = answer.strip() if isinstance(answer, str) else ""
        return [Item(f"{question.summary}: {text}")] if text else []
    values = answer if isinstance(answer, list) else [answer]
    chosen = [choice for choice in question.choices if choice.value in values]
    # A worry is its own line, followed by its answer; other answers share one line ("…: Küche, Garten").
    worries = [Item(choice.label, questionnaire.by_id[choice.answered_by]) for choice in chosen if choice.answered_by]
    # "Jemand lernt mit mir im Betrieb." in a list reads without its full stop.
    others = [choice.label.rstrip(".") if len(chosen) > 1 else choice.label for choice in chosen if not choice.answered_by]
    return worries + ([Item(f"{question.summary}: {', '.join(others)}")] if others else [])


def sections(questionnaire: Questionnaire, counted: Mapping) -> tuple[Section, ...]:
    """The answers grouped under the result headings, in the order of the questions."""
    grouped: dict[str, list[Item]] = {key: [] for key in questionnaire.result.sections}
    for question in questionnaire.questions:
        if question.id in counted and question.result_section is not None:
            grouped[question.result_section] += answer_items(questionnaire, question, counted[question.id])
    return tuple(
        Section(key, heading, tuple(grouped[key]))
        for key, heading in questionnaire.result.sections.items()
        if grouped[key]
    )


def fitting_modules(questionnaire: Questionnaire, counted: Mapping, titles: Mapping[int, str]) -> tuple[ModuleFit, ...]:
    """Every module with at least one rule that holds, with the reasons in plain words."""
    reasons: dict[int, list[str]] = {}
    for rule in questionnaire.module_rules:
        if rule.condition.holds(counted):
            found = reasons.setdefault(rule.module, [])
            if rule.reason not in found:
                found.append(rule.reason)
    return tuple(ModuleFit(number, titles.get(number, ""), tuple(reasons[number])) for number in sorted(reasons))


def next_steps(questionnaire: Questionnaire, counted: Mapping) -> tuple[NextStep, ...]:
    return tuple(step for step in questionnaire.next_steps if step.condition.holds(counted))


def supporter_notes(questionnaire: Questionnaire, answers: Mapping, notes: Mapping) -> tuple[Note, ...]:
    """The Begleit·person's notes, for questions on the path, in question order."""
    found = []
    for question in flow.answered_path(questionnaire, answers):
        text = notes.get(question.id)
        if isinstance(text, str) and text.strip():
            found.append(Note(question.summary or question.text, text.strip()))
    return tuple(found)


def build_result(
    questionnaire: Questionnaire,
    answers: Mapping,
    notes: Mapping,
    created: date,
    module_titles: Mapping[int, str],
) -> Result:
    counted = counted_answers(questionnaire, answers)
    return Result(
        title=questionnaire.result.title,
        intro=questionnaire.result.intro,
        created=created,
        sections=sections(questionnaire, counted),
        modules=fitting_modules(questionnaire, counted, module_titles),
        next_steps=next_steps(questionnaire, counted),
        notes=supporter_notes(questionnaire, answers, notes),
    )
