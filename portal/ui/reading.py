"""Reading help on form pages: glossary words explained in place, and one read-aloud button.

Content pages link a glossary word's first occurrence and explain it in a `<details>` below
(portal.content.render). A form must not send the person away from what they typed, so the form
macros (ui/forms.html) explain the glossary words of a field's question, hint and answers right
after the hint, in `<details>` that open in place. Each word is explained once per page.
"""
from __future__ import annotations

from flask import g, has_request_context
from markupsafe import Markup

from ..content.render import term_explanation, terms_in
from ..library import content

_EXPLAINED = "_reading_help_explained"
_READ_ALOUD = "_reading_help_read_aloud"


def explain_terms(*texts) -> Markup:
    """`<details>` "Was heißt …?" for each glossary word in the texts that this page has not explained yet."""
    if not has_request_context() or getattr(g, "lang", None) is None:
        return Markup("")
    explained: set[str] = g.setdefault(_EXPLAINED, set())
    terms = terms_in(content().terms, texts, skip=explained)
    explained.update(term.slug for term in terms)
    return Markup("").join(term_explanation(term, g.lang) for term in terms)


def claim_read_aloud() -> bool:
    """True the first time a page asks: that place shows the read-aloud buttons (one set per page)."""
    if not has_request_context():
        return True
    if g.get(_READ_ALOUD):
        return False
    setattr(g, _READ_ALOUD, True)
    return True
