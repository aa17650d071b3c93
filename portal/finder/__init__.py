"""The public provider pages and the success stories: /anbieter-finden (all providers, found by
postcode or workshop with the contact request's own routing), /anbieter-finden/<slug> (who they are,
where they work, what they offer and how, their prices and stories, a button to the contact request
with this provider chosen) and /geschichten (published stories, filtered by module and kind of work).

Every page here reads the database, so the page cache never keeps one: a change a provider saves in
/anbieter is visible at once on every instance. The demo data (example offers, prices and stories of
the five practice sites) are loaded by `flask --app portal demo load`, never in production.
"""
from __future__ import annotations

from flask import Flask

from ..housekeeping import register_demo_loader
from .demo import load_demo_offers
from .routes import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    register_demo_loader(app, "provider offers, example prices and stories", load_demo_offers)
