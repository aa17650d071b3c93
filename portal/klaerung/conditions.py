"""Conditions from the data file: `when: {bereich: [berufsbildung]}`, `unless: {ziel: bleiben}`.

A condition lists questions and accepted answers. It holds when every listed question's answer is
(or, for several answers, contains) one of the accepted values, and no `unless` question does.
Unanswered questions never match. Plain functions: no Flask, unit-tested.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

Requirements = Mapping[str, tuple[str, ...]]


def answer_values(answer) -> set[str]:
    """The chosen values of one answer: a string (one answer) or a list (several answers)."""
    if isinstance(answer, str):
        return {answer}
    if isinstance(answer, (list, tuple)):
        return {value for value in answer if isinstance(value, str)}
    return set()


def matches(question_id: str, accepted: tuple[str, ...], answers: Mapping) -> bool:
    return bool(answer_values(answers.get(question_id)) & set(accepted))


@dataclass(frozen=True)
class Condition:
    when: Requirements = field(default_factory=dict)
    unless: Requirements = field(default_factory=dict)

    def holds(self, answers: Mapping) -> bool:
        return all(matches(q, values, answers) for q, values in self.when.items()) and not any(
            matches(q, values, answers) for q, values in self.unless.items()
        )

    @property
    def questions(self) -> set[str]:
        """Every question the condition looks at."""
        return set(self.when) | set(self.unless)

    def signature(self) -> tuple:
        """The same condition in another language gives the same signature."""
        return (
            tuple(sorted((q, tuple(sorted(v))) for q, v in self.when.items())),
            tuple(sorted((q, tuple(sorted(v))) for q, v in self.unless.items())),
        )


ALWAYS = Condition()
