"""Demo data: one operator account, with the demo staff accounts' password ($DEMO_PASSWORD or
the default). Never in production; `portal.security` refuses to serve while it is active."""
from __future__ import annotations

from ..extensions import db
from ..housekeeping import refuse_demo_in_production
from ..providers import admin
from ..providers.demo import DEFAULT_DEMO_PASSWORD, DEMO_PASSWORD_VARIABLE, demo_password

DEMO_OPERATOR_EMAIL = "betrieb@jobbudget-portal.example"


def load_demo() -> str:
    refuse_demo_in_production()
    password = demo_password()
    created = admin.find_user(DEMO_OPERATOR_EMAIL, required=False) is None
    if created:
        admin.create_operator(DEMO_OPERATOR_EMAIL, password, name="Demo-Betrieb")
        db.session.commit()
    shown = password if password == DEFAULT_DEMO_PASSWORD else f"${DEMO_PASSWORD_VARIABLE}"
    return (f"operator's desk at /anbieter/anmelden → /betrieb: {DEMO_OPERATOR_EMAIL} "
            f"(password: {shown}; {'new' if created else 'there already'})")
