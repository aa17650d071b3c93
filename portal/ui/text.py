"""Jinja filters for short interface text."""
from __future__ import annotations

from markupsafe import Markup

from ..content.render import MEDIOPUNKT, render_inline

# `easy`: escape and show Mediopunkt splits (Werk·statt) as a visual dot only — one mechanism
# for content and interface text.
easy = render_inline


def plain(text) -> str:
    """Text for places without markup (title, attributes): the Mediopunkt removed, the whole word kept."""
    if isinstance(text, Markup):
        text = text.striptags()
    return str(text).replace(MEDIOPUNKT, "")
