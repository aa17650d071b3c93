"""The word lists of the resume codes: long enough, simple, and no two words that sound alike."""
from __future__ import annotations

import re

import pytest

from portal.resume import codes

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database

MINIMUM = 512


def sound_key_de(word: str) -> str:
    """German words that a listener could mix up get the same key (spelling variants of one sound,
    voiced and voiceless pairs, m and n)."""
    w = word.lower()
    for spelled, sound in [("sch", "S"), ("ch", "X"), ("ck", "k"), ("ph", "f"), ("th", "t"), ("qu", "kv"),
                           ("ei", "ai"), ("ey", "ai"), ("eu", "oi"), ("ie", "i"), ("tz", "z"), ("dt", "t"),
                           ("v", "f"), ("w", "v"), ("z", "ts"), ("x", "ks"), ("c", "k"), ("y", "i")]:
        w = w.replace(spelled, sound)
    w = re.sub(r"(?<=[aeiou])h(?![aeiou])", "", w)
    w = re.sub(r"(.)\1+", r"\1", w)
    w = re.sub(r"er$", "a", w)
    return w.translate(str.maketrans("bdgmv", "ptknf"))


def sound_key_en(word: str) -> str:
    """English vowels are spelled too freely (sun, son; bear, bare): compare the consonant sounds."""
    w = word.lower()
    w = re.sub(r"^(kn|gn)", "n", w)
    w = re.sub(r"^wr", "r", w)
    w = re.sub(r"^wh", "w", w)
    for spelled, sound in [("tch", "ch"), ("ph", "f"), ("ck", "k"), ("gh", "")]:
        w = w.replace(spelled, sound)
    w = re.sub(r"c(?=[eiy])", "s", w)
    w = w.replace("c", "k").replace("q", "k").replace("x", "ks").replace("z", "s")
    w = re.sub(r"(?<=.)y", "i", w)
    w = re.sub(r"(.)\1+", r"\1", w)
    w = re.sub(r"(?<=[^aeiou])e$", "", w)
    return ("V" if w[0] in "aeiou" else "") + re.sub(r"[aeiouy]+", "", w)


SOUND_KEYS = {"de": sound_key_de, "en": sound_key_en}


@pytest.mark.parametrize("lang", codes.LANGUAGES)
def test_each_language_has_enough_words(lang):
    assert len(codes.words(lang)) >= MINIMUM


@pytest.mark.parametrize("lang", codes.LANGUAGES)
def test_words_are_short_plain_letters_without_umlauts(lang):
    bad = [word for word in codes.words(lang) if not re.fullmatch(r"[A-Za-z]{3,7}", word)]
    assert not bad


@pytest.mark.parametrize("lang", codes.LANGUAGES)
def test_no_word_twice(lang):
    lowered = [word.lower() for word in codes.words(lang)]
    assert len(lowered) == len(set(lowered))


@pytest.mark.parametrize("lang", codes.LANGUAGES)
def test_no_two_words_sound_alike(lang):
    seen: dict[str, str] = {}
    clashes = []
    for word in codes.words(lang):
        key = SOUND_KEYS[lang](word)
        if key in seen:
            clashes.append((seen[key], word))
        seen[key] = word
    assert not clashes


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [("Teich", "Deich", True), ("Seite", "Saite", True), ("Sonne", "Tiger", False), ("Hund", "Hand", False)],
)
def test_the_german_sound_key_catches_words_that_sound_alike(first, second, same):
    assert (sound_key_de(first) == sound_key_de(second)) is same


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [("sun", "son", True), ("bear", "bare", True), ("knot", "not", True), ("cat", "dog", False)],
)
def test_the_english_sound_key_catches_words_that_sound_alike(first, second, same):
    assert (sound_key_en(first) == sound_key_en(second)) is same


def test_the_code_space_makes_guessing_useless():
    smallest = min(len(codes.words(lang)) for lang in codes.LANGUAGES)
    assert smallest * (smallest - 1) * (codes.NUMBER_MAX - codes.NUMBER_MIN + 1) > 2.3e9


def test_no_offensive_or_sad_words():
    # A short guard list; the lists were written by hand from friendly, everyday things.
    unwanted = {"affe", "esel", "kuh", "ziege", "sarg", "grab", "tod", "krieg", "waffe", "bombe", "messer",
                "donkey", "cow", "coffin", "grave", "death", "war", "gun", "bomb", "knife", "pig", "rat"}
    found = {word.lower() for lang in codes.LANGUAGES for word in codes.words(lang)} & unwanted
    assert not found
