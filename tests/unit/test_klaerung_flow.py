"""The flow: which question comes next, for every branch of the real questionnaire (GOV.UK Smart Answers style)."""
from __future__ import annotations

import pytest

from portal.klaerung import flow
from portal.klaerung.questionnaire import INFO_SEEN
from tests.unit.test_klaerung_data import NEUTRAL, ids, questionnaire, walk

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database


@pytest.fixture(scope="module")
def q():
    return questionnaire("de")


def test_there_are_at_least_20_questions_in_six_parts(q):
    assert len([question for question in q.questions if not question.is_info]) >= 20
    assert [part.title for part in q.parts] == [
        "Über mich", "Was ich gerne mache", "Was ich gut kann", "Wie ich arbeiten möchte",
        "Was mir Sorgen macht", "Welche Hilfe ich brauche",
    ]


def test_the_questionnaire_uses_every_kind_of_question(q):
    assert {question.type for question in q.questions} == {"single", "multiple", "yes_no", "text", "info"}


def test_it_starts_with_the_first_question(q):
    assert flow.open_question(q, {}).id == "bereich"
    assert ids(flow.path(q, {})) == ["bereich"]


def test_the_neutral_way_asks_no_follow_up_question(q):
    answers = walk(q)
    assert ids(flow.answered_path(q, answers)) == list(NEUTRAL)
    assert flow.is_complete(q, answers)


# --- branch: Budget für Ausbildung ---------------------------------------------------------

@pytest.mark.parametrize("bereich", ["eingangsverfahren", "berufsbildung"])
def test_the_berufsbildungsbereich_gets_the_question_about_the_budget_fuer_ausbildung(q, bereich):
    assert flow.next_question(q, q.by_id["bereich"], {"bereich": bereich}).id == "ausbildung"
    assert flow.next_question(q, q.by_id["ausbildung"], {"bereich": bereich, "ausbildung": "ja"}).id == "dauer"


@pytest.mark.parametrize("bereich", ["arbeitsbereich", "aussenarbeitsplatz", "weiss-nicht"])
def test_everyone_else_skips_it(q, bereich):
    assert flow.next_question(q, q.by_id["bereich"], {"bereich": bereich}).id == "dauer"


# --- branch: how was the Praktikum ------------------------------------------------------------

def test_a_praktikum_gets_a_follow_up_question_on_its_own_page(q):
    answers = walk(q, praktikum="ja", praktikum_wie="gut")
    path = ids(flow.answered_path(q, answers))
    assert path[path.index("praktikum") + 1] == "praktikum-wie"
    assert flow.next_question(q, q.by_id["praktikum"], {"praktikum": "ja"}).id == "praktikum-wie"


@pytest.mark.parametrize("answer", ["nein", "weiss-nicht"])
def test_no_praktikum_no_follow_up(q, answer):
    assert flow.next_question(q, q.by_id["praktikum"], {"praktikum": answer}).id == "staerken"


# --- branch: learning to travel alone ---------------------------------------------------------

@pytest.mark.parametrize(
    ("unterwegs", "asked"),
    [(["fahrdienst"], True), (["auto"], True), (["auto", "zu-fuss"], True), (["fahrdienst", "bus-bahn"], False),
     (["bus-bahn"], False), (["zu-fuss"], False), (["weiss-nicht"], False)],
)
def test_people_driven_to_work_are_asked_about_bus_and_train(q, unterwegs, asked):
    following = flow.next_question(q, q.by_id["unterwegs"], {"unterwegs": unterwegs})
    assert (following.id == "bus-lernen") is asked
    if not asked:
        assert following.id == "ziel"


# --- branch: worries are answered at once ------------------------------------------------------

WORRY_PAGES = {
    "zurueck": "antwort-zurueck", "rente": "antwort-rente", "geld": "antwort-geld",
    "kollegen": "antwort-kollegen", "schaffen": "antwort-schaffen", "weg": "antwort-weg",
}


@pytest.mark.parametrize(("worry", "page"), WORRY_PAGES.items())
def test_each_worry_is_answered_on_the_next_page(q, worry, page):
    assert flow.next_question(q, q.by_id["sorgen"], {"sorgen": [worry]}).id == page
    assert flow.next_question(q, q.by_id[page], {"sorgen": [worry], page: INFO_SEEN}).id == "sorgen-andere"


def test_several_worries_are_answered_one_after_the_other(q):
    answers = walk(q, sorgen=["geld", "zurueck", "weg"])
    worry_part = [question.id for question in flow.answered_path(q, answers) if question.part.id == "sorgen"]
    assert worry_part == ["sorgen", "antwort-zurueck", "antwort-geld", "antwort-weg", "sorgen-andere"]


def test_no_listed_worry_still_asks_for_other_worries(q):
    assert flow.next_question(q, q.by_id["sorgen"], {"sorgen": ["keine"]}).id == "sorgen-andere"


def test_every_worry_choice_has_an_answer_page(q):
    choices = [choice for choice in q.by_id["sorgen"].choices if not choice.exclusive]
    assert len(choices) >= 4
    assert {choice.value: choice.answered_by for choice in choices} == WORRY_PAGES


# --- every condition in the data file, generically -----------------------------------------------

def test_every_conditional_question_is_reachable_and_skippable(q):
    for question in q.questions:
        if question.condition.when:
            satisfying = {qid: (list(values) if q.by_id[qid].type == "multiple" else values[0])
                          for qid, values in question.condition.when.items()}
            assert question.condition.holds(satisfying), question.id
            assert not question.condition.holds({}), question.id


def test_the_last_question_leads_to_the_end(q):
    answers = walk(q)
    assert flow.next_question(q, q.by_id["gespraech"], answers) is None


# --- moving around -----------------------------------------------------------------------------

def test_only_questions_on_the_way_can_be_shown(q):
    answers = {"bereich": "arbeitsbereich", "dauer": "1-bis-5"}
    assert flow.can_show(q, answers, "bereich")
    assert flow.can_show(q, answers, "wohnen")  # the open question
    assert not flow.can_show(q, answers, "postleitzahl")  # further on
    assert not flow.can_show(q, answers, "ausbildung")  # not on this way


def test_zurueck_goes_to_the_previous_question_on_the_way(q):
    answers = walk(q, bereich="berufsbildung", ausbildung="nein")
    assert flow.previous_question(q, answers, "dauer").id == "ausbildung"
    assert flow.previous_question(q, walk(q), "dauer").id == "bereich"
    assert flow.previous_question(q, answers, "bereich") is None
    assert flow.previous_question(q, {}, "gespraech") is None


def test_a_changed_answer_keeps_the_others_but_they_may_stop_counting(q):
    answers = walk(q, bereich="berufsbildung", ausbildung="ja")
    answers["bereich"] = "arbeitsbereich"
    assert "ausbildung" in answers  # kept, the person may change back
    assert "ausbildung" not in ids(flow.answered_path(q, answers))
    assert flow.is_complete(q, answers)


def test_a_change_can_open_a_new_question(q):
    answers = walk(q)
    answers["praktikum"] = "ja"
    assert flow.open_question(q, answers).id == "praktikum-wie"


@pytest.mark.parametrize(
    ("question_id", "expected"),
    [("bereich", (1, 1, 4)), ("postleitzahl", (1, 4, 4)), ("arbeitsfelder", (2, 1, 4)), ("gespraech", (6, 4, 4))],
)
def test_progress_counts_the_questions_of_the_part_on_the_way(q, question_id, expected):
    progress = flow.progress(q, walk(q), q.by_id[question_id])
    assert (progress.part_number, progress.number, progress.count) == expected
    assert progress.part_count == 6


def test_progress_grows_with_a_follow_up_question(q):
    answers = walk(q, bereich="berufsbildung", ausbildung="ja")
    assert flow.progress(q, answers, q.by_id["dauer"]).count == 5


def test_an_info_page_has_no_question_number(q):
    answers = walk(q, sorgen=["rente"])
    progress = flow.progress(q, answers, q.by_id["antwort-rente"])
    assert progress.number is None and progress.part_number == 5


# --- jumps (`next:`), on a small questionnaire of their own ------------------------------------

def test_a_jump_skips_ahead_when_its_condition_holds(tmp_path):
    from tests.unit.test_klaerung_loader import load_text, minimal_file

    q = load_text(tmp_path, minimal_file(extra_first="""
    next:
      - when: {eins: nein}
        goto: drei
"""))
    assert flow.next_question(q, q.by_id["eins"], {"eins": "nein"}).id == "drei"
    assert flow.next_question(q, q.by_id["eins"], {"eins": "ja"}).id == "zwei"
    assert ids(flow.planned_path(q, {"eins": "nein"})) == ["eins", "drei"]
    assert ids(flow.planned_path(q, {})) == ["eins", "zwei", "drei"]
