"""The cost plan's one form: modules, provider, months, and where the plan goes with."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectMultipleField, StringField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..ui.forms import MaxLength, PortalForm, Required
from .plan import MONTHS_MAX, MONTHS_MIN

MONTHS_TEXT_MAX = 5

# Error messages carry no Mediopunkt: the shared form macros print them as plain text.


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes (the `choices` macro draws them); the class name tells `field_anchor` to link
    the error summary to the first box."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class OfferedChoices:
    """Only offered answers count; a tampered value gets the same friendly message as none."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        allowed = {str(value) for value, *_rest in field.choices}
        values = field.data if isinstance(field.data, list) else [field.data]
        if any(str(value) not in allowed for value in values):
            raise ValidationError(self.message)


class Months:
    """A whole number of months from MONTHS_MIN to MONTHS_MAX, read into `field.months`."""

    message = _l("Bitte schreiben Sie eine Zahl von %(low)s bis %(high)s.", low=MONTHS_MIN, high=MONTHS_MAX)

    def __call__(self, form, field):
        field.months = None
        text = (field.data or "").strip()
        if not text.isdigit() or not text.isascii() or not MONTHS_MIN <= int(text) <= MONTHS_MAX:
            raise ValidationError(self.message)
        field.months = int(text)


class CostPlanForm(PortalForm):
    modules = MultiCheckboxField(
        _l("Welche Module brauchen Sie?"), validate_choice=False,
        validators=[Required(_l("Bitte wählen Sie mindestens 1 Modul.")),
                    OfferedChoices(_l("Bitte wählen Sie mindestens 1 Modul."))])
    provider = RadioField(
        _l("Welcher Anbieter soll Ihnen helfen?"), validate_choice=False,
        validators=[Required(_l("Bitte wählen Sie einen Anbieter.")),
                    OfferedChoices(_l("Bitte wählen Sie einen Anbieter."))])
    months = StringField(
        _l("Wie viele Monate soll die Hilfe dauern?"),
        validators=[Required(_l("Bitte schreiben Sie, wie viele Monate die Hilfe dauern soll.")),
                    MaxLength(MONTHS_TEXT_MAX), Months()])
    attach = MultiCheckboxField(
        _l("Wo soll der Kosten·plan mit·gehen?"), validate_choice=False,
        validators=[OfferedChoices(_l("Bitte wählen Sie nur aus den Antworten."))])


class ForgetForm(PortalForm):
    """"Kosten·plan löschen": only the form token (on a shared computer the next person sees nothing)."""
