"""The overview, the steps (step-by-step navigation) and the checklist."""
from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..extensions import limiter
from ..resume import store
from ..ui.limits import form_rate_limit
from ..ui.rendercache import render_shared, shared_page
from . import progress
from .blueprint import bp, texts
from .forms import CodeForm, TickForm

# The tools, as cards on the overview: (endpoint, pictogram, title, one line).
TOOLS = (
    ("budget.steps", "budget-schritte", _l("Schritt für Schritt"), _l("So kommen Sie zu Ihrem Persönlichen Budget.")),
    ("budget.office_start", "budget-amt", _l("Welches Amt ist zuständig?"), _l("3 kurze Fragen zeigen Ihnen das Amt.")),
    ("budget.letter_form", "budget-brief", _l("Den Antrag schreiben"), _l("Wir machen aus Ihren Angaben einen Brief.")),
    ("costplan.plan", "budget-kosten", _l("Was kostet das?"), _l("Sehen Sie, was die Hilfe im Monat kosten kann.")),
    ("budget.checklist", "budget-liste", _l("Meine Check·liste"), _l("Haken Sie ab, was Sie schon erledigt haben.")),
    ("budget.objection", "budget-frist", _l("Frist für den Wider·spruch"), _l("Bis wann muss Ihr Wider·spruch da sein?")),
    ("budget.office_time", "budget-uhr", _l("Fristen für das Amt"), _l("Wie lange darf das Amt sich Zeit lassen?")),
)
STEP_PARTS = (
    ("what", _l("Was passiert?")),
    ("todo", _l("Was tun Sie?")),
    ("helpers", _l("Wer hilft Ihnen?")),
    ("duration", _l("Wie lange dauert das?")),
    ("documents", _l("Was brauchen Sie?")),
)
BACK_TO = ("liste", "schritt")


def _slugs() -> list[str]:
    return [step.slug for step in texts().steps]


def _step_or_404(slug: str):
    step = texts().step(slug)
    if step is None:
        abort(404)
    return step


@bp.get("")
@shared_page
def overview():
    page = texts().overview
    return render_template("budget/overview.html", title=page.title, page=page, tools=TOOLS,
                           first_step=texts().steps[0], description=page.summary)


@bp.get("/schritte")
def steps():
    steps_ = texts().steps
    done = progress.done_steps(_slugs())
    # The ticks are the page's only personal part: everyone with the same ticks sees the same page.
    return render_shared(tuple(done), lambda: render_template(
        "budget/steps.html",
        title=_("Schritt für Schritt zum Persönlichen Budget"),
        steps=steps_,
        done=done,
        description=_("Alle Schritte vom ersten Gespräch bis zum Geld."),
    ))


@bp.get("/schritte/<slug>")
def step(slug: str):
    all_steps = texts().steps
    current = _step_or_404(slug)
    index = current.number - 1
    done = progress.done_steps(_slugs())
    # done_steps keeps the order of the steps, so equal ticks make equal keys
    return render_shared(tuple(done), lambda: render_template(
        "budget/step.html",
        title=_("Schritt %(number)s: %(title)s", number=current.number, title=current.title),
        step=current,
        steps=all_steps,
        step_parts=STEP_PARTS,
        previous=all_steps[index - 1] if index > 0 else None,
        next=all_steps[index + 1] if index + 1 < len(all_steps) else None,
        done=done,
        tick_form=TickForm(),
        description=current.summary,
    ))


@bp.get("/checkliste")
def checklist():
    return render_template(
        "budget/checklist.html",
        title=_("Meine Check·liste"),
        steps=texts().steps,
        done=progress.done_steps(_slugs()),
        tick_form=TickForm(),
        code_form=CodeForm(),
        code=store.current_code(),
        description=_("Haken Sie ab, was Sie schon erledigt haben."),
    )


@bp.post("/checkliste/<slug>")
@limiter.limit(form_rate_limit)
def tick(slug: str):
    current = _step_or_404(slug)
    form = TickForm()
    if not form.validate_on_submit() or form.erledigt.data not in ("ja", "nein"):
        abort(400)
    progress.set_done(current.slug, form.erledigt.data == "ja", _slugs())
    # Back to where the person pressed the button, at the same step, so the focus is not lost on a long list.
    if _back_to() == "schritt":
        return redirect(url_for("budget.step", slug=current.slug, _anchor="erledigt"), code=303)
    return redirect(url_for("budget.checklist", _anchor=f"schritt-{current.slug}"), code=303)


def _back_to() -> str:
    value = request.form.get("zurueck")
    return value if value in BACK_TO else "liste"


@bp.post("/checkliste/code")
@limiter.limit(form_rate_limit)
def keep_checklist():
    if not CodeForm().validate_on_submit():
        abort(400)
    progress.keep_with_code(_slugs())
    return redirect(url_for("budget.code"), code=303)


@bp.get("/code")
def code():
    return code_page(_("Ihr Code"), saved="checklist", without_code="budget.checklist")


def code_page(title: str, saved: str, without_code: str):
    """The person's resume code after saving something under it (without a code: back to `without_code`)."""
    current = store.current_code()
    if current is None:
        return redirect(url_for(without_code), code=303)
    return render_template("budget/code.html", title=title, code=current, saved=saved)
