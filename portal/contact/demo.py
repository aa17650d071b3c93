"""Demo requests, so the inbox has something to show after `make run` (not in production).

Made-up people with made-up numbers (030 23125 …, the range kept for fiction) and `.example`
addresses. Loading twice changes nothing: each demo request has a fixed reference number.
"""
from __future__ import annotations

from ..extensions import db
from ..housekeeping import refuse_demo_in_production
from ..providers.models import PartnerWorkshop, Provider
from .flow import EMAIL, LETTER, PHONE, SOCIAL_SERVICE, TRUSTED_PERSON
from .models import IN_CONTACT, NEW, ContactRequest
from .routing import BY_POSTCODE, BY_WORKSHOP
from .service import reference_in_use

DEMO_RESULT = {
    "title": "Mein Ergebnis",
    "created": "2026-11-20",
    "sections": [
        {"heading": "Das mache ich gerne", "items": ["Küche", "Garten"]},
        {"heading": "Diese Hilfe brauche ich", "items": ["Jemand zeigt mir die Arbeit.", "Ich brauche Pausen."]},
    ],
}

REQUESTS = [
    dict(reference="JB-DM2A", provider="integra-luebeck", workshop="Marli GmbH", name="Maria",
         contact_way=PHONE, phone="030 23125 201", good_times="Montag bis Freitag ab 15 Uhr",
         topics=["modul-1", "reden"], message="Ich möchte gerne in einer Küche arbeiten."),
    dict(reference="JB-DM2B", provider="integra-luebeck", postcode="23560", name="Tom",
         contact_way=TRUSTED_PERSON, helper_name="Petra Beispiel", helper_contact="030 23125 202",
         topics=["budget"], status=IN_CONTACT),
    dict(reference="JB-DM3A", provider="niab", workshop="format Werkstatt", name="Ali",
         contact_way=EMAIL, email="ali@beispiel.example", topics=["modul-3"], klaerung_result=DEMO_RESULT),
    dict(reference="JB-DM4A", provider="jzsl-jena", workshop="Roda-Werkstatt", name="Sandra",
         contact_way=LETTER, postal_address="Beispielweg 7\n07646 Stadtroda", topics=["modul-2", "budget"]),
    dict(reference="JB-DM5A", provider="zsl-mainz", workshop="Westeifel Werke", name="Jonas",
         contact_way=SOCIAL_SERVICE, helper_name="Frau Muster", topics=["reden"]),
    dict(reference="JB-DM6A", provider="ifd-bremen", workshop="Werkstatt Bremen", name="Lea",
         contact_way=PHONE, phone="030 23125 206", topics=["modul-4"],
         message="Ich war schon im Praktikum. Wie geht es weiter?"),
]


def load_demo_requests() -> str:
    refuse_demo_in_production()
    created = 0
    for spec in REQUESTS:
        spec = dict(spec)
        if reference_in_use(spec["reference"]):
            continue
        provider = db.session.execute(db.select(Provider).filter_by(slug=spec.pop("provider"))).scalar_one_or_none()
        if provider is None:
            continue  # the providers' demo data are not loaded
        workshop_name = spec.pop("workshop", "")
        workshop = db.session.execute(db.select(PartnerWorkshop).filter_by(name=workshop_name)).scalar_one_or_none()
        contact_request = ContactRequest(
            provider_id=provider.id, routed_by=BY_WORKSHOP if workshop else BY_POSTCODE, lang="de",
            consent_version="demo", status=spec.pop("status", NEW),
            workshop_name=workshop.label if workshop else "", **spec,
        )
        contact_request.refresh_search_text()
        db.session.add(contact_request)
        created += 1
    db.session.commit()
    return f"{len(REQUESTS)} demo requests ({created} new)"
