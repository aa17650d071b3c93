"""The letter to the office takes what the Klärung found as formal sentences, never as "Frage: Antwort"
lines: checked over every answer of every question the letter reads, over every way through the
questionnaire that the walk helper makes, and for the longest possible text."""
from __future__ import annotations

import itertools
import re

import pytest

from portal.budget import handover, letter
from portal.klaerung import flow
from portal.klaerung.questionnaire import MULTIPLE
from portal.klaerung.rules import counted_answers, fitting_modules
from tests.unit.test_klaerung_data import questionnaire
from tests.unit.test_klaerung_data import walk as neutral_walk

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database

READ_BY_THE_LETTER = ("bereich", "ziel", "ausbildung", "arbeitsfelder", "stunden", "hilfe", "bus-lernen")


def walk(q, **changes) -> dict:
    """A whole way; the follow-up questions the neutral way skips get an answer too when they come up."""
    return neutral_walk(q, **{"ausbildung": "nein", "bus_lernen": "nein", "praktikum_wie": "gut", **changes})


def facts_of(answers: dict, lang: str = "de") -> dict:
    q = questionnaire(lang)
    counted = counted_answers(q, answers)
    labels = {qid: {c.value: c.label for c in q.by_id[qid].choices} for qid in counted if q.by_id[qid].choices}
    return {"answers": counted, "labels": labels, "modules": [fit.number for fit in fitting_modules(q, counted, {})]}


def klaerung_phrases(lang: str = "de") -> list[str]:
    """The Klärung's own sentences about an answer: its questions and the answers that are sentences
    ("Jemand lernt mit mir im Betrieb.")."""
    q = questionnaire(lang)
    phrases = []
    for question in q.questions:
        phrases.append(question.text)
        phrases += [choice.label for choice in question.choices if choice.label.endswith((".", "?"))]
    return [p.replace("·", "").rstrip(".?") for p in phrases]


def assert_formal(text: str) -> None:
    lines = text.splitlines()
    assert lines, "the Klärung always gives the letter something to say"
    phrases = klaerung_phrases()
    summaries = [(q.summary or "").replace("·", "") for q in questionnaire("de").questions if q.summary]
    for line in lines:
        # No "Frage: Antwort" line, no list line, no easy-language split word, full sentences.
        assert not any(line.startswith(f"{summary}:") for summary in summaries), line
        assert not re.match(r"^[^.:]{1,60}: ", line), line
        assert not line.startswith(("-", "•")), line
        assert "·" not in line, line
        assert line[0].isupper() and line.endswith("."), line
        # The person writes ("ich"); the Klärung's way of addressing them ("Sie möchten …") stays out.
        assert not line.startswith(("Sie ", "Ihr ", "Ihre ")), line
        # The Klärung's own wording ("Ich kenne das Persönliche Budget", "Jemand lernt mit mir im Betrieb") stays out.
        for phrase in phrases:
            assert phrase not in line, (phrase, line)
    assert "Ich kenne das Persönliche Budget" not in text and "Über mein Ergebnis spreche ich" not in text
    assert len(text) <= letter.HELP_MAX and len(lines) <= letter.HELP_LINES


def test_every_answer_the_letter_reads_has_a_formal_sentence():
    """A new answer in klaerung.yaml must get its sentence here (else it would silently go missing)."""
    q = questionnaire("de")
    tables = {"bereich": handover.PLACE, "ziel": handover.GOAL, "arbeitsfelder": handover.FIELDS,
              "stunden": handover.HOURS, "hilfe": handover.HELP}
    for question_id, table in tables.items():
        values = set(q.by_id[question_id].values) - {handover.DONT_KNOW} if question_id != "bereich" and question_id != "ziel" \
            else set(q.by_id[question_id].values)
        assert values <= set(table), (question_id, values - set(table))
    assert {rule.module for rule in q.module_rules} <= set(handover.MODULES)


@pytest.mark.parametrize("question_id", READ_BY_THE_LETTER)
def test_each_single_answer_gives_formal_sentences(question_id):
    q = questionnaire("de")
    question = q.by_id[question_id]
    for value in question.values:
        answer = [value] if question.type == MULTIPLE else value
        answers = walk(q, **{question_id.replace("-", "_"): answer})
        if question_id not in answers:
            # Not on the neutral way (a follow-up question): take the way that leads there.
            answers = walk(q, **{question_id.replace("-", "_"): answer}, **_way_to(question_id))
        assert answers.get(question_id) == answer, (question_id, value)
        assert_formal(handover.help_text(facts_of(answers)))


def _way_to(question_id: str) -> dict:
    return {"bereich": "berufsbildung"} if question_id == "ausbildung" else {"unterwegs": ["fahrdienst"]} \
        if question_id == "bus-lernen" else {}


def test_every_combination_of_goal_place_and_hours_and_all_help_at_once():
    q = questionnaire("de")
    for place, goal, hours in itertools.product(q.by_id["bereich"].values, q.by_id["ziel"].values, q.by_id["stunden"].values):
        answers = walk(q, bereich=place, ziel=goal, stunden=hours)
        assert_formal(handover.help_text(facts_of(answers)))
    everything = walk(
        q, bereich="berufsbildung", ausbildung="ja", ziel="arbeitsplatz", stunden="ueber-6", unterwegs=["fahrdienst"], bus_lernen="ja",
        arbeitsfelder=[v for v in q.by_id["arbeitsfelder"].values if v != "weiss-nicht"],
        hilfe=[v for v in q.by_id["hilfe"].values if v != "weiss-nicht"],
    )
    text = handover.help_text(facts_of(everything))
    assert_formal(text)
    for words in ("Zurzeit bin ich im Berufsbildungsbereich", "Ich möchte auf dem allgemeinen Arbeitsmarkt arbeiten.",
                  "Ich möchte eine Ausbildung in einem Betrieb machen.", "Tierpflege und Technik und IT.",
                  "durch einen Jobcoach", "Mobilitätstraining", "Modul 3 „Betriebliche Qualifizierung mit Jobcoaching“"):
        assert words in text, words


def test_the_longest_text_fits_the_letter_field_and_the_letter_composes():
    q = questionnaire("de")
    everything = walk(q, ausbildung="ja", bereich="berufsbildung", ziel="weiss-nicht", stunden="4-bis-6",
                      arbeitsfelder=[v for v in q.by_id["arbeitsfelder"].values if v != "weiss-nicht"],
                      hilfe=[v for v in q.by_id["hilfe"].values if v != "weiss-nicht"], unterwegs=["fahrdienst"], bus_lernen="ja")
    facts = facts_of(everything)
    facts["modules"] = list(handover.MODULES)
    text = handover.help_text(facts)
    assert_formal(text)
    composed = letter.compose_letter(letter.LetterFields("Maria", "Weg 1", "12345 Ort", "agentur", text), date_today())
    body = "\n".join(line for paragraph in composed.paragraphs for line in paragraph)
    assert "Ich benötige folgende Unterstützung:" in body and "Modul 8" in body


def date_today():
    from datetime import date

    return date(2026, 12, 4)


def test_not_knowing_the_help_yet_asks_the_office_to_find_out_together():
    q = questionnaire("de")
    text = handover.help_text(facts_of(walk(q, hilfe=["weiss-nicht"])))
    assert handover.HELP_OPEN in text.splitlines()


def test_each_sentence_says_in_the_persons_words_what_it_means():
    q = questionnaire("en")
    answers = walk(q, ziel="arbeitsplatz", hilfe=["betrieb-finden"])
    taken = handover.sentences(facts_of(answers, "en"))
    easy = {sentence.letter: str(sentence.easy) for sentence in taken}
    assert easy[handover.GOAL["arbeitsplatz"]] == next(c.label for c in q.by_id["ziel"].choices if c.value == "arbeitsplatz")
    assert easy[handover.HELP["betrieb-finden"]] == next(
        c.label for c in q.by_id["hilfe"].choices if c.value == "betrieb-finden").rstrip(".")


def test_answers_off_the_way_do_not_count():
    q = questionnaire("de")
    answers = walk(q, bereich="arbeitsbereich")
    answers["ausbildung"] = "ja"  # kept from an earlier way, no longer asked
    assert "Ausbildung" not in handover.help_text(facts_of(answers))
    assert flow.is_complete(q, answers)
