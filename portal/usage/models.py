"""Usage counters: one row per kind of event, item and day, holding only how often it happened.

The table has no column for a person, a session, an address, a browser or a time of day: a row
says "on 2026-12-04, 12 people started the Klärung", never who.
"""
from __future__ import annotations

from ..extensions import db

KIND_MAX = 30
ITEM_MAX = 80


class UsageCount(db.Model):
    __tablename__ = "usage_count"

    kind = db.Column(db.String(KIND_MAX), primary_key=True)  # what happened (counters.KINDS)
    item = db.Column(db.String(ITEM_MAX), primary_key=True, default="")  # which question, provider or word; "" for none
    day = db.Column(db.Date, primary_key=True, index=True)  # the day in Germany
    number = db.Column(db.Integer, nullable=False, default=0)
