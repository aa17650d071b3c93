"""The feature areas, each a blueprint package with an `init_app(app)` that registers its blueprint,
its purge and demo-data functions and its CLI commands. Adding a feature means one line here."""
from __future__ import annotations

from importlib import import_module

from flask import Flask

FEATURES = (
    "portal.health",
    "portal.pages",
    "portal.modules",
    "portal.resume",
    "portal.klaerung",
    "portal.budget",
    "portal.providers",
    "portal.offers",
    "portal.finder",
    "portal.costplan",
    "portal.mail",
    "portal.contact",
    "portal.inbox",
    "portal.profile",
    "portal.operator",
    "portal.usage",
    "portal.feedback",
)


def register_features(app: Flask) -> None:
    for name in FEATURES:
        import_module(name).init_app(app)
