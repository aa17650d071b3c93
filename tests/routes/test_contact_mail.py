"""A sent request's notice leaves right after the response, when mail is configured; a dead
server delays it without troubling the person."""
import time

import pytest

from portal.mail.models import PENDING, SENT
from tests.routes.test_contact_journey import outbox, providers, walk_to_check  # noqa: F401
from tests.support.forms import post_form
from tests.unit.test_mail_outbox import Recorder, SMTPServer, free_port


@pytest.fixture
def port():
    return free_port()


@pytest.fixture
def app_config(port):
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_SEND_IMMEDIATELY": True, "MAIL_TIMEOUT": 2}


def send_and_close(client):
    response = post_form(client, "/kontakt/pruefen", {"consent": "y"})
    assert response.status_code == 303
    response.close()  # a WSGI server closes the response after sending it: then the outbox is sent


def test_the_notice_is_sent_after_the_response(client, app, providers, port):
    walk_to_check(client, name="Geheim")
    with SMTPServer(port, Recorder()) as server:
        send_and_close(client)
    ((_sender, recipients, message),) = server.messages
    assert recipients == ["kontakt@integra-luebeck.example"]
    body = message.get_payload(decode=True).decode()
    assert "Geheim" not in body and "JB-" in body
    assert [mail.status for mail in outbox(app)] == [SENT]


def test_a_dead_mail_server_does_not_trouble_the_person(client, app, providers):
    walk_to_check(client)
    started = time.monotonic()
    send_and_close(client)
    assert time.monotonic() - started < 5
    assert [mail.status for mail in outbox(app)] == [PENDING]
    assert "Ihre Anfrage ist angekommen" in client.get("/kontakt/fertig").get_data(as_text=True)
