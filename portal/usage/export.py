"""The counters as a CSV file for the desk: one line per kind, item and day. Cells that a
spreadsheet would run as a formula are defused as in the inbox's export (portal.inbox.export)."""
from __future__ import annotations

import csv
import io

from ..inbox.export import safe_cell
from .models import UsageCount

COLUMNS = ("Art", "Was", "Tag", "Anzahl")
KIND_NAMES = {
    "klaerung_started": "Klärung begonnen",
    "klaerung_finished": "Klärung fertig",
    "klaerung_question": "Klärung: Frage erreicht",
    "contact_request": "Kontakt-Anfrage",
    "letter_made": "Antrag geschrieben",
    "glossary_word": "Wort nachgeschlagen",
}


def usage_csv(rows: list[UsageCount]) -> str:
    """Semicolons and a byte-order mark, like the inbox's export: German spreadsheets open it as it is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([safe_cell(KIND_NAMES.get(row.kind, row.kind)), safe_cell(row.item),
                         row.day.isoformat(), row.number])
    return "\ufeff" + buffer.getvalue()
