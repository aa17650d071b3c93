"""/kontakt: the start page, one page per question, the check page, the confirmation."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import format_date
from flask_babel import gettext as _

from .. import usage
from ..extensions import db, limiter
from ..mail.outbox import send_after_response
from ..providers.models import Provider
from ..ui.limits import form_rate_limit
from . import drafts, flow
from .directory import resolve
from .forms import SendForm, StepForm
from .questions import QUESTIONS
from .references import new_reference
from .service import AlreadySent, submit
from .snapshot import current_cost_plan, current_result
from .summary import CHANGE_PAGES, fields_from_answers, rows
from .texts import contact_text

bp = Blueprint("contact", __name__, template_folder="templates")
SENT_KEY = "contact_sent"
EUTB_WEBSITE = "https://www.teilhabeberatung.de"


@bp.context_processor
def _contact_texts():
    return {"contact_text": contact_text, "eutb_website": EUTB_WEBSITE,
            "eutb_website_label": EUTB_WEBSITE.removeprefix("https://")}


@bp.app_template_filter("contact_date")
def contact_date(value: str) -> str:
    """'2026-11-25' as the reader's date ('25. November 2026'); anything else as it is."""
    try:
        return format_date(date.fromisoformat(value), format="long")
    except (TypeError, ValueError):
        return value


def step_rate_limit() -> str:
    return current_app.config["CONTACT_STEP_RATE_LIMIT"]


def step_url(slug: str) -> str:
    if slug == flow.CHECK:
        return url_for("contact.check")
    return url_for("contact.question", step=slug)


def _has_result() -> bool:
    return current_result(g.lang) is not None


def _go_on(answers: dict):
    return redirect(step_url(flow.next_step(answers, _has_result())), code=303)


def _progress(slug: str, answers: dict, has_result: bool) -> tuple[int, int]:
    slugs = [step.slug for step in flow.steps_for(answers, has_result)]
    return slugs.index(slug) + 1, len(slugs)


def _provider(slug: str | None) -> Provider | None:
    if not slug:
        return None
    return db.session.execute(db.select(Provider).filter_by(slug=slug)).scalar_one_or_none()


@bp.get("/kontakt")
def start():
    text = contact_text("start")
    answers = drafts.load_answers()
    next_url = step_url(flow.next_step(answers, _has_result())) if answers else None
    # ?anbieter=<slug>: from a provider's public page; the button below chooses it (a POST).
    chosen = _provider(request.args.get("anbieter"))
    return render_template("contact/start.html", title=text.title, text=text, next_url=next_url,
                           with_result=request.args.get("mit_ergebnis") == "1", chosen=chosen,
                           choose_form=StepForm() if chosen else None)


@bp.post("/kontakt/anbieter-waehlen")
@limiter.limit(step_rate_limit)
def choose_provider():
    """Start (or go on with) a request to the provider chosen on its public page."""
    chosen = _provider(request.form.get("anbieter"))
    if not StepForm().validate_on_submit() or chosen is None:
        return redirect(url_for("contact.start"), code=303)
    answers = drafts.load_answers()
    answers[flow.CHOSEN_PROVIDER] = chosen.slug
    drafts.save_answers(answers)
    return _go_on(answers)


@bp.post("/kontakt/abbrechen")
def cancel():
    """Throw the unfinished request away (on a shared computer nobody should find it later)."""
    if StepForm().validate_on_submit():
        drafts.discard()
    return redirect(url_for("contact.start"), code=303)


@bp.route("/kontakt/<any(" + ", ".join(flow.QUESTION_SLUGS) + "):step>", methods=["GET", "POST"])
@limiter.limit(step_rate_limit, methods=["POST"])
def question(step: str):
    answers = drafts.load_answers()
    has_result = _has_result()
    if not flow.is_allowed(step, answers, has_result):
        return _go_on(answers)
    page = QUESTIONS[step]
    form = page.form_for(answers)(data=page.initial(answers))
    page.prepare(form, answers)
    if form.validate_on_submit():
        if form.is_spam:
            answers["spam"] = True
        page.save(form, answers)
        drafts.save_answers(answers)
        return _go_on(answers)
    previous = flow.previous_step(step, answers, has_result)
    number, total = _progress(step, answers, has_result)
    return render_template(
        page.template, title=page.title(answers), form=form, step=step, number=number, total=total,
        back_url=step_url(previous) if previous else url_for("contact.start"), **page.context(answers),
    )


def _check_page(answers: dict, form: SendForm):
    resolved = resolve(answers)
    workshop_label = resolved.workshop.label if resolved.workshop else ""
    result = current_result(g.lang) if answers.get("attach_result") else None
    return render_template(
        "contact/check.html", title=_("Bitte prüfen Sie Ihre Anfrage"), form=form,
        rows=rows(fields_from_answers(answers, workshop_label)), change_urls={
            key: step_url(slug) for key, slug in CHANGE_PAGES.items()},
        provider=resolved.provider, result=result, consent=contact_text("einwilligung"),
        cost_plan=current_cost_plan(g.lang),
        result_url=step_url("ergebnis") if _has_result() else None,
        back_url=step_url(flow.previous_step(flow.CHECK, answers, _has_result())),
    )


@bp.route("/kontakt/pruefen", methods=["GET", "POST"])
@limiter.limit(form_rate_limit, methods=["POST"])
def check():
    answers = drafts.load_answers()
    if not answers and not session.get(SENT_KEY) and (provider_slug := drafts.sent_to()) is not None:
        # Another request sent this draft a moment ago (a double click, a second tab).
        session[SENT_KEY] = {"reference": "", "provider": provider_slug}
    if not answers and request.method == "POST" and session.get(SENT_KEY):
        # The same form sent twice (a double click without JavaScript): it was stored once.
        return redirect(url_for("contact.done"), code=303)
    if not answers and session.get(SENT_KEY):
        # Back on the check page after sending: say so, without the reference (a shared computer).
        return render_template("contact/already_sent.html", title=_("Ihre Anfrage ist schon angekommen"))
    if not flow.is_complete(answers, _has_result()):
        return _go_on(answers)
    form = SendForm()
    if not form.validate_on_submit():
        return _check_page(answers, form)
    if form.is_spam or answers.get("spam"):
        # Answer as if all went well, so a bot learns nothing; store nothing.
        drafts.discard()
        session[SENT_KEY] = {"reference": new_reference(), "provider": ""}
        return redirect(url_for("contact.done"), code=303)
    resolved = resolve(answers)
    if resolved.provider is None:
        return redirect(step_url("anbieter"), code=303)
    result = current_result(g.lang) if answers.get("attach_result") else None
    provider_slug = resolved.provider.slug
    try:
        reference = submit(
            answers, resolved.provider, resolved.route.by, g.lang, result,
            str(contact_text("einwilligung").meta["version"]),
            workshop_label=resolved.workshop.label if resolved.workshop else "",
            cost_plan=current_cost_plan(g.lang),
        )
    except AlreadySent:
        # Sent twice at the same moment (a double click, two tabs): the other send stored it.
        if not session.get(SENT_KEY):
            session[SENT_KEY] = {"reference": "", "provider": provider_slug}
        return redirect(url_for("contact.done"), code=303)
    usage.count(usage.CONTACT_REQUEST, provider_slug)
    session[SENT_KEY] = {"reference": reference, "provider": provider_slug}
    send_after_response()
    return redirect(url_for("contact.done"), code=303)


@bp.get("/kontakt/fertig")
def done():
    sent = session.get(SENT_KEY)
    if not isinstance(sent, dict) or "reference" not in sent:
        return redirect(url_for("contact.start"))
    provider = db.session.execute(db.select(Provider).filter_by(slug=sent.get("provider") or "")).scalar_one_or_none()
    return render_template("contact/done.html", title=_("Ihre Anfrage ist angekommen"),
                           reference=sent["reference"] or "", provider=provider,
                           next_steps=contact_text("naechste-schritte"))
