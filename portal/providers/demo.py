"""Demo data: the five JobBudget practice sites (2008–2011) and their partner workshops.

The names of the sites and workshops are those of the model project; every e-mail address
(`.example`, RFC 2606), phone number (030 23125 …, a range the Bundesnetzagentur keeps for
fiction) and street address is made up. The postcode areas are rough approximations of the
regions, good enough to try the portal out, not to route real requests.

Loading twice gives the same data. Staff accounts (one per provider) get the password from
$DEMO_PASSWORD (default below). Production refuses all of it (`refuse_demo_in_production`).
"""
from __future__ import annotations

import os

from ..extensions import db
from ..housekeeping import refuse_demo_in_production
from . import admin
from .areas import parse_area
from .models import Provider

DEMO_PASSWORD_VARIABLE = "DEMO_PASSWORD"
DEFAULT_DEMO_PASSWORD = "jobbudget-demo"

SITES = [
    {
        "slug": "integra-luebeck",
        "name": "integra Lübeck",
        "description_de": "Wir sind ein Dienst für Menschen mit Behinderung in Lübeck und Ost·holstein.\n"
                          "Wir helfen Ihnen auf dem Weg aus der Werk·statt in einen Betrieb.\n"
                          "Ein Job·coach begleitet Sie bei der Arbeit.",
        "description_en": "We are a service for disabled people in Lübeck and Ostholstein.\n"
                          "We help you on the way from the workshop into a company.\n"
                          "A job coach goes with you at work.",
        "email": "kontakt@integra-luebeck.example",
        "phone": "030 23125 101",
        "address": "Beispielweg 1, 23552 Lübeck",
        "areas": ["Lübeck: 23539-23570", "Kreis Ostholstein: 23611-23617, 23623-23629, 23669-23779"],
        "workshops": [("Marli GmbH", "Lübeck"), ("Ostholsteiner Behindertenhilfe", "Eutin"),
                      ("Vorwerker Diakonie", "Lübeck")],
    },
    {
        "slug": "niab",
        "name": "Netzwerk Integrationsassistenz Brandenburg (NIAB)",
        "description_de": "Wir arbeiten in den Land·kreisen Oder-Spree und Märkisch-Oderland.\n"
                          "Wir suchen mit Ihnen einen Betrieb für Sie.\n"
                          "Wir bleiben an Ihrer Seite, auch nach dem Start.",
        "description_en": "We work in the districts of Oder-Spree and Märkisch-Oderland.\n"
                          "We look for a company for you, together with you.\n"
                          "We stay at your side, also after the start.",
        "email": "kontakt@niab.example",
        "phone": "030 23125 102",
        "address": "Musterstraße 2, 15517 Fürstenwalde/Spree",
        "areas": ["Landkreis Oder-Spree: 15517-15537, 15566-15569, 15848-15898",
                  "Landkreis Märkisch-Oderland: 15306-15378, 15562, 16259-16269"],
        "workshops": [("Lebenshilfe Oder-Neiße-Werkstätten", "Eisenhüttenstadt"),
                      ("format Werkstatt", "Fürstenwalde/Spree"), ("Stephanus-Werkstätten", "Bad Freienwalde"),
                      ("Christophorus-Werkstätten", "Fürstenwalde/Spree")],
    },
    {
        "slug": "jzsl-jena",
        "name": "JZsL Jena",
        "description_de": "Wir beraten Menschen aus Werk·stätten in Jena und in der Umgebung.\n"
                          "Wir helfen Ihnen auf dem Weg in einen Betrieb.\n"
                          "Wir helfen Ihnen auch beim Persönlichen Budget.",
        "description_en": "We give advice to people from workshops in and around Jena.\n"
                          "We help you on the way into a company.\n"
                          "We also help you with the personal budget.",
        "email": "kontakt@jzsl-jena.example",
        "phone": "030 23125 103",
        "address": "Beispielplatz 3, 07743 Jena",
        "areas": ["Jena: 07743-07751", "Saale-Holzland-Kreis: 07607-07646", "Weimarer Land: 99438-99444, 99510"],
        "workshops": [("Lebenshilfe-Werk Weimar/Apolda", "Blankenhain"), ("Roda-Werkstatt", "Stadtroda"),
                      ("Holzlandwerkstätten", "Bad Klosterlausnitz"),
                      ("Saale-Betreuungswerk der Lebenshilfe Jena", "Jena")],
    },
    {
        "slug": "zsl-mainz",
        "name": "ZsL Mainz",
        "description_de": "Wir beraten Menschen mit Behinderung im Eifel·kreis Bitburg-Prüm.\n"
                          "Wir hören Ihnen zu und fragen nach Ihren Wünschen.\n"
                          "Wir planen mit Ihnen die Schritte in einen Betrieb.",
        "description_en": "We give advice to disabled people in the district of Bitburg-Prüm.\n"
                          "We listen to you and ask about your wishes.\n"
                          "We plan the steps into a company with you.",
        "email": "kontakt@zsl-mainz.example",
        "phone": "030 23125 104",
        "address": "Musterweg 4, 54634 Bitburg",
        "areas": ["Eifelkreis Bitburg-Prüm: 54595-54597, 54608-54689"],
        "workshops": [("Westeifel Werke", "Gerolstein"), ("EuWeCo", "Weinsheim"),
                      ("St. Bernhards Werkstätten", "Zemmer")],
    },
    {
        "slug": "ifd-bremen",
        "name": "Integrationsfachdienst Bremen",
        "description_de": "Wir sind der Integrations·fach·dienst in Bremen.\n"
                          "Wir helfen Ihnen, eine Arbeit in einem Betrieb zu finden.\n"
                          "Wir beraten auch Ihren Arbeit·geber.",
        "description_en": "We are the integration service in Bremen.\n"
                          "We help you find work in a company.\n"
                          "We also give advice to your employer.",
        "email": "kontakt@ifd-bremen.example",
        "phone": "030 23125 105",
        "address": "Beispielstraße 5, 28195 Bremen",
        "areas": ["Bremen: 28195-28779"],
        "workshops": [("Werkstatt Bremen", "Bremen")],
    },
]


def demo_password() -> str:
    return os.environ.get(DEMO_PASSWORD_VARIABLE) or DEFAULT_DEMO_PASSWORD


def demo_account_email(slug: str) -> str:
    return f"team@{slug}.example"


def load_demo() -> str:
    """Create or update the five sites and their missing demo accounts (never in production)."""
    refuse_demo_in_production()
    for site in SITES:
        _load_site(site)
    accounts = _load_accounts()
    db.session.commit()
    return f"{len(SITES)} providers with {sum(len(s['workshops']) for s in SITES)} partner workshops{accounts}"


def _load_site(site: dict) -> Provider:
    fields = admin.ProviderFields(**{key: site[key] for key in (
        "name", "description_de", "description_en", "email", "phone", "address")})
    provider = db.session.execute(db.select(Provider).filter_by(slug=site["slug"])).scalar_one_or_none()
    if provider is None:
        provider = admin.add_provider(site["slug"], fields)
    else:
        admin.update_provider(provider, fields)
    wanted = [r for text in site["areas"] for r in parse_area(text)]
    if provider.area_ranges() != wanted:
        admin.replace_areas(provider, wanted)
    for name, town in site["workshops"]:
        admin.add_workshop(provider, name, town)
    db.session.flush()
    return provider


def _load_accounts() -> str:
    password = demo_password()
    created = []
    for site in SITES:
        email = demo_account_email(site["slug"])
        if admin.find_user(email, required=False) is None:
            provider = admin.find_provider(site["slug"])
            admin.create_user(provider, email, password, name=f"Demo-Team {provider.name}")
            created.append(email)
    shown = password if password == DEFAULT_DEMO_PASSWORD else f"${DEMO_PASSWORD_VARIABLE}"
    emails = ", ".join(demo_account_email(site["slug"]) for site in SITES)
    return f"; demo log-ins at /anbieter/anmelden: {emails} (password: {shown}; {len(created)} new)"
