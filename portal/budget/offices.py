"""Which office to write to: the rules of "Welches Amt ist für mich zuständig?".

Three answers (where the person is now, what they want, one fact about their past) lead to one
office and a reason. Plain Python without Flask, tested for every combination of answers
(tests/unit/test_budget_offices.py). The words people read are in
content/easy_language/<lang>/budget/offices.yaml, one text per office and per reason; the loader
checks at start-up that every office and reason named here has its text.

The law (facts.md, section 2): Eingangsverfahren and Berufsbildungsbereich are paid by the Agentur
für Arbeit, or by the pension or accident insurance when they are responsible; the Arbeitsbereich and
the Budget für Arbeit by the Träger der Eingliederungshilfe (§ 63 SGB IX). Whatever office gets the
application must accept it and pass it on (§ 16 SGB I), so a wrong guess never loses the date.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import product

# Question 1: where are you now?
PLACES = ("eingang", "berufsbildung", "arbeitsbereich", "betrieb", "unklar")
# Question 2: what do you want the budget for?
GOALS = ("arbeit", "ausbildung", "lernen", "werkstatt", "alltag")
# Question 3: does one of these fit? (an accident at work, or many years of work before the workshop)
HISTORIES = ("unfall", "rente", "nichts")

QUESTIONS = (("ort", PLACES), ("ziel", GOALS), ("vorher", HISTORIES))

AGENTUR = "agentur"
EINGLIEDERUNGSHILFE = "eingliederungshilfe"
RENTENVERSICHERUNG = "rentenversicherung"
UNFALLVERSICHERUNG = "unfallversicherung"
INTEGRATIONSAMT = "integrationsamt"
NOT_SURE = "unklar"  # the answers are not enough: the result names the two likely offices
OFFICES = (AGENTUR, EINGLIEDERUNGSHILFE, RENTENVERSICHERUNG, UNFALLVERSICHERUNG, INTEGRATIONSAMT, NOT_SURE)

IN_TRAINING = ("eingang", "berufsbildung")  # the first 2 years and 3 months in the workshop

REASONS = (
    "unfall",
    "alltag",
    "budget_fuer_arbeit",
    "eingang",
    "berufsbildung",
    "rente",
    "arbeitsbereich",
    "begleitung_im_betrieb",
    "ausbildung_mit_arbeit",
    "zurueck_in_die_werkstatt",
    "ort_unklar",
)


@dataclass(frozen=True)
class OfficeAdvice:
    office: str  # one of OFFICES
    reason: str  # one of REASONS: the text that explains the choice
    paragraphs: tuple[str, ...]  # where the rule is written, for the person and for a provider to check


def find_office(place: str, goal: str, history: str) -> OfficeAdvice:
    """The office to write the application to. Raises ValueError for an answer that is not offered."""
    for value, allowed in ((place, PLACES), (goal, GOALS), (history, HISTORIES)):
        if value not in allowed:
            raise ValueError(f"unknown answer {value!r} (allowed: {', '.join(allowed)})")

    # A work accident makes the accident insurance responsible for all help that follows from it.
    if history == "unfall":
        return OfficeAdvice(UNFALLVERSICHERUNG, "unfall", ("§ 6 SGB IX", "§ 63 SGB IX"))
    # Help at home and in free time is social participation: always the Eingliederungshilfe.
    if goal == "alltag":
        return OfficeAdvice(EINGLIEDERUNGSHILFE, "alltag", ("§ 113 SGB IX",))
    if place == "betrieb":
        return _with_a_job(goal, history)
    # A job with a contract through the Budget für Arbeit: the Arbeitsbereich's office pays, from any stage.
    if goal == "arbeit":
        return OfficeAdvice(EINGLIEDERUNGSHILFE, "budget_fuer_arbeit", ("§ 61 SGB IX", "§ 63 SGB IX"))
    extra = ("§ 61a SGB IX",) if goal == "ausbildung" else ()
    if place in IN_TRAINING:
        if history == "rente":
            return OfficeAdvice(RENTENVERSICHERUNG, "rente", ("§ 63 SGB IX", *extra))
        return OfficeAdvice(AGENTUR, place, ("§ 63 SGB IX", *extra))
    if place == "arbeitsbereich":
        return OfficeAdvice(EINGLIEDERUNGSHILFE, "arbeitsbereich", ("§ 63 SGB IX", *extra))
    return OfficeAdvice(NOT_SURE, "ort_unklar", ("§ 63 SGB IX",))


def _with_a_job(goal: str, history: str) -> OfficeAdvice:
    """Someone who already works in a company with a contract."""
    if goal in ("arbeit", "lernen"):
        # Help to keep the job: the Integrationsamt (with a Budget für Arbeit the reason text says who pays instead).
        return OfficeAdvice(INTEGRATIONSAMT, "begleitung_im_betrieb", ("§ 185 SGB IX",))
    if goal == "werkstatt":
        return OfficeAdvice(EINGLIEDERUNGSHILFE, "zurueck_in_die_werkstatt", ("§ 220 Absatz 3 SGB IX", "§ 63 SGB IX"))
    office = RENTENVERSICHERUNG if history == "rente" else AGENTUR
    return OfficeAdvice(office, "ausbildung_mit_arbeit", ("§ 6 SGB IX",))


def all_answers():
    """Every combination of answers, for the tests and for `flask --app portal budget offices`."""
    return product(PLACES, GOALS, HISTORIES)
