"""/anbieter-finden, /anbieter-finden/<slug>, /geschichten and /geschichten/<id>: public pages of what
providers published. The page cache keeps them at most a minute (`published_data_page`): the bound
within which a provider's saved change shows on every instance, as the provider pages say."""
from __future__ import annotations


from flask import Blueprint, abort, g, render_template, request
from flask_babel import gettext as _

from ..contact.directory import all_providers, find_workshop, partner_workshops, resolve
from ..contact.flow import OTHER_WORKSHOP
from ..extensions import db
from ..library import content
from ..offers.models import SuccessStory
from ..offers.queries import costs_of, module_prices, offers_of, providers_offering, published_stories, rate_of
from ..offers.stories import WORK_KINDS
from ..pagecache import published_data_page
from ..ui.names import long_name  # noqa: F401  (the filter lives in ui; finder tests import it from here)
from ..providers.areas import normalize_postcode
from ..providers.models import Provider
from .forms import FinderForm, StoryFilterForm

bp = Blueprint("finder", __name__, template_folder="templates")


def _module_number(value: str | None) -> int | None:
    """A module number from the address, when the portal has that module; else None (no filter)."""
    if value and value.isdigit() and int(value) in content().modules:
        return int(value)
    return None


def _search(form: FinderForm):
    """The routing answer for the typed postcode or the chosen workshop, or None (no search yet,
    or a postcode that is not one: the form then shows the error)."""
    if request.args.get("werkstatt"):
        workshop = find_workshop(request.args["werkstatt"])
        if workshop is None:
            form.werkstatt.errors = [_("Bitte wählen Sie eine Werkstatt aus der Liste.")]
            return None
        return resolve({"workshop": workshop.slug})
    if "plz" in request.args:
        postcode = normalize_postcode(request.args["plz"])
        if postcode is None:
            form.plz.errors = [_("Eine Postleitzahl hat 5 Zahlen. Zum Beispiel: 28195.")]
            return None
        form.plz.data = postcode
        return resolve({"workshop": OTHER_WORKSHOP, "postcode": postcode})
    return None


@bp.get("/anbieter-finden")
@published_data_page
def index():
    form = FinderForm(request.args)
    form.werkstatt.choices = [("", _("Bitte wählen"))] + [(w.slug, w.label) for w in partner_workshops()]
    found = _search(form)
    module_number = _module_number(request.args.get("modul"))
    if module_number is None:
        providers = sorted(all_providers(), key=lambda provider: provider.name.casefold())
    else:
        providers = sorted(providers_offering(module_number), key=lambda provider: provider.name.casefold())
    return render_template(
        "finder/index.html", title=_("Anbieter finden"), form=form, found=found, providers=providers,
        module=content().modules.get(module_number) if module_number else None,
        searched_postcode=form.plz.data if found is not None and not request.args.get("werkstatt") else None,
    )


def _provider_or_404(slug: str) -> Provider:
    provider = db.session.execute(db.select(Provider).filter_by(slug=slug)).scalar_one_or_none()
    if provider is None:
        abort(404)
    return provider


def _offered_modules(provider: Provider):
    """[(module, [(baustein, offer)])] in module order: the portal's module and Baustein texts with the
    provider's offer rows (its own words and hours)."""
    modules = content().modules
    grouped: dict[int, list] = {}
    for offer in offers_of(provider):
        module = modules.get(offer.module)
        if module is None:
            continue  # a module the content does not have (any more): nothing to explain it with
        baustein = next((b for b in module.bausteine if b.number == offer.baustein), None)
        if baustein is not None:
            grouped.setdefault(offer.module, []).append((baustein, offer))
    return [(modules[number], rows) for number, rows in sorted(grouped.items())]


@bp.get("/anbieter-finden/<slug>")
@published_data_page
def provider(slug: str):
    found = _provider_or_404(slug)
    prices = module_prices(found)
    return render_template(
        "finder/provider.html", title=found.name, provider=found, offered=_offered_modules(found),
        prices=prices, rate=rate_of(costs_of(found)) if prices else None,
        prices_are_examples=any(price.is_example for price in prices.values()),
        stories=published_stories(lang=g.lang, provider=found),
        places=_places(found),
    )


def _places(provider: Provider) -> list[str]:
    """Where the provider works, as people read it: the districts' names, else the postcode ranges."""
    places = []
    for area in provider.area_ranges():
        if area.label:
            if area.label not in places:
                places.append(area.label)
        else:
            places.append(_("Post·leit·zahl %(first)s bis %(last)s", first=area.postcode_from, last=area.postcode_to)
                          if area.postcode_from != area.postcode_to
                          else _("Post·leit·zahl %(first)s", first=area.postcode_from))
    return places


@bp.get("/geschichten")
@published_data_page
def stories():
    form = StoryFilterForm(request.args)
    modules = content().modules
    form.modul.choices = [("", _("Alle Module"))] + [
        (str(number), _("Modul %(number)s: %(title)s", number=number, title=module.title))
        for number, module in modules.items()]
    form.arbeit.choices = [("", _("Alle Arbeiten"))] + [(key, str(label)) for key, label in WORK_KINDS.items()]
    module_number = _module_number(request.args.get("modul"))
    work_kind = request.args.get("arbeit") if request.args.get("arbeit") in WORK_KINDS else None
    form.modul.data = str(module_number) if module_number else ""
    form.arbeit.data = work_kind or ""
    # Every story names its provider: with all providers in the session, that costs no query per story.
    providers = all_providers()  # noqa: F841  (kept alive while the page renders)
    return render_template(
        "finder/stories.html", title=_("Geschichten: So haben es andere geschafft"), form=form,
        stories=published_stories(lang=g.lang, module=module_number, work_kind=work_kind),
        filtered=bool(module_number or work_kind),
    )


@bp.get("/geschichten/<int:story_id>")
@published_data_page
def story(story_id: int):
    found = db.session.get(SuccessStory, story_id)
    if found is None or not found.is_public:
        abort(404)
    return render_template("finder/story.html", title=found.title, story=found)


@bp.app_template_global()
def work_kind_label(key: str) -> str:
    """The kind of work a story is filed under, in the reader's language ("" for an unknown key)."""
    label = WORK_KINDS.get(key)
    return str(label) if label is not None else ""
