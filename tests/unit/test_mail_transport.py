"""SMTP with STARTTLS checks the server's certificate and name."""
from __future__ import annotations

import pytest

import ssl

import portal.mail.transport as transport
from portal.mail.transport import SMTPTransport, build_message

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database


class FakeSMTP:
    instances: list["FakeSMTP"] = []

    def __init__(self, host, port, timeout=None):
        self.calls = []
        FakeSMTP.instances.append(self)

    def starttls(self, *args, **kwargs):
        self.calls.append(("starttls", args, kwargs))

    def login(self, username, password):
        self.calls.append(("login", (username,), {}))

    def send_message(self, message):
        self.calls.append(("send", (), {}))

    def quit(self):
        pass


def test_starttls_gets_a_context_that_checks_the_certificate(monkeypatch):
    FakeSMTP.instances.clear()
    monkeypatch.setattr(transport.smtplib, "SMTP", FakeSMTP)
    smtp = SMTPTransport("mail.example", 587, "portal@example.org", use_tls=True, username="u", password="p")
    with smtp.connect() as connection:
        connection.send(build_message("portal@example.org", "a@example.org", "Betreff", "Text"))
    (fake,) = FakeSMTP.instances
    name, args, kwargs = fake.calls[0]
    assert name == "starttls" and not args
    context = kwargs["context"]
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname is True
    assert [call[0] for call in fake.calls] == ["starttls", "login", "send"]


def test_without_tls_there_is_no_starttls(monkeypatch):
    FakeSMTP.instances.clear()
    monkeypatch.setattr(transport.smtplib, "SMTP", FakeSMTP)
    with SMTPTransport("localhost", 25, "portal@example.org").connect():
        pass
    assert FakeSMTP.instances[0].calls == []
