"""Names of providers, workshops and places on a phone: they are data, so they get no Mediopunkt, and
Leichte Sprache breaks no word at the line end. A name with a word too long for 320 px at large text
is shown a little smaller instead (CSS class `long-name`), as e-mail addresses are."""
from __future__ import annotations

import re

from markupsafe import Markup

LONG_NAME_LETTERS = 14
_WORDS = re.compile(r"[^\s\-–·]+")  # a browser breaks a line after a hyphen, not after a slash


def long_name(value):
    """The name as it is, or wrapped to shrink on a phone when one of its words is long. Short names stay."""
    # |easy draws a Mediopunkt as an empty span and a <wbr>: a place where the word may break.
    text = Markup(value.replace("<wbr>", "·")).striptags() if isinstance(value, Markup) else str(value)
    if not any(len(word.strip(",.;:()")) >= LONG_NAME_LETTERS for word in _WORDS.findall(text)):
        return value
    return Markup('<span class="long-name">{}</span>').format(value)
