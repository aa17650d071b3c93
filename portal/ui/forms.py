"""Form building blocks with friendly easy-language errors, shared by every feature's forms."""
from __future__ import annotations

import re

from flask import has_request_context, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import StopValidation, ValidationError

from . import pending


class Required:
    """A required answer, with the field's own friendly message ("Bitte schreiben Sie …")."""

    field_flags = {"required": True}

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        data = field.data
        if data is None or (isinstance(data, str) and not data.strip()) or data == [] or data is False:
            field.errors[:] = []
            raise StopValidation(self.message)


# The browser's maxlength leaves room for blanks around the text: the form strips them before it
# checks the length, so " 23552" must not be cut to " 2355" while it is typed.
MAXLENGTH_ROOM = 10


class MaxLength:
    """A length limit that says the limit in words a person understands (checked after cleaning)."""

    def __init__(self, limit: int):
        self.limit = limit
        self.field_flags = {"maxlength": limit + MAXLENGTH_ROOM}

    def __call__(self, form, field):
        if field.data and len(field.data) > self.limit:
            raise ValidationError(
                _l(
                    "Der Text ist zu lang. Bitte schreiben Sie höchstens %(limit)s Zeichen. Jetzt sind es %(count)s.",
                    limit=self.limit,
                    count=len(field.data),
                )
            )


# Characters nobody types on purpose, removed from every text field before anything else looks at it:
# C0 control characters except tab and line breaks (NUL breaks PostgreSQL), DEL, C1 control characters,
# zero-width characters and direction marks (U+200B–U+200F), bidi overrides and isolates
# (U+202A–U+202E, U+2066–U+2069; they make a text read differently than it is stored) and U+FEFF.
INVISIBLE_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def clean_text(value):
    """The text without invisible characters (see INVISIBLE_CHARACTERS)."""
    return INVISIBLE_CHARACTERS.sub("", value) if isinstance(value, str) else value


def _without_nul(value):
    return value.replace("\x00", "") if isinstance(value, str) else value


class PortalForm(FlaskForm):
    """Base form for every form of the portal. Each text field is cleaned before its own filters and
    validators see it: invisible characters removed (`clean_text`), then surrounding blanks, which
    people on phones add by accident. A field left empty by that gets its field's "required" error.
    Passwords are taken exactly as typed; only NUL goes (no database stores it, no person types it)."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = list(unbound_field.kwargs.get("filters", []))
            field_class = unbound_field.field_class
            if issubclass(field_class, PasswordField):
                filters.insert(0, _without_nul)
            elif issubclass(field_class, StringField):
                filters = [clean_text, *filters, _strip]
            return unbound_field.bind(form=form, filters=filters, **options)

    def __init__(self, *args, **kwargs):
        # After a POST with errors (Post/Redirect/Get, see portal/ui/pending.py) the GET of the same
        # page shows the form again with what was typed and the errors.
        waiting = None
        if not args and "formdata" not in kwargs and has_request_context():
            waiting = pending.waiting_formdata_for(type(self), kwargs.get("prefix", ""))
            if waiting is not None:
                kwargs["formdata"] = waiting[0]
        super().__init__(*args, **kwargs)
        if has_request_context():
            pending.note_form(self)
        if waiting is not None:
            for field in self:
                if field.name in waiting[1]:
                    field.errors = list(waiting[1][field.name])

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators=extra_validators)
        if has_request_context() and request.method == "POST":
            pending.note_validation(self, valid)
        return valid

    @property
    def is_spam(self) -> bool:
        website = getattr(self, "website", None)
        return bool(website is not None and website.data)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def honeypot_field():
    """Bots fill every field; a person never sees this one. Views check `form.is_spam` and
    answer as if all went well, so a bot learns nothing."""
    return StringField("website")
