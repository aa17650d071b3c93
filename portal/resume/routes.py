from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request
from flask_babel import gettext as _

from ..extensions import limiter
from . import store
from .forms import UNKNOWN_CODE, ContinueForm
from .navigation import destination, local_path, start_over_path

bp = Blueprint("resume", __name__, template_folder="templates")

# Entering codes is the only way to guess one: few tries per address make guessing useless.
DEFAULT_RATE_LIMIT = "10 per minute;50 per day"


def code_rate_limit() -> str:
    return current_app.config.get("RESUME_RATE_LIMIT", DEFAULT_RATE_LIMIT)


@bp.route("/weitermachen", methods=["GET", "POST"])
@limiter.limit(code_rate_limit, methods=["POST"])
def continue_with_code():
    form = ContinueForm()
    if request.method == "GET" and not form.errors:  # (errors: back after a post, see portal/ui/pending.py)
        form.weiter.data = local_path(request.args.get("weiter")) or ""
    unknown = False
    if form.validate_on_submit():
        data = store.load(form.code.data)
        if data is not None:
            store.remember_code(form.code.data)
            return redirect(destination(data, form.weiter.data), code=303)
        form.code.errors.append(UNKNOWN_CODE)
        unknown = True
    return render_template(
        "resume/continue.html",
        title=_("Weiter mit Ihrem Code"),
        form=form,
        unknown=unknown or str(UNKNOWN_CODE) in map(str, form.code.errors),
        start_over=start_over_path(form.weiter.data),
    )
