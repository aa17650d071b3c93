"""What readers tell us they did not understand, and the desk's marks that a place was reworked.

A flag holds nothing that identifies the reader: no address, no session, no account, no time of day.
Only the place (page path and section key), the optional word, the language and the day.
"""
from __future__ import annotations

from ..extensions import db
from ..providers.dbtypes import utcnow

WHOLE_PAGE = ""  # the section of a flag about the whole page
WORD_MISSING = "wort-fehlt"  # the section of a dictionary request ("Dieses Wort erklären")


class ReaderFlag(db.Model):
    """One "Das verstehe ich nicht" (or "Dieses Wort erklären"): where, which word, which day."""

    __tablename__ = "reader_flag"

    PAGE_MAX = 200
    SECTION_MAX = 80
    WORD_MAX = 60

    id = db.Column(db.Integer, primary_key=True)
    created_on = db.Column(db.Date, nullable=False, index=True)  # the day in Germany, nothing finer
    lang = db.Column(db.String(5), nullable=False)
    page = db.Column(db.String(PAGE_MAX), nullable=False)
    section = db.Column(db.String(SECTION_MAX), nullable=False, default=WHOLE_PAGE)
    word = db.Column(db.String(WORD_MAX), nullable=False, default="")


class ReaderRework(db.Model):
    """The desk marks a place as reworked, with a note: flags from before count no more."""

    __tablename__ = "reader_rework"

    NOTE_MAX = 1000

    id = db.Column(db.Integer, primary_key=True)
    page = db.Column(db.String(ReaderFlag.PAGE_MAX), nullable=False, index=True)
    section = db.Column(db.String(ReaderFlag.SECTION_MAX), nullable=False, default=WHOLE_PAGE)
    reworked_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)
    reworked_on = db.Column(db.Date, nullable=False)  # the day in Germany: flags of later days count
    author = db.Column(db.String(200), nullable=False, default="")
    note = db.Column(db.Text, nullable=False, default="")
