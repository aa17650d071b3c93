from __future__ import annotations

import logging

from flask import Blueprint, abort, current_app, redirect, render_template, request
from flask_babel import gettext as _
from limits import parse_many

from ..extensions import address_key, limiter
from . import store
from .forms import UNKNOWN_CODE, ContinueForm
from .navigation import destination, local_path, start_over_path

logger = logging.getLogger(__name__)

bp = Blueprint("resume", __name__, template_folder="templates")

# Entering codes is the only way to guess one. Three brakes (see codes.py for the numbers):
# a few tries per browser session (RESUME_RATE_LIMIT), more per address, because a whole workshop
# shares one (RESUME_ADDRESS_RATE_LIMIT), and a limit on failed entries from all addresses
# together (RESUME_FAILED_LIMIT), against guessing spread over many addresses.
DEFAULT_RATE_LIMIT = "10 per minute;50 per day"
DEFAULT_ADDRESS_RATE_LIMIT = "60 per minute;500 per day"
DEFAULT_FAILED_LIMIT = "200 per hour;1000 per day"
FAILED_KEY = "resume-failed-codes"


def code_rate_limit() -> str:
    return current_app.config.get("RESUME_RATE_LIMIT", DEFAULT_RATE_LIMIT)


def code_address_rate_limit() -> str:
    return current_app.config.get("RESUME_ADDRESS_RATE_LIMIT", DEFAULT_ADDRESS_RATE_LIMIT)


def _failed_limits():
    return parse_many(current_app.config.get("RESUME_FAILED_LIMIT", DEFAULT_FAILED_LIMIT))


def failed_entries_exhausted() -> bool:
    """True when the failed code entries of all addresses together have reached their limit."""
    if not limiter.enabled:
        return False
    return not all(limiter.limiter.test(item, FAILED_KEY) for item in _failed_limits())


def count_failed_entry() -> None:
    if not limiter.enabled:
        return
    for item in _failed_limits():
        limiter.limiter.hit(item, FAILED_KEY)
        if not limiter.limiter.test(item, FAILED_KEY):  # this failure used the last try
            logger.critical(
                "ALERT resume codes: the global limit of failed code entries (%s) is reached; "
                "somebody may be guessing codes. Code entry answers 429 for everybody until the "
                "window ends. Last failed entry from %s.", item, address_key())
            return


@bp.route("/weitermachen", methods=["GET", "POST"])
@limiter.limit(code_rate_limit, methods=["POST"])
@limiter.limit(code_address_rate_limit, methods=["POST"], key_func=address_key)
def continue_with_code():
    form = ContinueForm()
    if request.method == "GET" and not form.errors:  # (errors: back after a post, see portal/ui/pending.py)
        form.weiter.data = local_path(request.args.get("weiter")) or ""
    unknown = False
    if form.validate_on_submit():
        if failed_entries_exhausted():
            logger.warning("resume codes: code entry refused, the global limit of failed entries is reached")
            abort(429)
        data = store.load(form.code.data)
        if data is not None:
            store.remember_code(form.code.data)
            return redirect(destination(data, form.weiter.data), code=303)
        count_failed_entry()
        form.code.errors.append(UNKNOWN_CODE)
        unknown = True
    return render_template(
        "resume/continue.html",
        title=_("Weiter mit Ihrem Code"),
        form=form,
        unknown=unknown or str(UNKNOWN_CODE) in map(str, form.code.errors),
        start_over=start_over_path(form.weiter.data),
    )
