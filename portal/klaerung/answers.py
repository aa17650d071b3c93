"""Stored answers, checked against the questionnaire as it is today.

A provider may change the data file while a code is 30 days old: an answer whose question or
choice no longer exists is dropped (that question is simply asked again). Plain functions.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from .questionnaire import INFO, INFO_SEEN, MULTIPLE, TEXT, Question, Questionnaire

POSTCODE = re.compile(r"^\d{5}$")
NOTE_MAX = 1000


def clean_answer(question: Question, value):
    """The stored value if it is still a valid answer to `question`, else None."""
    if question.type == INFO:
        return INFO_SEEN if value == INFO_SEEN else None
    if question.type == TEXT:
        if not isinstance(value, str) or len(value) > question.max_length:
            return None
        if value and question.format == "postcode" and not POSTCODE.match(value):
            return None
        return value
    if question.type == MULTIPLE:
        if not isinstance(value, list):
            return None
        chosen = [choice.value for choice in question.choices if choice.value in value]
        if not chosen or len(chosen) != len(set(value)):
            return None
        exclusive = [v for v in chosen if question.choice(v).exclusive]
        return chosen if not exclusive or len(chosen) == 1 else None
    return value if isinstance(value, str) and value in question.values else None


def clean_answers(questionnaire: Questionnaire, answers) -> dict:
    if not isinstance(answers, Mapping):
        return {}
    cleaned = {}
    for question_id, value in answers.items():
        question = questionnaire.by_id.get(question_id)
        if question is not None and (answer := clean_answer(question, value)) is not None:
            cleaned[question_id] = answer
    return cleaned


def clean_notes(questionnaire: Questionnaire, notes) -> dict:
    if not isinstance(notes, Mapping):
        return {}
    return {
        question_id: text
        for question_id, text in notes.items()
        if question_id in questionnaire.by_id and isinstance(text, str) and text.strip() and len(text) <= NOTE_MAX
    }
