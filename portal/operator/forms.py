"""The form on a barrier report's page: its status and a new note, saved together."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, TextAreaField

from ..contact.forms import as_choices, choice_required
from ..ui.forms import MaxLength, PortalForm
from .labels import STATUS_LABELS
from .logic import NOTE_MAX


class ReportForm(PortalForm):
    status = RadioField(_l("Status"), validate_choice=False, choices=as_choices(STATUS_LABELS.items()),
                        validators=choice_required(_l("Bitte wählen Sie einen Status.")))
    note = TextAreaField(_l("Neue Notiz"), validators=[MaxLength(NOTE_MAX)])
