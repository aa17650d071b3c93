"""The person's cost plan "Was kostet das?" (/kosten): the chosen modules with a provider's prices,
the sum and the amount per month (the Persönliches Budget is paid monthly, § 29 SGB IX). The plan can
go with the application letter (an annex page, also in the PDF) and with a contact request.

plan.py: the plan as plain logic; choice.py: the person's choice in the session and the plan built
from it; routes.py: the page. The letter (portal/budget) asks `letter_annex()`, the contact request
(portal/contact) asks `contact_plan(lang)`; both look them up lazily, like the Klärung result.
"""
from __future__ import annotations

from flask import Flask

from .choice import CONTACT, LETTER, attached_plan, letter_annex
from .plan import from_data, to_data

__all__ = ["contact_plan", "init_app", "letter_annex", "attached_plan", "LETTER", "CONTACT"]


def contact_plan(lang: str) -> dict | None:
    """The plan the person chose to send with a contact request, as plain data (stored with it)."""
    plan = attached_plan(CONTACT, lang)
    return None if plan is None else to_data(plan)


def init_app(app: Flask) -> None:
    from .routes import bp

    app.register_blueprint(bp)
    # Stored plan data (a contact request's) → a Plan for the shared table: {{ item.cost_plan|cost_plan }}
    app.jinja_env.filters["cost_plan"] = from_data
