"""Words for the inbox's stored codes."""
from flask_babel import lazy_gettext as _l

from ..contact.models import DONE, IN_CONTACT, NEW
from ..contact.routing import BY_CHOICE, BY_FALLBACK, BY_POSTCODE, BY_WORKSHOP

STATUS_LABELS = {NEW: _l("Neu"), IN_CONTACT: _l("In Kontakt"), DONE: _l("Erledigt")}
ROUTED_LABELS = {
    BY_WORKSHOP: _l("über die Werkstatt"),
    BY_POSTCODE: _l("über die Postleitzahl"),
    BY_FALLBACK: _l("als Ersatz·anbieter: Für den Wohnort gibt es keinen Anbieter"),
    BY_CHOICE: _l("selbst gewählt: auf der Seite des Anbieters im Portal"),
}
LANGUAGE_LABELS = {"de": _l("Leichte Sprache"), "en": _l("Englisch")}
