"""Timestamps that stay timezone-aware UTC on SQLite and PostgreSQL alike.

SQLite keeps no time zone and hands back naive datetimes; PostgreSQL hands back the
connection's zone. Both would make comparisons with `datetime.now(timezone.utc)` fail or
drift, so every timestamp of the contact, inbox and mail tables goes through this type.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(value: datetime) -> datetime:
    """A naive value is taken as UTC (that is how it was stored); an aware one is converted."""
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


class UTCDateTime(TypeDecorator):
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        value = as_utc(value)
        # SQLite compares timestamps as text: store them all in one zone without an offset.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        return None if value is None else as_utc(value)
