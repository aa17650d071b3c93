"""Resume codes: two simple words and a 4-digit number ("Sonne Tiger 4821").

Easy to write down and to say aloud, and still hard to guess: with more than 512 words per
language and 9000 numbers there are more than 512 × 512 × 9000 ≈ 2.4 × 10^9 codes, and code
entry is rate-limited. A code is compared in a normalised form (lower case, only letters and
digits), so "sonne-tiger 4821" and "SONNE TIGER 4821" open the same record.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from functools import lru_cache
from pathlib import Path

WORDS_DIR = Path(__file__).resolve().parent
LANGUAGES = ("de", "en")
NUMBER_MIN, NUMBER_MAX = 1000, 9999
# Longer input cannot be a code; cut it off before any work is done on it.
INPUT_MAX = 60
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NORMALISED = re.compile(r"^(?P<words>[a-z]{6,14})(?P<number>\d{4})$")


@lru_cache(maxsize=None)
def words(lang: str) -> tuple[str, ...]:
    """The word list of a language (German for unknown languages)."""
    name = lang if lang in LANGUAGES else "de"
    text = (WORDS_DIR / f"words_{name}.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


@lru_cache(maxsize=None)
def _all_words() -> frozenset[str]:
    return frozenset(word.lower() for lang in LANGUAGES for word in words(lang))


def generate(lang: str) -> str:
    """A new random code in the words of `lang` (cryptographically random)."""
    word_list = words(lang)
    first = secrets.choice(word_list)
    second = secrets.choice([word for word in word_list if word != first])
    number = NUMBER_MIN + secrets.randbelow(NUMBER_MAX - NUMBER_MIN + 1)
    return f"{first.capitalize()} {second.capitalize()} {number}"


def normalise(code: str) -> str | None:
    """The form a code is compared in, or None when the text cannot be a code."""
    if not isinstance(code, str) or len(code) > INPUT_MAX:
        return None
    text = unicodedata.normalize("NFKC", code).casefold().translate(_TRANSLITERATION)
    text = re.sub(r"[^a-z0-9]", "", text)
    return text if _NORMALISED.match(text) else None


def code_hash(normalised: str, pepper: str) -> str:
    """Keyed hash of a normalised code: the database never holds the code itself."""
    return hmac.new(pepper.encode("utf-8"), normalised.encode("utf-8"), hashlib.sha256).hexdigest()


def pretty(code: str) -> str:
    """A typed code in the way it is shown ("sonnetiger4821" → "Sonne Tiger 4821")."""
    normalised = normalise(code)
    if normalised is None:
        return code.strip()
    match = _NORMALISED.match(normalised)
    letters, number = match["words"], match["number"]
    known = _all_words()
    for cut in range(3, len(letters) - 2):
        first, second = letters[:cut], letters[cut:]
        if first in known and second in known:
            return f"{first.capitalize()} {second.capitalize()} {number}"
    return " ".join(part.capitalize() for part in code.split())
