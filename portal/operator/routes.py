"""/betrieb: the operator's desk, and one page per barrier report. Operators only: a visitor who is
not logged in goes to the log-in page, provider staff get 404 (portal.inbox.auth.operator_required).
Every view and change is in the audit log."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..extensions import db
from ..inbox import audit
from ..inbox.auth import current_user, log_out, operator_required
from ..pages.models import BarrierReport
from ..providers.dbtypes import utcnow
from . import logic
from .forms import ReportForm
from .labels import AREA_LABELS, LANGUAGE_LABELS, STATUS_LABELS
from .sections import SECTIONS

bp = Blueprint("operator", __name__, url_prefix="/betrieb", template_folder="templates")


@bp.context_processor
def _desk_globals():
    return {"account": current_user(), "barrier_status_labels": STATUS_LABELS,
            "language_labels": LANGUAGE_LABELS, "area_labels": AREA_LABELS}


@bp.get("")
@operator_required
def desk():
    user = current_user()
    parts = []
    for section in SECTIONS:
        values = section.values()
        parts.append((section, values))
        audit.record("desk", user, detail=section.audit_detail(values))
    db.session.commit()
    return render_template("operator/desk.html", title=_("Betrieb des Portals"), parts=parts)


def _report_or_404(report_id: int) -> BarrierReport:
    report = db.session.get(BarrierReport, report_id)
    if report is None:
        abort(404)
    return report


@bp.route("/barrieren/<int:report_id>", methods=["GET", "POST"])
@operator_required
def report(report_id: int):
    user = current_user()
    report = _report_or_404(report_id)
    form = ReportForm(data={"status": report.status})
    if form.validate_on_submit():
        try:
            logic.change(report, user, form.status.data, form.note.data, utcnow())
        except logic.NothingChanged:
            form.note.errors.append(_("Bitte ändern Sie den Status oder schreiben Sie eine Notiz."))
        except logic.NotesFull:
            form.note.errors.append(_("Diese Meldung hat schon %(number)s Einträge. Mehr geht nicht.", number=logic.ENTRIES_MAX))
        else:
            db.session.commit()
            flash(_("Gespeichert."))
            return redirect(url_for("operator.report", report_id=report.id, _anchor="verlauf"), code=303)
    elif request.method == "GET":
        audit.record("barrier_view", user, reference=logic.audit_reference(report))
        db.session.commit()
    return render_template(
        "operator/report.html", title=_("Barriere·meldung %(number)s", number=report.id), item=report, form=form,
        history=logic.entries(report), language_label=LANGUAGE_LABELS.get(report.lang, report.lang),
    )


@bp.post("/abmelden")
def logout():
    """Like the inbox's log-out (any account may end its own session)."""
    user = current_user()
    if user is not None:
        user.end_sessions()
        audit.record("logout", user)
        db.session.commit()
    log_out()
    flash(_("Sie sind abgemeldet."))
    return redirect(url_for("inbox.login"), code=303)
