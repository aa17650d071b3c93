"""What the Klärung found, as sentences that belong in a formal application letter.

`portal.klaerung.letter_facts(lang)` gives the answers of the person's finished Klärung as plain data
(`{"answers": {question id: value(s)}, "labels": {question id: {value: label}}, "modules": [numbers]}`).
The letter never copies the Klärung's lines ("Ich kenne das Persönliche Budget: Ja"): it takes the
answers that matter to the office (where the person works now, the goal, the fields of work, the hours,
the help they need, the fitting modules) and says them in its own formal German sentences. Each
sentence comes with what it says in easy words in the person's language (their own answer from the
Klärung), so the person can check it and leave it out before sending.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import import_module

from flask_babel import lazy_gettext as _l

# Where the person works now (question "bereich").
PLACE = {
    "eingangsverfahren": "Zurzeit bin ich im Eingangsverfahren einer Werkstatt für behinderte Menschen.",
    "berufsbildung": "Zurzeit bin ich im Berufsbildungsbereich einer Werkstatt für behinderte Menschen.",
    "arbeitsbereich": "Zurzeit arbeite ich im Arbeitsbereich einer Werkstatt für behinderte Menschen.",
    "aussenarbeitsplatz": "Zurzeit arbeite ich auf einem ausgelagerten Arbeitsplatz einer Werkstatt für "
                          "behinderte Menschen in einem Betrieb.",
    "weiss-nicht": "Zurzeit arbeite ich in einer Werkstatt für behinderte Menschen.",
}
# What the person wants to try (question "ziel").
GOAL = {
    "praktikum": "Ich möchte ein Praktikum in einem Betrieb des allgemeinen Arbeitsmarktes machen.",
    "arbeitsplatz": "Ich möchte auf dem allgemeinen Arbeitsmarkt arbeiten.",
    "aussenarbeitsplatz": "Ich möchte auf einem ausgelagerten Arbeitsplatz der Werkstatt in einem Betrieb arbeiten.",
    "bleiben": "Ich möchte weiter in der Werkstatt arbeiten und mich dort beruflich weiterentwickeln.",
    "weiss-nicht": "Ich möchte herausfinden, welche Arbeit auf dem allgemeinen Arbeitsmarkt zu mir passt.",
}
TRAINING = "Ich möchte eine Ausbildung in einem Betrieb machen."
# Fields of work (question "arbeitsfelder"), as the office names them.
FIELDS = {
    "kueche": "Küche",
    "garten": "Garten- und Landschaftspflege",
    "lager": "Lager und Logistik",
    "buero": "Büro und Verwaltung",
    "laden": "Verkauf",
    "reinigung": "Reinigung",
    "pflege": "Pflege und Betreuung",
    "handwerk": "Handwerk",
    "tiere": "Tierpflege",
    "technik": "Technik und IT",
}
HOURS = {
    "bis-4": "Ich möchte bis zu vier Stunden am Tag arbeiten.",
    "4-bis-6": "Ich möchte vier bis sechs Stunden am Tag arbeiten.",
    "ueber-6": "Ich möchte mehr als sechs Stunden am Tag arbeiten.",
}
# The help the person wants (question "hilfe").
HELP = {
    "betrieb-finden": "Ich brauche Unterstützung bei der Suche nach einem passenden Betrieb.",
    "lernen-betrieb": "Ich brauche Begleitung und Anleitung im Betrieb durch einen Jobcoach.",
    "dazu-lernen": "Ich möchte mich neben der Arbeit weiterbilden und brauche dafür ein begleitendes Bildungsangebot.",
    "antraege": "Ich brauche Unterstützung bei Anträgen und im Schriftverkehr mit Behörden.",
    "geld": "Ich brauche Beratung und Unterstützung bei der Verwaltung des Persönlichen Budgets (Budgetassistenz).",
    "reden": "Ich brauche eine feste Ansprechperson, die mich auch in schwierigen Situationen begleitet.",
    "weg": "Ich brauche Unterstützung auf dem Weg zur Arbeit.",
}
TRAVEL_TRAINING = "Ich möchte lernen, allein mit Bus und Bahn zur Arbeit zu fahren (Mobilitätstraining)."
HELP_OPEN = "Welche Unterstützung ich genau brauche, möchte ich gemeinsam mit Ihnen klären."
# The JobBudget modules by their names in the model project's report.
MODULES = {
    1: "Klärung",
    2: "Akquise und Vorbereitung der betrieblichen Qualifizierung",
    3: "Betriebliche Qualifizierung mit Jobcoaching",
    4: "Begleitendes Bildungsangebot",
    5: "Sachbearbeitung",
    6: "Ergänzende Begleitung",
    7: "Budgetassistenz",
    8: "Berufsbegleitung nach Arbeitsvertrag",
}
DONT_KNOW = "weiss-nicht"


@dataclass(frozen=True)
class Sentence:
    letter: str  # formal German, as it goes into the letter
    easy: object  # what it says, in easy words in the person's language (their own Klärung answer)


def _joined(names: list[str]) -> str:
    """"A", "A und B", "A, B und C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " und " + names[-1]


def _values(answer) -> list[str]:
    if isinstance(answer, list):
        return [value for value in answer if isinstance(value, str)]
    return [answer] if isinstance(answer, str) else []


def sentences(facts: Mapping | None) -> list[Sentence]:
    """The letter's sentences from the Klärung, in the order an office reads them; [] without facts."""
    if not isinstance(facts, Mapping) or not isinstance(facts.get("answers"), Mapping):
        return []
    answers = facts["answers"]
    all_labels = facts.get("labels") if isinstance(facts.get("labels"), Mapping) else {}

    def label(question_id: str, values: list[str]) -> str:
        labels = all_labels.get(question_id) if isinstance(all_labels.get(question_id), Mapping) else {}
        return ", ".join(str(labels.get(value, "")).rstrip(".") for value in values if labels.get(value))

    found: list[Sentence] = []

    def one(question_id: str, table: Mapping[str, str]) -> None:
        for value in _values(answers.get(question_id))[:1]:
            if value in table:
                found.append(Sentence(table[value], label(question_id, [value])))

    one("bereich", PLACE)
    one("ziel", GOAL)
    if answers.get("ausbildung") == "ja":
        found.append(Sentence(TRAINING, _l("Sie möchten eine Ausbildung in einem Betrieb machen.")))
    fields = [value for value in _values(answers.get("arbeitsfelder")) if value in FIELDS]
    if fields:
        names = [FIELDS[value] for value in fields]
        where = f"im Bereich {names[0]}" if len(names) == 1 else f"in den Bereichen {_joined(names)}"
        found.append(Sentence(f"Besonders interessiere ich mich für eine Tätigkeit {where}.", label("arbeitsfelder", fields)))
    one("stunden", HOURS)
    help_values = [value for value in _values(answers.get("hilfe")) if value in HELP]
    help_sentences = [Sentence(HELP[value], label("hilfe", [value])) for value in help_values]
    if answers.get("bus-lernen") == "ja":
        help_sentences.append(Sentence(TRAVEL_TRAINING, _l("Sie möchten lernen, allein mit Bus und Bahn zu fahren.")))
    found += help_sentences or [Sentence(HELP_OPEN, _l("Sie wissen noch nicht genau, welche Hilfe Sie brauchen."))]
    modules = [number for number in facts.get("modules") or [] if number in MODULES]
    if modules:
        names = [f"Modul {number} „{MODULES[number]}“" for number in modules]
        found.append(Sentence(
            f"Nach meiner eigenen Einschätzung passen dafür die Leistungen {_joined(names)} aus dem Modell JobBudget.",
            _l("Diese Module passen zu Ihnen: %(numbers)s", numbers=", ".join(str(number) for number in modules)),
        ))
    return found


def help_text(facts: Mapping | None) -> str:
    """The letter's help text from the Klärung (one sentence a line), or "" without a finished Klärung."""
    return "\n".join(sentence.letter for sentence in sentences(facts))


def klaerung_facts(lang: str | None = None) -> dict | None:
    """The session's finished Klärung as the letter needs it, or None (also while the Klärung has no
    hand-over). `lang`: the language of the easy explanation; the letter itself is always German."""
    try:
        letter_facts = getattr(import_module("portal.klaerung"), "letter_facts", None)
    except ImportError:
        return None
    if letter_facts is None:
        return None
    return letter_facts(lang)
