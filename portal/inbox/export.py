"""CSV export of the filtered list. Every cell is text a spreadsheet will not run: a cell that
starts like a formula (= + - @, tab, carriage return) gets a leading apostrophe (OWASP)."""
from __future__ import annotations

import csv
import io

from flask_babel import format_datetime

from ..contact.choices import WAY_LABELS, topic_label
from ..contact.models import ContactRequest
from ..ui.text import plain
from .labels import STATUS_LABELS

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = (
    ("Referenz", lambda r: r.reference),
    ("Eingang", lambda r: format_datetime(r.created_at, "yyyy-MM-dd HH:mm")),
    ("Status", lambda r: plain(STATUS_LABELS.get(r.status, r.status))),
    ("Zuständig", lambda r: r.assigned_to.display_name if r.assigned_to else ""),
    ("Name", lambda r: r.name),
    ("Kontaktweg", lambda r: plain(WAY_LABELS.get(r.contact_way, r.contact_way))),
    ("Telefon", lambda r: r.phone),
    ("E-Mail", lambda r: r.email),
    ("Adresse", lambda r: r.postal_address),
    ("Begleitung", lambda r: r.helper_name),
    ("Begleitung erreichbar", lambda r: r.helper_contact),
    ("Gute Zeiten", lambda r: r.good_times),
    ("Werkstatt", lambda r: r.workshop_name),
    ("Postleitzahl", lambda r: r.postcode),
    ("Themen", lambda r: ", ".join(plain(topic_label(topic)) for topic in r.topics)),
    ("Nachricht", lambda r: r.message),
    ("Klärung-Ergebnis", lambda r: "ja" if r.klaerung_result else "nein"),
)


def safe_cell(value) -> str:
    text = str(value)
    return "'" + text if text.lstrip(" ").startswith(FORMULA_START) else text


def requests_csv(requests: list[ContactRequest]) -> str:
    """Semicolons and a byte-order mark: German spreadsheet programs open it as it is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([name for name, _value in COLUMNS])
    for contact_request in requests:
        writer.writerow([safe_cell(value(contact_request)) for _name, value in COLUMNS])
    return "\ufeff" + buffer.getvalue()
