"""/budget/frist/…: "Wann muss mein Wider·spruch da sein?" and "Wie lange darf das Amt sich Zeit lassen?".

The typed date goes into the session for the result page (post, then redirect), nowhere else.
The dates are computed by deadlines.py; the pages only show them.
"""
from __future__ import annotations

from datetime import date

from flask import g, redirect, render_template, session, url_for
from flask_babel import gettext as _

from . import clock, deadlines
from .blueprint import bp, texts
from .forms import ObjectionForm, OfficeTimeForm

OBJECTION_KEY = "budget_frist_widerspruch"
OFFICE_TIME_KEY = "budget_frist_amt"


def _stored_date(value) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def stored_objection() -> dict | None:
    """The inputs from the session, checked again (the cookie is signed, but the rules may change)."""
    data = session.get(OBJECTION_KEY)
    if not isinstance(data, dict):
        return None
    letter_date = _stored_date(data.get("letter_date"))
    land = data.get("land")
    if letter_date is None or data.get("by_post") not in ("ja", "nein") or land not in (*deadlines.LAENDER, deadlines.UNKNOWN_LAND):
        return None
    return {"letter_date": letter_date, "by_post": data["by_post"], "land": land}


@bp.route("/frist/widerspruch", methods=["GET", "POST"])
def objection():
    form = ObjectionForm()
    if form.validate_on_submit():
        session[OBJECTION_KEY] = {
            "letter_date": form.letter_date.date.isoformat(),
            "by_post": form.by_post.data,
            "land": form.land.data,
        }
        return redirect(url_for("budget.objection_result"), code=303)
    stored = stored_objection()
    if not form.is_submitted() and stored:
        form.letter_date.data = deadlines.numeric_date(stored["letter_date"])
        form.by_post.data = stored["by_post"]
        form.land.data = stored["land"]
    page = texts().objection
    return render_template("budget/objection_form.html", title=page.title, page=page, form=form, description=page.summary)


@bp.get("/frist/widerspruch/ergebnis")
def objection_result():
    stored = stored_objection()
    if stored is None:
        return redirect(url_for("budget.objection"), code=303)
    result = deadlines.objection_deadline(stored["letter_date"], stored["by_post"] == "ja", stored["land"])
    skipped = [(day_off.day, deadlines.holiday_name(day_off.day, stored["land"], g.lang)) for day_off in result.skipped]
    return _result_page(
        "budget/objection_result.html",
        _("Der letzte Tag für Ihren Wider·spruch"),
        texts().objection,
        result=result,
        skipped=skipped,
        land=deadlines.LAENDER.get(stored["land"]),
    )


def stored_received() -> date | None:
    data = session.get(OFFICE_TIME_KEY)
    return _stored_date(data.get("received")) if isinstance(data, dict) else None


@bp.route("/frist/amt", methods=["GET", "POST"])
def office_time():
    form = OfficeTimeForm()
    if form.validate_on_submit():
        session[OFFICE_TIME_KEY] = {"received": form.received.date.isoformat()}
        return redirect(url_for("budget.office_time_result"), code=303)
    stored = stored_received()
    if not form.is_submitted() and stored:
        form.received.data = deadlines.numeric_date(stored)
    page = texts().office_time
    return render_template("budget/office_time_form.html", title=page.title, page=page, form=form, description=page.summary)


@bp.get("/frist/amt/ergebnis")
def office_time_result():
    received = stored_received()
    if received is None:
        return redirect(url_for("budget.office_time"), code=303)
    return _result_page(
        "budget/office_time_result.html",
        _("So lange darf das Amt sich Zeit lassen"),
        texts().office_time,
        limits=deadlines.office_time_limits(received),
    )


def _result_page(template: str, title: str, page, **values):
    """A result page: its dates are shown in words in the page's language, and compared with today."""
    return render_template(
        template, title=title, page=page, today=clock.today(), words=lambda day: deadlines.long_date(day, g.lang), **values
    )
