"""The person's choice for the cost plan, kept in the session (it is encrypted, see portal/session.py):
module numbers, a provider's slug, the planned months and where the plan goes with. Nothing in the
database: the plan is always computed again from the provider's current prices.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g, session
from markupsafe import Markup

from ..extensions import db
from ..providers.models import Provider
from .plan import MODULES, MONTHS_DEFAULT, MONTHS_MAX, MONTHS_MIN, Plan, build_plan

SESSION_KEY = "costplan"
LETTER, CONTACT = "antrag", "kontakt"  # where the plan can go with
ATTACH_TO = (LETTER, CONTACT)


@dataclass(frozen=True)
class Choice:
    modules: tuple[int, ...] = ()
    provider: str = ""  # a provider's slug; "" = none chosen yet
    months: int = MONTHS_DEFAULT
    attach: tuple[str, ...] = ()

    def to_data(self) -> dict:
        return {"modules": list(self.modules), "provider": self.provider, "months": self.months,
                "attach": list(self.attach)}

    @classmethod
    def from_data(cls, data) -> "Choice | None":
        """Checked like any input: the session may hold data of an older release."""
        if not isinstance(data, dict):
            return None
        modules = data.get("modules") if isinstance(data.get("modules"), list) else []
        months = data.get("months")
        if not isinstance(months, int) or isinstance(months, bool) or not MONTHS_MIN <= months <= MONTHS_MAX:
            months = MONTHS_DEFAULT
        provider = data.get("provider") if isinstance(data.get("provider"), str) else ""
        attach = data.get("attach") if isinstance(data.get("attach"), list) else []
        return cls(
            modules=tuple(sorted({number for number in modules if number in MODULES and not isinstance(number, bool)})),
            provider=provider[:Provider.SLUG_MAX],
            months=months,
            attach=tuple(kind for kind in ATTACH_TO if kind in attach),
        )


def saved() -> Choice | None:
    return Choice.from_data(session.get(SESSION_KEY))


def save(choice: Choice) -> None:
    session[SESSION_KEY] = choice.to_data()


def forget() -> None:
    session.pop(SESSION_KEY, None)


def recommended_modules(lang: str | None = None) -> tuple[int, ...]:
    """The modules the finished Klärung of this session recommends (none without one)."""
    from .. import klaerung

    facts = klaerung.letter_facts(lang or g.lang)
    return tuple(number for number in (facts or {}).get("modules", ()) if number in MODULES)


def module_titles(lang: str) -> dict[int, str]:
    modules = current_app.extensions["content"].for_lang(lang).modules
    return {number: module.title for number, module in modules.items()}


def providers() -> list[Provider]:
    """All providers by name, as people read them ("integra Lübeck" among the I's)."""
    found = db.session.execute(db.select(Provider)).scalars()
    return sorted(found, key=lambda provider: provider.name.casefold())


def provider_by_slug(slug: str) -> Provider | None:
    if not slug:
        return None
    return db.session.execute(db.select(Provider).filter_by(slug=slug)).scalar_one_or_none()


def plan_for(choice: Choice, lang: str) -> Plan | None:
    """The plan of a choice with the provider's current prices; None without modules or provider."""
    from ..offers.queries import module_prices

    provider = provider_by_slug(choice.provider)
    if provider is None or not choice.modules:
        return None
    return build_plan(provider.name, choice.modules, module_prices(provider), module_titles(lang), choice.months)


def attached_plan(kind: str, lang: str | None = None) -> Plan | None:
    """The saved plan when the person chose to send it with the letter (LETTER) or a contact request
    (CONTACT); else None."""
    choice = saved()
    if choice is None or kind not in choice.attach:
        return None
    return plan_for(choice, lang or g.lang)


def letter_annex() -> Markup | None:
    """The annex page "Anlage: Kostenplan" for the application letter, in German like the letter
    (the office reads German), or None when the person did not attach a plan."""
    from flask import render_template
    from flask_babel import force_locale

    plan = attached_plan(LETTER, "de")
    if plan is None:
        return None
    with force_locale("de"):
        return Markup(render_template("costplan/annex.html", plan=plan))
