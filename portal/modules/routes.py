from __future__ import annotations

from flask import Blueprint, abort, current_app, g, redirect, render_template, url_for
from sqlalchemy.exc import SQLAlchemyError
from flask_babel import gettext as _

from .. import usage
from ..pagecache import published_data_page
from ..extensions import db
from ..library import content, content_page
from ..offers.queries import providers_offering, published_stories
from ..ui.rendercache import render_shared, shared_page
from .glossary import letter_groups

bp = Blueprint("modules", __name__, template_folder="templates")

# The order of a module page's sections; goal, how and done form the JobBudget goal scheme.
INTRO_SECTIONS = ("what", "for_whom", "steps")
GOAL_SECTIONS = ("goal", "how", "done")
CLOSING_SECTIONS = ("duration", "payer")


@bp.get("/module")
@shared_page
def overview():
    library = content()
    page = library.pages["module"]
    return render_template(
        "modules/overview.html",
        title=page.title,
        page=page,
        groups=library.groups,
        modules=library.modules,
        timeline=library.timeline,
        description=page.meta.get("summary", ""),
    )


def _module_or_404(number: int):
    module = content().modules.get(number)
    if module is None:
        abort(404)
    return module


# How many stories a module page names (the rest are one link away, on /geschichten?modul=<n>).
MODULE_PAGE_STORIES = 3


@bp.get("/module/<int:number>")
@published_data_page
def module(number: int):
    """The module, who offers it and the stories that used it. The last two come from the database:
    the page cache keeps this page only as long as it may keep providers' published data (a minute);
    visitors with a session share one rendering per version of what the page shows."""
    library = content()
    module = _module_or_404(number)
    group = next(group for group in library.groups if group.slug == module.group)
    try:
        providers = sorted(providers_offering(number), key=lambda provider: provider.name.casefold())
        stories = published_stories(lang=g.lang, module=number)
    except SQLAlchemyError:
        # The module's own text never needs the database: without it, the page links to the finder.
        db.session.rollback()
        current_app.logger.warning("module page %s without providers and stories: the database did not answer", number)
        providers = stories = None
    key = None if providers is None else (
        tuple((p.slug, p.name) for p in providers),
        tuple((s.id, s.title, s.first_name, s.is_example) for s in stories[:MODULE_PAGE_STORIES]), len(stories))
    return render_shared(key, share=key is not None, render=lambda: render_template(
        "modules/module.html",
        providers=providers,
        stories=stories[:MODULE_PAGE_STORIES] if stories is not None else None,
        title=_("Modul %(number)s: %(title)s", number=number, title=module.title),
        module=module,
        group=group,
        previous=library.modules.get(number - 1),
        next=library.modules.get(number + 1),
        intro_sections=INTRO_SECTIONS,
        goal_sections=GOAL_SECTIONS,
        closing_sections=CLOSING_SECTIONS,
        description=module.summary,
    ))


@bp.get("/module/<int:number>/baustein/<int:baustein>")
@shared_page
def baustein(number: int, baustein: int):
    module = _module_or_404(number)
    found = next((b for b in module.bausteine if b.number == baustein), None)
    if found is None:
        abort(404)
    index = module.bausteine.index(found)
    return render_template(
        "modules/baustein.html",
        title=_("Baustein %(number)s: %(title)s", number=baustein, title=found.title),
        module=module,
        baustein=found,
        previous=module.bausteine[index - 1] if index > 0 else None,
        next=module.bausteine[index + 1] if index + 1 < len(module.bausteine) else None,
        description=found.summary,
    )


@bp.get("/woerterbuch")
@shared_page
def glossary():
    page = content_page("woerterbuch")
    return render_template(
        "modules/glossary.html",
        title=page.title,
        page=page,
        letters=letter_groups(content().glossary),
        description=page.meta.get("summary", ""),
    )


@bp.get("/woerterbuch/wort/<slug>")
def glossary_word(slug: str):
    """A word looked up from a text (every glossary link leads here): counted for the desk, without
    anything about the person (portal.usage), then to its place in the dictionary."""
    try:
        content().glossary_entry(slug)
    except KeyError:
        return redirect(url_for(".glossary"))
    usage.count(usage.GLOSSARY_WORD, slug)
    return redirect(url_for(".glossary", _anchor=slug))
