"""Jinja filters for short interface text."""
from __future__ import annotations

import re

from markupsafe import Markup, escape

MEDIOPUNKT = "·"
_SPLIT = re.compile(r"(?<=\w)·(?=\w)")
# The dot is drawn by CSS (content: "·" / "") so screen readers, copy-and-paste and search engines get the whole word.
_DOT_MARKUP = '<span class="mp" aria-hidden="true"></span>'


def easy(text) -> Markup:
    """Escape text and show Mediopunkt splits (Werk·statt) as a visual dot only."""
    if isinstance(text, Markup):
        return text
    return Markup(_SPLIT.sub(_DOT_MARKUP, str(escape(str(text)))))


def plain(text) -> str:
    """Text for places without markup (title, attributes): the Mediopunkt removed, the whole word kept."""
    if isinstance(text, Markup):
        text = text.striptags()
    return str(text).replace(MEDIOPUNKT, "")
