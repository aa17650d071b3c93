"""What a provider's staff maintain in /anbieter about their own provider: the easy-language
profile and offered Bausteine (/anbieter/profil), the JobBudget cost calculation and hours per
Baustein (/anbieter/preise), and success stories (/anbieter/geschichten). Every text passes the
easy-language gate (portal/offers/gate.py) before it is saved."""
from __future__ import annotations

from flask import Flask

from .routes import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
