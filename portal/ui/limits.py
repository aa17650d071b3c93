"""Rate limits for forms: stop floods without hurting a person who sends twice."""
from flask import current_app


def form_rate_limit() -> str:
    return current_app.config["FORM_RATE_LIMIT"]
