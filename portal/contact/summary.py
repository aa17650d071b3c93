"""What a person sent, as rows of label and lines: the check page shows it before sending, the
provider's inbox shows the same rows after. Plain text only; templates escape it."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .choices import WAY_LABELS, topic_label
from .flow import EMAIL, LETTER, OTHER_WORKSHOP, PHONE, SOCIAL_SERVICE, TRUSTED_PERSON

FIELDS = ("name", "contact_way", "phone", "email", "postal_address", "helper_name", "helper_contact",
          "good_times", "workshop_name", "postcode", "topics", "message")


@dataclass(frozen=True)
class Row:
    key: str  # also the question page that changes it (see CHANGE_PAGES)
    label: str
    lines: list[str]
    long_text: bool = False  # keep the person's own line breaks


CHANGE_PAGES = {"name": "name", "contact": "weg", "times": "erreichbar", "place": "werkstatt",
                "topics": "thema", "message": "nachricht"}


def fields_from_answers(answers: dict, workshop_label: str = "") -> dict:
    """The draft's answers under the names the stored request uses."""
    fields = {name: answers.get(name, "") for name in FIELDS}
    fields["contact_way"] = answers.get("way", "")
    fields["topics"] = list(answers.get("topics", []))
    if answers.get("workshop") != OTHER_WORKSHOP:
        fields["postcode"] = ""
        if not fields["workshop_name"]:
            fields["workshop_name"] = workshop_label
    return fields


def fields_from_request(contact_request) -> dict:
    return {name: getattr(contact_request, name) for name in FIELDS}


def _contact_lines(fields: dict) -> list[str]:
    way = fields["contact_way"]
    lines = [str(WAY_LABELS.get(way, way))]
    if way == PHONE:
        lines.append(fields["phone"])
    elif way == EMAIL:
        lines.append(fields["email"])
    elif way == LETTER:
        lines += fields["postal_address"].splitlines()
    elif way == SOCIAL_SERVICE:
        lines.append(_("Werk·statt: %(name)s", name=fields["workshop_name"]))
        if fields["helper_name"]:
            lines.append(_("Ansprech·person: %(name)s", name=fields["helper_name"]))
    elif way == TRUSTED_PERSON:
        lines.append(_("Name: %(name)s", name=fields["helper_name"]))
        lines.append(_("Erreichbar: %(contact)s", contact=fields["helper_contact"]))
    return [line for line in lines if line]


def rows(fields: dict) -> list[Row]:
    place = _("Post·leit·zahl %(postcode)s", postcode=fields["postcode"]) if fields["postcode"] else fields["workshop_name"]
    result = [
        Row("name", str(_l("Name")), [fields["name"]]),
        Row("contact", str(_l("So erreichen wir Sie")), _contact_lines(fields)),
    ]
    if fields["contact_way"] != LETTER:
        result.append(Row("times", str(_l("Gute Zeiten")), [fields["good_times"] or _("Keine Angabe")]))
    result += [
        Row("place", str(_l("Werk·statt oder Wohn·ort")), [place]),
        Row("topics", str(_l("Themen")), [str(topic_label(topic)) for topic in fields["topics"]]),
        Row("message", str(_l("Nachricht")), [fields["message"] or _("Keine Nachricht")], long_text=True),
    ]
    return result
