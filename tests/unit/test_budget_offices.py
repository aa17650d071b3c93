"""Which office: one expected answer for every combination of the three questions.

The table below is the review copy of the rules (the same as `flask --app portal budget offices`):
where the person is (ort), what they want (ziel), one fact about their past (vorher) ->
office and the reason shown. Checked against facts.md, section 2.
"""
from __future__ import annotations

import pytest

from portal.budget import offices

# ort            ziel            vorher          office               reason
DECISIONS = """
    eingang         arbeit          unfall          unfallversicherung   unfall
    eingang         arbeit          rente           eingliederungshilfe  budget_fuer_arbeit
    eingang         arbeit          nichts          eingliederungshilfe  budget_fuer_arbeit
    eingang         ausbildung      unfall          unfallversicherung   unfall
    eingang         ausbildung      rente           rentenversicherung   rente
    eingang         ausbildung      nichts          agentur              eingang
    eingang         lernen          unfall          unfallversicherung   unfall
    eingang         lernen          rente           rentenversicherung   rente
    eingang         lernen          nichts          agentur              eingang
    eingang         werkstatt       unfall          unfallversicherung   unfall
    eingang         werkstatt       rente           rentenversicherung   rente
    eingang         werkstatt       nichts          agentur              eingang
    eingang         alltag          unfall          unfallversicherung   unfall
    eingang         alltag          rente           eingliederungshilfe  alltag
    eingang         alltag          nichts          eingliederungshilfe  alltag
    berufsbildung   arbeit          unfall          unfallversicherung   unfall
    berufsbildung   arbeit          rente           eingliederungshilfe  budget_fuer_arbeit
    berufsbildung   arbeit          nichts          eingliederungshilfe  budget_fuer_arbeit
    berufsbildung   ausbildung      unfall          unfallversicherung   unfall
    berufsbildung   ausbildung      rente           rentenversicherung   rente
    berufsbildung   ausbildung      nichts          agentur              berufsbildung
    berufsbildung   lernen          unfall          unfallversicherung   unfall
    berufsbildung   lernen          rente           rentenversicherung   rente
    berufsbildung   lernen          nichts          agentur              berufsbildung
    berufsbildung   werkstatt       unfall          unfallversicherung   unfall
    berufsbildung   werkstatt       rente           rentenversicherung   rente
    berufsbildung   werkstatt       nichts          agentur              berufsbildung
    berufsbildung   alltag          unfall          unfallversicherung   unfall
    berufsbildung   alltag          rente           eingliederungshilfe  alltag
    berufsbildung   alltag          nichts          eingliederungshilfe  alltag
    arbeitsbereich  arbeit          unfall          unfallversicherung   unfall
    arbeitsbereich  arbeit          rente           eingliederungshilfe  budget_fuer_arbeit
    arbeitsbereich  arbeit          nichts          eingliederungshilfe  budget_fuer_arbeit
    arbeitsbereich  ausbildung      unfall          unfallversicherung   unfall
    arbeitsbereich  ausbildung      rente           eingliederungshilfe  arbeitsbereich
    arbeitsbereich  ausbildung      nichts          eingliederungshilfe  arbeitsbereich
    arbeitsbereich  lernen          unfall          unfallversicherung   unfall
    arbeitsbereich  lernen          rente           eingliederungshilfe  arbeitsbereich
    arbeitsbereich  lernen          nichts          eingliederungshilfe  arbeitsbereich
    arbeitsbereich  werkstatt       unfall          unfallversicherung   unfall
    arbeitsbereich  werkstatt       rente           eingliederungshilfe  arbeitsbereich
    arbeitsbereich  werkstatt       nichts          eingliederungshilfe  arbeitsbereich
    arbeitsbereich  alltag          unfall          unfallversicherung   unfall
    arbeitsbereich  alltag          rente           eingliederungshilfe  alltag
    arbeitsbereich  alltag          nichts          eingliederungshilfe  alltag
    betrieb         arbeit          unfall          unfallversicherung   unfall
    betrieb         arbeit          rente           integrationsamt      begleitung_im_betrieb
    betrieb         arbeit          nichts          integrationsamt      begleitung_im_betrieb
    betrieb         ausbildung      unfall          unfallversicherung   unfall
    betrieb         ausbildung      rente           rentenversicherung   ausbildung_mit_arbeit
    betrieb         ausbildung      nichts          agentur              ausbildung_mit_arbeit
    betrieb         lernen          unfall          unfallversicherung   unfall
    betrieb         lernen          rente           integrationsamt      begleitung_im_betrieb
    betrieb         lernen          nichts          integrationsamt      begleitung_im_betrieb
    betrieb         werkstatt       unfall          unfallversicherung   unfall
    betrieb         werkstatt       rente           eingliederungshilfe  zurueck_in_die_werkstatt
    betrieb         werkstatt       nichts          eingliederungshilfe  zurueck_in_die_werkstatt
    betrieb         alltag          unfall          unfallversicherung   unfall
    betrieb         alltag          rente           eingliederungshilfe  alltag
    betrieb         alltag          nichts          eingliederungshilfe  alltag
    unklar          arbeit          unfall          unfallversicherung   unfall
    unklar          arbeit          rente           eingliederungshilfe  budget_fuer_arbeit
    unklar          arbeit          nichts          eingliederungshilfe  budget_fuer_arbeit
    unklar          ausbildung      unfall          unfallversicherung   unfall
    unklar          ausbildung      rente           unklar               ort_unklar
    unklar          ausbildung      nichts          unklar               ort_unklar
    unklar          lernen          unfall          unfallversicherung   unfall
    unklar          lernen          rente           unklar               ort_unklar
    unklar          lernen          nichts          unklar               ort_unklar
    unklar          werkstatt       unfall          unfallversicherung   unfall
    unklar          werkstatt       rente           unklar               ort_unklar
    unklar          werkstatt       nichts          unklar               ort_unklar
    unklar          alltag          unfall          unfallversicherung   unfall
    unklar          alltag          rente           eingliederungshilfe  alltag
    unklar          alltag          nichts          eingliederungshilfe  alltag
"""
PARAGRAPHS = {
    "unfall": ('§ 6 SGB IX', '§ 63 SGB IX'),
    "budget_fuer_arbeit": ('§ 61 SGB IX', '§ 63 SGB IX'),
    "rente": ('§ 63 SGB IX',),
    "eingang": ('§ 63 SGB IX',),
    "alltag": ('§ 113 SGB IX',),
    "berufsbildung": ('§ 63 SGB IX',),
    "arbeitsbereich": ('§ 63 SGB IX',),
    "begleitung_im_betrieb": ('§ 185 SGB IX',),
    "ausbildung_mit_arbeit": ('§ 6 SGB IX',),
    "zurueck_in_die_werkstatt": ('§ 220 Absatz 3 SGB IX', '§ 63 SGB IX'),
    "ort_unklar": ('§ 63 SGB IX',),
}


def _rows():
    for line in DECISIONS.strip().splitlines():
        place, goal, history, office, reason = line.split()
        yield pytest.param(place, goal, history, office, reason, id=f"{place}-{goal}-{history}")


@pytest.mark.parametrize("place,goal,history,office,reason", list(_rows()))
def test_every_answer_combination_leads_to_its_office(place, goal, history, office, reason):
    advice = offices.find_office(place, goal, history)
    assert (advice.office, advice.reason) == (office, reason)
    assert advice.paragraphs == expected_paragraphs(goal, reason)


def expected_paragraphs(goal: str, reason: str) -> tuple[str, ...]:
    """The paragraph of the reason, and § 61a (Budget für Ausbildung) where the wish is a training."""
    if goal == "ausbildung" and reason in ("eingang", "berufsbildung", "rente", "arbeitsbereich"):
        return (*PARAGRAPHS[reason], "§ 61a SGB IX")
    return PARAGRAPHS[reason]


def test_the_table_covers_every_combination_once():
    combinations = [tuple(line.split()[:3]) for line in DECISIONS.strip().splitlines()]
    assert sorted(combinations) == sorted(offices.all_answers())
    assert len(combinations) == len(set(combinations)) == len(offices.PLACES) * len(offices.GOALS) * len(offices.HISTORIES)


def test_every_office_and_reason_is_reachable():
    results = {offices.find_office(*answers) for answers in offices.all_answers()}
    assert {advice.office for advice in results} == set(offices.OFFICES)
    assert {advice.reason for advice in results} == set(offices.REASONS)


@pytest.mark.parametrize(
    "answers",
    [("werkstatt", "arbeit", "nichts"), ("eingang", "geld", "nichts"), ("eingang", "arbeit", "ja"), ("", "", ""), (None, "arbeit", "nichts")],
)
def test_an_answer_that_is_not_offered_is_refused(answers):
    with pytest.raises(ValueError):
        offices.find_office(*answers)


def test_the_questions_are_in_order_with_their_answers():
    assert offices.QUESTIONS == (("ort", offices.PLACES), ("ziel", offices.GOALS), ("vorher", offices.HISTORIES))
