"""The mail outbox against a real local SMTP server (aiosmtpd): delivery, a dead server that
comes back, refusals, retries, no double sending, the development log, the CLI and purging."""
from __future__ import annotations

import logging
import socket
from datetime import timedelta
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller

from portal.extensions import db
from portal.mail import outbox
from portal.mail.models import FAILED, PENDING, SENT, OutboxMail
from portal.mail.outbox import queue, retry_pause, send_due
from portal.mail.transport import LogTransport, SMTPTransport, transport_from_config
from portal.providers.dbtypes import utcnow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Recorder:
    """An SMTP server's handler: keeps what arrives; can refuse recipients or data."""

    def __init__(self, rcpt_answer: str = "250 OK"):
        self.messages = []
        self.rcpt_answer = rcpt_answer

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_answer.startswith("250"):
            envelope.rcpt_tos.append(address)
        return self.rcpt_answer

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 Message accepted"


class SMTPServer:
    def __init__(self, port: int, handler: Recorder):
        self.controller = Controller(handler, hostname="127.0.0.1", port=port)
        self.handler = handler

    def __enter__(self):
        self.controller.start()
        return self.handler

    def __exit__(self, *exc):
        self.controller.stop()


@pytest.fixture
def port():
    return free_port()


@pytest.fixture
def app_config(port):
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_SENDER": "portal@jobbudget.example",
            "MAIL_TIMEOUT": 5}


def mails(app):
    with app.app_context():
        return db.session.execute(db.select(OutboxMail).order_by(OutboxMail.id)).scalars().all()


def queued(app, count=1):
    with app.app_context():
        for number in range(count):
            queue(f"team{number}@anbieter.example", f"Neue Kontakt-Anfrage JB-22{number}A", "Bitte melden Sie sich an.\n")
        db.session.commit()


def test_a_queued_mail_is_delivered_over_smtp(app, port):
    queued(app)
    with SMTPServer(port, Recorder()) as server, app.app_context():
        report = send_due()
    assert (report.sent, report.retry, report.failed) == (1, 0, 0)
    ((sender, recipients, message),) = server.messages
    assert sender == "portal@jobbudget.example" and recipients == ["team0@anbieter.example"]
    assert message["Subject"] == "Neue Kontakt-Anfrage JB-220A" and message["Message-ID"] and message["Date"]
    assert message.get_content_type() == "text/plain"
    assert "Bitte melden Sie sich an." in message.get_payload(decode=True).decode()
    (mail,) = mails(app)
    assert (mail.status, mail.attempts, mail.last_error) == (SENT, 1, "") and mail.sent_at is not None


def test_a_dead_server_loses_nothing_and_the_mail_goes_out_when_it_is_back(app, port, runner):
    queued(app, 2)
    with app.app_context():
        report = send_due()
    assert (report.sent, report.retry) == (0, 2)
    for mail in mails(app):
        assert mail.status == PENDING and mail.attempts == 1 and mail.last_error
        assert mail.next_attempt_at > utcnow()
    result = runner.invoke(args=["outbox", "send"])  # nothing due yet: the pause is not over
    assert result.exit_code == 0 and "sent 0, to retry 0" in result.output
    with SMTPServer(port, Recorder()) as server:
        with app.app_context():
            assert send_due(now=utcnow() + timedelta(minutes=2)).sent == 2
    assert len(server.messages) == 2
    assert [mail.status for mail in mails(app)] == [SENT, SENT]


def test_the_command_reports_a_dead_server_and_can_send_at_once(app, port, runner):
    queued(app)
    result = runner.invoke(args=["outbox", "send"])
    assert result.exit_code == 1 and "to retry 1" in result.output and "cannot reach 127.0.0.1" in result.output
    with SMTPServer(port, Recorder()) as server:
        result = runner.invoke(args=["outbox", "send", "--now"])
    assert result.exit_code == 0 and "sent 1" in result.output and len(server.messages) == 1


def test_a_refused_recipient_is_failed_for_good_and_not_retried(app, port, runner):
    queued(app)
    with SMTPServer(port, Recorder("550 5.1.1 no such user")), app.app_context():
        report = send_due()
        assert report.failed == 1
        assert send_due(now=utcnow() + timedelta(days=1), ignore_pause=True).failed == 0
    (mail,) = mails(app)
    assert mail.status == FAILED and "550" in mail.last_error
    assert "failed 1" in runner.invoke(args=["outbox", "list"]).output


def test_a_busy_server_4xx_is_tried_again(app, port):
    queued(app)
    with SMTPServer(port, Recorder("451 4.3.0 try again later")), app.app_context():
        assert send_due().retry == 1
    assert mails(app)[0].status == PENDING


def test_a_mail_being_sent_by_another_sender_is_not_sent_twice(app, port):
    queued(app)
    with app.app_context():
        now = utcnow()
        (mail_id,) = outbox.due_ids(now)
        assert outbox._claim(mail_id, now)  # another sender holds it
        assert not outbox._claim(mail_id, now)
        with SMTPServer(port, Recorder()) as server:
            assert send_due(now=now).sent == 0
            assert send_due(now=now + outbox.CLAIM_TIME + timedelta(seconds=1)).sent == 1  # the claim ran out
        assert len(server.messages) == 1


def test_retry_pause_grows_to_an_hour():
    assert [retry_pause(n).total_seconds() / 60 for n in (1, 2, 3, 4, 7, 8, 50)] == [1, 2, 4, 8, 60, 60, 60]


def test_development_without_a_server_writes_the_mail_to_the_log(app, caplog):
    app.config.update(MAIL_SERVER="", PORTAL_ENV="development")
    queued(app)
    with caplog.at_level(logging.WARNING, logger="portal.mail"), app.app_context():
        assert send_due().sent == 1
    assert "Neue Kontakt-Anfrage JB-220A" in caplog.text and "team0@anbieter.example" in caplog.text


def test_which_transport(app):
    config = dict(app.config)
    assert isinstance(transport_from_config(config), SMTPTransport)
    assert isinstance(transport_from_config({**config, "MAIL_SERVER": ""}), LogTransport)
    assert transport_from_config({**config, "MAIL_SERVER": "", "PORTAL_ENV": "production"}) is None


def test_production_without_a_server_keeps_mail_in_the_outbox(app, runner):
    app.config.update(MAIL_SERVER="", PORTAL_ENV="production")
    queued(app)
    result = runner.invoke(args=["outbox", "send"])
    assert result.exit_code != 0 and "MAIL_SERVER is not set" in result.output
    with app.app_context():
        assert send_due().sent == 0
    assert mails(app)[0].status == PENDING


def test_purge_deletes_old_sent_and_failed_mail_only(app):
    now = utcnow()
    with app.app_context():
        for status, age in ((SENT, 31), (SENT, 29), (FAILED, 91), (FAILED, 89), (PENDING, 400)):
            db.session.add(OutboxMail(to_address="a@b.example", subject="s", body="b", status=status,
                                      created_at=now - timedelta(days=age), sent_at=now - timedelta(days=age)))
        db.session.commit()
        assert outbox.purge(now, sent_days=30, failed_days=90) == 2
        left = sorted((m.status, round((now - m.created_at).days)) for m in db.session.execute(db.select(OutboxMail)).scalars())
    assert left == [(FAILED, 89), (PENDING, 400), (SENT, 29)]
