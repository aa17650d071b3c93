"""The desk is a page of sections, one after another: each is a template under
`operator/sections/` and a function that gives its values. A later part of the desk (the readers'
voice, usage counters …) adds itself here with one `DeskSection` and its template."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from flask import current_app, request
from flask_babel import lazy_gettext as _l

from ..content.review import coverage
from ..extensions import db
from ..pages.models import STATUSES, BarrierReport
from ..usage.report import week_totals
from . import logic


@dataclass(frozen=True)
class DeskSection:
    key: str  # the section's id on the page (its h2 has the id "<key>-title")
    title: object  # lazy string: the h2
    template: str
    values: Callable[[], dict]
    audit_detail: Callable[[dict], str] = lambda values: ""


PAGE_SIZE = 50


def barrier_values() -> dict:
    """The list of barrier reports: newest first, by status from the URL (?status=neu), 50 a page."""
    status = request.args.get("status")
    status = status if status in STATUSES else None
    query = db.select(BarrierReport)
    if status:
        query = query.where(BarrierReport.status == status)
    counts = logic.counts()
    total = counts[status] if status else sum(counts.values())
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, request.args.get("seite", 1, type=int)), pages)
    reports = db.session.execute(query.order_by(BarrierReport.created_at.desc(), BarrierReport.id.desc())
                                 .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).scalars().all()
    return {"status": status, "counts": counts, "total": total, "page": page, "pages": pages, "reports": reports}


def _voice_values() -> dict:
    from ..feedback.desk import voice_values

    return voice_values()


def _voice_audit(values: dict) -> str:
    from ..feedback.desk import audit_detail

    return audit_detail(values)


def reader_check_values() -> dict:
    """How many texts someone from the target group has checked, per language and area."""
    return {"rows": coverage(current_app.extensions["content"])}


SECTIONS: list[DeskSection] = [
    DeskSection("barrieren", _l("Barriere·meldungen"), "operator/sections/barriers.html", barrier_values,
                lambda v: f"barriers: status={v['status'] or 'alle'}; page={v['page']}"),
    # The readers' voice (portal/feedback): "Das verstehe ich nicht", ranked.
    DeskSection("verstehen", _l("Schwere Stellen"), "feedback/desk_section.html", _voice_values, _voice_audit),
    DeskSection("geprueft", _l("Geprüfte Texte"), "operator/sections/reader_checks.html", reader_check_values),
    DeskSection("nutzung", _l("Nutzung in den letzten 7 Tagen"), "operator/sections/usage.html",
                lambda: {"totals": week_totals()}, lambda v: "usage: 7 days"),
]
