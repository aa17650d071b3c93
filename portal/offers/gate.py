"""The easy-language gate for what providers write (their self-description, their text per
Baustein, success stories): the same rules as `flask --app portal content check`
(portal/content/lint.py, reused here, never copied), with the problems in plain words for the
person who types.

    problems(text, lang) -> list[str]     # empty: the text may be saved and published

Only errors stop a text; the lint's warnings (12 to 15 words in a sentence, "wir") do not.
Each line of the text is checked as one line of a content file: one sentence per line.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from flask import current_app, has_app_context
from flask_babel import gettext as _
from wtforms.validators import ValidationError

from ..content import lint
from ..content.prose import markdown_to_prose, words

SHOWN_MAX = 5  # problems named one by one; the rest are counted
QUOTE_MAX = 60


@lru_cache(maxsize=8)
def _rules(root: str, lang: str) -> lint.LanguageRules:
    # The glossary and term list are read once per process (content changes need a restart anyway).
    return lint.language_rules(Path(root), lang)


def rules_for(lang: str) -> lint.LanguageRules:
    root = current_app.config["CONTENT_DIR"] if has_app_context() else lint.DEFAULT_ROOT
    return _rules(str(root), "en" if lang == "en" else "de")


def lint_problems(text: str, lang: str) -> list[lint.Problem]:
    """The content check's errors in `text`, line by line."""
    rules = rules_for(lang)
    found: list[lint.Problem] = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        if not raw.strip():
            continue
        line = lint.ProseLine(number, markdown_to_prose(raw) or "", raw)
        found += [problem for problem in lint.check_line(line, "", rules) if problem.severity == lint.ERROR]
    return found


def _quote(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= QUOTE_MAX else sentence[:QUOTE_MAX].rsplit(" ", 1)[0] + " …"


def message(problem: lint.Problem) -> str:
    """One problem in plain words."""
    rule, subject, expected = problem.rule, problem.subject, problem.expected
    if rule == "sentence-length":
        return _("Ein Satz ist zu lang. Er hat %(count)s Wörter. Bitte schreiben Sie höchstens %(limit)s Wörter "
                 "in einen Satz. Der Satz fängt so an: „%(sentence)s“",
                 count=len(words(subject)), limit=lint.SENTENCE_MAX_WORDS, sentence=_quote(subject))
    if rule == "abbreviation":
        return _("„%(word)s“ ist eine Abkürzung. Bitte schreiben Sie das ganze Wort.", word=subject)
    if rule in ("term", "glossary-spelling") and expected:
        return _("Bitte schreiben Sie „%(use)s“ und nicht „%(word)s“.", use=expected, word=subject)
    if rule == "long-word":
        return _("„%(word)s“ ist ein langes Wort. Bitte teilen Sie das Wort mit einem Punkt in der Mitte. "
                 "Zum Beispiel so: Werk·statt.", word=subject)
    if rule == "one-sentence-per-line":
        return _("In einer Zeile stehen mehrere Sätze. Bitte fangen Sie für jeden Satz eine neue Zeile an.")
    if rule == "brackets":
        return _("Bitte schreiben Sie keine Klammern. Schreiben Sie lieber einen zweiten Satz.")
    if rule == "semicolon":
        return _("Bitte schreiben Sie keinen Strich·punkt. Machen Sie lieber einen Punkt.")
    if rule == "raw-html":
        return _("Bitte schreiben Sie keine spitzen Klammern. Der Text erscheint so, wie Sie ihn schreiben.")
    if rule == "legal-reference":
        return _("Bitte schreiben Sie keine Gesetze in den Text. Zum Beispiel: „%(word)s“. "
                 "Sagen Sie lieber mit einfachen Worten, was das für die Person heißt.", word=subject)
    if rule == "false-claim":
        return _("„%(word)s“ stimmt so nicht. Bitte schreiben Sie es anders.", word=subject)
    return _("Eine Stelle passt nicht zu den Regeln für Leichte Sprache. Bitte schreiben Sie sie einfacher.")


def problems(text: str, lang: str) -> list[str]:
    """The text's easy-language problems in plain words, each once (empty: the text passes)."""
    return list(dict.fromkeys(message(problem) for problem in lint_problems(text, lang)))


def summary(found: list[str]) -> str:
    """Several problems as the one error message of a field (the form macros show one per field)."""
    shown = " ".join(found[:SHOWN_MAX])
    if len(found) > SHOWN_MAX:
        shown += " " + _("Es gibt noch %(count)s andere Stellen.", count=len(found) - SHOWN_MAX)
    return shown


class EasyLanguage:
    """A form validator: the field's text passes the gate, else its problems are the field's error.
    `lang` is a language code or a callable(form) that gives it (a story's chosen language)."""

    def __init__(self, lang):
        self.lang = lang

    def __call__(self, form, field):
        if not field.data:
            return
        lang = self.lang(form) if callable(self.lang) else self.lang
        found = problems(field.data, lang)
        if found:
            raise ValidationError(summary(found))
