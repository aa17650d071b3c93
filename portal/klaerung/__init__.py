"""The guided Klärung: a questionnaire a person does alone or with a Begleit·person, ending in
"Mein Ergebnis". Questions, branching, hints and result rules come from
content/easy_language/<lang>/klaerung.yaml, parsed and checked once at start-up.

`result_snapshot(lang)` hands the result to the contact request, `letter_facts(lang)` the answers to the
application letter (see snapshot.py).
"""
from pathlib import Path

from ..housekeeping import register_demo_loader
from ..resume import register_continue_path
from .snapshot import letter_facts, result_snapshot

__all__ = ["init_app", "letter_facts", "result_snapshot"]


def init_app(app):
    from .demo import load_demo
    from .loader import load_all
    from .routes import bp
    from .state import EXTENSION_KEY

    app.extensions[EXTENSION_KEY] = load_all(
        Path(app.config["CONTENT_DIR"]), tuple(app.config["LANGUAGES"]), Path(app.static_folder) / "icons"
    )
    app.register_blueprint(bp)
    register_continue_path(app, "klaerung", "/klaerung/weiter?zurueck=1")  # with a welcome back
    register_demo_loader(app, "klaerung", load_demo)
