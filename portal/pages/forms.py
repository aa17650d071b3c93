from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField

from ..ui.forms import MaxLength, PortalForm, Required, honeypot_field
from .models import BarrierReport


class BarrierReportForm(PortalForm):
    page = StringField(_l("Auf welcher Seite ist die Barriere?"), validators=[MaxLength(BarrierReport.PAGE_MAX)])
    description = TextAreaField(
        _l("Was klappt nicht?"),
        validators=[Required(_l("Bitte schreiben Sie, was nicht klappt.")), MaxLength(BarrierReport.DESCRIPTION_MAX)],
    )
    contact = StringField(
        _l("Wie können wir Sie erreichen?"), validators=[MaxLength(BarrierReport.CONTACT_MAX)]
    )
    website = honeypot_field()
