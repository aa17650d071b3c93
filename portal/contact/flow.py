"""The order of the contact request's question pages: which page comes next, which one is
allowed now, and where "back" leads. A pure function of the answers so far (GOV.UK Smart
Answers style: routing here, rules in routing.py, words in templates and content files).

Answers are a dict; a page counts as answered when its key is there (the message may be empty,
so its key alone says "answered").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

OTHER_WORKSHOP = "andere"

# How the person wants to be reached, and which details that needs.
PHONE, EMAIL, LETTER, SOCIAL_SERVICE, TRUSTED_PERSON = "telefon", "email", "brief", "sozialdienst", "vertrauensperson"
WAYS = (PHONE, EMAIL, LETTER, SOCIAL_SERVICE, TRUSTED_PERSON)


# The provider the person chose on its public page (a slug; it wins over workshop and postcode).
CHOSEN_PROVIDER = "chosen_provider"


def route_key(answers: dict) -> str:
    """What the provider depends on: when it changes, the person sees the provider page again."""
    workshop = answers.get("workshop", "")
    key = workshop if workshop != OTHER_WORKSHOP else f"{OTHER_WORKSHOP}:{answers.get('postcode', '')}"
    return f"{key}|{answers[CHOSEN_PROVIDER]}" if answers.get(CHOSEN_PROVIDER) else key


@dataclass(frozen=True)
class Step:
    slug: str  # the URL: /kontakt/<slug>
    applies: Callable[[dict, bool], bool]
    answered: Callable[[dict], bool]


def _always(answers: dict, has_result: bool) -> bool:
    return True


STEPS = (
    Step("name", _always, lambda a: bool(a.get("name"))),
    Step("werkstatt", _always, lambda a: bool(a.get("workshop"))),
    Step("postleitzahl", lambda a, r: a.get("workshop") == OTHER_WORKSHOP, lambda a: bool(a.get("postcode"))),
    Step("anbieter", _always, lambda a: a.get("seen_route") == route_key(a)),
    Step("weg", _always, lambda a: a.get("way") in WAYS),
    Step("erreichbar", _always, lambda a: a.get("details_for") == a.get("way")),
    Step("thema", _always, lambda a: bool(a.get("topics"))),
    Step("nachricht", _always, lambda a: "message" in a),
    Step("ergebnis", lambda a, r: r, lambda a: "attach_result" in a),
    Step("pruefen", _always, lambda a: False),
)
SLUGS = tuple(step.slug for step in STEPS)
QUESTION_SLUGS = SLUGS[:-1]
FIRST = STEPS[0].slug
CHECK = STEPS[-1].slug


def steps_for(answers: dict, has_result: bool) -> list[Step]:
    return [step for step in STEPS if step.applies(answers, has_result)]


def next_step(answers: dict, has_result: bool) -> str:
    """The first page that still needs an answer (the check page when all are answered)."""
    return next(step.slug for step in steps_for(answers, has_result) if not step.answered(answers))


def is_allowed(slug: str, answers: dict, has_result: bool) -> bool:
    """A page may be shown when it applies and every page before it is answered."""
    for step in steps_for(answers, has_result):
        if step.slug == slug:
            return True
        if not step.answered(answers):
            return False
    return False


def previous_step(slug: str, answers: dict, has_result: bool) -> str | None:
    """The page before this one, for the back link (None on the first page)."""
    before = None
    for step in steps_for(answers, has_result):
        if step.slug == slug:
            return before
        before = step.slug
    return None


def is_complete(answers: dict, has_result: bool) -> bool:
    return next_step(answers, has_result) == CHECK
