"""The easy-language gate for provider texts (portal/offers/gate.py): the content check's rules,
in plain words; only errors stop a text."""
from __future__ import annotations

import pytest

from portal.offers import gate

TWENTY_WORDS = ("Wir helfen Ihnen bei der Suche nach einer Arbeit in einem Betrieb "
                "in Ihrer Nähe und bleiben an Ihrer Seite.")


def test_a_20_word_sentence_is_refused_and_the_fixed_text_accepted():
    assert gate.problems(TWENTY_WORDS, "de") == [
        "Ein Satz ist zu lang. Er hat 20 Wörter. Bitte schreiben Sie höchstens 15 Wörter in einen Satz. "
        "Der Satz fängt so an: „Wir helfen Ihnen bei der Suche nach einer Arbeit in einem …“"]
    assert gate.problems("Wir helfen Ihnen bei der Suche nach einer Arbeit.\nWir bleiben an Ihrer Seite.", "de") == []


@pytest.mark.parametrize("text, expected", [
    ("Der IFD hilft Ihnen.", "„IFD“ ist eine Abkürzung. Bitte schreiben Sie das ganze Wort."),
    ("Wir helfen z. B. im Betrieb.", "„z. B.“ ist eine Abkürzung. Bitte schreiben Sie das ganze Wort."),
    ("Ihr Jobcoach hilft Ihnen.", "Bitte schreiben Sie „Job·coach“ und nicht „Jobcoach“."),
    ("Sie arbeiten in der Werkstatt.", "Bitte schreiben Sie „Werk·statt“ und nicht „Werkstatt“."),
    ("Das ist die Arbeitsplatzbeschreibung.", "„Arbeitsplatzbeschreibung“ ist ein langes Wort."),
    ("Wir helfen. Sie lernen.", "In einer Zeile stehen mehrere Sätze."),
    ("Wir helfen (gern).", "Bitte schreiben Sie keine Klammern."),
    ("Wir helfen; Sie lernen", "Bitte schreiben Sie keinen Strich·punkt."),
    ("Wir helfen <b>gern</b>.", "Bitte schreiben Sie keine spitzen Klammern."),
    ("Das steht im SGB IX.", "Bitte schreiben Sie keine Gesetze in den Text."),
])
def test_each_rule_in_plain_words(text, expected):
    found = gate.problems(text, "de")
    assert any(message.startswith(expected) for message in found), found


def test_warnings_do_not_stop_a_text():
    # 13 words (a warning in the content check) and "wir" (a warning outside the operator's pages).
    assert gate.problems("Wir helfen Ihnen bei der Suche nach einer Arbeit in einem Betrieb hier.", "de") == []


def test_english_texts_get_the_english_rules():
    assert gate.problems("Our job coach helps you at work.", "en") == []
    assert gate.problems("Our job coach helps you e.g. at work.", "en") == [
        "„e.g.“ ist eine Abkürzung. Bitte schreiben Sie das ganze Wort."]
    assert gate.problems("Werkstatt is a German word.", "en") == []  # German spellings are not asked for


def test_each_line_is_a_line_and_empty_lines_are_fine():
    assert gate.problems("Wir helfen.\n\n  \nSie lernen.\r\nDas ist gut.", "de") == []


def test_several_problems_become_one_message_for_the_field():
    found = [f"Problem {number}." for number in range(8)]
    assert gate.summary(found) == "Problem 0. Problem 1. Problem 2. Problem 3. Problem 4. Es gibt noch 3 andere Stellen."
    assert gate.summary(found[:2]) == "Problem 0. Problem 1."
