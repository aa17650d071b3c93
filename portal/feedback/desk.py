"""The readers' voice on the operator's desk: the section "Schwere Stellen" (a ranking over 30, 90
or 365 days, as a chart and a table), and one page per place to mark it as reworked with a note.
Operators only (portal.inbox.auth.operator_required: provider staff get 404); every view and mark
is in the audit log."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..clock import today_in_berlin, utcnow
from ..extensions import db
from ..inbox import audit
from ..inbox.auth import current_user, operator_required
from ..library import content
from ..ui.charts import bar_chart
from . import logic, places, ranking
from .forms import ReworkForm

CHART_PLACES = 10

desk_bp = Blueprint("feedback_desk", __name__, url_prefix="/betrieb", template_folder="templates")


@desk_bp.context_processor
def _desk_globals():
    return {"account": current_user()}


def named(place: ranking.Place) -> dict:
    page_name, section_name = places.describe(content(), place.page, place.section)
    return {"place": place, "page_name": page_name, "section_name": section_name,
            "link": url_for("feedback_desk.place", seite=place.page, abschnitt=place.section or None)}


def voice_values() -> dict:
    """The desk section: the ranking over the period from the URL (?zeitraum=90)."""
    days = ranking.period(request.args.get("zeitraum"))
    result = ranking.rank(today_in_berlin(), days)
    rows = [named(place) for place in result.places]
    shown = rows[:CHART_PLACES]
    chart = bar_chart(
        [(_("Nr. %(number)s", number=number), [row["place"].count]) for number, row in enumerate(shown, start=1)],
        [_("Wie oft")],
        _("Balken·diagramm: die %(number)s schwersten Stellen der letzten %(days)s Tage. Die Zahlen stehen in der Tabelle darunter.",
          number=len(shown), days=days).replace("·", ""),
    )
    return {"days": days, "periods": ranking.PERIODS, "ranking": result, "rows": rows,
            "reworked": [named(place) for place in result.reworked], "chart": chart}


def audit_detail(values: dict) -> str:
    return f"voice: days={values['days']}; places={len(values['rows'])}"


def _place_or_404() -> tuple[str, str]:
    page, section = request.args.get("seite", ""), request.args.get("abschnitt", "")
    if not places.is_reader_page(page) or not places.is_section_key(section):
        abort(404)
    return page, section


@desk_bp.route("/verstehen", methods=["GET", "POST"])
@operator_required
def place():
    user = current_user()
    page, section = _place_or_404()
    form = ReworkForm()
    if form.validate_on_submit():
        logic.mark_reworked(page, section, user, form.note.data, utcnow())
        db.session.commit()
        flash(_("Gespeichert. Die Stelle ist als überarbeitet markiert."))
        return redirect(url_for("operator.desk", _anchor="verstehen-title"), code=303)
    if request.method == "GET":
        audit.record("reader_place_view", user, detail=f"{page} {section or '-'}")
        db.session.commit()
    summary = ranking.place_summary(page, section, today_in_berlin())
    page_name, section_name = places.describe(content(), page, section)
    return render_template(
        "feedback/place.html", title=_("Schwere Stelle"), form=form, item=summary, page=page,
        section=section, page_name=page_name, section_name=section_name, days=max(ranking.PERIODS),
        history=ranking.history(page, section), anchor=places.anchor(section),
    )
