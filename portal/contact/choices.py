"""The answers a person can pick, with their words and pictograms (shared by the form, the
check page and the inbox)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..library import content
from .flow import EMAIL, LETTER, PHONE, SOCIAL_SERVICE, TRUSTED_PERSON

WAY_LABELS = {
    PHONE: _l("Am Telefon"),
    EMAIL: _l("Mit einer E-Mail"),
    LETTER: _l("Mit einem Brief"),
    SOCIAL_SERVICE: _l("Über den Sozial·dienst von meiner Werk·statt"),
    TRUSTED_PERSON: _l("Über meine Vertrauens·person"),
}
WAY_ICONS = {
    PHONE: "kontakt-telefon", EMAIL: "kontakt-email", LETTER: "kontakt-brief",
    SOCIAL_SERVICE: "kontakt-sozialdienst", TRUSTED_PERSON: "kontakt-vertrauensperson",
}

MODULE_TOPICS = tuple(f"modul-{number}" for number in range(1, 9))
BUDGET, TALK = "budget", "reden"
TOPICS = (*MODULE_TOPICS, BUDGET, TALK)
TOPIC_ICONS = {**{topic: topic for topic in MODULE_TOPICS}, BUDGET: "start-budget", TALK: "kontakt-reden"}


def topic_label(topic: str) -> str:
    """The words for a topic in the current language (module titles come from the content)."""
    if topic in MODULE_TOPICS:
        number = int(topic.rpartition("-")[2])
        return _l("Modul %(number)s: %(title)s", number=number, title=content().modules[number].title)
    if topic == BUDGET:
        return _l("Das Persönliche Budget")
    if topic == TALK:
        return _l("Ich möchte erst einmal nur reden")
    return topic


def topic_choices() -> list[tuple[str, str]]:
    return [(topic, topic_label(topic)) for topic in TOPICS]
