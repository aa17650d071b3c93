"""Demo data for the public provider pages: what the five practice sites offer and how, example
cost calculations and example success stories, in German and English.

Every price and story here is an example (`is_example=True`): the pages mark it "Beispiel", and
production refuses to serve while such rows exist (`portal.security.check_production_data`); the
loader itself refuses in production (`refuse_demo_in_production`). The self-descriptions of the sites
are in `portal/providers/demo.py`. Loading twice gives the same data.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..extensions import db
from ..housekeeping import refuse_demo_in_production
from ..offers.models import PUBLISHED, ProviderCosts, ProviderOffer, SuccessStory
from ..providers.dbtypes import utcnow
from ..providers.demo import demo_account_email
from ..providers.models import Provider, StaffUser

# The day the made-up people "agreed": a fixed date, so loading twice changes nothing.
CONSENT_DAY = date(2026, 11, 2)

# slug → offers: (module, baustein, own German text, own English text, usual hours or None).
# An empty text shows the portal's own description of the Baustein, labelled as such.
OFFERS = {
    "integra-luebeck": [
        (1, 1, "Ihr Job·coach besucht Sie in Ihrer Werk·statt.\nSie reden in Ruhe über Ihre Wünsche.",
         "Your job coach visits you in your workshop.\nYou talk calmly about your wishes.", Decimal("4")),
        (1, 4, "Sie arbeiten 2 Wochen in einem Betrieb in Lübeck.\nIhr Job·coach ist am ersten Tag dabei.",
         "You work for 2 weeks in a company in Lübeck.\nYour job coach is there on the first day.", Decimal("12")),
        (1, 6, "", "", Decimal("3")),
        (2, 1, "Ihr Job·coach kennt viele Betriebe in Lübeck.\nSie suchen zusammen einen Betrieb für Sie aus.",
         "Your job coach knows many companies in Lübeck.\nYou choose a company together.", Decimal("10")),
        (2, 4, "", "", Decimal("6")),
        (3, 2, "Ihr Job·coach lernt mit Ihnen direkt bei der Arbeit.\nAm Anfang ist Ihr Job·coach jeden Tag da.",
         "Your job coach learns the work with you, right at your workplace.\n"
         "At the start, your job coach is there every day.", Decimal("40")),
        (3, 3, "", "", Decimal("20")),
        (8, 2, "Ihr Job·coach kommt einmal im Monat in den Betrieb.",
         "Your job coach comes to the company once a month.", Decimal("12")),
    ],
    "niab": [
        (1, 2, "Sie probieren verschiedene Arbeiten aus.\nDann wissen Sie, was Ihnen Spaß macht.",
         "You try out different kinds of work.\nThen you know what you enjoy.", Decimal("6")),
        (1, 3, "", "", Decimal("6")),
        (2, 1, "Ihr Job·coach fragt Betriebe in Ihrer Nähe.\nSie sehen sich die Betriebe zusammen an.",
         "Your job coach asks companies near you.\nYou visit the companies together.", Decimal("12")),
        (2, 2, "", "", Decimal("4")),
        (3, 1, "Ihr Job·coach ist an den ersten Tagen bei Ihnen.\nSie lernen die Kollegen zusammen kennen.",
         "Your job coach is with you on the first days.\nYou meet your colleagues together.", Decimal("16")),
        (3, 2, "", "", Decimal("36")),
        (5, 2, "Ihr Job·coach hilft Ihnen bei Anträgen.\nSie gehen zusammen zum Amt.",
         "Your job coach helps you with applications.\nYou go to the office together.", Decimal("5")),
        (8, 1, "", "", Decimal("10")),
    ],
    "jzsl-jena": [
        (1, 1, "Sie treffen Ihren Job·coach im Büro in Jena.\nSie können eine Person mitbringen.",
         "You meet your job coach in the office in Jena.\nYou can bring a person with you.", Decimal("3")),
        (1, 5, "Sie können über alle Sorgen sprechen.\nIhr Job·coach hört gut zu.",
         "You can talk about all your worries.\nYour job coach listens well.", Decimal("4")),
        (5, 1, "", "", Decimal("3")),
        (6, 1, "Menschen mit Behinderung beraten Sie hier.\nSie kennen viele Sorgen aus dem eigenen Leben.",
         "People with disabilities give you advice here.\nThey know many worries from their own lives.",
         Decimal("6")),
        (7, 1, "Sie planen Ihr Persönliches Budget zusammen mit einer Beraterin.\nSie schreiben auch den Antrag zusammen.",
         "You plan your personal budget together with an adviser.\nYou also write the application together.",
         Decimal("8")),
        (7, 3, "", "", Decimal("6")),
    ],
    "zsl-mainz": [
        (1, 2, "Sie erzählen von Ihren Wünschen.\nIhr Job·coach schreibt alles auf.",
         "You talk about your wishes.\nYour job coach writes everything down.", Decimal("4")),
        (1, 6, "", "", Decimal("4")),
        (2, 2, "Ihr Job·coach geht mit zum ersten Gespräch im Betrieb.",
         "Your job coach comes with you to the first talk at the company.", Decimal("4")),
        (2, 4, "Sie üben den Weg mit dem Bus.\nIhr Job·coach fährt am Anfang mit.",
         "You practise the way by bus.\nAt the start, your job coach rides with you.", Decimal("8")),
        (4, 2, "", "", None),
        (7, 2, "", "", Decimal("4")),
    ],
    "ifd-bremen": [
        (2, 1, "Ihr Job·coach kennt viele Betriebe in Bremen.\nSie suchen zusammen einen passenden Betrieb.",
         "Your job coach knows many companies in Bremen.\nYou look for a good company together.", Decimal("12")),
        (2, 3, "", "", Decimal("6")),
        (3, 2, "Ihr Job·coach zeigt Ihnen jede Aufgabe genau.\nSie üben so lange, bis es klappt.",
         "Your job coach shows you every task step by step.\nYou practise until it works.", Decimal("40")),
        (3, 4, "", "", Decimal("6")),
        (6, 2, "", "", Decimal("8")),
        (8, 3, "Ihr Job·coach hilft, wenn sich etwas ändert.\nZum Beispiel bei einem neuen Chef.",
         "Your job coach helps when something changes.\nFor example, when you get a new boss.", Decimal("6")),
    ],
}

# slug → the inputs of the example cost calculation (staff cost, productive hours, overhead %, travel %).
COSTS = {
    "integra-luebeck": (Decimal("62000"), Decimal("1400"), Decimal("20"), Decimal("5")),
    "niab": (Decimal("58000"), Decimal("1450"), Decimal("18"), Decimal("8")),
    "jzsl-jena": (Decimal("55000"), Decimal("1300"), Decimal("15"), Decimal("3")),
    "zsl-mainz": (Decimal("60000"), Decimal("1350"), Decimal("22"), Decimal("7")),
    "ifd-bremen": (Decimal("68000"), Decimal("1500"), Decimal("25"), Decimal("4")),
}

# slug → example stories, each in German and English (two rows, one per language).
STORIES = {
    "integra-luebeck": [
        {
            "modules": [1, 2, 3],
            "work_kind": "kueche",
            "de": ("Lena arbeitet jetzt in einer Kantine", "Lena",
                   "Lena war 6 Jahre in der Werk·statt.\nSie wollte gern in einer Küche arbeiten.\n"
                   "Sie hat ein Praktikum in einer Kantine gemacht.\nJetzt hat sie dort einen Arbeits·vertrag.",
                   "Ihr Job·coach war am Anfang jeden Tag da.\nDie Kollegen in der Küche sind sehr nett."),
            "en": ("Lena now works in a canteen", "Lena",
                   "Lena was in the workshop for 6 years.\nShe wanted to work in a kitchen.\n"
                   "She did a work placement in a canteen.\nNow she has a job contract there.",
                   "At the start, her job coach was there every day.\nThe people in the kitchen are very kind."),
        },
    ],
    "niab": [
        {
            "modules": [1, 2, 3, 8],
            "work_kind": "lager",
            "de": ("Tom packt Pakete im Lager", "Tom",
                   "Tom hat in der Werk·statt Teile sortiert.\nEr wollte mehr Geld verdienen.\n"
                   "Sein Job·coach hat ein Lager in Fürstenwalde gefunden.\nTom arbeitet dort seit 1 Jahr.",
                   "Tom hat den Weg mit dem Bus geübt.\nEin Kollege hilft ihm bei Fragen."),
            "en": ("Tom packs parcels in a warehouse", "Tom",
                   "Tom sorted parts in the workshop.\nHe wanted to earn more money.\n"
                   "His job coach found a warehouse in Fürstenwalde.\nTom has worked there for 1 year.",
                   "Tom practised the way by bus.\nA colleague helps him when he has questions."),
        },
        {
            "modules": [1, 5],
            "work_kind": "garten",
            "de": ("Aylin arbeitet in einer Gärtnerei", "Aylin",
                   "Aylin ist gern draußen.\nSie hat 3 Betriebe ausprobiert.\nDie Gärtnerei hat ihr am besten gefallen.",
                   "Ihr Job·coach hat mit ihr die Anträge gemacht.\nIhre Mutter hat sie auch unterstützt."),
            "en": ("Aylin works at a garden centre", "Aylin",
                   "Aylin likes being outside.\nShe tried out 3 companies.\nShe liked the garden centre best.",
                   "Her job coach did the applications with her.\nHer mother supported her too."),
        },
    ],
    "jzsl-jena": [
        {
            "modules": [1, 7],
            "work_kind": "buero",
            "de": ("Jonas hilft im Büro einer Schule", "Jonas",
                   "Jonas kann gut am Computer arbeiten.\nEr hat das Persönliche Budget beantragt.\n"
                   "Jetzt arbeitet er im Büro einer Schule.",
                   "Die Beratung beim Budget hat ihm Mut gemacht.\nEr bezahlt seinen Job·coach mit dem Budget."),
            "en": ("Jonas helps in a school office", "Jonas",
                   "Jonas is good at working on a computer.\nHe applied for a personal budget.\n"
                   "Now he works in the office of a school.",
                   "The advice about the budget gave him courage.\nHe pays his job coach with the budget."),
        },
    ],
    "zsl-mainz": [
        {
            "modules": [1, 2, 4],
            "work_kind": "handel",
            "de": ("Maria räumt Regale in einem Laden ein", "Maria",
                   "Maria wollte mit Menschen arbeiten.\nSie hat in einem Supermarkt in Bitburg angefangen.\n"
                   "Jetzt räumt sie jeden Morgen die Regale ein.",
                   "Sie hat in einer Gruppe viel über ihre Rechte gelernt.\nIhr Job·coach hat den Weg mit ihr geübt."),
            "en": ("Maria stocks shelves in a shop", "Maria",
                   "Maria wanted to work with people.\nShe started at a supermarket in Bitburg.\n"
                   "Now she stocks the shelves every morning.",
                   "In a group, she learned a lot about her rights.\nHer job coach practised the way with her."),
        },
    ],
    "ifd-bremen": [
        {
            "modules": [2, 3, 8],
            "work_kind": "handwerk",
            "de": ("Ali repariert Fahrräder", "Ali",
                   "Ali hat in der Werk·statt Fahrräder geputzt.\nEr wollte sie lieber reparieren.\n"
                   "Ein Fahrrad·laden in Bremen hat ihn genommen.",
                   "Sein Job·coach hat ihm jeden Schritt gezeigt.\nDer Chef hat viel Geduld."),
            "en": ("Ali repairs bicycles", "Ali",
                   "Ali cleaned bicycles in the workshop.\nHe wanted to repair them instead.\n"
                   "A bicycle shop in Bremen took him on.",
                   "His job coach showed him every step.\nThe boss is very patient."),
        },
    ],
}


def load_demo_offers() -> str:
    """Offers, example costs and example stories for the five practice sites (never in production)."""
    refuse_demo_in_production()
    offers = stories = 0
    for slug, rows in OFFERS.items():
        provider = db.session.execute(db.select(Provider).filter_by(slug=slug)).scalar_one_or_none()
        if provider is None:
            continue  # the providers' demo loader runs first; without it there is nothing to attach to
        offers += _load_offers(provider, rows)
        _load_costs(provider, COSTS[slug])
        stories += _load_stories(provider, STORIES.get(slug, []))
    db.session.commit()
    return f"{offers} offered Bausteine, {len(COSTS)} example cost calculations, {stories} example stories"


def _load_offers(provider: Provider, rows) -> int:
    existing = {(offer.module, offer.baustein): offer for offer in db.session.execute(
        db.select(ProviderOffer).filter_by(provider_id=provider.id)).scalars()}
    for module, baustein, text_de, text_en, hours in rows:
        offer = existing.get((module, baustein))
        if offer is None:
            offer = ProviderOffer(provider_id=provider.id, module=module, baustein=baustein)
            db.session.add(offer)
        offer.text_de, offer.text_en, offer.hours = text_de, text_en, hours
    return len(rows)


def _load_costs(provider: Provider, inputs) -> None:
    costs = db.session.get(ProviderCosts, provider.id)
    if costs is None:
        costs = ProviderCosts(provider_id=provider.id)
        db.session.add(costs)
    (costs.yearly_staff_cost, costs.productive_hours, costs.overhead_percent, costs.travel_percent) = inputs
    costs.is_example = True


def _load_stories(provider: Provider, stories: list[dict]) -> int:
    staff = db.session.execute(
        db.select(StaffUser).filter_by(email=demo_account_email(provider.slug))).scalar_one_or_none()
    count = 0
    for story in stories:
        for lang in ("de", "en"):
            title, first_name, way, helped = story[lang]
            row = db.session.execute(db.select(SuccessStory).filter_by(
                provider_id=provider.id, lang=lang, title=title, is_example=True)).scalar_one_or_none()
            if row is None:
                row = SuccessStory(provider_id=provider.id, lang=lang, title=title, is_example=True,
                                   published_at=utcnow())
                db.session.add(row)
            row.first_name, row.way, row.helped, row.work_kind = first_name, way, helped, story["work_kind"]
            row.module_numbers = story["modules"]
            row.consent_on = CONSENT_DAY
            row.consent_recorded_by = staff.id if staff is not None else None
            row.status = PUBLISHED
            row.published_at = row.published_at or utcnow()
            count += 1
    return count
