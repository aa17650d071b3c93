"""This browser's Klärung: answers kept in the resume store under the session's code, never in the cookie.

The record holds {"mode", "answers", "notes", "finished"}; no names. Every read checks the answers
against today's questionnaire (answers.clean_answers).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import current_app, g

from ..resume import store
from .answers import clean_answers, clean_notes
from .questionnaire import MODES, Questionnaire

SECTION = "klaerung"
EXTENSION_KEY = "portal.klaerung"


def questionnaire(lang: str | None = None) -> Questionnaire:
    """The questionnaire of a language (parsed at start-up)."""
    return current_app.extensions[EXTENSION_KEY][lang or g.lang]


@dataclass
class Klaerung:
    code: str
    mode: str
    answers: dict = field(default_factory=dict)
    notes: dict = field(default_factory=dict)
    finished: str | None = None

    @property
    def with_support(self) -> bool:
        return self.mode == "begleitung"

    def to_data(self) -> dict:
        return {"mode": self.mode, "answers": self.answers, "notes": self.notes, "finished": self.finished}

    @property
    def finished_date(self) -> date | None:
        try:
            return date.fromisoformat(self.finished) if self.finished else None
        except ValueError:
            return None


def current() -> Klaerung | None:
    """The Klärung of this browser session, or None when none was started (or the code expired)."""
    code = store.current_code()
    if code is None:
        return None
    data = (store.load(code) or {}).get(SECTION)
    if not isinstance(data, dict) or data.get("mode") not in MODES:
        return None
    questions = questionnaire()
    return Klaerung(
        code=code,
        mode=data["mode"],
        answers=clean_answers(questions, data.get("answers")),
        notes=clean_notes(questions, data.get("notes")),
        finished=data.get("finished") if isinstance(data.get("finished"), str) else None,
    )


def begin(mode: str) -> Klaerung:
    """Start (or, with answers already given, switch the mode of) this browser's Klärung."""
    klaerung = current()
    if klaerung is None:
        klaerung = Klaerung(code=store.ensure_code(), mode=mode)
    klaerung.mode = mode
    save(klaerung)
    return klaerung


def save(klaerung: Klaerung) -> None:
    store.save(klaerung.code, SECTION, klaerung.to_data())


def restart(klaerung: Klaerung) -> None:
    """"Neu anfangen": the answers are deleted; the code goes too unless another feature still uses it."""
    if store.discard(klaerung.code, SECTION):
        store.forget_code()
