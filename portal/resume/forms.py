from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField

from ..ui.forms import MaxLength, PortalForm, Required
from .codes import INPUT_MAX

UNKNOWN_CODE = _l("Den Code kennen wir nicht. Prüfen Sie den Code. Oder fangen Sie neu an.")


class ContinueForm(PortalForm):
    code = StringField(
        _l("Ihr Code"),
        validators=[Required(_l("Bitte schreiben Sie Ihren Code.")), MaxLength(INPUT_MAX)],
    )
    # Where the person was (a local path like /budget/antrag); checked again before any redirect.
    weiter = HiddenField()
