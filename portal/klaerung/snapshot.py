"""The hand-over to the contact request: "Mein Ergebnis" as plain, JSON-serialisable data.

`result_snapshot(lang)` gives the current session's finished Klärung, every text in the person's
language, plain text (the Mediopunkt kept as "·"), or None. The contact form shows it in full
before sending and stores it, with the person's consent.
"""
from __future__ import annotations

from flask import current_app, g
from flask_babel import force_locale
from flask_babel import gettext as _

from ..clock import today_in_berlin
from . import flow, state
from .rules import Result, build_result, counted_answers, fitting_modules


def module_titles(lang: str) -> dict[int, str]:
    modules = current_app.extensions["content"].for_lang(lang).modules
    return {number: module.title for number, module in modules.items()}


def current_result(klaerung: state.Klaerung, lang: str) -> Result:
    """The result of a finished Klärung in a language (the date: when the person finished it)."""
    return build_result(state.questionnaire(lang), klaerung.answers, klaerung.notes,
                        klaerung.finished_date or today_in_berlin(), module_titles(lang))


def _joined(text: str) -> str:
    """Data-file text has one sentence per line; in a snapshot item the sentences follow each other."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def snapshot_of(result: Result, texts) -> dict:
    sections = []
    for section in result.sections:
        items = []
        for item in section.items:
            if item.answer is not None:
                parts = [item.text, _joined(item.answer.body), _joined(item.answer.law)]
                items.append(" ".join(part for part in parts if part))
            else:
                items.append(item.text)
        sections.append({"heading": section.heading, "items": items})
    if result.notes:
        sections.append({"heading": texts.notes_heading, "items": [f"{note.topic}: {note.text}" for note in result.notes]})
    modules = [
        f"{_('Modul %(number)s', number=fit.number)}: {fit.title}. " + " ".join(_joined(reason) for reason in fit.reasons)
        for fit in result.modules
    ]
    sections.append({"heading": texts.modules_heading, "items": modules or [_joined(texts.no_modules)]})
    sections.append({"heading": texts.next_steps_heading, "items": [_joined(step.text) for step in result.next_steps]})
    return {"title": result.title, "created": result.created.isoformat(), "sections": sections}


def result_snapshot(lang: str | None = None) -> dict | None:
    """This session's Klärung result as plain data, or None when there is no finished Klärung."""
    klaerung = state.current()
    lang = lang or g.lang
    if klaerung is None or not flow.is_complete(state.questionnaire(lang), klaerung.answers):
        return None
    with force_locale(lang):
        texts = state.questionnaire(lang).result
        return snapshot_of(current_result(klaerung, lang), texts)


def letter_facts(lang: str | None = None) -> dict | None:
    """What the application letter takes from this session's finished Klärung, as plain data, or None.

    {"answers": {question id: value or [values]} (only the answers on the person's way),
     "labels": {question id: {value: label}} (the choices as the person read them, in `lang`),
     "modules": [number, …] (the modules that fit)}. The letter turns the values into its own
    sentences; the labels are only for the easy-language explanation next to them.
    """
    klaerung = state.current()
    lang = lang or g.lang
    questions = state.questionnaire(lang)
    if klaerung is None or not flow.is_complete(questions, klaerung.answers):
        return None
    counted = counted_answers(questions, klaerung.answers)
    labels = {
        question_id: {choice.value: choice.label for choice in questions.by_id[question_id].choices}
        for question_id in counted
        if questions.by_id[question_id].choices
    }
    modules = [fit.number for fit in fitting_modules(questions, counted, {})]
    return {"answers": counted, "labels": labels, "modules": modules}
