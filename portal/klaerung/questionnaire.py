"""The questionnaire as parsed from content/easy_language/<lang>/klaerung.yaml (read once at start-up).

Immutable dataclasses: the flow (flow.py) and the result rules (rules.py) read them; templates show
their texts. The loader that builds and checks them is loader.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .conditions import ALWAYS, Condition

SINGLE, MULTIPLE, YES_NO, TEXT, INFO = "single", "multiple", "yes_no", "text", "info"
QUESTION_TYPES = (SINGLE, MULTIPLE, YES_NO, TEXT, INFO)
CHOICE_TYPES = (SINGLE, MULTIPLE, YES_NO)
YES_NO_VALUES = ("ja", "nein", "weiss-nicht")
INFO_SEEN = "gelesen"  # the stored "answer" of an info page: the person has read it
MODES = ("allein", "begleitung")


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    number: int


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    icon: str | None = None
    exclusive: bool = False
    answered_by: str | None = None


@dataclass(frozen=True)
class Jump:
    """`next: [{when: …, goto: x}]`: skip ahead to x when the condition holds."""

    condition: Condition
    goto: str


@dataclass(frozen=True)
class Question:
    id: str
    part: Part
    type: str
    text: str
    support: str
    line: int
    summary: str = ""
    hint: str = ""
    label: str = ""
    choices: tuple[Choice, ...] = ()
    required: bool = True
    max_length: int = 300
    format: str | None = None
    error: str = ""
    condition: Condition = ALWAYS
    jumps: tuple[Jump, ...] = ()
    result_section: str | None = None
    # info pages: the answer to a worry
    body: str = ""
    law: str = ""
    link: str | None = None
    link_text: str = ""

    @property
    def is_info(self) -> bool:
        return self.type == INFO

    @property
    def has_choices(self) -> bool:
        return self.type in CHOICE_TYPES

    def choice(self, value: str) -> Choice | None:
        return next((choice for choice in self.choices if choice.value == value), None)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)


@dataclass(frozen=True)
class ModuleRule:
    module: int
    condition: Condition
    reason: str


@dataclass(frozen=True)
class NextStep:
    condition: Condition
    text: str
    link: str | None = None
    link_text: str = ""


@dataclass(frozen=True)
class StartTexts:
    title: str
    lead: str
    what: str
    facts: tuple[str, ...]
    choose: str
    modes: dict[str, str]
    mode_hints: dict[str, str]


@dataclass(frozen=True)
class ResultTexts:
    title: str
    intro: str
    sections: dict[str, str]
    notes_heading: str
    modules_heading: str
    no_modules: str
    next_steps_heading: str


@dataclass(frozen=True)
class Questionnaire:
    lang: str
    path: str
    start: StartTexts
    parts: tuple[Part, ...]
    questions: tuple[Question, ...]
    result: ResultTexts
    module_rules: tuple[ModuleRule, ...]
    next_steps: tuple[NextStep, ...]
    by_id: dict[str, Question] = field(default_factory=dict, compare=False, repr=False)
    positions: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self.by_id.update({question.id: question for question in self.questions})
        self.positions.update({question.id: number for number, question in enumerate(self.questions)})

    def index(self, question_id: str) -> int:
        return self.positions[question_id]

    @property
    def first(self) -> Question:
        return self.questions[0]
