"""The GET forms of the finder pages: they change nothing, so they carry no form token."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField

from ..ui.forms import MaxLength, PortalForm, Required


class FinderForm(PortalForm):
    class Meta:
        csrf = False

    # Required only marks the field (no "freiwillig"): the view checks the postcode itself.
    plz = StringField(_l("Ihre Post·leit·zahl"), validators=[Required(_l("Bitte schreiben Sie Ihre Postleitzahl.")), MaxLength(10)])
    werkstatt = SelectField(_l("Ihre Werk·statt"), validate_choice=False)


class StoryFilterForm(PortalForm):
    class Meta:
        csrf = False

    modul = SelectField(_l("Modul"), validate_choice=False)
    arbeit = SelectField(_l("Art der Arbeit"), validate_choice=False)
