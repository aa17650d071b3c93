"""Working on a barrier report: a new status and a note, each kept in the report's notes with its
time and author, and in the audit log. No web code here: the desk's views and the tests use it."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from ..extensions import db
from ..inbox import audit
from ..pages.models import STATUSES, BarrierReport
from ..providers.models import StaffUser

NOTE_MAX = 2000  # one note
ENTRIES_MAX = 200  # notes and status changes of one report


class NothingChanged(ValueError):
    """The same status and no note: nothing to save."""


class NotesFull(ValueError):
    """The report has ENTRIES_MAX entries already."""


@dataclass(frozen=True)
class NoteEntry:
    at: datetime
    author: str
    status: str  # the new status, or "" when it stayed
    text: str  # the note, or ""


def audit_reference(report: BarrierReport) -> str:
    return f"B-{report.id}"


def entries(report: BarrierReport) -> list[NoteEntry]:
    """The report's notes and status changes, oldest first."""
    try:
        stored = json.loads(report.notes or "[]")
    except ValueError:
        stored = []
    found = []
    for item in stored if isinstance(stored, list) else []:
        try:
            found.append(NoteEntry(datetime.fromisoformat(item["at"]), str(item.get("author", "")),
                                   str(item.get("status", "")), str(item.get("text", ""))))
        except (KeyError, TypeError, ValueError):
            continue
    return found


def change(report: BarrierReport, user: StaffUser, status: str, note: str, now: datetime) -> None:
    """Set the status and add the note (either may stay as it is, not both), with an audit entry
    for each; the caller commits."""
    note = (note or "").strip()
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    new_status = status if status != report.status else ""
    if not new_status and not note:
        raise NothingChanged()
    stored = json.loads(report.notes or "[]") if report.notes else []
    if len(stored) >= ENTRIES_MAX:
        raise NotesFull()
    stored.append({"at": now.isoformat(timespec="seconds"), "author": user.display_name,
                   "status": new_status, "text": note[:NOTE_MAX]})
    report.notes = json.dumps(stored, ensure_ascii=False)
    report.updated_at = now
    if new_status:
        audit.record("barrier_status", user, reference=audit_reference(report), detail=f"{report.status} -> {new_status}")
        report.status = new_status
    if note:
        audit.record("barrier_note", user, reference=audit_reference(report), detail=f"{len(note)} characters")


def counts() -> dict[str, int]:
    """How many reports have each status."""
    rows = db.session.execute(db.select(BarrierReport.status, db.func.count()).group_by(BarrierReport.status)).all()
    found = dict.fromkeys(STATUSES, 0)
    found.update({status: number for status, number in rows if status in found})
    return found
