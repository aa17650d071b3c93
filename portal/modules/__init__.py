"""The 8 JobBudget modules, their 32 Bausteine, and the dictionary of hard words (Wörterbuch)."""
from .routes import bp


def init_app(app):
    app.register_blueprint(bp)
