"""/budget/antrag: the application letter.

The form is posted once; then the letter is kept for one hour on the server (`portal.ui.pending`:
under a random key that only the person's session holds, never in the cookie) and every later page is
a GET that the back button and reload can show again (Post/Redirect/Get): the preview
(/budget/antrag/vorschau), the print view (/druck) and the PDF (/pdf, a download). "Brief ändern"
is the form again with the letter in it. Only "Mit meinem Code speichern" keeps the letter longer,
under the person's resume code (section "letter"), for 30 days.
"""
from __future__ import annotations

from pathlib import Path

from flask import current_app, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .. import usage
from ..extensions import limiter
from ..resume import store
from ..ui import pending
from ..ui.limits import form_rate_limit
from . import clock, handover, letter
from .blueprint import bp, private, texts
from .forms import CodeForm, LetterForm
from .office_routes import advice
from .routes import code_page

SECTION = "letter"
PENDING_SLOT = "budget.letter"
# The button pressed under the form → the page it leads to.
ACTIONS = {"vorschau": "budget.letter_preview", "druck": "budget.letter_print", "pdf": "budget.letter_pdf"}
LETTER_CSS = Path("css") / "letter.css"
COST_PLAN = "Kostenplan"  # the annex's name in the letter (standard German, like the letter)


def _form() -> LetterForm:
    form = LetterForm()
    names = texts().finder.offices
    form.office.choices = [(key, names[key].name) for key in letter.RECIPIENTS] + [
        (letter.OTHER_OFFICE, _("Ein anderes Amt"))
    ]
    return form


def _fill(form: LetterForm, values: dict) -> None:
    for name in letter.LetterFields.field_names():
        value = values.get(name)
        if isinstance(value, str):
            getattr(form, name).data = value


def _prefill(form: LetterForm) -> tuple[str | None, list[handover.Sentence]]:
    """Start from the letter just written, else the saved letter, else from the Klärung result and
    the office finder. Returns where the help text came from ("saved", "klaerung" or None), for a note
    on the page, and the sentences taken over from the Klärung (shown in easy words to check;
    `?ohne_klaerung=1`: none)."""
    just_written = pending.peek(PENDING_SLOT)
    if isinstance(just_written, dict):
        _fill(form, just_written)
        return None, []
    code = store.current_code()
    saved = (store.load(code) or {}).get(SECTION) if code else None
    if isinstance(saved, dict):
        _fill(form, saved)
        return "saved", []
    found = advice()
    if found is not None and found.office in letter.RECIPIENTS:
        form.office.data = found.office
    if request.args.get("ohne_klaerung") == "1":
        return None, []
    taken = handover.sentences(handover.klaerung_facts(g.lang))
    if taken:
        form.help.data = "\n".join(sentence.letter for sentence in taken)
        return "klaerung", taken
    return None, []


def _page(form: LetterForm, prefilled: str | None = None, taken=()):
    from .. import costplan

    page = texts().letter
    return private(make_response(render_template(
        "budget/letter_form.html", title=page.title, page=page, form=form, prefilled=prefilled, taken=taken,
        description=page.summary, cost_plan=costplan.attached_plan(costplan.LETTER) is not None,
    )))


def _written() -> letter.LetterFields | None:
    """The letter this person wrote within the last hour."""
    return letter.LetterFields.from_dict(pending.peek(PENDING_SLOT))


@bp.route("/antrag", methods=["GET", "POST"])
@limiter.limit(form_rate_limit, methods=["POST"])
def letter_form():
    form = _form()
    if request.method == "GET":
        # After a post with errors the form already holds what was typed, and the errors.
        return _page(form) if form.errors else _page(form, *_prefill(form))
    if not form.validate_on_submit():
        return _page(form)  # answered with a redirect to the GET (portal.ui.pending)
    fields = form.letter_fields()
    pending.keep(PENDING_SLOT, fields.to_dict())
    if not form.is_spam:  # once per letter written (or changed), not per look at it
        usage.count(usage.LETTER_MADE)
    if request.form.get("aktion") == "speichern":
        return _save(fields, form.is_spam)
    endpoint = ACTIONS.get(request.form.get("aktion", ""), "budget.letter_preview")
    return redirect(url_for(endpoint), code=303)


def _cost_plan():
    """The cost plan's annex page when the person chose to attach it at /kosten (portal/costplan), else
    None; with it the letter names "Anlage: Kostenplan" under the signature."""
    from .. import costplan

    return costplan.letter_annex()


def _composed(fields: letter.LetterFields, annex) -> letter.Letter:
    return letter.compose_letter(fields, clock.today(), annexes=(COST_PLAN,) if annex else ())


def _without_letter():
    return redirect(url_for("budget.letter_form"), code=303)


@bp.get("/antrag/vorschau")
def letter_preview():
    fields = _written()
    if fields is None:
        return _without_letter()
    annex = _cost_plan()
    return private(make_response(render_template(
        "budget/letter_preview.html", title=_("Ihr Antrag"), letter=_composed(fields, annex), annex=annex,
        page=texts().letter, has_code=store.current_code() is not None, save_form=CodeForm(),
    )))


@bp.get("/antrag/druck")
def letter_print():
    fields = _written()
    if fields is None:
        return _without_letter()
    annex = _cost_plan()
    return private(make_response(render_template(
        "budget/letter_print.html", title=_("Ihr Antrag zum Drucken"), letter=_composed(fields, annex), annex=annex,
    )))


@bp.get("/antrag/pdf")
def letter_pdf():
    fields = _written()
    if fields is None:
        return _without_letter()
    annex = _cost_plan()
    html = render_template("budget/letter_document.html", letter=_composed(fields, annex), annex=annex)
    pdf = letter.render_pdf(html, Path(current_app.static_folder) / LETTER_CSS)
    response = make_response(pdf)
    response.mimetype = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{letter.file_name(clock.today())}"'
    return private(response)


@bp.post("/antrag/speichern")
@limiter.limit(form_rate_limit)
def letter_save():
    fields = _written()
    form = CodeForm()
    if not form.validate_on_submit() or fields is None:
        return _without_letter()
    return _save(fields, form.is_spam)


def _save(fields: letter.LetterFields, is_spam: bool):
    if not is_spam:
        store.save(store.ensure_code(), SECTION, fields.to_dict())
    return redirect(url_for("budget.letter_saved"), code=303)


@bp.get("/antrag/gespeichert")
def letter_saved():
    return code_page(_("Ihr Antrag ist gespeichert"), saved="letter", without_code="budget.letter_form")
