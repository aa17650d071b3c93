"""Text helpers for the lint: Markdown line -> prose, sentences, words and word rules.

Plain functions on strings, so every rule can be tested on a single line.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

MEDIOPUNKT = "·"

# --- Markdown line -> the words people read ---------------------------------------------

_THEMATIC_BREAK = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_BLOCKQUOTE = re.compile(r"^\s*(?:>\s?)+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?:\[[A-Za-z0-9_-]+\]\s*)?")
_HEADING_CLOSE = re.compile(r"\s+#+\s*$")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*>")
_CODE_SPAN = re.compile(r"`+[^`]*`+")
_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_HARD_BREAK = re.compile(r"(?:\\|\s{2,})$")
RAW_HTML = re.compile(r"<(?:/?[A-Za-z]|!--)")


def without_code_and_autolinks(line: str) -> str:
    """The line with code spans and `<scheme:…>` autolinks removed (they are not raw HTML)."""
    return _AUTOLINK.sub(" ", _CODE_SPAN.sub(" ", line))


def has_raw_html(line: str) -> bool:
    return bool(RAW_HTML.search(without_code_and_autolinks(line)))


def markdown_to_prose(line: str) -> str | None:
    """The readable text of one Markdown line; None for lines without prose."""
    if _THEMATIC_BREAK.match(line):
        return None
    text = _HARD_BREAK.sub("", line.rstrip("\n"))
    text = _BLOCKQUOTE.sub("", text)
    if _HEADING.match(text):
        text = _HEADING_CLOSE.sub("", _HEADING.sub("", text))
    text = _LIST_MARKER.sub("", text)
    text = _IMAGE_OR_LINK.sub(r"\1", text)
    text = without_code_and_autolinks(text)
    text = _EMPHASIS.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    text = " ".join(text.split())
    return text if WORD.search(text) else None


# --- words and sentences -------------------------------------------------------------

# A word: letters/digits, possibly joined by Mediopunkt or hyphen ("Werk·statt", "E-Mail").
WORD = re.compile(r"[^\W_](?:[\w·'’-]*[^\W_])?")
_SENTENCE_END = re.compile(r"(?<!\d)[.!?]+[\"“”„»«‘’']*(?=\s+\S)")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def split_sentences(text: str, protected: Iterable[re.Pattern[str]] = ()) -> list[str]:
    """Split one line at sentence-ending punctuation.

    Dots inside `protected` patterns (abbreviations, paragraph references) do not end
    a sentence: an abbreviation is reported once, as an abbreviation.
    """
    masked = text
    for pattern in protected:
        masked = pattern.sub(lambda match: match.group(0).replace(".", "\0"), masked)
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(masked):
        sentences.append(text[start : match.end()])
        start = match.end()
    sentences.append(text[start:])
    return [sentence.strip() for sentence in sentences if WORD.search(sentence)]


# --- abbreviations ------------------------------------------------------------------

# Paragraph/article references keep the law's own abbreviations ("§ 37 Abs. 2 SGB X"),
# so a provider can look the rule up; they are allowed and masked before other checks.
LEGAL_REFERENCE = re.compile(
    r"(?:§§?|\bArt\.)\s*\d+[a-z]?"
    r"(?:\s*(?:Abs\.|Absatz)\s*\d+[a-z]?)?"
    r"(?:\s*(?:S\.|Satz)\s*\d+)?"
    r"(?:\s*(?:Nr\.|Nummer)\s*\d+[a-z]?)?"
    r"(?:\s+[A-ZÄÖÜ]{2,}[A-Za-zÄÖÜäöü]*(?:\s+[IVXLC]+\b)?)?"
)

DOTTED_ABBREVIATIONS = {
    "de": (
        "z. B.", "bzw.", "usw.", "ggf.", "d. h.", "u. a.", "ca.", "evtl.", "Nr.", "etc.",
        "inkl.", "vgl.", "s. o.", "s. u.", "o. Ä.", "u. U.", "z. T.", "u. v. m.", "Abs.",
        "Tel.", "Str.", "sog.", "bspw.", "zzgl.", "ggü.", "max.", "mind.", "Std.", "Mio.",
        "Mrd.", "gem.", "lt.", "Hr.", "Fr.", "Dr.", "insb.", "allg.", "bzgl.",
    ),
    "en": ("e.g.", "i.e.", "etc.", "approx.", "incl.", "cf.", "vs.", "viz.", "esp.", "No."),
}
# Any pair of single letters with dots ("z.B.", "u. a.", "e.g.") is an abbreviation too.
_LETTER_PAIR = r"[^\W\d_]\.\s?[^\W\d_]\."
# "SGB IX" is one acronym (with its book number), not two.
_ACRONYM = re.compile(r"(?<![\w·])[A-ZÄÖÜ]{2,}(?:\s+[IVXLC]+)?(?![\w·])")


def _abbreviation_pattern(lang: str) -> re.Pattern[str]:
    listed = sorted(DOTTED_ABBREVIATIONS.get(lang, ()), key=len, reverse=True)
    alternatives = [r"\s?".join(re.escape(part) for part in item.split(" ")) for item in listed]
    alternatives.append(_LETTER_PAIR)
    return re.compile(r"(?<![\w·])(?:" + "|".join(alternatives) + ")")


_ABBREVIATIONS = {lang: _abbreviation_pattern(lang) for lang in DOTTED_ABBREVIATIONS}


def abbreviation_pattern(lang: str) -> re.Pattern[str]:
    if lang not in _ABBREVIATIONS:
        _ABBREVIATIONS[lang] = _abbreviation_pattern(lang)
    return _ABBREVIATIONS[lang]


def mask_legal_references(text: str) -> str:
    return LEGAL_REFERENCE.sub(lambda match: " " * len(match.group(0)), text)


def find_abbreviations(text: str, lang: str, allowed_acronyms: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Dotted abbreviations and ALL-CAPS acronyms, except in paragraph references and
    acronyms that are glossary words (they are explained there)."""
    masked = mask_legal_references(text)
    found = [match.group(0) for match in abbreviation_pattern(lang).finditer(masked)]
    found += [word for word in _ACRONYM.findall(masked) if word not in allowed_acronyms]
    return found


def acronyms_in(spellings: Iterable[str]) -> set[str]:
    """The ALL-CAPS words inside glossary terms: those are explained, so allowed."""
    return {word for spelling in spellings for word in _ACRONYM.findall(spelling.replace(MEDIOPUNKT, ""))}


# --- long words ----------------------------------------------------------------------


def find_long_words(text: str, max_letters: int, allowed: set[str] | frozenset[str]) -> list[str]:
    """Words with more than `max_letters` letters that are not split by · or -."""
    long_words = []
    for word in words(text):
        if MEDIOPUNKT in word or "-" in word:
            continue
        if sum(char.isalpha() for char in word) > max_letters and word.casefold() not in allowed:
            long_words.append(word)
    return long_words


# --- glossary words written differently ----------------------------------------------


def _spelling_key(text: str) -> str:
    return " ".join(text.replace(MEDIOPUNKT, "").replace("-", "").split()).casefold()


class GlossarySpellings:
    """Finds glossary words written with other splits: `Werkstatt` for `Werk·statt`.

    Compared without Mediopunkt and hyphens and ignoring case; only the placement of
    `·` / `-` counts as a different spelling.
    """

    def __init__(self, spellings: Iterable[str]):
        spellings = [spelling for spelling in spellings if spelling.strip()]
        self.accepted = {" ".join(spelling.split()).casefold() for spelling in spellings}
        self.expected = {}
        for spelling in spellings:
            self.expected.setdefault(_spelling_key(spelling), spelling)
        keys = sorted(self.expected, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(_split_tolerant(key) for key in keys) + r")(?!\w)", re.IGNORECASE)
            if keys
            else None
        )

    def misspellings(self, text: str) -> list[tuple[str, str]]:
        """(found, glossary spelling) for every differently written glossary word."""
        if self.pattern is None:
            return []
        result = []
        for match in self.pattern.finditer(text):
            found = " ".join(match.group(0).split())
            if found.casefold() not in self.accepted:
                result.append((found, self.expected[_spelling_key(found)]))
        return result


def _split_tolerant(key: str) -> str:
    return r"\s+".join("[·-]?".join(re.escape(char) for char in word) for word in key.split(" "))
