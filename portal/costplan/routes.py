"""/kosten: "Was kostet das?" One page: the person's choice (a form, Post/Redirect/Get) and the plan
computed from it with the provider's current prices. `?anbieter=<slug>` preselects a provider (the
public provider pages link here with it)."""
from __future__ import annotations

from flask import Blueprint, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..extensions import limiter
from ..ui.limits import form_rate_limit
from ..ui.names import long_name
from . import choice as choices
from .choice import CONTACT, LETTER, Choice
from .forms import CostPlanForm, ForgetForm

bp = Blueprint("costplan", __name__, template_folder="templates")


def _form(titles: dict[int, str], providers) -> CostPlanForm:
    form = CostPlanForm()
    form.modules.choices = [(str(number), _("Modul %(number)s: %(title)s", number=number, title=title))
                            for number, title in sorted(titles.items())]
    form.provider.choices = [(provider.slug, long_name(provider.name)) for provider in providers]
    form.attach.choices = [(LETTER, _("An den Antrag an das Amt anhängen")),
                           (CONTACT, _("An eine Kontakt·anfrage anhängen"))]
    return form


def _private(response):
    """The page shows the person's own choice: no cache may keep it (shared workshop computers)."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/kosten", methods=["GET", "POST"])
@limiter.limit(form_rate_limit, methods=["POST"])
def plan():
    titles = choices.module_titles(g.lang)
    providers = choices.providers()
    form = _form(titles, providers)
    if request.method == "POST":
        if form.validate_on_submit():
            choices.save(Choice(
                modules=tuple(sorted({int(value) for value in form.modules.data})),
                provider=form.provider.data,
                months=form.months.months,
                attach=tuple(kind for kind in (LETTER, CONTACT) if kind in (form.attach.data or [])),
            ))
            return redirect(url_for("costplan.plan") + "#kosten-plan", code=303)
        return _page(form, None, None, from_klaerung=False, unknown_provider=False)  # → 303 to the GET

    saved = choices.saved()
    recommended = choices.recommended_modules()
    current = saved or Choice(modules=recommended)
    wanted = request.args.get("anbieter", "")
    unknown_provider = False
    if wanted:
        if choices.provider_by_slug(wanted) is not None:
            current = Choice(current.modules, wanted, current.months, current.attach)
        else:
            unknown_provider = True
    if not form.errors:
        form.modules.data = [str(number) for number in current.modules]
        form.provider.data = current.provider or None
        form.months.data = str(current.months)
        form.attach.data = list(current.attach)
    plan = choices.plan_for(current, g.lang)
    return _page(form, plan, current, from_klaerung=saved is None and bool(recommended),
                 unknown_provider=unknown_provider, is_saved=saved is not None and current == saved)


@bp.post("/kosten/loeschen")
@limiter.limit(form_rate_limit)
def forget():
    """Delete the saved choice (a shared workshop computer: the next person sees nothing of it)."""
    if ForgetForm().validate_on_submit():
        choices.forget()
    return redirect(url_for("costplan.plan"), code=303)


def _page(form, plan, current, from_klaerung: bool, unknown_provider: bool, is_saved: bool = False):
    return _private(make_response(render_template(
        "costplan/plan.html", title=_("Was kostet das?"), form=form, plan=plan, choice=current,
        forget_form=ForgetForm() if is_saved else None,
        from_klaerung=from_klaerung, unknown_provider=unknown_provider, is_saved=is_saved,
        letter=LETTER, contact=CONTACT,
        description=_("Ihr Kosten·plan: Was kostet die Hilfe im Monat?"),
    )))
