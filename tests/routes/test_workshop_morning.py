"""A workshop behind one address: a morning in a training room with rate limiting ON.

30 employees do the whole Klärung with their support staff, 10 send a contact request and 10
continue on another computer with their code (one of them mistypes it first): nobody gets a 429.
A flood from the same address still does. The limiter's clock is the test's own, so the morning
takes its real hours (about 10 seconds per click) in a few seconds of test time.
"""
from __future__ import annotations

import itertools

import pytest

from portal.klaerung import flow
from portal.providers.demo import load_demo
from tests.routes.test_contact_journey import send, step, walk_to_check
from tests.routes.test_klaerung import session_code
from tests.support.forms import follow, post_form
from tests.unit.test_klaerung_data import questionnaire, walk

pytestmark = pytest.mark.sqlite_enough

WORKSHOP = "192.0.2.50"
PEOPLE, CONTACTS, RESUMES = 30, 10, 10


class Clock:
    """Stands in for the `time` module of the limiter's storage and strategies."""

    def __init__(self):
        self.now = 1_800_000_000.0

    def time(self) -> float:
        return self.now


@pytest.fixture
def app_config():
    return {"RATELIMIT_ENABLED": True}  # every limit at its default


@pytest.fixture
def clock(monkeypatch):
    import limits.storage.memory
    import limits.strategies

    fake = Clock()
    monkeypatch.setattr(limits.storage.memory, "time", fake)
    monkeypatch.setattr(limits.strategies, "time", fake)
    return fake


def computer(app):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = WORKSHOP
    return client


def klaerung(client):
    """One person's whole Klärung, one click at a time (each yield is one sent form)."""
    yield post_form(client, "/klaerung", {"mode": "begleitung"})
    q = questionnaire("de")
    answers = walk(q)
    given: dict = {}
    while (question := flow.open_question(q, given)) is not None:
        data = {} if question.is_info else {"answer": answers[question.id]}
        yield post_form(client, f"/klaerung/frage/{question.id}", data)
        given[question.id] = answers[question.id]
    yield post_form(client, "/klaerung/pruefen", {})


def contact(client, n):
    for response in walk_to_check_steps(client, n):
        yield response
    yield send(client)


def walk_to_check_steps(client, n):
    yield step(client, "name", {"name": f"Person {n}"})
    yield step(client, "werkstatt", {"workshop": "marli-gmbh-luebeck"})
    yield step(client, "anbieter", {})
    yield step(client, "weg", {"way": "telefon"})
    yield step(client, "erreichbar", {"phone": f"0451 {n:06d}"})
    yield step(client, "thema", {"topics": ["modul-1"]})
    yield step(client, "nachricht", {"message": ""})
    yield step(client, "ergebnis", {"attach": "y"})


def play(clock, journeys, seconds_per_round=10):
    """Everybody clicks once per round, about every 10 seconds, until every journey is done."""
    statuses = []
    running = list(journeys)
    while running:
        for journey in list(running):
            response = next(journey, None)
            if response is None:
                running.remove(journey)
            else:
                statuses.append(response.status_code)
        clock.now += seconds_per_round
    return statuses


def test_a_morning_in_the_training_room_blocks_nobody(app, clock):
    with app.app_context():
        load_demo()
    computers = [computer(app) for _ in range(PEOPLE)]
    statuses = play(clock, [klaerung(client) for client in computers])
    codes = [session_code(client) for client in computers]
    assert all(codes) and len(set(codes)) == PEOPLE
    statuses += play(clock, [contact(client, n) for n, client in enumerate(computers[:CONTACTS])])

    def resume(n, code):
        other = computer(app)  # after the break, at another computer
        if n == 0:  # a typo: the form comes back with "Den Code kennen wir nicht"
            typo = follow(other, post_form(other, "/weitermachen", {"code": code[:-1] + ("1" if code.endswith("0") else "0")}))
            assert "Den Code kennen wir nicht" in typo.get_data(as_text=True)
            yield typo
        response = post_form(other, "/weitermachen", {"code": code})
        assert response.status_code == 303, response.status_code
        yield response

    statuses += play(clock, [resume(n, code) for n, code in enumerate(codes[CONTACTS:CONTACTS + RESUMES])])
    assert 429 not in statuses
    assert statuses.count(200) == 1  # the page with the typo; every other form went through
    assert set(statuses) == {200, 303} and len(statuses) > PEOPLE * 20


def test_a_flood_from_the_workshop_address_still_gets_429(app, clock):
    """A script that fetches a fresh form (and so a new session) for every post: the per-address
    ceiling stops it within the minute."""
    statuses = []
    for n in itertools.count():
        client = computer(app)  # no cookie kept: every post is a new session
        statuses.append(post_form(client, "/barrierefreiheit", {"description": f"Flut {n}"}).status_code)
        if statuses[-1] == 429 or n > 1000:
            break
    assert statuses[-1] == 429
    assert 500 <= len(statuses) <= 601  # the default ceiling: 600 posts a minute per address
