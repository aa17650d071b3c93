"""The reader's small form ("Das verstehe ich nicht") and the desk's form to mark a place as reworked."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField, TextAreaField

from ..ui.forms import MaxLength, PortalForm, Required, honeypot_field
from .models import ReaderFlag, ReaderRework


class FlagForm(PortalForm):
    """Sent from every reader page. No form token: the page it stands on is the same for everyone and
    kept in the page cache, and a token would give every reader a session. The view checks instead
    that the post comes from the portal's own page (routes.same_origin)."""

    class Meta:
        csrf = False

    page = HiddenField()
    section = HiddenField()
    word = StringField(_l("Welches Wort?"), validators=[MaxLength(ReaderFlag.WORD_MAX)])
    website = honeypot_field()


class ReworkForm(PortalForm):
    note = TextAreaField(
        _l("Was haben Sie geändert?"),
        validators=[Required(_l("Bitte schreiben Sie, was Sie geändert haben.")), MaxLength(ReaderRework.NOTE_MAX)],
    )
