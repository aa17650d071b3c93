"""Counting: `count(kind, item)` adds one to today's row of that kind and item, in one atomic
statement (an upsert, like the log-in throttle in portal.inbox.auth), on SQLite and PostgreSQL.

Nothing about the person goes in: no cookie is read or set, no address, no session, no browser.
Counting must never break a page: when the write fails, it is logged and the page goes on.
The caller has committed its own work before (every hook sits after the view's commit).
"""
from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from flask import has_request_context, request
from sqlalchemy.dialects import postgresql, sqlite

from ..clock import BERLIN, today_in_berlin
from ..extensions import db
from ..pagecache import DATABASE_USED
from .models import ITEM_MAX, UsageCount

logger = logging.getLogger(__name__)

KLAERUNG_STARTED = "klaerung_started"
KLAERUNG_FINISHED = "klaerung_finished"
KLAERUNG_QUESTION = "klaerung_question"  # item: the question's id; a person reached its page
CONTACT_REQUEST = "contact_request"  # item: the provider's slug
LETTER_MADE = "letter_made"
GLOSSARY_WORD = "glossary_word"  # item: the word's slug
KINDS = (KLAERUNG_STARTED, KLAERUNG_FINISHED, KLAERUNG_QUESTION, CONTACT_REQUEST, LETTER_MADE, GLOSSARY_WORD)


def _upsert(kind: str, item: str, day: date):
    table = UsageCount.__table__
    module = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    return module.insert(table).values(kind=kind, item=item, day=day, number=1).on_conflict_do_update(
        index_elements=[table.c.kind, table.c.item, table.c.day], set_={"number": table.c.number + 1},
    )


def count(kind: str, item: str = "") -> None:
    """One more `kind` (of `item`) today. Never raises."""
    if has_request_context():
        request.environ[DATABASE_USED] = True  # a counted page is never answered from the page cache
    try:
        if kind not in KINDS:
            raise ValueError(f"unknown usage counter {kind!r}")
        db.session.execute(_upsert(kind, str(item or "")[:ITEM_MAX], today_in_berlin()))
        db.session.commit()
    except Exception:  # noqa: BLE001 - a counter must never cost the person their page
        logger.exception("usage counter %s could not be written; the page goes on", kind)
        try:
            db.session.rollback()
        except Exception:  # noqa: BLE001
            logger.exception("usage counter %s: rollback failed", kind)


def purge(now: datetime, months: int) -> int:
    """Rows of days older than `months` months (they hold nothing per person, but nothing is kept for ever)."""
    from ..contact.purge import months_before  # one way of counting months for every purge

    before = months_before(now.astimezone(BERLIN), months).date()
    deleted = db.session.execute(db.delete(UsageCount).where(UsageCount.day < before)).rowcount
    db.session.commit()
    return deleted or 0


def rows(kind: str, first: date, last: date) -> list[tuple[str, date, int]]:
    """(item, day, number) of one kind between two days (both included), by day and item."""
    query = db.select(UsageCount.item, UsageCount.day, UsageCount.number).where(
        UsageCount.kind == kind, UsageCount.day >= first, UsageCount.day <= last,
    ).order_by(UsageCount.day, UsageCount.item)
    return [(item, day, number) for item, day, number in db.session.execute(query)]


def all_rows(first: date, last: date) -> list[UsageCount]:
    query = db.select(UsageCount).where(UsageCount.day >= first, UsageCount.day <= last)
    return list(db.session.execute(query.order_by(UsageCount.day, UsageCount.kind, UsageCount.item)).scalars())


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
