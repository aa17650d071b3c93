"""/anbieter: log-in, the list of the provider's own requests, one request's page with notes,
status and assignment, CSV export and deletion. Every view and change is audited."""
from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func

from ..contact.models import DONE, STATUSES, ContactRequest, DeletionRecord
from ..clock import today_in_berlin
from ..contact.purge import delete_request
from ..contact.summary import fields_from_request, rows
from ..extensions import db, limiter
from ..providers.dbtypes import utcnow
from ..ui.pending import form_page
from . import audit
from .auth import attempt_login, current_user, log_in, log_out, login_required, safe_next
from .export import requests_csv
from ..contact.forms import as_choices
from .forms import NOBODY, AssignForm, DeleteForm, LoginForm, NoteForm, SearchForm, StatusForm
from .labels import LANGUAGE_LABELS, ROUTED_LABELS, STATUS_LABELS
from .models import ASSIGNED, NOTE, STATUS, HistoryEntry
from .queries import filtered_requests, own_request_or_404, own_staff

bp = Blueprint("inbox", __name__, url_prefix="/anbieter", template_folder="templates")
PAGE_SIZE = 50
WRONG_LOGIN = _l("E-Mail-Adresse oder Passwort stimmt nicht.")


def login_rate_limit() -> str:
    return current_app.config["INBOX_LOGIN_RATE_LIMIT"]


@bp.context_processor
def _inbox_globals():
    return {"staff": current_user(), "status_labels": STATUS_LABELS}


# --- log-in ------------------------------------------------------------------------------------


def _wait_message(until: datetime) -> str:
    minutes = max(1, round((until - utcnow()).total_seconds() / 60))
    if (until - utcnow()).total_seconds() < 60:
        return _("Zu viele falsche Versuche. Bitte warten Sie einen Moment und versuchen Sie es dann noch einmal.")
    return _("Zu viele falsche Versuche. Bitte warten Sie %(minutes)s Minuten.", minutes=minutes)


@bp.route("/anmelden", methods=["GET", "POST"])
@limiter.limit(login_rate_limit, methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        result = attempt_login(form.email.data, form.password.data, utcnow(), request.remote_addr)
        if result.user is not None:
            log_in(result.user)
            return redirect(safe_next(request.args.get("weiter"), result.user), code=303)
        form.email.errors.append(_wait_message(result.wait_until) if result.wait_until else WRONG_LOGIN)
    return render_template("inbox/login.html", title=_("Anmelden für Anbieter"), form=form,
                           expired=request.args.get("abgelaufen"))


@bp.post("/abmelden")
def logout():
    user = current_user()
    if user is not None:
        user.end_sessions()  # a copy of the cookie opens nothing any more
        audit.record("logout", user)
        db.session.commit()
    log_out()
    session.pop(SEARCH_KEY, None)
    flash(_("Sie sind abgemeldet."))
    return redirect(url_for("inbox.login"), code=303)


# --- the list ----------------------------------------------------------------------------------


SEARCH_KEY = "inbox_search"


def _filters() -> tuple[str | None, str]:
    """The status from the URL; the search term from the session (see SearchForm)."""
    status = request.args.get("status")
    search = session.get(SEARCH_KEY)
    return (status if status in STATUSES else None), (search if isinstance(search, str) else "")


@bp.post("/suche")
@login_required
def search():
    form = SearchForm()
    status = request.form.get("status")
    if form.validate_on_submit():
        if form.suche.data:
            session[SEARCH_KEY] = form.suche.data
        else:
            session.pop(SEARCH_KEY, None)
        return redirect(url_for("inbox.requests", status=status if status in STATUSES else None), code=303)
    form_page(url_for("inbox.requests", status=status if status in STATUSES else None))
    return _list_page(form)


@bp.get("")
@login_required
def requests():
    return _list_page(SearchForm(data={"suche": _filters()[1]}))


def _list_page(search_form: SearchForm):
    user = current_user()
    status, search = _filters()
    query = filtered_requests(user, status, search)
    total = db.session.execute(db.select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, request.args.get("seite", 1, type=int)), pages)
    shown = db.session.execute(query.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).scalars().all()
    audit.record("list", user, detail=f"status={status or 'alle'}{'; search' if search else ''}; page={page}")
    db.session.commit()
    return render_template(
        "inbox/list.html", title=_("Anfragen an %(provider)s", provider=user.provider.name),
        requests=shown, total=total, page=page, pages=pages, status=status, search=search,
        search_form=search_form, form=search_form, filter_args=_filter_args(),
    )


def _filter_args() -> dict:
    status = _filters()[0]
    return {"status": status} if status else {}


@bp.route("/export.csv", methods=["GET", "POST"])
@login_required
def export():
    """Only a POST (with its CSRF token) downloads: a link on another site, an image or a
    prefetch must never make a staff member's browser fetch the people's data. A GET shows the
    button."""
    if request.method == "GET":
        return render_template("inbox/export.html", title=_("Liste herunterladen"), filter_args=_filter_args())
    user = current_user()
    status, search = _filters()
    found = db.session.execute(filtered_requests(user, status, search)).scalars().all()
    audit.record("export", user, detail=f"{len(found)} requests; status={status or 'alle'}{'; search' if search else ''}")
    db.session.commit()
    filename = f"anfragen-{today_in_berlin():%Y-%m-%d}.csv"  # the date the staff see on their calendar
    return Response(requests_csv(found), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


# --- one request --------------------------------------------------------------------------------


class RequestForms(NamedTuple):
    status: StatusForm
    assign: AssignForm
    note: NoteForm


def _forms(contact_request: ContactRequest, user) -> RequestForms:
    """The three forms of a request's page; on a POST each binds its own prefixed fields."""
    status_form = StatusForm(prefix="status", data={"status": contact_request.status})
    assign_form = AssignForm(prefix="assign", data={"assignee": str(contact_request.assigned_to_id or NOBODY)})
    assign_form.assignee.choices = as_choices([(NOBODY, _("Noch niemand"))] + [
        (member.id, member.display_name) for member in own_staff(user)])
    return RequestForms(status_form, assign_form, NoteForm(prefix="note"))


def _detail_page(contact_request: ContactRequest, status_form, assign_form, note_form):
    history = db.session.execute(
        db.select(HistoryEntry).where(HistoryEntry.request_id == contact_request.id).order_by(HistoryEntry.created_at, HistoryEntry.id)
    ).scalars().all()
    return render_template(
        "inbox/detail.html", title=_("Anfrage %(reference)s", reference=contact_request.reference),
        item=contact_request, rows=rows(fields_from_request(contact_request)), history=history,
        status_form=status_form, assign_form=assign_form, note_form=note_form,
        form=next((f for f in (status_form, assign_form, note_form) if f.errors), None),
        routed_label=ROUTED_LABELS.get(contact_request.routed_by, ""),
        language_label=LANGUAGE_LABELS.get(contact_request.lang, contact_request.lang),
    )


@bp.get("/anfragen/<reference>")
@login_required
def detail(reference: str):
    user = current_user()
    contact_request = own_request_or_404(user, reference)
    audit.record("view", user, reference=contact_request.reference)
    db.session.commit()
    return _detail_page(contact_request, *_forms(contact_request, user))


def _changed(contact_request: ContactRequest, kind: str, text: str, action: str, detail: str = ""):
    user = current_user()
    db.session.add(HistoryEntry(request_id=contact_request.id, author_id=user.id, kind=kind, text=text))
    audit.record(action, user, reference=contact_request.reference, detail=detail)
    db.session.commit()
    flash(_("Gespeichert."))
    return redirect(url_for("inbox.detail", reference=contact_request.reference, _anchor="verlauf"), code=303)


def _change(reference: str, which: str, apply):
    """A change from one of the request page's forms (`which`: status, assign or note): the page
    again with the errors, or `apply(contact_request, form)`."""
    contact_request = own_request_or_404(current_user(), reference)
    forms = _forms(contact_request, current_user())
    form = getattr(forms, which)
    if not form.validate():
        form_page(url_for("inbox.detail", reference=contact_request.reference))
        return _detail_page(contact_request, *forms)
    return apply(contact_request, form)


@bp.post("/anfragen/<reference>/status")
@login_required
def change_status(reference: str):
    def apply(contact_request, form):
        new_status = form.status.data
        if new_status == contact_request.status:
            return redirect(url_for("inbox.detail", reference=contact_request.reference), code=303)
        contact_request.status = new_status
        contact_request.closed_at = utcnow() if new_status == DONE else None
        return _changed(contact_request, STATUS, new_status, "status", detail=new_status)

    return _change(reference, "status", apply)


@bp.post("/anfragen/<reference>/zuweisen")
@login_required
def assign(reference: str):
    def apply(contact_request, form):
        chosen = None if form.assignee.data == NOBODY else int(form.assignee.data)
        contact_request.assigned_to_id = chosen
        member = next((m for m in own_staff(current_user()) if m.id == chosen), None)
        return _changed(contact_request, ASSIGNED, member.display_name if member else "", "assign",
                        detail=str(chosen or "nobody"))

    return _change(reference, "assign", apply)


@bp.post("/anfragen/<reference>/notiz")
@login_required
def add_note(reference: str):
    return _change(reference, "note", lambda contact_request, form: _changed(contact_request, NOTE, form.text.data, "note"))


@bp.route("/anfragen/<reference>/loeschen", methods=["GET", "POST"])
@login_required
def delete(reference: str):
    user = current_user()
    contact_request = own_request_or_404(user, reference)
    form = DeleteForm()
    if form.validate_on_submit():
        reference = contact_request.reference
        delete_request(contact_request, DeletionRecord.PERSON_ASKED, by=user)
        audit.record("delete", user, reference=reference, detail="the person asked")
        db.session.commit()
        flash(_("Die Anfrage %(reference)s ist gelöscht. Es bleibt nur ein Vermerk ohne persönliche Daten.",
                reference=reference))
        return redirect(url_for("inbox.requests"), code=303)
    return render_template("inbox/delete.html", title=_("Anfrage %(reference)s löschen", reference=contact_request.reference),
                           item=contact_request, form=form)
