"""Storing a finished request: one transaction holds the request, its notice in the mail outbox
and the removal of the draft, so a request never exists without its notice (and vice versa).
The draft is deleted first, and the request is stored only when exactly this send deleted it:
a double click or several tabs sending one draft at once store one request (the other sends
raise AlreadySent). The database serialises the deletes: the second waits for the first's
commit and then finds nothing to delete.
Reference numbers are unique by the database's unique constraint: a clash is simply tried
again with a new number."""
from __future__ import annotations

import logging

from flask import current_app, request
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..mail.outbox import queue
from ..providers.models import Provider
from . import drafts
from .flow import EMAIL, LETTER, PHONE, SOCIAL_SERVICE, TRUSTED_PERSON
from .models import ContactRequest, DeletionRecord
from .references import new_reference

logger = logging.getLogger(__name__)

ATTEMPTS = 25  # a million numbers: 25 clashes in a row would mean the numbers are running out
INBOX_PATH = "/anbieter"

# Which contact details belong to which way of being reached; the others are not stored.
DETAILS_BY_WAY = {
    PHONE: ("phone", "good_times"),
    EMAIL: ("email", "good_times"),
    LETTER: ("postal_address",),
    SOCIAL_SERVICE: ("helper_name", "workshop_name", "good_times"),
    TRUSTED_PERSON: ("helper_name", "helper_contact", "good_times"),
}
DETAIL_KEYS = frozenset(key for keys in DETAILS_BY_WAY.values() for key in keys)


class ReferencesExhausted(RuntimeError):
    pass


class AlreadySent(RuntimeError):
    """The draft was sent by another request a moment ago: nothing was stored this time."""


def reference_in_use(reference: str) -> bool:
    """Also numbers of deleted requests: a number must never point to two people."""
    for model in (ContactRequest, DeletionRecord):
        if db.session.execute(db.select(model.id).filter_by(reference=reference).limit(1)).first():
            return True
    return False


def _new_request(answers: dict, provider: Provider, routed_by: str, lang: str, result: dict | None,
                 consent_version: str, workshop_label: str, cost_plan: dict | None = None) -> ContactRequest:
    way = answers["way"]
    details = {key: answers.get(key, "") for key in DETAILS_BY_WAY[way]}
    contact_request = ContactRequest(
        provider_id=provider.id,
        routed_by=routed_by,
        lang=lang,
        name=answers["name"],
        contact_way=way,
        postcode=answers.get("postcode", "") if not workshop_label else "",
        topics=list(answers["topics"]),
        message=answers.get("message", ""),
        klaerung_result=result,
        cost_plan=cost_plan,
        consent_version=consent_version,
        **details,
    )
    if not contact_request.workshop_name:
        contact_request.workshop_name = workshop_label
    return contact_request


def submit(answers: dict, provider: Provider, routed_by: str, lang: str, result: dict | None,
           consent_version: str, workshop_label: str = "", cost_plan: dict | None = None) -> str:
    """Store the request and its notice; returns its reference number."""
    provider_id, provider_name = provider.id, provider.name
    notify_to = provider.notification_address
    for _attempt in range(ATTEMPTS):
        reference = new_reference()
        if reference_in_use(reference):
            continue
        try:
            if drafts.delete_current() != 1:
                db.session.rollback()
                drafts.forget()
                raise AlreadySent("the draft was sent by another request")
            drafts.mark_sent(provider.slug)
            contact_request = _new_request(answers, provider, routed_by, lang, result, consent_version, workshop_label,
                                           cost_plan)
            contact_request.reference = reference
            contact_request.refresh_search_text()
            db.session.add(contact_request)
            if notify_to:
                queue(notify_to, *notification(provider_name, reference))
            db.session.commit()
        except IntegrityError:
            # Another request took the same number a moment ago: nothing was stored, try again.
            db.session.rollback()
            provider = db.session.get(Provider, provider_id)
            continue
        drafts.forget()
        if not notify_to:
            logger.warning("provider %s has no e-mail address: no notice for %s", provider_id, reference)
        return reference
    raise ReferencesExhausted("no free reference number found")


def inbox_url() -> str:
    """Where staff log in. PORTAL_BASE_URL is trusted; the request's own host only outside
    production (a forged Host header must never put a foreign link into a provider's mail)."""
    base = current_app.config.get("PORTAL_BASE_URL") or (
        request.host_url if current_app.config["PORTAL_ENV"] != "production" else ""
    )
    return base.rstrip("/") + INBOX_PATH if base else ""


def notification(provider_name: str, reference: str) -> tuple[str, str]:
    """The notice for the provider: that there is a request, never what is in it (Art. 9 GDPR).
    In German: the providers' working language."""
    link = inbox_url()
    where = f"Bitte melden Sie sich an, um sie zu lesen:\n{link}" if link else \
        f"Bitte melden Sie sich im Portal unter {INBOX_PATH} an, um sie zu lesen."
    body = (
        "Guten Tag,\n\n"
        f"im JobBudget-Portal ist eine neue Kontakt-Anfrage für {provider_name} eingegangen.\n"
        f"Referenz-Nummer: {reference}\n\n"
        f"{where}\n\n"
        "Aus Gründen des Datenschutzes steht in dieser E-Mail nichts über die Person.\n\n"
        "Diese E-Mail wurde automatisch geschickt.\n"
    )
    return f"Neue Kontakt-Anfrage {reference}", body
