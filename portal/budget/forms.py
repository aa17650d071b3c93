"""The budget's forms: the office questions, the letter, the two deadline calculators, the ticks."""
from __future__ import annotations

import re
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import ValidationError

from ..ui.forms import MaxLength, PortalForm, Required, honeypot_field
from . import clock, deadlines, letter
from .deadlines import DateProblem

DATE_MAX = 30


class KnownChoice:
    """Only an offered answer counts (a tampered value gets the same friendly message as none)."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        if field.data not in {value for value, _label in field.choices}:
            raise ValidationError(self.message)


def choice_field(label, message, choices=()):
    return RadioField(label, choices=list(choices), validate_choice=False,
                      validators=[Required(message), KnownChoice(message)])


DATE_MESSAGES = {
    deadlines.FORMAT: _l("Bitte schreiben Sie das Datum mit Tag, Monat und Jahr. Zum Beispiel: 2.3.2026"),
    deadlines.IMPOSSIBLE: _l("Diesen Tag gibt es nicht. Bitte prüfen Sie Tag und Monat."),
    deadlines.FUTURE: _l("Dieser Tag liegt in der Zukunft. Bitte prüfen Sie das Datum."),
    deadlines.TOO_OLD: _l("Dieser Tag ist mehr als 2 Jahre her. Bitte prüfen Sie das Jahr."),
}
BIRTH_MESSAGES = {
    **DATE_MESSAGES,
    deadlines.TOO_OLD: _l("Bitte prüfen Sie das Jahr von Ihrem Geburtsdatum."),
    deadlines.TOO_YOUNG: _l("Bitte prüfen Sie das Jahr von Ihrem Geburtsdatum."),
}


class TypedDate:
    """Reads a typed date into `field.date` and checks it with `check(day, today)`."""

    def __init__(self, check, messages):
        self.check = check
        self.messages = messages

    def __call__(self, form, field):
        field.date = None
        if not field.data:
            return
        try:
            field.date = self.check(deadlines.parse_date(field.data), clock.today())
        except DateProblem as problem:
            raise ValidationError(self.messages[problem.reason]) from None


def date_field(label, required_message=None, check=deadlines.check_recent_past, messages=DATE_MESSAGES):
    validators = [Required(required_message)] if required_message else []
    return StringField(label, validators=[*validators, MaxLength(DATE_MAX), TypedDate(check, messages)])


class QuestionForm(PortalForm):
    """One question of "Welches Amt ist für mich zuständig?"; label and choices come from offices.yaml."""

    answer = choice_field("", _l("Bitte wählen Sie eine Antwort."))


class ObjectionForm(PortalForm):
    letter_date = date_field(_l("Welches Datum steht auf dem Bescheid?"), _l("Bitte schreiben Sie das Datum vom Bescheid."))
    by_post = choice_field(
        _l("Kam der Bescheid mit der Post?"),
        _l("Bitte sagen Sie, ob der Bescheid mit der Post kam."),
        [("ja", _l("Ja, mit der Post")), ("nein", _l("Nein, ich habe ihn beim Amt bekommen"))],
    )
    land = choice_field(
        _l("In welchem Bundesland ist das Amt?"),
        _l("Bitte wählen Sie ein Bundesland."),
        [*deadlines.LAENDER.items(), (deadlines.UNKNOWN_LAND, _l("Ich weiß es nicht"))],
    )


class OfficeTimeForm(PortalForm):
    received = date_field(
        _l("An welchem Tag ist Ihr Antrag beim Amt angekommen?"), _l("Bitte schreiben Sie den Tag, an dem Ihr Antrag ankam.")
    )


class NoRecipient:
    """"Another office" needs its name and address: the letter has no other way to reach it."""

    def __call__(self, form, field):
        if form.office.data == letter.OTHER_OFFICE and not (field.data or "").strip():
            raise ValidationError(_l("Bitte schreiben Sie den Namen und die Adresse vom Amt."))


class MaxLines:
    def __init__(self, limit: int, message):
        self.limit = limit
        self.message = message

    def __call__(self, form, field):
        if len(letter.lines_of(field.data or "")) > self.limit:
            raise ValidationError(self.message)


POSTCODE = re.compile(r"(?<!\d)\d{5}(?!\d)")


def has_postcode(form, field):
    if field.data and not POSTCODE.search(field.data):
        raise ValidationError(_l("Bitte schreiben Sie die Postleitzahl mit 5 Ziffern und den Ort. Zum Beispiel: 12345 Musterstadt"))


class LetterForm(PortalForm):
    """The application letter. Nothing of it is stored unless the person saves it with a resume code."""

    name = StringField(
        _l("Ihr Vorname und Nachname"),
        validators=[Required(_l("Bitte schreiben Sie Ihren Vornamen und Nachnamen.")), MaxLength(letter.NAME_MAX)],
    )
    street = StringField(
        _l("Straße und Hausnummer"),
        validators=[Required(_l("Bitte schreiben Sie Ihre Straße und Hausnummer.")), MaxLength(letter.STREET_MAX)],
    )
    town = StringField(
        _l("Postleitzahl und Ort"),
        validators=[Required(_l("Bitte schreiben Sie Ihre Postleitzahl und Ihren Ort.")), MaxLength(letter.TOWN_MAX), has_postcode],
    )
    birth_date = date_field(_l("Ihr Geburtsdatum"), check=deadlines.check_birth_date, messages=BIRTH_MESSAGES)
    customer_number = StringField(_l("Ihre Kundennummer beim Amt"), validators=[MaxLength(letter.CUSTOMER_NUMBER_MAX)])
    office = choice_field(_l("An welches Amt schreiben Sie?"), _l("Bitte wählen Sie ein Amt."))
    office_address = TextAreaField(
        _l("Name und Adresse vom Amt"),
        validators=[
            NoRecipient(),
            MaxLength(letter.OFFICE_ADDRESS_MAX),
            MaxLines(letter.OFFICE_ADDRESS_LINES, _l("Die Adresse hat zu viele Zeilen. Bitte schreiben Sie höchstens 6 Zeilen.")),
        ],
    )
    help = TextAreaField(
        _l("Welche Hilfe brauchen Sie?"),
        validators=[
            Required(_l("Bitte schreiben Sie, welche Hilfe Sie brauchen.")),
            MaxLength(letter.HELP_MAX),
            MaxLines(letter.HELP_LINES, _l("Der Text hat zu viele Zeilen. Bitte schreiben Sie höchstens 30 Zeilen.")),
        ],
    )
    website = honeypot_field()

    def letter_fields(self) -> letter.LetterFields:
        return letter.LetterFields(
            name=self.name.data,
            street=self.street.data,
            town=self.town.data,
            office=self.office.data,
            help=self.help.data.strip(),
            birth_date=self.birth_date.date,
            customer_number=self.customer_number.data or "",
            office_address=(self.office_address.data or "").strip(),
        )


class TickForm(PortalForm):
    """Mark a step done or not done. The pressed button sends `erledigt=ja|nein` (so a double click
    changes nothing); the field is not drawn as a hidden input."""

    erledigt = StringField()


class CodeForm(PortalForm):
    """A button that keeps something under the person's resume code."""
