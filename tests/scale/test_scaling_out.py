"""The README's "Scaling out", proved with two gunicorn instances of one release, one PostgreSQL
and one Redis (the set-up is in conftest.py): sessions move between instances, rate limits are
counted across both, two outbox senders send each mail once, and /healthz follows the database
without losing a request that was answered as stored."""
from __future__ import annotations

import re
import subprocess
import threading
import time
from collections import Counter, deque
from concurrent.futures import ThreadPoolExecutor

import psycopg

from portal.contact.models import ContactRequest
from portal.extensions import db
from portal.mail.models import PENDING, SENT, OutboxMail
from portal.mail.outbox import queue
from tests.scale.cluster import FORM_LIMIT, PROJECT_ROOT, PYTHON, Visitor, wait_for
from tests.unit.test_klaerung_data import NEUTRAL, questionnaire

CONTACT_ANSWERS = [
    ("name", {"name": "{name}"}),
    ("werkstatt", {"workshop": "andere"}),
    ("postleitzahl", {"postcode": "23552"}),
    ("anbieter", {}),
    ("weg", {"way": "telefon"}),
    ("erreichbar", {"phone": "0451 {n:06d}"}),
    ("thema", {"topics": "reden"}),
    ("nachricht", {"message": ""}),
]
DONE = "/kontakt/fertig"


# --- sessions ----------------------------------------------------------------------------------

def klaerung_question(visitor, instance) -> str:
    """Where /klaerung/weiter sends this visitor on `instance`: the id of the open question."""
    status, location, _html = visitor.get(instance, "/klaerung/weiter")
    assert status == 302, f"/klaerung/weiter on {instance}: {status}"
    match = re.fullmatch(r"/klaerung/frage/([\w-]+)", location)
    assert match, f"/klaerung/weiter on {instance} leads to {location!r}, not to a question"
    return match.group(1)


def answer_klaerung(visitor, instance, question_id: str) -> str:
    """Answer one question on `instance` with the token the visitor already has; the next question's id."""
    question = questionnaire("de").by_id[question_id]
    form = {} if question.is_info else {"answer": NEUTRAL[question_id]}
    status, location, _html = visitor.post(instance, f"/klaerung/frage/{question_id}", form)
    assert status == 303, f"answering {question_id} on {instance}: {status}"
    return location.rpartition("/")[2]


def test_a_session_started_on_one_instance_goes_on_on_the_other(instances, address):
    a, b = instances
    visitor = Visitor(address)
    visitor.open_form(a, "/klaerung")  # the session and its form token come from A
    assert visitor.post(a, "/klaerung", {"mode": "allein"})[:2] == (303, "/klaerung/weiter")

    first = klaerung_question(visitor, b)  # B knows the Klärung that A started
    second = answer_klaerung(visitor, b, first)  # B accepts A's form token
    assert second != first
    assert klaerung_question(visitor, a) == second  # A sees the answer given on B
    third = answer_klaerung(visitor, a, second)
    assert klaerung_question(visitor, b) == third
    status, _location, html = visitor.get(b, f"/klaerung/frage/{third}")
    assert status == 200 and f'action="/klaerung/frage/{third}"' in html

    # What carries the session is the cookie, and B checks the token:
    stranger = Visitor(address)
    assert stranger.get(b, "/klaerung/weiter")[:2] == (302, "/klaerung")
    visitor.token = "forged" + visitor.token[6:]
    status, location, _html = visitor.post(b, f"/klaerung/frage/{third}", {"answer": NEUTRAL.get(third, "")})
    # refused: the page that explains an expired form (and continues with the code), nothing stored
    assert status == 303 and location.startswith("/klaerung/abgelaufen")
    assert klaerung_question(visitor, a) == third


# --- rate limits -------------------------------------------------------------------------------

def test_rate_limits_are_counted_across_both_instances(instances, address):
    a, b = instances
    visitor = Visitor(address)
    visitor.open_form(b, "/kontakt/name")
    in_turn = ([a, b] * FORM_LIMIT)[: FORM_LIMIT + 1]
    answers = [visitor.post(instance, "/kontakt/pruefen", {"consent": "y"})[0] for instance in in_turn]
    # Each instance saw at most FORM_LIMIT // 2 + 1 requests: only a shared count says 429 here.
    assert answers == [303] * FORM_LIMIT + [429], answers
    assert visitor.post(a, "/kontakt/pruefen", {"consent": "y"})[0] == 429
    assert visitor.post(b, "/kontakt/pruefen", {"consent": "y"})[0] == 429

    neighbour = Visitor(address.rpartition(".")[0] + ".250")  # the limit is per address
    neighbour.open_form(a, "/kontakt/name")
    assert [neighbour.post(instance, "/kontakt/pruefen", {"consent": "y"})[0] for instance in (a, b)] == [303, 303]


# --- the database goes away and comes back ------------------------------------------------------

def prepare_contact(visitor, n: int, instances) -> None:
    """Answer every question of a contact request, each page on the other instance than the last."""
    visitor.open_form(instances[n % 2], "/kontakt/name")
    location = ""
    for step, (slug, data) in enumerate(CONTACT_ANSWERS):
        form = {key: value.format(n=n, name=visitor.name) for key, value in data.items()}
        status, location, _html = visitor.post(instances[(n + step) % 2], f"/kontakt/{slug}", form)
        assert status == 303, (visitor.name, slug, status)
    assert location == "/kontakt/pruefen", location


class Sender(threading.Thread):
    """People press "Anfrage abschicken" one after another, on A and B in turn, while the test cuts
    the database off and restores it. Whoever is refused tries again a little later."""

    def __init__(self, visitors, instances):
        super().__init__(daemon=True)
        self.waiting = deque(visitors)
        self.instances = instances
        self.phase = "up"
        self.answers: list[tuple[str, str, str, int | str, str]] = []  # phase, name, instance, status, location
        self.stop = threading.Event()
        self.attempts = 0

    def count(self, phase: str, accepted: bool) -> int:
        return sum(1 for p, _n, _i, status, location in list(self.answers)
                   if p == phase and (status == 303 and location == DONE) == accepted)

    def run(self) -> None:
        while not self.stop.is_set() and self.waiting:
            if self.phase == "up" and self.count("up", accepted=True) >= 4:
                time.sleep(0.05)  # enough sent before the outage: wait for the cut
                continue
            visitor = self.waiting.popleft()
            instance = self.instances[self.attempts % 2]
            self.attempts += 1
            # Every press from its own address: retries during the outage must not meet the form limit.
            visitor.address = f"10.2.{self.attempts // 250}.{self.attempts % 250 + 1}"
            phase = self.phase
            try:
                status, location, _html = visitor.post(instance, "/kontakt/pruefen", {"consent": "y"})
            except OSError as error:  # no answer at all would be a lost request: the test fails on it
                status, location = f"no answer: {error}", ""
            if self.phase != phase:  # sent in one phase, answered in the next: belongs to neither
                phase = f"{phase} to {self.phase}"
            self.answers.append((phase, visitor.name, instance.name, status, location))
            if status == 303 and location == DONE:
                visitor.sent = True
            elif status == 303 and location == "/kontakt/name":
                visitor.sent = None  # nothing left to send: refused with 5xx earlier, yet stored
            elif isinstance(status, int) and 500 <= status < 600:
                self.waiting.append(visitor)
            # any other answer is wrong: the test names it; the person gives up
            time.sleep(0.05)


def both_health(instances, status: int) -> bool:
    return all(instance.health() == status for instance in instances)


def test_healthz_follows_the_database_and_no_answered_request_is_lost(instances, database_gate, portal_app):
    visitors = []
    for n in range(16):
        visitor = Visitor(f"10.1.0.{n + 1}")
        visitor.name, visitor.sent = f"Ausfall {n}", False
        visitors.append(visitor)
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(lambda n: prepare_contact(visitors[n], n, instances), range(len(visitors))))

    sender = Sender(visitors, instances)
    sender.start()
    try:
        wait_for(lambda: sender.count("up", accepted=True) >= 4, 60, "4 requests stored before the outage")
        sender.phase = "cut"
        database_gate.cut()
        wait_for(lambda: both_health(instances, 503), 30, "/healthz to answer 503 on A and B")
        sender.phase = "down"
        wait_for(lambda: sender.count("down", accepted=False) >= 4, 30, "4 requests sent during the outage")
        sender.phase = "restoring"
        database_gate.restore()
        wait_for(lambda: both_health(instances, 200), 60, "/healthz to answer 200 on A and B again")
        sender.phase = "back"
        sender.join(90)  # everybody still waiting, the refused included, sends (again)
        assert not sender.is_alive(), "requests still refused after the outage"
    finally:
        database_gate.restore()
        sender.stop.set()
        sender.join(30)

    answers = sender.answers
    wrong = [answer for answer in answers
             if not (answer[3] == 303 and answer[4] in (DONE, "/kontakt/name"))
             and not (isinstance(answer[3], int) and 500 <= answer[3] < 600)]
    assert not wrong, f"answers that are neither stored (303) nor refused (5xx): {wrong}"
    by_phase = {phase: Counter("stored" if status == 303 else "refused" for p, _n, _i, status, _l in answers if p == phase)
                for phase in ("up", "down", "back")}
    assert by_phase["up"]["refused"] == 0 and by_phase["back"]["refused"] == 0, by_phase
    assert by_phase["down"]["stored"] == 0 and by_phase["down"]["refused"] >= 4, by_phase
    assert by_phase["back"]["stored"] >= 4, by_phase
    assert all(visitor.sent is not False for visitor in visitors)  # the refused went through when sent again
    assert {instance for p, _n, instance, _s, _l in answers if p == "down"} == {"A", "B"}

    # Every request answered as stored is in the database, with the number the person was shown.
    shown = {}
    for n, visitor in enumerate(visitors):
        if visitor.sent:
            status, _location, html = visitor.get(instances[n % 2], DONE)
            assert status == 200, (visitor.name, status)
            shown[visitor.name] = re.search(r'<p class="reference">([^<]+)</p>', html).group(1)
    with portal_app.app_context():
        stored = Counter()
        references = {}
        for row in db.session.execute(db.select(ContactRequest)).scalars():
            if row.name.startswith("Ausfall "):
                stored[row.name] += 1
                references[row.name] = row.reference
    assert {name: references.get(name) for name in shown} == shown
    assert all(count == 1 for count in stored.values()), stored
    assert set(stored) <= {visitor.name for visitor in visitors if visitor.sent is not False}


# --- the outbox --------------------------------------------------------------------------------

def start_sender(release: dict, machine: str) -> subprocess.Popen:
    """`flask --app portal outbox send` on one machine, as its timer starts it."""
    env = {**release, "PORTAL_INSTANCE_PATH": f"{release['PORTAL_INSTANCE_PATH']}-sender-{machine}"}
    return subprocess.Popen([PYTHON, "-m", "flask", "--app", "portal", "outbox", "send"], cwd=PROJECT_ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def send_on_both_machines_at_once(release: dict, database_conninfo: str) -> list[int]:
    """Both senders start, and both look into the outbox at the same moment: the test holds the
    outbox table locked until both wait for it, then lets go. Returns how many mails each sent."""
    with psycopg.connect(database_conninfo) as holder, psycopg.connect(database_conninfo, autocommit=True) as watcher:
        holder.execute("LOCK TABLE mail_outbox IN ACCESS EXCLUSIVE MODE")
        senders = [start_sender(release, machine) for machine in ("1", "2")]
        try:
            def both_wait():
                for sender in senders:
                    assert sender.poll() is None, f"a sender ended early: {sender.communicate()}"
                return watcher.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND wait_event_type = 'Lock'").fetchone()[0] >= 2

            wait_for(both_wait, 90, "both senders to wait for the outbox")
        finally:
            holder.rollback()  # lets go of the table: both senders go on at the same moment
            reports = []
            for sender in senders:
                try:
                    out, err = sender.communicate(timeout=120)
                finally:
                    if sender.poll() is None:
                        sender.kill()
                reports.append((sender.returncode, out, err))
    sent = []
    for returncode, out, err in reports:
        match = re.search(r"^sent (\d+), to retry 0, failed 0$", out, re.MULTILINE)
        assert returncode == 0 and match, (returncode, out, err)
        sent.append(int(match.group(1)))
    return sent


def test_outbox_senders_on_both_machines_at_once_send_each_mail_once(release, portal_app, mail_sink,
                                                                     database_conninfo):
    with portal_app.app_context():
        for number in range(120):
            queue(f"team{number}@scale-anbieter.example", f"Scale-Test {number}", "Bitte melden Sie sich an.\n")
        db.session.commit()
        expected = Counter(db.session.execute(
            db.select(OutboxMail.subject).where(OutboxMail.status == PENDING)).scalars())
    assert len(expected) >= 120 and set(expected.values()) == {1}
    mail_sink.messages.clear()

    rounds = []
    while sum(sum(sent) for sent in rounds) < len(expected) and len(rounds) < 3:  # a run sends one batch; the next tick the rest
        rounds.append(send_on_both_machines_at_once(release, database_conninfo))
    delivered = Counter(message["Subject"] for _sender, _recipients, message in mail_sink.messages)
    assert delivered == expected, rounds  # every mail once: none twice, none missing
    assert sum(sum(sent) for sent in rounds) == len(expected), rounds
    with portal_app.app_context():
        rows = db.session.execute(db.select(OutboxMail.status, OutboxMail.attempts)).all()
    assert Counter(rows) == Counter({(SENT, 1): len(expected)})
