"""The order of the contact request's pages: every branch, given these answers, that page next."""
import pytest

from portal.contact import flow
from portal.contact.flow import CHECK, OTHER_WORKSHOP, is_allowed, is_complete, next_step, previous_step, route_key

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database

COMPLETE = {
    "name": "Maria", "workshop": "marli", "seen_route": "marli", "way": "telefon", "details_for": "telefon",
    "topics": ["modul-1"], "message": "",
}


def without(*keys, **changes):
    answers = {k: v for k, v in COMPLETE.items() if k not in keys}
    answers.update(changes)
    return answers


@pytest.mark.parametrize("answers,expected", [
    ({}, "name"),
    ({"name": "Maria"}, "werkstatt"),
    ({"name": "Maria", "workshop": "marli"}, "anbieter"),
    ({"name": "Maria", "workshop": OTHER_WORKSHOP}, "postleitzahl"),
    ({"name": "Maria", "workshop": OTHER_WORKSHOP, "postcode": "28195"}, "anbieter"),
    (without("way", "details_for", "topics", "message"), "weg"),
    (without("details_for", "topics", "message"), "erreichbar"),
    (without("topics", "message"), "thema"),
    (without("message"), "nachricht"),
    (COMPLETE, CHECK),
    (without(message="Hallo"), CHECK),
])
def test_next_step(answers, expected):
    assert next_step(answers, has_result=False) == expected


def test_empty_name_or_topics_do_not_count_as_answered():
    assert next_step(without(name=""), False) == "name"
    assert next_step(without(topics=[]), False) == "thema"


def test_the_result_page_appears_only_with_a_result():
    assert next_step(COMPLETE, has_result=True) == "ergebnis"
    assert next_step({**COMPLETE, "attach_result": False}, has_result=True) == CHECK
    assert "ergebnis" not in [s.slug for s in flow.steps_for(COMPLETE, has_result=False)]


def test_a_new_workshop_or_postcode_shows_the_provider_page_again():
    changed = without(workshop="roda")
    assert next_step(changed, False) == "anbieter"
    other = without(workshop=OTHER_WORKSHOP, postcode="28195", seen_route=f"{OTHER_WORKSHOP}:28195")
    assert next_step(other, False) == CHECK
    assert next_step({**other, "postcode": "23552"}, False) == "anbieter"
    assert route_key(other) != route_key({**other, "postcode": "23552"})


def test_a_new_way_asks_for_its_details_again():
    assert next_step(without(way="email"), False) == "erreichbar"


def test_an_unknown_way_is_not_an_answer():
    assert next_step(without(way="brieftaube"), False) == "weg"


def test_pages_are_allowed_only_after_every_page_before_is_answered():
    assert is_allowed("name", {}, False)
    assert not is_allowed("werkstatt", {}, False)
    assert not is_allowed(CHECK, without("topics"), False)
    assert is_allowed(CHECK, COMPLETE, False)
    assert is_allowed("name", COMPLETE, False)  # changing an answer from the check page
    assert not is_allowed("postleitzahl", COMPLETE, False)  # does not apply to a partner workshop
    assert not is_allowed("ergebnis", COMPLETE, False)


def test_back_links_follow_the_branch():
    assert previous_step("name", {}, False) is None
    assert previous_step("anbieter", {"workshop": "marli"}, False) == "werkstatt"
    assert previous_step("anbieter", {"workshop": OTHER_WORKSHOP}, False) == "postleitzahl"
    assert previous_step(CHECK, COMPLETE, True) == "ergebnis"
    assert previous_step(CHECK, COMPLETE, False) == "nachricht"


def test_complete():
    assert is_complete(COMPLETE, False)
    assert not is_complete(COMPLETE, True)
