"""Form building blocks with friendly easy-language errors, shared by every feature's forms."""
from __future__ import annotations

from flask import has_request_context, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
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


class MaxLength:
    """A length limit that says the limit in words a person understands."""

    def __init__(self, limit: int):
        self.limit = limit
        self.field_flags = {"maxlength": limit}

    def __call__(self, form, field):
        if field.data and len(field.data) > self.limit:
            raise ValidationError(
                _l(
                    "Der Text ist zu lang. Bitte schreiben Sie höchstens %(limit)s Zeichen. Jetzt sind es %(count)s.",
                    limit=self.limit,
                    count=len(field.data),
                )
            )


class PortalForm(FlaskForm):
    """Base form: strips surrounding blanks, which people on phones add by accident."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = list(unbound_field.kwargs.get("filters", []))
            if unbound_field.field_class is StringField or issubclass(unbound_field.field_class, StringField):
                filters.append(_strip)
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
