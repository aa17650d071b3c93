"""Start page, accessibility statement with the barrier report, privacy, imprint, support staff page."""
from .routes import bp


def init_app(app):
    app.register_blueprint(bp)
