"""Resume codes: three simple words and a 4-digit number ("Sonne Tiger Apfel 4821").

Easy to write down and to say aloud, and hard to guess: each language has more than 570 words,
the three words differ, and there are 9000 numbers, so a language has at least
575 × 574 × 573 × 9000 ≈ 1.7 × 10^12 codes (40.6 bits; CODE_SPACE_BITS below). Code entry is
rate-limited per browser session and per address, and failed entries from all addresses together
have a global limit (portal/resume/routes.py): at 1000 failed entries a day, finding one given
code takes on average over 2 million years.

A code is compared in a normalised form (lower case, only letters and digits), so
"sonne-tiger apfel 4821" and "SONNE TIGER APFEL 4821" open the same record.

Older codes had two words ("Sonne Tiger 4821", 31 bits). Their normalised form has the same shape
(letters, then 4 digits), so records stored under them keep opening until they expire; they are
no longer made, and saving under one no longer extends its 30 days (`is_legacy`), so the last of
them is gone at most 30 days after the change.
"""
from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
import unicodedata
from functools import lru_cache
from pathlib import Path

WORDS_DIR = Path(__file__).resolve().parent
LANGUAGES = ("de", "en")
WORD_COUNT = 3
LEGACY_WORD_COUNT = 2
NUMBER_MIN, NUMBER_MAX = 1000, 9999
# Longer input cannot be a code; cut it off before any work is done on it.
INPUT_MAX = 60
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# Words have 3 to 7 letters (and umlauts become two): 2 words at least 6 letters, 3 words at most 24.
_NORMALISED = re.compile(r"^(?P<words>[a-z]{6,27})(?P<number>\d{4})$")


@lru_cache(maxsize=None)
def words(lang: str) -> tuple[str, ...]:
    """The word list of a language (German for unknown languages)."""
    name = lang if lang in LANGUAGES else "de"
    text = (WORDS_DIR / f"words_{name}.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


@lru_cache(maxsize=None)
def _all_words() -> dict[str, str]:
    """Every word in its normalised form ("moewe") → as it is written ("Möwe")."""
    return {word.lower().translate(_TRANSLITERATION): word for lang in LANGUAGES for word in words(lang)}


def code_space(lang: str) -> int:
    """How many codes `generate(lang)` can give."""
    return math.perm(len(words(lang)), WORD_COUNT) * (NUMBER_MAX - NUMBER_MIN + 1)


CODE_SPACE_BITS = min(math.log2(code_space(lang)) for lang in LANGUAGES)


def generate(lang: str) -> str:
    """A new random code in the words of `lang` (cryptographically random, three different words).

    Codes are compared without spaces, so "Roller Eis" and "Rolle Reis" are the same letters; a
    code whose letters read first as other words is drawn again, so the code shown after a person
    types it back ("Willkommen zurück") is always the one they wrote down (about 1 draw in 20,000)."""
    while True:
        code = _draw(lang)
        if pretty(code) == code:
            return code


def _draw(lang: str) -> str:
    chosen: list[str] = []
    word_list = words(lang)
    while len(chosen) < WORD_COUNT:
        word = secrets.choice(word_list)
        if word not in chosen:
            chosen.append(word)
    number = NUMBER_MIN + secrets.randbelow(NUMBER_MAX - NUMBER_MIN + 1)
    return " ".join(word.capitalize() for word in chosen) + f" {number}"


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


def _split(letters: str, parts: int) -> list[str] | None:
    """`letters` as `parts` known words one after the other, or None."""
    known = _all_words()
    if parts == 1:
        return [letters] if letters in known else None
    for cut in range(3, len(letters) - 2):
        if letters[:cut] in known:
            rest = _split(letters[cut:], parts - 1)
            if rest is not None:
                return [letters[:cut], *rest]
    return None


def is_legacy(code: str) -> bool:
    """A two-word code of the time before three words (still opens; is no longer extended)."""
    normalised = normalise(code)
    if normalised is None:
        return False
    letters = _NORMALISED.match(normalised)["words"]
    return _split(letters, WORD_COUNT) is None and _split(letters, LEGACY_WORD_COUNT) is not None


def pretty(code: str) -> str:
    """A typed code in the way it is shown ("sonnetigerapfel4821" → "Sonne Tiger Apfel 4821")."""
    normalised = normalise(code)
    if normalised is None:
        return code.strip()
    match = _NORMALISED.match(normalised)
    letters, number = match["words"], match["number"]
    for parts in (WORD_COUNT, LEGACY_WORD_COUNT):
        split = _split(letters, parts)
        if split is not None:
            known = _all_words()
            return " ".join(known[word].capitalize() for word in split) + f" {number}"
    return " ".join(part.capitalize() for part in code.split())
