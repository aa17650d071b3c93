"""Answers → "Mein Ergebnis": every module rule, every next step, worries with answers, notes."""
from __future__ import annotations

from datetime import date

import pytest

from portal.klaerung import rules
from tests.unit.test_klaerung_data import questionnaire, walk

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database

TITLES = {number: f"Titel {number}" for number in range(1, 9)}
DAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def q():
    return questionnaire("de")


def result(q, notes=None, **changes):
    return rules.build_result(q, walk(q, **changes), notes or {}, DAY, TITLES)


def modules(res) -> dict[int, tuple[str, ...]]:
    return {fit.number: fit.reasons for fit in res.modules}


def section(res, key):
    return next((s for s in res.sections if s.key == key), None)


def texts(res, key) -> list[str]:
    found = section(res, key)
    return [item.text for item in found.items] if found else []


ALWAYS_MODULE_1 = "Die Fragen hier sind ein erster Blick."


def test_the_neutral_answers_fit_only_module_1_which_everybody_is_offered(q):
    res = result(q)
    assert [fit.number for fit in res.modules] == [1]
    assert res.modules[0].reasons[0].startswith(ALWAYS_MODULE_1)
    assert res.title == "Mein Ergebnis" and res.created == DAY


# --- the modules that fit, one test per rule ------------------------------------------------------

MODULE_CASES = [
    (1, {}, ALWAYS_MODULE_1),  # the JobBudget report: Modul 1 for every workshop employee
    (1, {"ziel": "weiss-nicht"}, "Sie wissen noch nicht, was Sie ausprobieren möchten."),
    (1, {"arbeitsfelder": ["weiss-nicht"]}, "Sie wissen noch nicht, wo Sie arbeiten möchten."),
    (2, {"ziel": "praktikum"}, "Sie möchten in einem Betrieb arbeiten."),
    (2, {"ziel": "aussenarbeitsplatz"}, "Sie möchten in einem Betrieb arbeiten."),
    (2, {"hilfe": ["betrieb-finden"]}, "Sie möchten Hilfe bei der Suche nach einem Betrieb."),
    (3, {"hilfe": ["lernen-betrieb"]}, "Sie möchten in einem Betrieb lernen.\nDabei hilft Modul 3."),
    (3, {"ziel": "arbeitsplatz"}, "Sie möchten in einem Betrieb lernen.\nDabei hilft Modul 3."),
    (4, {"hilfe": ["dazu-lernen"]}, "Sie möchten neben der Arbeit dazu lernen."),
    # An apprenticeship (Budget für Ausbildung, § 61a SGB IX) needs a company first, not Modul 4's courses.
    (2, {"bereich": "berufsbildung", "ausbildung": "ja"}, "Sie möchten eine Ausbildung in einem Betrieb machen."),
    (5, {"hilfe": ["antraege"]}, "Sie möchten Hilfe bei Anträgen und Briefen."),
    (6, {"hilfe": ["reden"]}, "Sie möchten mehr Begleitung, wenn es schwer wird."),
    # Practising the way to work is Baustein 4 of Modul 2 ("Den Weg zur Arbeit üben").
    (2, {"hilfe": ["weg"]}, "Sie möchten Hilfe auf dem Weg zur Arbeit."),
    (2, {"unterwegs": ["fahrdienst"], "bus_lernen": "ja"}, "Sie möchten den Weg zur Arbeit allein schaffen."),
    (7, {"hilfe": ["geld"]}, "Sie möchten Hilfe mit dem Persönlichen Budget."),
    (8, {"ziel": "arbeitsplatz"}, "Sie möchten einen Arbeits·vertrag in einem Betrieb."),
    (8, {"sorgen": ["kollegen"]}, "Sie machen sich Sorgen um die Arbeit mit Kollegen."),
]


@pytest.mark.parametrize(("module", "changes", "reason"), MODULE_CASES)
def test_each_module_rule_gives_its_module_with_the_reason(q, module, changes, reason):
    found = modules(result(q, **changes))
    assert module in found
    assert any(text.startswith(reason) for text in found[module])


def test_every_module_rule_in_the_data_file_has_a_test(q):
    tested = {(module, tuple(sorted(changes))) for module, changes, reason in MODULE_CASES}
    for rule in q.module_rules:
        assert any(module == rule.module and set(rule.condition.when) <= {k.replace("_", "-") for k in keys}
                   for module, keys in tested), f"no test for the rule of module {rule.module}: {rule.condition}"


def test_an_answer_that_no_longer_counts_fits_no_module(q):
    answers = walk(q, bereich="berufsbildung", ausbildung="ja")
    answers["bereich"] = "arbeitsbereich"  # changed on the check page: the training question is off the way
    res = rules.build_result(q, answers, {}, DAY, TITLES)
    assert not any("Ausbildung" in reason for reasons in modules(res).values() for reason in reasons)
    assert "Ausbildung in einem Betrieb: Ja" not in texts(res, "wishes")


def test_two_rules_with_the_same_reason_give_it_once(q):
    found = modules(result(q, ziel="arbeitsplatz", hilfe=["lernen-betrieb"]))
    assert found[3] == ("Sie möchten in einem Betrieb lernen.\nDabei hilft Modul 3.",)


def test_modules_come_in_order_with_their_titles(q):
    res = result(q, ziel="arbeitsplatz", hilfe=["antraege", "betrieb-finden"])
    assert [fit.number for fit in res.modules] == [1, 2, 3, 5, 8]
    assert res.modules[0].title == "Titel 1"


# --- next steps ------------------------------------------------------------------------------

def steps(res) -> list[str]:
    return [step.text.splitlines()[0] for step in res.next_steps]


@pytest.mark.parametrize(
    ("changes", "first_line", "present"),
    [
        ({"ziel": "bleiben"}, "Sie möchten in der Werk·statt bleiben.", True),
        ({"ziel": "praktikum"}, "Sie möchten in der Werk·statt bleiben.", False),
        ({"gespraech": "werkstatt"}, "Zeigen Sie Ihr Ergebnis Ihrer Gruppen·leitung oder dem Sozial·dienst.", True),
        ({"gespraech": "familie"}, "Zeigen Sie Ihr Ergebnis Ihrer Familie.", True),
        ({"gespraech": "beratung"}, "Lassen Sie sich von der EUTB beraten.", True),
        ({"gespraech": "weiss-nicht"}, "Sprechen Sie mit einem Menschen, dem Sie vertrauen.", True),
        ({"gespraech": "anbieter"}, "Zeigen Sie Ihr Ergebnis Ihrer Familie.", False),
        ({"ziel": "aussenarbeitsplatz"}, "Machen Sie Modul 1 mit einem Anbieter.", True),
        ({"ziel": "bleiben"}, "Machen Sie Modul 1 mit einem Anbieter.", True),
        ({}, "Machen Sie Modul 1 mit einem Anbieter.", True),
        ({"bereich": "berufsbildung", "ausbildung": "ja"}, "Für eine Ausbildung gibt es das Budget für Ausbildung.", True),
        ({}, "Für eine Ausbildung gibt es das Budget für Ausbildung.", False),
        ({"sorgen": ["rente"]}, "Lassen Sie sich zu Ihrer Rente beraten.", True),
        ({}, "Lassen Sie sich zu Ihrer Rente beraten.", False),
        ({"sorgen": ["geld"]}, "Lesen Sie mehr über Geld, Rente und den Weg zurück.", True),
        ({"sorgen": ["zurueck"]}, "Lesen Sie mehr über Geld, Rente und den Weg zurück.", True),
        ({"sorgen": ["rente", "kollegen"]}, "Lesen Sie mehr über Geld, Rente und den Weg zurück.", True),
        ({"sorgen": ["kollegen"]}, "Lesen Sie mehr über Geld, Rente und den Weg zurück.", False),
        ({}, "Lesen Sie mehr über Geld, Rente und den Weg zurück.", False),
        ({"ziel": "weiss-nicht"}, "Mit dem Persönlichen Budget bekommen Sie Geld für Ihre Hilfe.", True),
        ({"ziel": "bleiben"}, "Mit dem Persönlichen Budget bekommen Sie Geld für Ihre Hilfe.", False),
        ({"ziel": "bleiben"}, "Lesen Sie mehr über die 8 Module.", True),
    ],
)
def test_each_next_step_rule(q, changes, first_line, present):
    assert (first_line in steps(result(q, **changes))) is present


def test_every_next_step_rule_is_tested(q):
    tested = {case[1] for case in test_each_next_step_rule.pytestmark[0].args[1]}
    assert {step.text.splitlines()[0] for step in q.next_steps} <= tested


def test_the_provider_step_links_to_the_contact_request_with_the_result(q):
    step = next(step for step in result(q, ziel="praktikum").next_steps if step.link and step.link.startswith("/kontakt"))
    assert step.link == "/kontakt?mit_ergebnis=1"


# --- sections --------------------------------------------------------------------------------

def test_answers_are_grouped_under_the_result_headings(q):
    res = result(q, arbeitsfelder=["kueche", "garten"], lieblings_arbeit="Kochen", postleitzahl="23552")
    assert [s.heading for s in res.sections] == [
        "Über mich", "Das mache ich gerne", "Das kann ich gut", "So möchte ich arbeiten", "Diese Hilfe brauche ich",
        "Meine Sorgen und die Antworten",
    ]
    assert texts(res, "interests")[:2] == ["Da möchte ich gerne arbeiten: Küche, Garten", "Das mache ich am liebsten: Kochen"]
    assert "Post·leit·zahl: 23552" in texts(res, "about")


def test_empty_free_text_is_left_out(q):
    assert not any(text.startswith("Das mache ich am liebsten") for text in texts(result(q), "interests"))


def test_several_labels_lose_their_full_stop_in_a_list(q):
    items = texts(result(q, hilfe=["betrieb-finden", "lernen-betrieb"]), "help")
    assert "Diese Hilfe möchte ich haben: Jemand hilft mir, einen Betrieb zu finden, Jemand lernt mit mir im Betrieb" in items


def test_an_exclusive_answer_reads_with_its_question(q):
    assert "Da möchte ich gerne arbeiten: Ich weiß es noch nicht" in texts(result(q, arbeitsfelder=["weiss-nicht"]), "interests")


def test_worries_come_with_their_answers(q):
    res = result(q, sorgen=["zurueck", "rente"], sorgen_andere="Der Bus")
    items = section(res, "worries").items
    assert [item.text for item in items] == ["Kann ich zurück in eine Werk·statt?", "Was ist mit meiner Rente?",
                                             "Andere Sorgen: Der Bus"]
    assert items[0].answer.id == "antwort-zurueck" and "§ 220 Absatz 3 SGB IX" in items[0].answer.law
    assert items[1].answer.id == "antwort-rente" and items[2].answer is None


def test_no_worries_reads_as_an_answer(q):
    assert texts(result(q), "worries") == ["Das macht mir Sorgen: Ich habe keine von diesen Sorgen."]


def test_supporter_notes_are_in_the_result_in_question_order(q):
    res = result(q, notes={"ziel": "Mag Pflanzen", "bereich": " Seit 2019 ", "ausbildung": "nicht auf dem Weg", "dauer": "  "})
    assert [(note.topic, note.text) for note in res.notes] == [("Da arbeite ich jetzt", "Seit 2019"),
                                                               ("Das möchte ich ausprobieren", "Mag Pflanzen")]


def test_notes_on_an_answer_page_use_the_worry_as_topic(q):
    res = result(q, sorgen=["geld"], notes={"antwort-geld": "Wohngeld klären"})
    assert res.notes[0].topic == "Verdiene ich genug Geld?"


def test_the_english_result_has_the_same_shape(q):
    english = questionnaire("en")
    res = rules.build_result(english, walk(english, ziel="praktikum"), {}, DAY, TITLES)
    assert res.title == "My result"
    assert modules(res)[3] == ("You want to learn at a company.\nModule 3 helps with this.",)


# --- Modul 1 for everyone (the JobBudget report's conclusion) --------------------------------------


@pytest.mark.parametrize("ziel", ["praktikum", "arbeitsplatz", "aussenarbeitsplatz", "bleiben", "weiss-nicht"])
def test_every_way_recommends_module_1_with_a_provider(q, ziel):
    res = result(q, ziel=ziel)
    assert modules(res)[1][0].startswith(ALWAYS_MODULE_1)
    provider = next(step for step in res.next_steps if step.text.startswith("Machen Sie Modul 1 mit einem Anbieter."))
    assert provider.link == "/kontakt?mit_ergebnis=1"


def test_the_way_to_work_and_the_apprenticeship_no_longer_lead_to_modules_6_and_4(q):
    found = modules(result(q, unterwegs=["fahrdienst"], bus_lernen="ja", hilfe=["weg"], bereich="berufsbildung", ausbildung="ja"))
    assert 6 not in found and 4 not in found
