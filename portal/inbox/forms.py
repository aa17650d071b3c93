"""The inbox's forms. Several sit on one page, so each has its own prefix (unique ids)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, RadioField, StringField, TextAreaField

from ..contact.forms import as_choices, choice_required
from ..providers.models import StaffUser
from ..providers.passwords import PASSWORD_MAX
from ..ui.forms import MaxLength, PortalForm, Required
from .labels import STATUS_LABELS
from .models import HistoryEntry
from .queries import SEARCH_MAX

NOBODY = "0"


class LoginForm(PortalForm):
    email = StringField(_l("E-Mail-Adresse"), validators=[
        Required(_l("Bitte schreiben Sie Ihre E-Mail-Adresse.")), MaxLength(StaffUser.EMAIL_MAX)])
    password = PasswordField(_l("Passwort"), validators=[
        Required(_l("Bitte schreiben Sie Ihr Passwort.")), MaxLength(PASSWORD_MAX)])


class SearchForm(PortalForm):
    """The list's search box. It is sent by POST and kept in the session: a search term is often
    a person's name, and names do not belong in URLs (browser history, server logs)."""

    suche = StringField(_l("Suchen"), validators=[MaxLength(SEARCH_MAX)])


class StatusForm(PortalForm):
    status = RadioField(_l("Status"), validate_choice=False,
                        choices=as_choices(STATUS_LABELS.items()),
                        validators=choice_required(_l("Bitte wählen Sie einen Status.")))


class AssignForm(PortalForm):
    assignee = RadioField(_l("Wer kümmert sich?"), validate_choice=False,
                          validators=choice_required(_l("Bitte wählen Sie, wer sich kümmert.")))


class NoteForm(PortalForm):
    text = TextAreaField(_l("Neue Notiz"), validators=[
        Required(_l("Bitte schreiben Sie eine Notiz.")), MaxLength(HistoryEntry.TEXT_MAX)])


class DeleteForm(PortalForm):
    confirm = BooleanField(_l("Ja, die Person möchte, dass wir ihre Anfrage löschen."), validators=[
        Required(_l("Bitte bestätigen Sie mit dem Haken: Die Person möchte das Löschen."))])
