"""The question pages: for each, its form, its words and how its answer is kept in the draft.

Which page comes when is decided in flow.py; this module only knows one page at a time.
"""
from __future__ import annotations

from flask import g
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from . import forms
from .choices import TOPIC_ICONS, WAY_ICONS, WAY_LABELS, topic_choices
from .directory import find_workshop, partner_workshops, resolve
from .flow import EMAIL, LETTER, OTHER_WORKSHOP, PHONE, SOCIAL_SERVICE, TRUSTED_PERSON, route_key
from .service import DETAIL_KEYS
from .snapshot import current_result


class Question:
    slug = ""
    template = "contact/question.html"
    form_class = forms.StepForm
    title_text = ""

    def title(self, answers: dict) -> str:
        return str(self.title_text)

    def form_for(self, answers: dict):
        return self.form_class

    def initial(self, answers: dict) -> dict:
        return {}

    def prepare(self, form, answers: dict) -> None:
        """Set choices that come from the database or the content."""

    def save(self, form, answers: dict) -> None:
        raise NotImplementedError

    def context(self, answers: dict) -> dict:
        return {}


class NameQuestion(Question):
    slug, template, form_class = "name", "contact/name.html", forms.NameForm
    title_text = _l("Wie heißen Sie?")

    def initial(self, answers):
        return {"name": answers.get("name", "")}

    def save(self, form, answers):
        answers["name"] = form.name.data


class WorkshopQuestion(Question):
    slug, template, form_class = "werkstatt", "contact/choice.html", forms.WorkshopForm
    title_text = forms.WORKSHOP_QUESTION

    def initial(self, answers):
        return {"workshop": answers.get("workshop")}

    def prepare(self, form, answers):
        form.workshop.choices = forms.as_choices([(w.slug, w.label) for w in partner_workshops()] + [
            (OTHER_WORKSHOP, _("Eine andere Werk·statt oder keine Werk·statt"))])

    def save(self, form, answers):
        answers["workshop"] = form.workshop.data
        if form.workshop.data != OTHER_WORKSHOP:
            answers.pop("postcode", None)

    def context(self, answers):
        return {"field": "workshop", "hint": _("Dann wissen wir, welcher Anbieter für Sie da ist.")}


class PostcodeQuestion(Question):
    slug, template, form_class = "postleitzahl", "contact/postcode.html", forms.PostcodeForm
    title_text = _l("Wo wohnen Sie?")

    def initial(self, answers):
        return {"postcode": answers.get("postcode", "")}

    def save(self, form, answers):
        answers["postcode"] = form.postcode.data


class ProviderQuestion(Question):
    """Not a question: the page says who will get the request (or that nobody serves the place)."""

    slug, template, form_class = "anbieter", "contact/provider.html", forms.ProviderForm

    def title(self, answers):
        resolved = resolve(answers)
        if resolved.provider is None:
            return _("Für Ihren Wohn·ort haben wir leider keinen Anbieter")
        return _("Ihre Anfrage geht an: %(name)s", name=resolved.provider.name)

    def save(self, form, answers):
        if resolve(answers).provider is not None:
            answers["seen_route"] = route_key(answers)

    def context(self, answers):
        return {"resolved": resolve(answers)}


class WayQuestion(Question):
    slug, template, form_class = "weg", "contact/choice.html", forms.WayForm
    title_text = forms.WAY_QUESTION

    def initial(self, answers):
        return {"way": answers.get("way")}

    def prepare(self, form, answers):
        form.way.choices = forms.as_choices(WAY_LABELS.items())

    def save(self, form, answers):
        answers["way"] = form.way.data

    def context(self, answers):
        return {"field": "way", "icons": WAY_ICONS, "hint": _("Wählen Sie 1 Weg.")}


class DetailsQuestion(Question):
    slug, template = "erreichbar", "contact/details.html"
    TITLES = {
        PHONE: _l("Wie ist Ihre Telefon·nummer?"),
        EMAIL: _l("Wie ist Ihre E-Mail-Adresse?"),
        LETTER: _l("Wohin sollen wir den Brief schicken?"),
        SOCIAL_SERVICE: _l("Ihr Sozial·dienst"),
        TRUSTED_PERSON: _l("Ihre Vertrauens·person"),
    }

    def title(self, answers):
        return str(self.TITLES[answers["way"]])

    def form_for(self, answers):
        way = answers["way"]
        if way == SOCIAL_SERVICE:
            partner = find_workshop(answers.get("workshop"))
            return forms.SocialServiceForm if partner else forms.SocialServiceOtherWorkshopForm
        return {PHONE: forms.PhoneForm, EMAIL: forms.EmailForm, LETTER: forms.LetterForm,
                TRUSTED_PERSON: forms.TrustedPersonForm}[way]

    def initial(self, answers):
        return {key: answers.get(key, "") for key in DETAIL_KEYS}

    def save(self, form, answers):
        for key in DETAIL_KEYS:
            answers.pop(key, None)
        for key in DETAIL_KEYS:
            if key in form:
                answers[key] = form[key].data or ""
        partner = find_workshop(answers.get("workshop"))
        if answers["way"] == SOCIAL_SERVICE and partner:
            answers["workshop_name"] = partner.label
        answers["details_for"] = answers["way"]

    def context(self, answers):
        partner = find_workshop(answers.get("workshop"))
        return {"way": answers["way"], "partner_workshop": partner.label if partner else ""}


class TopicsQuestion(Question):
    slug, template, form_class = "thema", "contact/choice.html", forms.TopicsForm
    title_text = forms.TOPICS_QUESTION

    def initial(self, answers):
        return {"topics": answers.get("topics", [])}

    def prepare(self, form, answers):
        form.topics.choices = forms.as_choices(topic_choices())

    def save(self, form, answers):
        answers["topics"] = list(form.topics.data)

    def context(self, answers):
        return {"field": "topics", "icons": TOPIC_ICONS, "multiple": True,
                "hint": _("Sie können mehrere Themen wählen.")}


class MessageQuestion(Question):
    slug, template, form_class = "nachricht", "contact/message.html", forms.MessageForm
    title_text = _l("Möchten Sie uns noch etwas schreiben?")

    def initial(self, answers):
        return {"message": answers.get("message", "")}

    def save(self, form, answers):
        answers["message"] = form.message.data or ""


class ResultQuestion(Question):
    slug, template, form_class = "ergebnis", "contact/result.html", forms.ResultForm
    title_text = _l("Möchten Sie Ihr Ergebnis mitschicken?")

    def initial(self, answers):
        return {"attach": answers.get("attach_result", False)}

    def save(self, form, answers):
        answers["attach_result"] = bool(form.attach.data)

    def context(self, answers):
        return {"result": current_result(g.lang)}


QUESTIONS = {question.slug: question for question in (
    NameQuestion(), WorkshopQuestion(), PostcodeQuestion(), ProviderQuestion(), WayQuestion(),
    DetailsQuestion(), TopicsQuestion(), MessageQuestion(), ResultQuestion(),
)}
