from __future__ import annotations

from flask import Blueprint, current_app, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..extensions import db, limiter
from ..library import content_page
from ..ui.limits import form_rate_limit
from ..ui.rendercache import shared_page
from .comparison import comparison_for
from .forms import BarrierReportForm
from .models import BarrierReport

bp = Blueprint("pages", __name__, template_folder="templates")

ENTRY_POINTS = (
    # The four ways into the portal: (path, pictogram, label, one line about it).
    ("/module", "start-module", _l("Die 8 Module"), _l("Diese Hilfe gibt es auf dem Weg zur Arbeit.")),
    ("/klaerung", "start-klaerung", _l("Klärung"), _l("Finden Sie heraus: Was will ich? Was kann ich?")),
    ("/budget", "start-budget", _l("Persönliches Budget"), _l("So beantragen Sie Geld für Ihre Hilfe.")),
    ("/kontakt", "start-kontakt", _l("Kontakt"), _l("Sprechen Sie mit einer Fach·kraft.")),
)


@bp.get("/")
@shared_page
def start():
    page = content_page("start")
    return render_template("pages/start.html", title=page.title, page=page, entry_points=ENTRY_POINTS,
                           description=page.meta.get("summary", ""))


def _simple_page(slug: str):
    page = content_page(slug)
    return render_template("pages/content_page.html", title=page.title, page=page,
                           description=page.meta.get("summary", ""))


@bp.get("/datenschutz")
@shared_page
def privacy():
    return _simple_page("datenschutz")


@bp.get("/impressum")
@shared_page
def imprint():
    return _simple_page("impressum")


@bp.get("/begleitung")
@shared_page
def support():
    return _simple_page("begleitung")


@bp.get("/geld-und-sicherheit")
@shared_page
def money():
    """Money and safety on the way out of the workshop, with the comparison of the three ways."""
    page = content_page("geld-und-sicherheit")
    return render_template("pages/money.html", title=page.title, page=page,
                           comparison=comparison_for(current_app, g.lang),
                           description=page.meta.get("summary", ""))


@bp.get("/ueber-jobbudget")
@shared_page
def about():
    return _simple_page("ueber-jobbudget")


@bp.route("/barrierefreiheit", methods=["GET", "POST"])
@limiter.limit(form_rate_limit, methods=["POST"])
def accessibility():
    page = content_page("barrierefreiheit")
    form = BarrierReportForm()
    if form.validate_on_submit():
        if not form.is_spam:
            from ..mail.outbox import send_after_response
            from ..operator.notices import queue_notice  # the operator's desk: a notice, not the text

            report = BarrierReport(
                lang=g.lang,
                page=form.page.data or "",
                description=form.description.data,
                contact=form.contact.data or "",
            )
            db.session.add(report)
            queue_notice(report)
            db.session.commit()
            send_after_response()
        return redirect(url_for("pages.accessibility_thanks"), code=303)
    return render_template("pages/accessibility.html", title=page.title, page=page, form=form,
                           retention_months=current_app.config["BARRIER_REPORT_RETENTION_MONTHS"])


@bp.get("/barrierefreiheit/danke")
@shared_page
def accessibility_thanks():
    return render_template("pages/accessibility_thanks.html", title=_("Danke für Ihre Nachricht"))
