"""Putting mail into the outbox and sending what is due, with retries.

`queue()` only adds a row to the caller's transaction: the mail exists exactly when the thing
it tells about was stored. `send_due()` claims due mails one by one (so two senders running at
the same time never send one mail twice), sends them over one connection and schedules a
retry with a growing pause when the server is away. A mail is never given up because the
server is down; only a server that refuses the mail for good marks it as failed.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import or_, update

from ..extensions import db
from ..providers.dbtypes import utcnow
from .models import FAILED, PENDING, SENT, OutboxMail
from .transport import PermanentFailure, TemporaryFailure, build_message, transport_from_config

logger = logging.getLogger("portal.mail")

FIRST_RETRY = timedelta(minutes=1)
LONGEST_PAUSE = timedelta(hours=1)
CLAIM_TIME = timedelta(minutes=5)
BATCH = 200


def queue(to_address: str, subject: str, body: str) -> OutboxMail:
    mail = OutboxMail(to_address=to_address, subject=subject[: OutboxMail.SUBJECT_MAX], body=body)
    db.session.add(mail)
    return mail


def retry_pause(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes after each failed attempt, at most an hour."""
    doublings = min(max(0, attempts - 1), 12)  # a mail retried for days must not overflow the pause
    return min(FIRST_RETRY * (2 ** doublings), LONGEST_PAUSE)


@dataclass
class SendReport:
    sent: int = 0
    retry: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"sent {self.sent}, to retry {self.retry}, failed {self.failed}"


def due_ids(now: datetime, ignore_pause: bool = False) -> list[int]:
    query = db.select(OutboxMail.id).where(OutboxMail.status == PENDING)
    if not ignore_pause:
        query = query.where(OutboxMail.next_attempt_at <= now)
    query = query.where(or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < now))
    return list(db.session.execute(query.order_by(OutboxMail.id).limit(BATCH)).scalars())


def _claim(mail_id: int, now: datetime) -> bool:
    result = db.session.execute(
        update(OutboxMail)
        .where(OutboxMail.id == mail_id, OutboxMail.status == PENDING)
        .where(or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < now))
        .values(claimed_until=now + CLAIM_TIME)
    )
    db.session.commit()
    return result.rowcount == 1


def send_due(transport=None, now: datetime | None = None, ignore_pause: bool = False) -> SendReport:
    """Send every pending mail whose time has come (all pending ones with `ignore_pause`)."""
    now = now or utcnow()
    transport = transport if transport is not None else transport_from_config(current_app.config)
    report = SendReport()
    if transport is None:
        return report
    claimed = [mail_id for mail_id in due_ids(now, ignore_pause) if _claim(mail_id, now)]
    if not claimed:
        return report
    mails = list(db.session.execute(db.select(OutboxMail).where(OutboxMail.id.in_(claimed)).order_by(OutboxMail.id)).scalars())
    try:
        with transport.connect() as connection:
            for mail in mails:
                _send_one(connection, transport.sender, mail, now, report)
                db.session.commit()
    except TemporaryFailure as error:
        # The server could not be reached at all: every mail not yet handled waits for the next try.
        for mail in mails:
            if mail.status == PENDING and mail.claimed_until is not None:
                _schedule_retry(mail, now, str(error), report)
        db.session.commit()
    return report


def _send_one(connection, sender: str, mail: OutboxMail, now: datetime, report: SendReport) -> None:
    try:
        connection.send(build_message(sender, mail.to_address, mail.subject, mail.body))
    except TemporaryFailure as error:
        _schedule_retry(mail, now, str(error), report)
        return
    except PermanentFailure as error:
        mail.status, mail.claimed_until = FAILED, None
        mail.attempts += 1
        mail.last_error = str(error)[: OutboxMail.ERROR_MAX]
        report.failed += 1
        report.errors.append(f"mail {mail.id}: {error}")
        logger.error("mail %s to %s refused for good: %s", mail.id, mail.to_address, error)
        return
    mail.status, mail.sent_at, mail.claimed_until = SENT, utcnow(), None
    mail.attempts += 1
    mail.last_error = ""
    report.sent += 1


def _schedule_retry(mail: OutboxMail, now: datetime, error: str, report: SendReport) -> None:
    mail.attempts += 1
    mail.next_attempt_at = now + retry_pause(mail.attempts)
    mail.claimed_until = None
    mail.last_error = error[: OutboxMail.ERROR_MAX]
    report.retry += 1
    report.errors.append(f"mail {mail.id}: {error}")
    logger.warning("mail %s not sent (attempt %s), next try at %s: %s", mail.id, mail.attempts,
                   mail.next_attempt_at.isoformat(timespec="seconds"), error)


def send_after_response() -> None:
    """Send the outbox once the current response has gone out, so the person never waits for mail."""
    if not current_app.config.get("MAIL_SEND_IMMEDIATELY"):
        return
    from flask import after_this_request

    app = current_app._get_current_object()

    @after_this_request
    def _register(response):
        def _send():
            with app.app_context():
                try:
                    send_due()
                except Exception:  # never let mail break a request; the CLI sender retries later
                    db.session.rollback()
                    logger.exception("sending the outbox after a request failed")

        response.call_on_close(_send)
        return response


def purge(now: datetime, sent_days: int, failed_days: int) -> int:
    """Delete sent mails after `sent_days` and failed ones after `failed_days`."""
    deleted = db.session.execute(
        db.delete(OutboxMail).where(
            or_(
                (OutboxMail.status == SENT) & (OutboxMail.sent_at < now - timedelta(days=sent_days)),
                (OutboxMail.status == FAILED) & (OutboxMail.created_at < now - timedelta(days=failed_days)),
            )
        )
    ).rowcount
    db.session.commit()
    return deleted
