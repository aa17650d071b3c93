"""The notice about a new barrier report: through the mail outbox (portal.mail), in the same
transaction as the report, so a report never exists without its notice.

It says only that a report has come and where to read it, never what the report says: the text
may describe the person's disability, and the contact field is personal data. Mail travels
through servers the portal does not control; the desk is behind a log-in.

Recipients: OPERATOR_NOTIFY_EMAIL (one address or several, separated by commas) when it is set,
else every active operator account.
"""
from __future__ import annotations

import logging

from flask import current_app, request

from ..extensions import db
from ..mail.outbox import queue
from ..pages.models import BarrierReport
from ..providers.admin import AdminError, normalize_email
from ..providers.models import OPERATOR, StaffUser

logger = logging.getLogger(__name__)

DESK_PATH = "/betrieb"


def recipients() -> list[str]:
    configured = current_app.config.get("OPERATOR_NOTIFY_EMAIL") or ""
    if configured.strip():
        found = []
        for part in configured.split(","):
            if not part.strip():
                continue
            try:
                found.append(normalize_email(part))
            except AdminError:
                logger.error("OPERATOR_NOTIFY_EMAIL holds %r, which is not an e-mail address: skipped", part.strip())
        return sorted(set(found))
    query = db.select(StaffUser.email).where(StaffUser.role == OPERATOR, StaffUser.active.is_(True))
    return list(db.session.execute(query.order_by(StaffUser.email)).scalars())


def desk_url(path: str = DESK_PATH) -> str:
    """A link to the desk. PORTAL_BASE_URL is trusted; the request's own host only outside
    production (a forged Host header must never put a foreign link into an operator's mail)."""
    base = current_app.config.get("PORTAL_BASE_URL") or (
        request.host_url if current_app.config["PORTAL_ENV"] != "production" else ""
    )
    return base.rstrip("/") + path if base else ""


def notice(report_id: int) -> tuple[str, str]:
    """Subject and text: that a report came, and the link. In German, the operators' working language."""
    path = f"{DESK_PATH}/barrieren/{report_id}"
    link = desk_url(path)
    where = f"Bitte melden Sie sich an, um sie zu lesen:\n{link}" if link else \
        f"Bitte melden Sie sich im Portal an und lesen Sie sie unter {path}."
    body = (
        "Guten Tag,\n\n"
        "im JobBudget-Portal ist eine neue Meldung über eine Barriere eingegangen.\n\n"
        f"{where}\n\n"
        "Was in der Meldung steht, schicken wir nicht per E-Mail: Sie kann Angaben über die Person enthalten.\n\n"
        "Diese E-Mail wurde automatisch geschickt.\n"
    )
    return "Neue Barriere-Meldung im JobBudget-Portal", body


def queue_notice(report: BarrierReport) -> int:
    """Add the notice for `report` (already added to the session) to the outbox; the caller
    commits both together. Returns how many mails were queued."""
    db.session.flush()  # the report's number for the link
    addresses = recipients()
    if not addresses:
        logger.warning("barrier report %s: no operator to tell (set OPERATOR_NOTIFY_EMAIL or create an "
                       "operator account: flask --app portal users create --operator --email …)", report.id)
    subject, body = notice(report.id)
    for address in addresses:
        queue(address, subject, body)
    return len(addresses)
