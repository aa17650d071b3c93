"""How a mail leaves the portal: SMTP (settings from the environment) or, in development, the log."""
from __future__ import annotations

import logging
import smtplib
import socket
import ssl
from contextlib import contextmanager
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Iterator, Protocol

logger = logging.getLogger("portal.mail")


class TemporaryFailure(Exception):
    """Try again later: the server is down, busy or said 4xx."""


class PermanentFailure(Exception):
    """Do not try again: the server refused this mail for good (5xx)."""


def build_message(sender: str, to_address: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to_address
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(body)  # plain text only: nothing in it is ever rendered as HTML
    return message


class Connection(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class Transport(Protocol):
    sender: str

    def connect(self) -> "contextmanager[Connection]": ...


class SMTPTransport:
    def __init__(self, host: str, port: int, sender: str, use_tls: bool = False,
                 username: str = "", password: str = "", timeout: float = 10.0):
        self.host, self.port, self.sender = host, port, sender
        self.use_tls, self.username, self.password, self.timeout = use_tls, username, password, timeout

    @contextmanager
    def connect(self) -> Iterator["_SMTPConnection"]:
        try:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        except (OSError, smtplib.SMTPException) as error:
            raise TemporaryFailure(f"cannot reach {self.host}:{self.port}: {error}") from None
        try:
            try:
                if self.use_tls:
                    # Check the server's certificate and name: without a context, smtplib encrypts
                    # but would talk to anyone who answers in between.
                    smtp.starttls(context=ssl.create_default_context())
                if self.username:
                    smtp.login(self.username, self.password)
            except (OSError, smtplib.SMTPException) as error:
                raise TemporaryFailure(f"{self.host}:{self.port}: {error}") from None
            yield _SMTPConnection(smtp)
        finally:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                smtp.close()


class _SMTPConnection:
    def __init__(self, smtp: smtplib.SMTP):
        self.smtp = smtp

    def send(self, message: EmailMessage) -> None:
        try:
            self.smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _text in error.recipients.values()]
            failure = PermanentFailure if codes and all(code >= 500 for code in codes) else TemporaryFailure
            raise failure(f"recipient refused: {error.recipients}") from None
        except smtplib.SMTPResponseException as error:
            failure = PermanentFailure if error.smtp_code >= 500 else TemporaryFailure
            raise failure(f"{error.smtp_code} {error.smtp_error!r}") from None
        except (OSError, socket.timeout, smtplib.SMTPException) as error:
            raise TemporaryFailure(str(error) or type(error).__name__) from None


class LogTransport:
    """Development without a mail server: the mail is written to the log instead of sent."""

    def __init__(self, sender: str):
        self.sender = sender

    @contextmanager
    def connect(self) -> Iterator["LogTransport"]:
        yield self

    def send(self, message: EmailMessage) -> None:
        logger.warning(
            "mail (not sent: no MAIL_SERVER in development)\nTo: %s\nSubject: %s\n\n%s",
            message["To"], message["Subject"], message.get_content(),
        )


def transport_from_config(config) -> SMTPTransport | LogTransport | None:
    """SMTP when MAIL_SERVER is set; the log in development and tests; None in production
    without a server (mails wait in the outbox until one is configured)."""
    sender = config["MAIL_SENDER"]
    if config.get("MAIL_SERVER"):
        return SMTPTransport(
            config["MAIL_SERVER"], config["MAIL_PORT"], sender, config.get("MAIL_USE_TLS", False),
            config.get("MAIL_USERNAME", ""), config.get("MAIL_PASSWORD", ""), config.get("MAIL_TIMEOUT", 10.0),
        )
    if config["PORTAL_ENV"] != "production":
        return LogTransport(sender)
    return None
