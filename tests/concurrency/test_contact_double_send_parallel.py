"""5 sends of one contact draft at the same moment (a double click, several tabs) store 1 request
and 1 notice; every send lands on the confirmation page (SQLite by default, PostgreSQL with
TEST_DATABASE_URL: scripts/with-postgres)."""
from __future__ import annotations

import copy
import threading
from concurrent.futures import ThreadPoolExecutor

from portal.contact.models import ContactDraft, ContactRequest
from portal.extensions import db
from portal.mail.models import OutboxMail
from tests.concurrency.test_contact_concurrency import Browser, server  # noqa: F401  (the fixture)

SENDS = 5


def test_five_parallel_sends_of_one_draft_store_one_request_and_one_mail(server):  # noqa: F811
    app, port = server
    person = Browser(port)
    person.answer_everything(7)
    tabs = []
    for _ in range(SENDS):
        tab = Browser(port)
        tab.cookies, tab.token = copy.deepcopy(person.cookies), person.token
        tabs.append(tab)
    ready = threading.Barrier(SENDS)

    def send(tab):
        ready.wait()
        return tab.send()

    with ThreadPoolExecutor(max_workers=SENDS) as pool:
        answers = list(pool.map(send, tabs))
    assert answers == [(303, "/kontakt/fertig")] * SENDS
    with app.app_context():
        assert db.session.query(ContactRequest).count() == 1
        assert db.session.query(OutboxMail).count() == 1
        assert db.session.query(ContactDraft).count() == 0
    for tab in tabs:
        status, _location, html = tab.request("GET", "/kontakt/fertig")
        assert status == 200 and "Ihre Anfrage ist angekommen" in html
