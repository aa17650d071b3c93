"""The question pages' forms. Every field has a length limit and an easy-language error."""
from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..providers.areas import normalize_postcode
from ..ui.forms import MaxLength, PortalForm, Required, honeypot_field
from .models import ContactRequest

_PHONE_SIGNS = re.compile(r"^\+?[0-9 ()/.\-]+$")
PHONE_DIGITS_MIN, PHONE_DIGITS_MAX = 5, 20


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes (the `choices` macro draws them); the class name tells `field_anchor` to link
    the error summary to the first box."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


# Error messages carry no Mediopunkt: the shared form macros print them as plain text.


class ValidChoice:
    """The answer must be one of the offered choices. A tampered value gets the same friendly
    message as no answer (WTForms' own check would speak English)."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        allowed = {str(value) for value, *_rest in field.choices}
        given = field.data if isinstance(field.data, list) else [field.data]
        if any(str(value) not in allowed for value in given):
            field.errors[:] = []
            raise StopValidation(self.message)


def is_phone_number(text: str) -> bool:
    digits = sum(char.isdigit() for char in text)
    return bool(_PHONE_SIGNS.match(text)) and PHONE_DIGITS_MIN <= digits <= PHONE_DIGITS_MAX


def normalized_email(text: str) -> str | None:
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


class PhoneNumber:
    def __call__(self, form, field):
        if field.data and not is_phone_number(field.data):
            raise ValidationError(_l("Diese Telefonnummer stimmt nicht. Schreiben Sie nur Zahlen. Zum Beispiel: 0451 123456."))


class EmailAddress:
    def __call__(self, form, field):
        if field.data:
            address = normalized_email(field.data)
            if address is None:
                raise ValidationError(_l("Diese E-Mail-Adresse stimmt nicht. Eine E-Mail-Adresse sieht so aus: name@beispiel.de"))
            field.data = address


class PhoneOrEmail:
    def __call__(self, form, field):
        if field.data and not is_phone_number(field.data) and normalized_email(field.data) is None:
            raise ValidationError(_l("Bitte schreiben Sie eine Telefonnummer oder eine E-Mail-Adresse. Zum Beispiel: 0451 123456."))


class Postcode:
    def __call__(self, form, field):
        postcode = normalize_postcode(field.data)
        if postcode is None:
            raise ValidationError(_l("Eine Postleitzahl hat 5 Zahlen. Zum Beispiel: 28195."))
        field.data = postcode


WORKSHOP_QUESTION = _l("In welche Werk·statt gehen Sie?")
WAY_QUESTION = _l("Wie sollen wir mit Ihnen in Kontakt kommen?")
TOPICS_QUESTION = _l("Worüber möchten Sie sprechen?")


def as_choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms wants them for radios and checkboxes."""
    return [SelectChoice(str(value), label) for value, label in pairs]


def choice_required(message) -> list:
    """An answer is needed and must be one of the choices; both problems get the same words."""
    return [Required(message), ValidChoice(message)]


class StepForm(PortalForm):
    """Every question page: CSRF (from FlaskForm) and the honeypot."""

    website = honeypot_field()


class NameForm(StepForm):
    name = StringField(_l("Ihr Name"), validators=[
        Required(_l("Bitte schreiben Sie Ihren Namen. Ein Vorname reicht.")), MaxLength(ContactRequest.NAME_MAX)])


class WorkshopForm(StepForm):
    workshop = RadioField(WORKSHOP_QUESTION, validate_choice=False, validators=choice_required(
        _l("Bitte wählen Sie Ihre Werkstatt. Oder wählen Sie: Eine andere Werkstatt.")))


class PostcodeForm(StepForm):
    postcode = StringField(_l("Ihre Post·leit·zahl"), validators=[
        Required(_l("Bitte schreiben Sie Ihre Postleitzahl.")), MaxLength(10), Postcode()])


class ProviderForm(StepForm):
    """Only "Weiter": the person has seen who gets the request."""


class WayForm(StepForm):
    way = RadioField(WAY_QUESTION, validate_choice=False, validators=choice_required(
        _l("Bitte wählen Sie, wie wir mit Ihnen in Kontakt kommen.")))


def _good_times():
    return StringField(_l("Wann können wir Sie gut erreichen?"), validators=[MaxLength(ContactRequest.TIMES_MAX)])


class PhoneForm(StepForm):
    phone = StringField(_l("Ihre Telefon·nummer"), validators=[
        Required(_l("Bitte schreiben Sie Ihre Telefonnummer.")), MaxLength(ContactRequest.PHONE_MAX), PhoneNumber()])
    good_times = _good_times()


class EmailForm(StepForm):
    email = StringField(_l("Ihre E-Mail-Adresse"), validators=[
        Required(_l("Bitte schreiben Sie Ihre E-Mail-Adresse.")), MaxLength(ContactRequest.EMAIL_MAX), EmailAddress()])
    good_times = _good_times()


class LetterForm(StepForm):
    postal_address = TextAreaField(_l("Ihre Adresse"), validators=[
        Required(_l("Bitte schreiben Sie Ihre Adresse mit Straße, Hausnummer und Ort.")),
        MaxLength(ContactRequest.ADDRESS_MAX)])


class SocialServiceForm(StepForm):
    helper_name = StringField(_l("Wer im Sozial·dienst kennt Sie?"), validators=[MaxLength(ContactRequest.HELPER_NAME_MAX)])
    good_times = _good_times()


class SocialServiceOtherWorkshopForm(SocialServiceForm):
    """The workshop is not one of the partner workshops: the provider needs its name."""

    workshop_name = StringField(_l("Wie heißt Ihre Werk·statt?"), validators=[
        Required(_l("Bitte schreiben Sie den Namen von Ihrer Werkstatt.")), MaxLength(ContactRequest.WORKSHOP_MAX)])


class TrustedPersonForm(StepForm):
    helper_name = StringField(_l("Name von Ihrer Vertrauens·person"), validators=[
        Required(_l("Bitte schreiben Sie den Namen von Ihrer Vertrauensperson.")),
        MaxLength(ContactRequest.HELPER_NAME_MAX)])
    helper_contact = StringField(_l("Telefon·nummer oder E-Mail-Adresse von Ihrer Vertrauens·person"), validators=[
        Required(_l("Bitte schreiben Sie, wie wir Ihre Vertrauensperson erreichen.")),
        MaxLength(ContactRequest.HELPER_CONTACT_MAX), PhoneOrEmail()])
    good_times = _good_times()


class TopicsForm(StepForm):
    topics = MultiCheckboxField(TOPICS_QUESTION, validate_choice=False, validators=choice_required(
        _l("Bitte wählen Sie mindestens 1 Thema.")))


class MessageForm(StepForm):
    message = TextAreaField(_l("Ihre Nachricht"), validators=[MaxLength(ContactRequest.MESSAGE_MAX)])


class ResultForm(StepForm):
    attach = BooleanField(_l("Ja, der Anbieter soll mein Ergebnis bekommen."))


class SendForm(StepForm):
    consent = BooleanField(_l("Ja, ich bin einverstanden."), validators=[
        Required(_l("Bitte setzen Sie den Haken bei „Ja, ich bin einverstanden“. Sonst können wir Ihre Anfrage nicht schicken."))])
