"""/budget/antrag: the application letter.

What the person types is never stored on the server, and not in the session either: the form is
posted, the letter is shown as the answer to that post, and the preview carries the fields on in
hidden inputs to the next button (print view, PDF, change, save). Only "Mit meinem Code speichern"
keeps them, under the person's resume code (section "letter"), for 30 days.
"""
from __future__ import annotations

from pathlib import Path

from flask import current_app, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..extensions import limiter
from ..resume import store
from ..ui.limits import form_rate_limit
from . import clock, handover, letter
from .blueprint import bp, private, texts
from .forms import LetterForm
from .office_routes import advice
from .routes import code_page

SECTION = "letter"
ACTIONS = ("vorschau", "aendern", "druck", "pdf", "speichern")
LETTER_CSS = Path("css") / "letter.css"


def _form() -> LetterForm:
    form = LetterForm()
    names = texts().finder.offices
    form.office.choices = [(key, names[key].name) for key in letter.RECIPIENTS] + [
        (letter.OTHER_OFFICE, _("Ein anderes Amt"))
    ]
    return form


def _prefill(form: LetterForm) -> tuple[str | None, list[handover.Sentence]]:
    """Start from the saved letter, else from the Klärung result and the office finder.
    Returns where the help text came from ("saved", "klaerung" or None), for a note on the page, and
    the sentences taken over from the Klärung (shown in easy words to check; `?ohne_klaerung=1`: none)."""
    code = store.current_code()
    saved = (store.load(code) or {}).get(SECTION) if code else None
    if isinstance(saved, dict):
        for name in letter.LetterFields.field_names():
            value = saved.get(name)
            if isinstance(value, str):
                getattr(form, name).data = value
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
    page = texts().letter
    return private(make_response(render_template(
        "budget/letter_form.html", title=page.title, page=page, form=form, prefilled=prefilled, taken=taken,
        description=page.summary,
    )))


@bp.route("/antrag", methods=["GET", "POST"])
@limiter.limit(form_rate_limit, methods=["POST"])
def letter_form():
    form = _form()
    if request.method == "GET":
        return _page(form, *_prefill(form))
    action = request.form.get("aktion", "vorschau")
    if action not in ACTIONS:
        action = "vorschau"
    if action == "aendern":  # back to the form with the fields as they were (CSRFProtect checked the post)
        return _page(form)
    if not form.validate_on_submit():
        return _page(form)
    fields = form.letter_fields()
    composed = letter.compose_letter(fields, clock.today())
    if action == "pdf":
        return _pdf(composed)
    if action == "druck":
        return private(make_response(render_template(
            "budget/letter_print.html", title=_("Ihr Antrag zum Drucken"), letter=composed, form=form,
        )))
    if action == "speichern":
        if not form.is_spam:
            store.save(store.ensure_code(), SECTION, fields.to_dict())
        return redirect(url_for("budget.letter_saved"), code=303)
    return private(make_response(render_template(
        "budget/letter_preview.html", title=_("Ihr Antrag"), letter=composed, form=form, page=texts().letter,
        has_code=store.current_code() is not None,
    )))


def _pdf(composed: letter.Letter):
    html = render_template("budget/letter_document.html", letter=composed)
    pdf = letter.render_pdf(html, Path(current_app.static_folder) / LETTER_CSS)
    response = make_response(pdf)
    response.mimetype = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{letter.file_name(clock.today())}"'
    return private(response)


@bp.get("/antrag/gespeichert")
def letter_saved():
    return code_page(_("Ihr Antrag ist gespeichert"), saved="letter", without_code="budget.letter_form")
