"""Demo data: one operator account, with the demo staff accounts' password ($DEMO_PASSWORD or
the default), and two made-up barrier reports for its desk. Never in production; `portal.security`
refuses to serve while the demo operator account is active. Loading twice changes nothing."""
from __future__ import annotations

from datetime import timedelta

from ..extensions import db
from ..housekeeping import refuse_demo_in_production
from ..providers import admin
from ..pages.models import NEW, BarrierReport
from ..providers.dbtypes import utcnow
from ..providers.demo import DEFAULT_DEMO_PASSWORD, DEMO_PASSWORD_VARIABLE, demo_password
from . import logic

DEMO_OPERATOR_EMAIL = "betrieb@jobbudget-portal.example"
DEMO_REPORTS = [
    # (days ago, language, page, what the person wrote, contact, status, note)
    (3, "de", "Wörterbuch", "Die Schrift auf dem Handy ist sehr klein. Ich kann das Wort nicht lesen.", "",
     NEW, ""),
    (9, "en", "Contact", "The radio buttons are hard to see with high contrast.", "030 23125 399",
     "in_arbeit", "Checked with the high-contrast setting: the circle is too pale. A fix is being prepared."),
]


def load_demo() -> str:
    refuse_demo_in_production()
    password = demo_password()
    created = admin.find_user(DEMO_OPERATOR_EMAIL, required=False) is None
    if created:
        admin.create_operator(DEMO_OPERATOR_EMAIL, password, name="Demo-Betrieb")
        db.session.commit()
    reports = _load_reports(admin.find_user(DEMO_OPERATOR_EMAIL))
    shown = password if password == DEFAULT_DEMO_PASSWORD else f"${DEMO_PASSWORD_VARIABLE}"
    return (f"operator's desk at /anbieter/anmelden → /betrieb: {DEMO_OPERATOR_EMAIL} "
            f"(password: {shown}; {'new' if created else 'there already'}); {reports} new demo barrier reports")


def _load_reports(operator) -> int:
    now, created = utcnow(), 0
    for days, lang, page, description, contact, status, note in DEMO_REPORTS:
        exists = db.session.execute(db.select(BarrierReport.id).filter_by(description=description)).first()
        if exists:
            continue
        report = BarrierReport(lang=lang, page=page, description=description, contact=contact,
                               created_at=now - timedelta(days=days))
        db.session.add(report)
        db.session.flush()
        if status != NEW or note:
            logic.change(report, operator, status, note, now - timedelta(days=days - 1))
        created += 1
    db.session.commit()
    return created
