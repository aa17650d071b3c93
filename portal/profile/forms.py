"""The forms of the provider's own pages. Several sit on one page, so each has its own prefix.
Every text a provider writes passes the easy-language gate (portal/offers/gate.py)."""
from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, StringField, TextAreaField
from wtforms.validators import StopValidation

from ..contact.forms import MultiCheckboxField as _Checkboxes
from ..contact.forms import as_choices, choice_required
from ..offers.gate import EasyLanguage
from ..offers.models import ProviderOffer, SuccessStory
from ..offers.stories import WORK_KINDS
from ..providers.models import Provider
from ..ui.forms import MaxLength, PortalForm, Required
from .numbers import Amount

STAFF_COST_MAX = Decimal("500000")
HOURS_PER_YEAR = (Decimal("100"), Decimal("2500"))
PERCENT_MAX = Decimal("100")
BAUSTEIN_HOURS_MAX = Decimal("500")
LANGUAGE_LABELS = {"de": _l("Deutsch"), "en": _l("Englisch")}


def _lines(value):
    """Line breaks as LF (browsers send CR LF): each line is a sentence the gate checks."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


LINES = [_lines]


class DescriptionForm(PortalForm):
    description_de = TextAreaField(_l("Wer sind Sie? Auf Deutsch"), filters=LINES, validators=[
        Required(_l("Bitte schreiben Sie, wer Sie sind.")), MaxLength(Provider.DESCRIPTION_MAX), EasyLanguage("de")])
    description_en = TextAreaField(_l("Wer sind Sie? Auf Englisch"), filters=LINES, validators=[
        MaxLength(Provider.DESCRIPTION_MAX), EasyLanguage("en")])


class MultiCheckboxField(_Checkboxes):
    """Tick boxes whose unknown values get the friendly message of KnownChoices (not WTForms' English one)."""

    def pre_validate(self, form):
        pass


class KnownChoices:
    def __init__(self, values, message):
        self.values, self.message = set(values), message

    def __call__(self, form, field):
        if any(value not in self.values for value in field.data or []):
            raise StopValidation(self.message)


UNKNOWN_CHOICE = _l("Diese Antwort gibt es nicht. Bitte wählen Sie eine Antwort aus der Liste.")


def baustein_number(baustein) -> str:
    """"3.2": the module's number, a dot, the Baustein's number (as the module pages write it)."""
    return "%s.%s" % (baustein.module, baustein.number)


def offers_form_class(modules):
    """A form with one group of tick boxes per module (its Bausteine), from the portal's content."""
    attributes = {}
    for module in modules:
        choices = [(str(baustein.number), _l("Baustein %(number)s: %(title)s", number=baustein_number(baustein),
                                             title=baustein.title)) for baustein in module.bausteine]
        attributes[f"modul_{module.number}"] = MultiCheckboxField(
            _l("Modul %(number)s: %(title)s", number=module.number, title=module.title),
            choices=as_choices(choices), validators=[KnownChoices((value for value, _label in choices), UNKNOWN_CHOICE)])
    form_class = type("OffersForm", (PortalForm,), attributes)
    form_class.__module__ = __name__
    return form_class


class OfferTextForm(PortalForm):
    text_de = TextAreaField(_l("So machen Sie das: auf Deutsch"), filters=LINES, validators=[
        MaxLength(ProviderOffer.TEXT_MAX), EasyLanguage("de")])
    text_en = TextAreaField(_l("So machen Sie das: auf Englisch"), filters=LINES, validators=[
        MaxLength(ProviderOffer.TEXT_MAX), EasyLanguage("en")])


class CostsForm(PortalForm):
    yearly_staff_cost = StringField(_l("Kosten für einen Job·coach in Voll·zeit im Jahr, in Euro"), validators=[
        Required(_l("Bitte schreiben Sie die Kosten für einen Job·coach im Jahr.")), MaxLength(20),
        Amount(Decimal("1"), STAFF_COST_MAX, 2, Decimal("52000"), zero=False)])
    productive_hours = StringField(_l("Stunden im Jahr für die Arbeit mit den Menschen"), validators=[
        Required(_l("Bitte schreiben Sie die Stunden im Jahr.")), MaxLength(20),
        Amount(HOURS_PER_YEAR[0], HOURS_PER_YEAR[1], 1, Decimal("1400"), zero=False)])
    overhead_percent = StringField(_l("Verwaltung und Räume, in Prozent"), validators=[
        Required(_l("Bitte schreiben Sie eine Zahl für Verwaltung und Räume. Ohne diese Kosten: 0.")), MaxLength(20),
        Amount(Decimal("0"), PERCENT_MAX, 2, Decimal("15"))])
    travel_percent = StringField(_l("Fahrten, in Prozent"), validators=[
        Required(_l("Bitte schreiben Sie eine Zahl für die Fahrten. Ohne Fahrten: 0.")), MaxLength(20),
        Amount(Decimal("0"), PERCENT_MAX, 2, Decimal("5"))])


def hours_form_class(offers, titles):
    """One number field per offered Baustein (`titles`: (module, baustein) → label)."""
    attributes = {
        f"stunden_{offer.module}_{offer.baustein}": StringField(
            titles[(offer.module, offer.baustein)], validators=[MaxLength(20), Amount(Decimal("0"), BAUSTEIN_HOURS_MAX, 1, Decimal("8"))])
        for offer in offers
    }
    form_class = type("HoursForm", (PortalForm,), attributes)
    form_class.__module__ = __name__
    return form_class


class OneName:
    """Only a first name: a blank means a surname may follow."""

    def __call__(self, form, field):
        if field.data and len(field.data.split()) > 1:
            raise StopValidation(_l("Bitte schreiben Sie nur einen Vor·namen. Schreiben Sie keinen Nach·namen."))


def _story_lang(form) -> str:
    return "en" if form.lang.data == "en" else "de"


def story_form_class(modules):
    class StoryForm(PortalForm):
        lang = RadioField(_l("In welcher Sprache schreiben Sie die Geschichte?"), validate_choice=False,
                          choices=as_choices(LANGUAGE_LABELS.items()),
                          validators=choice_required(_l("Bitte wählen Sie eine Sprache.")))
        first_name = StringField(_l("Vor·name oder ausgedachter Name"), validators=[
            Required(_l("Bitte schreiben Sie einen Vor·namen.")), MaxLength(SuccessStory.FIRST_NAME_MAX), OneName()])
        title = StringField(_l("Überschrift"), validators=[
            Required(_l("Bitte schreiben Sie eine Überschrift.")), MaxLength(SuccessStory.TITLE_MAX),
            EasyLanguage(_story_lang)])
        work_kind = RadioField(_l("Welche Arbeit macht die Person jetzt?"), validate_choice=False,
                               choices=as_choices(WORK_KINDS.items()),
                               validators=choice_required(_l("Bitte wählen Sie die Art von Arbeit.")))
        way = TextAreaField(_l("Der Weg von der Werk·statt in den Betrieb"), filters=LINES, validators=[
            Required(_l("Bitte schreiben Sie den Weg in den Betrieb.")), MaxLength(SuccessStory.TEXT_MAX),
            EasyLanguage(_story_lang)])
        helped = TextAreaField(_l("Was hat geholfen?"), filters=LINES, validators=[
            Required(_l("Bitte schreiben Sie, was geholfen hat.")), MaxLength(SuccessStory.TEXT_MAX),
            EasyLanguage(_story_lang)])
        modules_used = MultiCheckboxField(_l("Welche Module hat die Person genutzt?"), choices=as_choices(
            (module.number, _l("Modul %(number)s: %(title)s", number=module.number, title=module.title))
            for module in modules), validators=[KnownChoices((str(module.number) for module in modules), UNKNOWN_CHOICE)])
        consent = BooleanField(_l("Die Person ist einverstanden: Die Geschichte darf im Portal stehen."), validators=[
            Required(_l("Bitte fragen Sie die Person zuerst. Setzen Sie dann den Haken."))])

    StoryForm.__module__ = __name__
    StoryForm.__qualname__ = "StoryForm"
    return StoryForm
