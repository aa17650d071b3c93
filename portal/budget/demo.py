"""Demo data: the Klärung's demo person also has 3 steps ticked off and a saved letter, under the
same code (one person, one code), to try /weitermachen?weiter=/budget/checkliste."""
from __future__ import annotations

from ..housekeeping import refuse_demo_in_production
from ..klaerung.demo import DEMO_CODE  # one person, one code
from ..resume import store
from .letter import LetterFields
from .progress import SECTION as CHECKLIST_SECTION

DEMO_DONE = ["beratung", "amt", "antrag"]
DEMO_LETTER = LetterFields(
    name="Lena Beispiel",
    street="Am Markt 3",
    town="23552 Lübeck",
    office="eingliederungshilfe",
    help="- Begleitung durch einen Jobcoach in einem Gartenbaubetrieb\n- Hilfe auf dem Weg zum Betrieb",
    office_address="Hansestadt Lübeck\nBereich Soziale Sicherung\nMusterweg 1\n23552 Lübeck",
)
LETTER_SECTION = "letter"


def load_demo() -> str:
    """Adds what is missing; running it again changes nothing."""
    refuse_demo_in_production()  # a known code must never open anything there
    data = store.load(DEMO_CODE) or {}
    added = []
    if not data.get(CHECKLIST_SECTION):
        store.save(DEMO_CODE, CHECKLIST_SECTION, {"done": DEMO_DONE})
        added.append("3 steps ticked off")
    if not data.get(LETTER_SECTION):
        store.save(DEMO_CODE, LETTER_SECTION, DEMO_LETTER.to_dict())
        added.append("a saved letter")
    return f"{', '.join(added) or 'nothing new'} under the code '{DEMO_CODE}'"
