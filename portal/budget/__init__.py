"""The Persönliches Budget step by step: overview, the steps with a checklist, which office,
the application letter (print view and PDF), and the deadlines.

URLs (all under /budget): see routes.py (overview, steps, checklist), office_routes.py
(/budget/amt), letter_routes.py (/budget/antrag) and deadline_routes.py (/budget/frist/…).
Pure rules: offices.py (which office) and deadlines.py (dates); words: content/easy_language/<lang>/budget/.
"""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from ..housekeeping import register_demo_loader
from ..memory import setting
from ..resume import register_continue_path
from . import deadline_routes, letter, letter_routes, office_routes, routes  # noqa: F401  (they add their views to bp)
from .blueprint import EXTENSION_KEY, bp
from .cli import budget_cli
from .demo import load_demo
from .texts import load_budget_texts


def init_app(app: Flask) -> None:
    # Parsed once; a broken file stops start-up with `file:line: problem`.
    app.extensions[EXTENSION_KEY] = load_budget_texts(Path(app.config["CONTENT_DIR"]), app.extensions["content"])
    app.register_blueprint(bp)
    app.cli.add_command(budget_cli)
    # After /weitermachen a code with budget data continues here.
    register_continue_path(app, "budget", "/budget/checkliste")
    register_continue_path(app, "letter", "/budget/antrag")
    # Nothing of its own to purge: the checklist and saved letters live in resume records (purged there).
    register_demo_loader(app, "budget", load_demo)
    # The first letter PDF would wait ~4 s for WeasyPrint to start: start it now, beside the serving
    # (PDF_WARM_UP=0 turns it off; tests do without).
    if setting(app, "PDF_WARM_UP", not app.testing):
        letter.warm_up_in_background(Path(app.static_folder) / letter_routes.LETTER_CSS)
