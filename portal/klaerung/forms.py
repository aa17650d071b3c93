"""One form per question page, built from the question's data (choices, limits, format)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..ui.forms import MaxLength, PortalForm, Required
from .answers import NOTE_MAX, POSTCODE
from .questionnaire import MODES, MULTIPLE, TEXT, Question, Questionnaire

PAUSE = "pause"  # value of the "Pause machen" button: save what is valid, then show the code


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes; the ui macros render it (field_anchor knows this type)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        pass  # unknown values get the friendly message of KnownChoices instead of WTForms' English one


class KnownChoices:
    def __init__(self, question: Question):
        self.values = set(question.values)

    def __call__(self, form, field):
        chosen = field.data if isinstance(field.data, list) else [field.data]
        if any(value not in self.values for value in chosen):
            raise StopValidation(_l("Diese Antwort gibt es nicht. Bitte wählen Sie eine Antwort aus der Liste."))


class NotWithOthers:
    """"Ich weiß es noch nicht" cannot go with other answers."""

    def __init__(self, question: Question):
        self.exclusive = {choice.value: choice.label for choice in question.choices if choice.exclusive}

    def __call__(self, form, field):
        chosen = field.data or []
        for value, label in self.exclusive.items():
            if value in chosen and len(chosen) > 1:
                raise ValidationError(
                    _l("„%(label)s“ passt nicht zu den anderen Antworten. Bitte wählen Sie nur eins davon.", label=label)
                )


class Postcode:
    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field):
        if field.data and not POSTCODE.match(field.data):
            raise ValidationError(self.message)


def _answer_field(question: Question):
    if question.type == TEXT:
        validators = [Required(question.error or _l("Bitte schreiben Sie eine Antwort."))] if question.required else []
        if question.format == "postcode":
            validators.append(Postcode(question.error))  # first: its message says what is expected
        validators.append(MaxLength(question.max_length))
        field_class = TextAreaField if question.max_length > 100 else StringField
        return field_class(question.label, validators=validators)
    choices = [SelectChoice(choice.value, choice.label) for choice in question.choices]
    if question.type == MULTIPLE:
        message = question.error or _l("Bitte wählen Sie mindestens eine Antwort.")
        return MultiCheckboxField(
            question.text, choices=choices, validators=[Required(message), KnownChoices(question), NotWithOthers(question)]
        )
    message = question.error or _l("Bitte wählen Sie eine Antwort.")
    return RadioField(
        question.text, choices=choices, validate_choice=False, validators=[Required(message), KnownChoices(question)]
    )


def question_form_class(question: Question, with_notes: bool) -> type[PortalForm]:
    """The form for one question page: the answer (none on info pages) and, with a Begleit·person, notes."""
    attributes = {}
    if not question.is_info:
        attributes["answer"] = _answer_field(question)
    if with_notes:
        attributes["notes"] = TextAreaField(_l("Notizen der Begleit·person"), validators=[MaxLength(NOTE_MAX)])
    return type(f"QuestionForm_{question.id.replace('-', '_')}", (PortalForm,), attributes)


def start_form_class(questionnaire: Questionnaire) -> type[PortalForm]:
    """How the person wants to answer: alone or with a Begleit·person."""
    choices = [SelectChoice(mode, questionnaire.start.modes[mode]) for mode in MODES]
    field = RadioField(
        questionnaire.start.choose,
        choices=choices,
        validate_choice=False,
        validators=[Required(_l("Bitte wählen Sie: alleine oder mit einer Begleit·person.")), _KnownMode()],
    )
    return type("StartForm", (PortalForm,), {"mode": field})


class _KnownMode:
    def __call__(self, form, field):
        if field.data not in MODES:
            raise StopValidation(_l("Diese Antwort gibt es nicht. Bitte wählen Sie eine Antwort aus der Liste."))


class EmptyForm(PortalForm):
    """Buttons only (check page, pause, Neu anfangen): the CSRF token is the whole form."""
