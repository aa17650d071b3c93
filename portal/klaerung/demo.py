"""Demo data: a finished Klärung under a known code, to try /weitermachen and the result page."""
from __future__ import annotations

from datetime import date

from ..housekeeping import refuse_demo_in_production
from ..resume import store
from .state import SECTION

DEMO_CODE = "Kompass Sonne Tiger 2026"
DEMO_ANSWERS = {
    "bereich": "arbeitsbereich",
    "dauer": "5-bis-20",
    "wohnen": "wohngruppe",
    "postleitzahl": "23552",
    "arbeitsfelder": ["garten", "tiere"],
    "lieblings-arbeit": "Pflanzen gießen und Tiere füttern",
    "kunden": "weiss-nicht",
    "praktikum": "ja",
    "praktikum-wie": "gut",
    "staerken": ["puenktlich", "haende", "ausdauer"],
    "andere-sagen": "",
    "lernen": "zeigen",
    "stunden": "4-bis-6",
    "team": "team",
    "drinnen": "draussen",
    "weg": "bis-30",
    "unterwegs": ["fahrdienst"],
    "bus-lernen": "ja",
    "ziel": "praktikum",
    "sorgen": ["zurueck", "kollegen"],
    "antwort-zurueck": "gelesen",
    "antwort-kollegen": "gelesen",
    "sorgen-andere": "",
    "hilfe": ["lernen-betrieb", "weg"],
    "helfer": ["gruppenleitung"],
    "budget-kennen": "nein",
    "gespraech": "anbieter",
}


def load_demo() -> str:
    """Saving again only renews the 30 days: running `demo load` twice changes nothing else."""
    refuse_demo_in_production()  # a known code must never open anything there
    store.save(DEMO_CODE, SECTION, {
        "mode": "begleitung",
        "answers": DEMO_ANSWERS,
        "notes": {"ziel": "Hat im Praktikum in der Gärtnerei viel gelacht."},
        "finished": date(2026, 11, 25).isoformat(),
    })
    return f"a finished Klärung with support notes under the code '{DEMO_CODE}'"
