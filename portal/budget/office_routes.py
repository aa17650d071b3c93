"""/budget/amt: "Welches Amt ist für mich zuständig?" — one question per page, then the office.

The answers live in the session only (they say little, and nothing leaves the browser); the rules
are offices.find_office, the words come from offices.yaml.
"""
from __future__ import annotations

from flask import abort, redirect, render_template, session, url_for
from flask_babel import gettext as _

from . import offices
from .blueprint import bp, texts
from .forms import QuestionForm

SESSION_KEY = "budget_amt"
QUESTION_KEYS = tuple(key for key, _answers in offices.QUESTIONS)


def answers() -> dict[str, str]:
    """The valid answers so far (a tampered cookie value counts as not answered)."""
    stored = session.get(SESSION_KEY)
    stored = stored if isinstance(stored, dict) else {}
    return {key: stored[key] for key, allowed in offices.QUESTIONS if stored.get(key) in allowed}


def first_open_question(given: dict[str, str]) -> str | None:
    return next((key for key in QUESTION_KEYS if key not in given), None)


def advice() -> offices.OfficeAdvice | None:
    """The result for the answers in the session, or None while a question is open."""
    given = answers()
    if first_open_question(given):
        return None
    return offices.find_office(given["ort"], given["ziel"], given["vorher"])


@bp.get("/amt")
def office_start():
    finder = texts().finder
    return render_template("budget/office_start.html", title=finder.title, finder=finder,
                           first=QUESTION_KEYS[0], description=_("3 kurze Fragen zeigen Ihnen das Amt."))


@bp.route("/amt/<frage>", methods=["GET", "POST"])
def office_question(frage: str):
    if frage not in QUESTION_KEYS:
        abort(404)
    given = answers()
    position = QUESTION_KEYS.index(frage)
    open_question = first_open_question(given)
    # A question after an unanswered one is not asked yet: go to the first open one.
    if open_question is not None and QUESTION_KEYS.index(open_question) < position:
        return redirect(url_for("budget.office_question", frage=open_question), code=303)
    question = texts().finder.questions[frage]
    form = QuestionForm()
    form.answer.label.text = question.title
    form.answer.choices = list(question.choices.items())
    if form.validate_on_submit():
        session[SESSION_KEY] = {**given, frage: form.answer.data}
        following = position + 1
        if following < len(QUESTION_KEYS):
            return redirect(url_for("budget.office_question", frage=QUESTION_KEYS[following]), code=303)
        return redirect(url_for("budget.office_result"), code=303)
    if not form.is_submitted() and frage in given:
        form.answer.data = given[frage]
    back = url_for("budget.office_question", frage=QUESTION_KEYS[position - 1]) if position else url_for("budget.office_start")
    return render_template(
        "budget/office_question.html",
        title=question.title,
        form=form,
        question=question,
        number=position + 1,
        count=len(QUESTION_KEYS),
        back=back,
    )


@bp.get("/amt/ergebnis")
def office_result():
    result = advice()
    if result is None:
        return redirect(url_for("budget.office_question", frage=first_open_question(answers())), code=303)
    finder = texts().finder
    given = answers()
    return render_template(
        "budget/office_result.html",
        title=_("Schreiben Sie an: %(office)s", office=finder.offices[result.office].name),
        finder=finder,
        result=result,
        office=finder.offices[result.office],
        summary=[(key, finder.questions[key], given[key]) for key in QUESTION_KEYS],
    )
