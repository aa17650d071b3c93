"""The Klärung's pages: start, one page per question, check your answers, result, pause, Neu anfangen.

Views only glue: `flow` says which question may be shown and which comes next, `rules` builds the
result, `state` keeps the answers in the resume store.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import wraps

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from markupsafe import Markup, escape

from .. import usage
from ..clock import today_in_berlin
from ..extensions import limiter
from ..resume import local_path, store
from ..resume.forms import ContinueForm
from ..ui.pending import has_waiting_form
from ..ui.rendercache import render_shared
from ..ui.text import easy
from . import flow, state
from .forms import PAUSE, EmptyForm, question_form_class, start_form_class
from .questionnaire import INFO_SEEN, MULTIPLE, TEXT, Question
from .snapshot import current_result

bp = Blueprint("klaerung", __name__, template_folder="templates", url_prefix="/klaerung")

# Answering stores data, so it is rate-limited; but a whole workshop may share one address and
# each Klärung takes about 40 answers, so the limit is far above the portal's form limit.
DEFAULT_ANSWER_RATE_LIMIT = "60 per minute;2000 per day"
FORM_CLASSES_KEY = "portal.klaerung.form_classes"


def answer_rate_limit() -> str:
    return current_app.config.get("KLAERUNG_RATE_LIMIT", DEFAULT_ANSWER_RATE_LIMIT)


@bp.app_template_filter("easy_lines")
def easy_lines(text: str):
    """Multi-line data-file text: every line (one sentence) on its own line, Mediopunkt drawn.

    Also for `_("…·…")` in templates: Jinja's gettext returns Markup, which `easy` passes through
    unchanged, so the Mediopunkt would stay a character that screen readers read out."""
    return Markup("<br>\n").join(easy(line.strip()) for line in str(text).splitlines() if line.strip())


@bp.app_template_filter("easy_paragraphs")
def easy_paragraphs(text: str):
    """Like easy_lines, and an empty line in the data file starts a new paragraph."""
    blocks = [block for block in re.split(r"\n\s*\n", str(text)) if block.strip()]
    return Markup("\n").join(Markup("<p>%s</p>") % easy_lines(block) for block in blocks)


def _redirect(endpoint: str, **values):
    return redirect(url_for(endpoint, **values), code=303 if request.method == "POST" else 302)


def with_klaerung(view):
    """The view gets this browser's Klärung. Without one the person goes to the start page, or, from
    a question, the check page or the result (the session ended during a pause, or the person came
    back with the browser's back button), to the page that explains it and takes the code."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        klaerung = state.current()
        if klaerung is None:
            if request.method == "POST" or request.endpoint in PAGES_WITH_ANSWERS:
                return _to_expired_page(timed_out=request.method == "POST")
            return _redirect(".start")
        return view(klaerung, *args, **kwargs)

    return wrapper


PAGES_WITH_ANSWERS = ("klaerung.question", "klaerung.check", "klaerung.result")
WELCOME = "klaerung-welcome"


def _here() -> str:
    return request.full_path if request.query_string else request.path


def _to_expired_page(timed_out: bool):
    """To the page that takes the code. `timed_out`: an answer was sent after the session ended (a
    page that was only opened may also come after "Auf diesem Computer beenden": then it says less)."""
    if timed_out:
        return _redirect(".expired", seite=_here(), zeit=1)
    return _redirect(".expired", seite=_here())


@bp.before_request
def keep_the_session_alive():
    """The session cookie is signed with its time and read for SESSION_MINUTES after that: a Klärung
    page signs it again, so the session ends only after that long without a click (not in the middle
    of answering)."""
    if store.SESSION_KEY in session:
        session.modified = True


@bp.errorhandler(CSRFError)
def form_expired(error):
    """A Klärung answer posted without a valid form token (the session ended during a break):
    not an error page, but the page that explains it and continues with the code."""
    return _to_expired_page(timed_out=True)


# The pages a person may come back to after entering the code (never this page or /weiter again).
RETURN_PAGES = ("/klaerung/frage/", "/klaerung/pruefen", "/klaerung/ergebnis", "/klaerung/pause")


def _klaerung_page(value: str | None) -> str | None:
    """A Klärung page to go back to (from the query string), or None."""
    path = local_path(value)
    return path if path and path.startswith(RETURN_PAGES) else None


@bp.get("/abgelaufen")
def expired():
    """"Die Seite ist abgelaufen": what happened, and the code to continue where the person was."""
    page = _klaerung_page(request.args.get("seite"))
    back = url_for(".resume", zurueck=1, seite=page) if page else url_for(".resume", zurueck=1)
    form = ContinueForm(formdata=None, data={"weiter": back})
    timed_out = request.args.get("zeit") == "1"
    return render_template(
        "klaerung/expired.html",
        title=_("Die Seite ist abgelaufen") if timed_out else _("Machen Sie mit Ihrem Code weiter"),
        timed_out=timed_out,
        form=form,
        minutes=session_minutes(),
        klaerung=state.current(),
        back=back,
    )


def session_minutes() -> int:
    return int(current_app.permanent_session_lifetime.total_seconds() // 60)


# --- start ------------------------------------------------------------------------------


@bp.route("", methods=["GET", "POST"])
@limiter.limit(answer_rate_limit, methods=["POST"])
def start():
    questionnaire = state.questionnaire()
    klaerung = state.current()
    form_class = start_form_class(questionnaire)
    form = form_class() if request.method == "POST" else form_class(data={"mode": klaerung.mode if klaerung else None})
    if form.validate_on_submit():
        state.begin(form.mode.data)
        if klaerung is None:  # a new Klärung, not a change of the mode
            usage.count(usage.KLAERUNG_STARTED)
        return _redirect(".resume")
    return render_template(
        "klaerung/start.html",
        title=questionnaire.start.title,
        description=questionnaire.start.lead,
        form=form,
        start=questionnaire.start,
        klaerung=klaerung,
        complete=bool(klaerung) and flow.is_complete(questionnaire, klaerung.answers),
        days=store.LIFETIME.days,
    )


@bp.get("/weiter")
@with_klaerung
def resume(klaerung: state.Klaerung):
    """Back to where the person was: the open question, else the check page. After a code
    (`?zurueck=1`): with a welcome, and to the page the person was on (`seite`) when there is one."""
    if request.args.get("zurueck") == "1":
        flash(_("Willkommen zurück. Ihre Antworten sind noch da."), WELCOME)
    page = _klaerung_page(request.args.get("seite"))
    if page:
        return redirect(page)
    question = flow.open_question(state.questionnaire(), klaerung.answers)
    if question is None:
        return _redirect(".check")
    return _redirect(".question", question_id=question.id)


# --- one question -------------------------------------------------------------------------


def _stored_form_data(question: Question, klaerung: state.Klaerung) -> dict:
    return {"answer": klaerung.answers.get(question.id), "notes": klaerung.notes.get(question.id, "")}


def _take_answer(question: Question, form, klaerung: state.Klaerung, with_answer: bool = True) -> None:
    if with_answer:
        if question.is_info:
            klaerung.answers[question.id] = INFO_SEEN
        elif question.type == TEXT:
            klaerung.answers[question.id] = (form.answer.data or "").strip()
        elif question.type == MULTIPLE:
            klaerung.answers[question.id] = [value for value in question.values if value in form.answer.data]
        else:
            klaerung.answers[question.id] = form.answer.data
    if klaerung.with_support:
        note = (form.notes.data or "").strip()
        if note:
            klaerung.notes[question.id] = note
        else:
            klaerung.notes.pop(question.id, None)


def _answer_is_empty(question: Question, form) -> bool:
    return question.is_info or not form.answer.data


def _after_answer(question: Question, klaerung: state.Klaerung, changing: bool) -> str:
    questionnaire = state.questionnaire()
    if changing:
        # After a change from the check page: answer any question the change opened, then back there.
        open_question = flow.open_question(questionnaire, klaerung.answers)
        if open_question is None:
            return check_place(question)
        return url_for(".question", question_id=open_question.id, aendern=1)
    following = flow.next_question(questionnaire, question, klaerung.answers)
    if following is None:
        return url_for(".check")
    return url_for(".question", question_id=following.id)


def _back_url(question: Question, klaerung: state.Klaerung, changing: bool) -> str:
    if changing:
        return check_place(question)
    previous = flow.previous_question(state.questionnaire(), klaerung.answers, question.id)
    return url_for(".question", question_id=previous.id) if previous else url_for(".start")


def check_place(question: Question) -> str:
    """The answer's own place on the check page (not its top): /klaerung/pruefen#frage-bereich."""
    return url_for(".check", _anchor=answer_anchor(question))


def answer_anchor(question: Question) -> str:
    return f"frage-{question.id}"


def progress_texts(progress: flow.Progress) -> tuple[str, str | None]:
    """("Teil 3 von 6", "Frage 2 von 4"); info pages have no question number."""
    part = _("Teil %(number)s von %(count)s", number=progress.part_number, count=progress.part_count)
    if progress.number is None:
        return part, None
    return part, _("Frage %(number)s von %(count)s", number=progress.number, count=progress.count)


@bp.route("/frage/<question_id>", methods=["GET", "POST"])
@limiter.limit(answer_rate_limit, methods=["POST"])
@with_klaerung
def question(klaerung: state.Klaerung, question_id: str):
    questionnaire = state.questionnaire()
    question = questionnaire.by_id.get(question_id)
    if question is None:
        abort(404)
    if not flow.can_show(questionnaire, klaerung.answers, question_id):
        # A question the answers do not lead to (yet): go to the right one.
        return _redirect(".resume")
    changing = request.args.get("aendern") == "1"
    form_class = _form_class(question, klaerung.with_support)
    if request.method == "GET":
        if question.id not in klaerung.answers and not has_waiting_form():  # reached, not back or a form error
            usage.count(usage.KLAERUNG_QUESTION, question.id)
        return _question_page(question, klaerung, form_class, changing)
    form = form_class()
    if form.validate_on_submit():
        _take_answer(question, form, klaerung)
        state.save(klaerung)
        if request.form.get("aktion") == PAUSE:
            return _redirect(".pause")
        return redirect(_after_answer(question, klaerung, changing), code=303)
    if request.form.get("aktion") == PAUSE and _answer_is_empty(question, form) \
            and not (klaerung.with_support and form.notes.errors):
        # Pausing before answering: nothing to check yet; keep the notes.
        _take_answer(question, form, klaerung, with_answer=False)
        state.save(klaerung)
        return _redirect(".pause")
    return _render_question(question, klaerung.with_support, form, _QuestionPlace.of(question, klaerung, changing),
                            klaerung.code)


def _form_class(question: Question, with_notes: bool):
    """Built once per question and way: form classes are as fixed as the questionnaire."""
    classes = current_app.extensions.setdefault(FORM_CLASSES_KEY, {})
    key = (g.lang, question.id, with_notes)  # the question comes from this language's questionnaire
    if key not in classes:
        classes[key] = question_form_class(question, with_notes)
    return classes[key]


@dataclass(frozen=True)
class _QuestionPlace:
    """Where a question stands on this person's way: everything on its page that comes from the
    answers besides the question's own stored answer."""

    back_url: str
    part_text: str
    question_text: str | None
    part_title: str

    @classmethod
    def of(cls, question: Question, klaerung: state.Klaerung, changing: bool) -> "_QuestionPlace":
        progress = flow.progress(state.questionnaire(), klaerung.answers, question)
        part_text, question_text = progress_texts(progress)
        return cls(_back_url(question, klaerung, changing), part_text, question_text, progress.part_title)


def _question_page(question: Question, klaerung: state.Klaerung, form_class, changing: bool) -> str:
    """The question with the stored answer chosen: shared with everyone who sees the same page, unless
    it shows something the person typed (a text answer, a note)."""
    stored = _stored_form_data(question, klaerung)
    place = _QuestionPlace.of(question, klaerung, changing)
    answer = stored["answer"]
    typed = bool(stored["notes"]) or (question.type == TEXT and bool(answer))
    key = (question.id, klaerung.mode, tuple(answer) if isinstance(answer, list) else answer, place)
    page = render_shared(
        key,
        lambda: _render_question(question, klaerung.with_support, form_class(data=stored), place, CODE_PLACEHOLDER),
        share=not typed,
    )
    # The person's code is put in after the shared page is taken (like the form token).
    return page.replace(CODE_PLACEHOLDER, str(escape(klaerung.code))) if isinstance(page, str) else page


# A NUL byte never occurs in a rendered page: it stands for the person's code in a shared page.
CODE_PLACEHOLDER = "\x00resume-code\x00"


def _render_question(question: Question, with_support: bool, form, place: _QuestionPlace, code: str) -> str:
    # Only what the shared page's key holds goes in: the page must not show anything else of the person.
    return render_template(
        "klaerung/question.html",
        # The title is read first by screen readers: it says where the person is.
        title=f"{question.text} – " + ", ".join(text for text in (place.part_text, place.question_text) if text),
        form=form,
        question=question,
        with_support=with_support,
        part_text=place.part_text,
        question_text=place.question_text,
        part_title=place.part_title,
        back_url=place.back_url,
        code=code,
        icons={choice.value: choice.icon for choice in question.choices if choice.icon},
    )


# --- check your answers, result ---------------------------------------------------------


def answer_labels(question: Question, answer) -> list[str]:
    """What the person answered, as they read it (several answers: one line each)."""
    if question.type == TEXT:
        return [answer or _("Keine Antwort")]
    values = answer if isinstance(answer, list) else [answer]
    return [choice.label for choice in question.choices if choice.value in values]


@bp.route("/pruefen", methods=["GET", "POST"])
@limiter.limit(answer_rate_limit, methods=["POST"])
@with_klaerung
def check(klaerung: state.Klaerung):
    questionnaire = state.questionnaire()
    if not flow.is_complete(questionnaire, klaerung.answers):
        return _redirect(".resume")
    form = EmptyForm()
    if form.validate_on_submit():
        first_time = klaerung.finished is None
        klaerung.finished = today_in_berlin().isoformat()
        state.save(klaerung)
        if first_time:  # once, not again after a change
            usage.count(usage.KLAERUNG_FINISHED)
        return _redirect(".result")
    parts = []
    for question in flow.answered_path(questionnaire, klaerung.answers):
        if question.is_info:
            continue
        if not parts or parts[-1][0] != question.part:
            parts.append((question.part, []))
        parts[-1][1].append((question, answer_labels(question, klaerung.answers[question.id]),
                             klaerung.notes.get(question.id)))
    return render_template("klaerung/check.html", title=_("Prüfen Sie Ihre Antworten"), form=form, parts=parts,
                           klaerung=klaerung)


@bp.get("/ergebnis")
@with_klaerung
def result(klaerung: state.Klaerung):
    questionnaire = state.questionnaire()
    if not flow.is_complete(questionnaire, klaerung.answers):
        return _redirect(".resume")
    result = current_result(klaerung, g.lang)
    return render_template(
        "klaerung/result.html",
        title=result.title,
        result=result,
        texts=questionnaire.result,
        created=format_date(result.created, format="long"),
        klaerung=klaerung,
        expires=_expiry_date(klaerung),
    )


def _expiry_date(klaerung: state.Klaerung) -> str:
    expires = store.expires_at(klaerung.code)
    return format_date(expires, format="long") if expires else ""


# --- pause, Neu anfangen ---------------------------------------------------------------


@bp.route("/pause", methods=["GET", "POST"])
@limiter.limit(answer_rate_limit, methods=["POST"])
@with_klaerung
def pause(klaerung: state.Klaerung):
    form = EmptyForm()
    if form.validate_on_submit():
        # "Auf diesem Gerät beenden": the next person at a shared computer sees nothing.
        store.forget_code()
        return _redirect(".paused")
    return render_template(
        "klaerung/pause.html",
        title=_("Pause machen"),
        form=form,
        code=klaerung.code,
        expires=_expiry_date(klaerung),
    )


@bp.get("/pause/fertig")
def paused():
    return render_template("klaerung/paused.html", title=_("Ihre Antworten sind gespeichert"))


@bp.route("/neu", methods=["GET", "POST"])
@limiter.limit(answer_rate_limit, methods=["POST"])
@with_klaerung
def restart(klaerung: state.Klaerung):
    form = EmptyForm()
    if form.validate_on_submit():
        state.restart(klaerung)
        return _redirect(".start")
    return render_template("klaerung/restart.html", title=_("Neu anfangen?"), form=form)
