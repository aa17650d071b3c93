"""Words for the desk's stored codes."""
from flask_babel import lazy_gettext as _l

from ..pages.models import DONE, IN_PROGRESS, NEW

STATUS_LABELS = {NEW: _l("Neu"), IN_PROGRESS: _l("In Arbeit"), DONE: _l("Erledigt")}
LANGUAGE_LABELS = {"de": _l("Leichte Sprache"), "en": _l("Englisch")}
AREA_LABELS = {"modules": _l("Module"), "bausteine": _l("Bausteine"), "pages": _l("Seiten")}
