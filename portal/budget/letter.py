"""The application letter: its fields, its text in standard German, and the PDF.

The office reads German, so the letter is always in formal standard German, whatever the
language of the portal; the person gets an easy-language explanation next to it
(content/easy_language/<lang>/budget/antrag.md). The application needs no form (§ 9 SGB X):
a clear letter that asks for the services "in Form eines Persönlichen Budgets" is enough.

Nothing here knows Flask: `compose_letter` turns fields into a `Letter`; the templates show it
(escaped), and `render_pdf` turns the letter's HTML into a PDF with WeasyPrint.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from datetime import date
from pathlib import Path

from .deadlines import DateProblem, numeric_date, parse_date, short_date

# The addressee when the person writes no address (they may write it on the printout by hand).
RECIPIENTS = {
    "agentur": "Agentur für Arbeit",
    "eingliederungshilfe": "Träger der Eingliederungshilfe",
    "rentenversicherung": "Deutsche Rentenversicherung",
    "unfallversicherung": "Träger der gesetzlichen Unfallversicherung",
    "integrationsamt": "Integrationsamt",
}
OTHER_OFFICE = "anderes"
OFFICE_CHOICES = (*RECIPIENTS, OTHER_OFFICE)

SUBJECT = "Antrag auf Leistungen zur Teilhabe als Persönliches Budget nach § 29 SGB IX"
SALUTATION = "Sehr geehrte Damen und Herren,"
CLOSING = "Mit freundlichen Grüßen"
# "§ 29 SGB IX" stays on one line: the spaces inside a paragraph reference do not break.
_REFERENCE = re.compile(r"§ \d+[a-z]?(?: Abs\. \d+)?(?: SGB [IVX]+)?")
# Easy-language text (from the Klärung or copied from a hint) splits words with a Mediopunkt; a letter does not.
_MEDIOPUNKT = re.compile(r"(?<=[^\W\d_])·(?=[^\W\d_])")


def _unbreakable_references(text: str) -> str:
    return _REFERENCE.sub(lambda match: match.group(0).replace(" ", "\u00a0"), text)


# The body: each paragraph a list of lines. The help text goes where HELP stands.
HELP = object()
BODY = (
    ("hiermit beantrage ich Leistungen zur Teilhabe in Form eines Persönlichen Budgets nach § 29 SGB IX.",),
    ("Ich benötige folgende Unterstützung:", HELP),
    (
        "Bitte stellen Sie meinen Bedarf fest und planen Sie die Leistungen gemeinsam mit mir. "
        "Bitte halten Sie meinen Wunsch nach einem Persönlichen Budget im Teilhabeplan "
        "beziehungsweise im Gesamtplan fest. Zu den Gesprächen möchte ich eine Person meines "
        "Vertrauens mitbringen.",
    ),
    (
        "Sollten Sie für meinen Antrag nicht zuständig sein, leiten Sie ihn bitte an den zuständigen "
        "Träger weiter (§ 16 Abs. 2 SGB I, § 14 SGB IX) und teilen Sie mir dies mit. Der Antrag gilt "
        "dann als an dem Tag gestellt, an dem er bei Ihnen eingegangen ist.",
    ),
    ("Bitte bestätigen Sie mir den Eingang dieses Antrags schriftlich.",),
)

# Field limits: the form shows them, the PDF layout is tested with them.
NAME_MAX = 100
STREET_MAX = 100
TOWN_MAX = 100
CUSTOMER_NUMBER_MAX = 40
OFFICE_ADDRESS_MAX = 300
OFFICE_ADDRESS_LINES = 6  # the address window of a DIN 5008 envelope holds 6 lines
HELP_MAX = 2000
HELP_LINES = 30


@dataclass(frozen=True)
class LetterFields:
    """What the person typed. Kept only in the browser's form, or under their resume code."""

    name: str
    street: str
    town: str
    office: str
    help: str
    birth_date: date | None = None
    customer_number: str = ""
    office_address: str = ""

    def to_dict(self) -> dict:
        """Plain JSON data (for the resume store and the hidden fields of the preview)."""
        data = asdict(self)
        data["birth_date"] = numeric_date(self.birth_date) if self.birth_date else ""
        return data

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(field.name for field in fields(cls))

    @classmethod
    def from_dict(cls, data: dict) -> "LetterFields | None":
        """The fields back from `to_dict` (None when the data is not a letter)."""
        if not isinstance(data, dict) or not all(isinstance(data.get(name, ""), str) for name in cls.field_names()):
            return None
        values = {name: data.get(name, "") for name in cls.field_names()}
        try:
            values["birth_date"] = parse_date(values["birth_date"]) if values["birth_date"] else None
        except DateProblem:
            values["birth_date"] = None
        return cls(**values)


@dataclass(frozen=True)
class Letter:
    sender: tuple[str, ...]
    return_line: str  # the small sender line above the address (DIN 5008 Rücksendeangabe)
    recipient: tuple[str, ...]
    info: tuple[tuple[str, str], ...]  # (label, value) in the information block
    subject: str
    salutation: str
    paragraphs: tuple[tuple[str, ...], ...]  # each paragraph: its lines
    closing: str
    signature: str
    annexes: tuple[str, ...] = ()  # named under the signature ("Anlage: Kostenplan"), each on its own page


def lines_of(text: str) -> tuple[str, ...]:
    """The non-empty lines of a typed text, with blanks trimmed."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def recipient_lines(fields_: LetterFields) -> tuple[str, ...]:
    typed = lines_of(fields_.office_address)
    if typed:
        return typed
    return (RECIPIENTS.get(fields_.office, ""),) if fields_.office in RECIPIENTS else ()


def compose_letter(fields_: LetterFields, today: date, annexes: tuple[str, ...] = ()) -> Letter:
    """The whole letter, ready to show. `today` is the letter's date (Europe/Berlin); `annexes` names
    the pages that go with it (the cost plan, portal/costplan)."""
    sender = (fields_.name, fields_.street, fields_.town)
    info = []
    if fields_.customer_number:
        info.append(("Kundennummer", fields_.customer_number))
    if fields_.birth_date:
        info.append(("Geburtsdatum", numeric_date(fields_.birth_date)))
    info.append(("Datum", short_date(today, "de")))
    help_lines = tuple(_MEDIOPUNKT.sub("", line) for line in lines_of(fields_.help))
    paragraphs = tuple(
        tuple(line for part in paragraph for line in (help_lines if part is HELP else (_unbreakable_references(part),)))
        for paragraph in BODY
    )
    return Letter(
        sender=sender,
        return_line=" · ".join(sender),
        recipient=recipient_lines(fields_),
        info=tuple(info),
        subject=_unbreakable_references(SUBJECT),
        salutation=SALUTATION,
        paragraphs=paragraphs,
        closing=CLOSING,
        signature=fields_.name,
        annexes=tuple(annexes),
    )


def file_name(today: date) -> str:
    return f"Antrag-Persoenliches-Budget-{today.isoformat()}.pdf"


def render_document(html: str, stylesheet: Path):
    """The letter's HTML laid out on A4 pages (a WeasyPrint Document). Fetches nothing: the
    stylesheet is read from disk and every URL is refused, so typed text can never make the
    server load anything."""
    from weasyprint import CSS, HTML  # imported here: only the PDF needs it
    from weasyprint.urls import URLFetcher

    class FetchNothing(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"the letter PDF loads no resources ({url})")

    fetcher = FetchNothing()
    css = CSS(string=stylesheet.read_text(encoding="utf-8"), url_fetcher=fetcher)
    return HTML(string=html, url_fetcher=fetcher).render(stylesheets=[css])


# PDF/UA-1: tagged (a structure tree of headings and paragraphs, MarkInfo/Marked), with the document's
# language and its title shown as the window title, so a screen reader can read the letter.
PDF_VARIANT = "pdf/ua-1"


def render_pdf(html: str, stylesheet: Path) -> bytes:
    return render_document(html, stylesheet).write_pdf(pdf_variant=PDF_VARIANT)


WARM_UP_HTML = ('<!doctype html><html lang="de"><head><title>Antrag</title></head><body>'
                '<article class="budget-letter"><h1 class="budget-letter-subject">Antrag</h1><p>Text</p></article></body></html>')


def warm_up(stylesheet: Path) -> None:
    """Make one small PDF, so the first person's letter does not wait for WeasyPrint to load its modules,
    fonts and font configuration (about 4 s on a busy machine, later letters take well under 1 s)."""
    render_pdf(WARM_UP_HTML, stylesheet)


def warm_up_in_background(stylesheet: Path) -> None:
    import threading

    def run():
        try:
            warm_up(stylesheet)
        except Exception:  # noqa: BLE001 - a failed warm-up only means the first PDF is slower
            pass

    threading.Thread(target=run, name="letter-pdf-warm-up", daemon=True).start()
