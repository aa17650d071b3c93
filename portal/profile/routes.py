"""/anbieter/profil, /anbieter/preise, /anbieter/geschichten: what a provider's staff maintain
about their own provider. Staff only (operators get 404, like everywhere in the inbox); a provider
reaches only its own rows (another provider's story: 404); every change is in the audit log.

Public pages read these rows directly; the page cache keeps such pages at most a minute
(portal.pagecache.published_data_page), so a saved change shows everywhere within 1 minute, as the pages say.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..clock import today_in_berlin
from ..extensions import db
from ..inbox import audit
from ..inbox.auth import current_user, login_required
from ..library import content
from ..offers.gate import problems
from ..offers.models import DRAFT, PUBLISHED, WITHDRAWN, ProviderCosts, ProviderOffer, SuccessStory
from ..offers.queries import costs_of, module_prices, offers_of, rate_of
from ..offers.stories import WORK_KINDS
from ..providers.dbtypes import utcnow
from ..ui.pending import form_page
from .forms import (
    LANGUAGE_LABELS, CostsForm, baustein_number, DescriptionForm, OfferTextForm, hours_form_class, offers_form_class, story_form_class,
)
from .numbers import shown

bp = Blueprint("profile", __name__, url_prefix="/anbieter", template_folder="templates")

@bp.context_processor
def _profile_globals():
    return {"staff": current_user(), "language_labels": LANGUAGE_LABELS, "work_kinds": WORK_KINDS,
            "story_status_labels": {DRAFT: _("Entwurf"), PUBLISHED: _("Veröffentlicht"),
                                    WITHDRAWN: _("Zurückgezogen")}}


def _provider():
    return current_user().provider


def _not_found(detail: str):
    """404, as for everything that is not the provider's own; the try is audited (like the inbox's)."""
    audit.record("not_found", current_user(), detail=detail)
    db.session.commit()
    abort(404)


def _saved() -> None:
    flash(_("Gespeichert. Im Portal ist Ihre Änderung nach höchstens 1 Minute zu sehen."))


def _titles() -> dict[tuple[int, int], str]:
    """(module, Baustein) → "Baustein 3.2: title", in the page's language."""
    return {(module.number, baustein.number): _("Baustein %(number)s: %(title)s",
                                                number=baustein_number(baustein), title=baustein.title)
            for module in content().modules.values() for baustein in module.bausteine}


def _modules():
    return [content().modules[number] for number in sorted(content().modules)]


# --- profile: self-description, offered Bausteine, own text per Baustein -------------------------


def _offers_form(provider, offers):
    form_class = offers_form_class(_modules())
    chosen: dict[str, list[str]] = {}
    for offer in offers:
        chosen.setdefault(f"modul_{offer.module}", []).append(str(offer.baustein))
    return form_class(prefix="angebot", data=chosen)


def _profile_page(description_form=None, offers_form=None):
    provider = _provider()
    offers = offers_of(provider)
    description_form = description_form or DescriptionForm(
        prefix="text", data={"description_de": provider.description_de, "description_en": provider.description_en})
    offers_form = offers_form or _offers_form(provider, offers)
    return render_template(
        "profile/profile.html", title=_("Ihr Profil"), provider=provider, offers=offers, titles=_titles(),
        description_form=description_form, offers_form=offers_form,
        form=next((f for f in (description_form, offers_form) if f.errors), None))


@bp.get("/profil")
@login_required
def profile():
    return _profile_page()


@bp.post("/profil/beschreibung")
@login_required
def save_description():
    form = DescriptionForm(prefix="text")
    if not form.validate():
        form_page(url_for("profile.profile"))
        return _profile_page(description_form=form)
    provider = _provider()
    provider.description_de, provider.description_en = form.description_de.data, form.description_en.data or ""
    audit.record("profile_text", current_user(), detail="self-description")
    db.session.commit()
    _saved()
    return redirect(url_for("profile.profile"), code=303)


@bp.post("/profil/angebot")
@login_required
def save_offers():
    provider = _provider()
    offers = offers_of(provider)
    form = offers_form_class(_modules())(prefix="angebot")
    if not form.validate():
        form_page(url_for("profile.profile", _anchor="angebot"))
        return _profile_page(offers_form=form)
    chosen = {(int(name.removeprefix("modul_")), int(value))
              for name, field in form._fields.items() if name.startswith("modul_") for value in field.data or []}
    existing = {(offer.module, offer.baustein): offer for offer in offers}
    for key, offer in existing.items():
        if key not in chosen:
            db.session.delete(offer)
    for module, baustein in sorted(chosen - existing.keys()):
        db.session.add(ProviderOffer(provider_id=provider.id, module=module, baustein=baustein))
    audit.record("profile_offers", current_user(), detail=f"{len(chosen)} Bausteine: +{len(chosen - existing.keys())} "
                                                          f"-{len(existing.keys() - chosen)}")
    db.session.commit()
    _saved()
    return redirect(url_for("profile.profile", _anchor="angebot"), code=303)


def _own_offer_or_404(module: int, baustein: int) -> ProviderOffer:
    offer = db.session.execute(db.select(ProviderOffer).filter_by(
        provider_id=_provider().id, module=module, baustein=baustein)).scalar_one_or_none()
    if offer is None:
        _not_found(f"Baustein {module}.{baustein}: not offered by this provider")
    return offer


@bp.route("/profil/baustein/<int:module>/<int:baustein>", methods=["GET", "POST"])
@login_required
def offer_text(module: int, baustein: int):
    offer = _own_offer_or_404(module, baustein)
    title = _titles().get((module, baustein), f"{module}.{baustein}")
    form = OfferTextForm(data={"text_de": offer.text_de, "text_en": offer.text_en})
    if form.validate_on_submit():
        offer.text_de, offer.text_en = form.text_de.data or "", form.text_en.data or ""
        audit.record("offer_text", current_user(), detail=f"Baustein {module}.{baustein}")
        db.session.commit()
        _saved()
        return redirect(url_for("profile.profile", _anchor="texte"), code=303)
    portal_baustein = next((b for b in content().modules[module].bausteine if b.number == baustein), None) \
        if module in content().modules else None
    return render_template("profile/offer_text.html", title=_("Ihr Text für %(baustein)s", baustein=title),
                           offer=offer, form=form, portal_baustein=portal_baustein)


# --- prices: the cost calculation and the hours per Baustein -------------------------------------


def _hours_form(offers):
    form_class = hours_form_class(offers, _titles_with_fallback(offers))
    return form_class(prefix="stunden", data={
        f"stunden_{offer.module}_{offer.baustein}": shown(offer.hours, 1) for offer in offers})


def _titles_with_fallback(offers):
    titles = _titles()
    return {(offer.module, offer.baustein): titles.get((offer.module, offer.baustein), f"{offer.module}.{offer.baustein}")
            for offer in offers}


def _prices_page(costs_form=None, hours_form=None):
    provider = _provider()
    costs = costs_of(provider)
    offers = offers_of(provider)
    costs_form = costs_form or CostsForm(prefix="kosten", data={} if costs is None else {
        "yearly_staff_cost": shown(costs.yearly_staff_cost, 2), "productive_hours": shown(costs.productive_hours, 1),
        "overhead_percent": shown(costs.overhead_percent, 2), "travel_percent": shown(costs.travel_percent, 2)})
    hours_form = hours_form or _hours_form(offers)
    by_module: dict[int, list[ProviderOffer]] = {}
    for offer in offers:
        by_module.setdefault(offer.module, []).append(offer)
    return render_template(
        "profile/prices.html", title=_("Ihre Preise"), costs=costs, steps=rate_of(costs), offers=offers,
        by_module=by_module, prices=module_prices(provider), modules=content().modules,
        titles=_titles_with_fallback(offers), costs_form=costs_form, hours_form=hours_form,
        form=next((f for f in (costs_form, hours_form) if f.errors), None))


@bp.get("/preise")
@login_required
def prices():
    return _prices_page()


@bp.post("/preise/kosten")
@login_required
def save_costs():
    form = CostsForm(prefix="kosten")
    if not form.validate():
        form_page(url_for("profile.prices"))
        return _prices_page(costs_form=form)
    provider = _provider()
    costs = costs_of(provider) or ProviderCosts(provider_id=provider.id)
    costs.yearly_staff_cost = form.yearly_staff_cost.number
    costs.productive_hours = form.productive_hours.number
    costs.overhead_percent = form.overhead_percent.number
    costs.travel_percent = form.travel_percent.number
    costs.is_example = False  # the provider's own numbers now
    db.session.add(costs)
    audit.record("costs", current_user(), detail="cost calculation")
    db.session.commit()
    _saved()
    return redirect(url_for("profile.prices", _anchor="rechnung"), code=303)


@bp.post("/preise/stunden")
@login_required
def save_hours():
    offers = offers_of(_provider())
    form = hours_form_class(offers, _titles_with_fallback(offers))(prefix="stunden")
    if not form.validate():
        form_page(url_for("profile.prices", _anchor="stunden"))
        return _prices_page(hours_form=form)
    for offer in offers:
        offer.hours = form[f"stunden_{offer.module}_{offer.baustein}"].number
    audit.record("offer_hours", current_user(), detail=f"{sum(o.hours is not None for o in offers)} Bausteine with hours")
    db.session.commit()
    _saved()
    return redirect(url_for("profile.prices", _anchor="modulpreise"), code=303)


# --- success stories -----------------------------------------------------------------------------


def _own_stories():
    return db.session.execute(db.select(SuccessStory).where(SuccessStory.provider_id == _provider().id)
                              .order_by(SuccessStory.updated_at.desc(), SuccessStory.id.desc())).scalars().all()


def _own_story_or_404(story_id: int) -> SuccessStory:
    story = db.session.get(SuccessStory, story_id)
    if story is None or story.provider_id != _provider().id:
        _not_found(f"story {story_id}: unknown or another provider's")
    return story


@bp.get("/geschichten")
@login_required
def stories():
    return render_template("profile/stories.html", title=_("Ihre Erfolgs·geschichten"), stories=_own_stories())


def _story_data(story: SuccessStory | None) -> dict:
    if story is None:
        return {"lang": "de"}
    return {"lang": story.lang, "first_name": story.first_name, "title": story.title, "work_kind": story.work_kind,
            "way": story.way, "helped": story.helped, "modules_used": [str(n) for n in story.module_numbers],
            "consent": story.consent_on is not None}


def _story_page(story: SuccessStory | None):
    form = story_form_class(_modules())(data=_story_data(story))
    if form.validate_on_submit():
        user = current_user()
        created = story is None
        if created:
            story = SuccessStory(provider_id=user.provider_id, status=DRAFT)
            db.session.add(story)
        story.lang = _lang_of(form)
        story.first_name, story.title, story.work_kind = form.first_name.data, form.title.data, form.work_kind.data
        story.way, story.helped = form.way.data, form.helped.data
        story.module_numbers = [int(number) for number in form.modules_used.data or []]
        if story.consent_on is None:
            story.consent_on, story.consent_recorded_by = today_in_berlin(), user.id
        db.session.flush()
        audit.record("story_save", user, detail=f"story {story.id}{' (new)' if created else ''}")
        db.session.commit()
        if story.status == PUBLISHED:
            _saved()
        else:
            flash(_("Gespeichert. Die Geschichte ist noch nicht im Portal zu sehen."))
        return redirect(url_for("profile.story", story_id=story.id), code=303)
    title = _("Neue Erfolgs·geschichte") if story is None else _("Geschichte: %(title)s", title=story.title)
    return render_template("profile/story.html", title=title, story=story, form=form,
                           blocking=_publish_problems(story) if story is not None else [])


def _lang_of(form) -> str:
    return "en" if form.lang.data == "en" else "de"


@bp.route("/geschichten/neu", methods=["GET", "POST"])
@login_required
def new_story():
    return _story_page(None)


@bp.route("/geschichten/<int:story_id>", methods=["GET", "POST"])
@login_required
def story(story_id: int):
    return _story_page(_own_story_or_404(story_id))


def _publish_problems(story: SuccessStory) -> list[str]:
    """Why the story cannot be published now (empty: it can)."""
    found = [] if story.consent_on else [_("Die Person hat noch nicht zugestimmt.")]
    for text in (story.title, story.way, story.helped):
        found += problems(text, story.lang)
    return list(dict.fromkeys(found))


@bp.post("/geschichten/<int:story_id>/veroeffentlichen")
@login_required
def publish_story(story_id: int):
    story = _own_story_or_404(story_id)
    if _publish_problems(story):
        flash(_("Die Geschichte ist nicht veröffentlicht. Bitte lesen Sie unten, was noch fehlt."))
        return redirect(url_for("profile.story", story_id=story.id), code=303)
    if story.status != PUBLISHED:
        story.status, story.published_at, story.withdrawn_at = PUBLISHED, utcnow(), None
        audit.record("story_publish", current_user(), detail=f"story {story.id}")
        db.session.commit()
    flash(_("Die Geschichte ist veröffentlicht. Im Portal ist sie nach höchstens 1 Minute zu sehen."))
    return redirect(url_for("profile.story", story_id=story.id), code=303)


@bp.post("/geschichten/<int:story_id>/zurueckziehen")
@login_required
def withdraw_story(story_id: int):
    story = _own_story_or_404(story_id)
    if story.status == PUBLISHED:
        story.status, story.withdrawn_at = WITHDRAWN, utcnow()
        audit.record("story_withdraw", current_user(), detail=f"story {story.id}")
        db.session.commit()
    flash(_("Die Geschichte ist zurückgezogen. Nach höchstens 1 Minute ist sie im Portal nicht mehr zu sehen."))
    return redirect(url_for("profile.story", story_id=story.id), code=303)


@bp.post("/geschichten/<int:story_id>/loeschen")
@login_required
def delete_story(story_id: int):
    """A draft or withdrawn story is deleted for good (a published one is withdrawn first)."""
    story = _own_story_or_404(story_id)
    if story.status == PUBLISHED:
        flash(_("Bitte ziehen Sie die Geschichte zuerst zurück."))
        return redirect(url_for("profile.story", story_id=story.id), code=303)
    db.session.delete(story)
    audit.record("story_delete", current_user(), detail=f"story {story_id}")
    db.session.commit()
    flash(_("Die Geschichte ist gelöscht."))
    return redirect(url_for("profile.stories"), code=303)
