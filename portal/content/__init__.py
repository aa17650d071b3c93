"""The content library: Leichte-Sprache texts from `content/easy_language/<lang>/`.

See API.md next to this file for the contract. The lint (`portal.content.lint`) and
the Flask command (`portal.content.cli`) are not imported here: the lint needs
textstat/pyphen, which the running portal never loads.
"""
from .errors import ContentError, ErrorLocation, display_path
from .loader import load_library
from .models import (
    Baustein,
    ContentLibrary,
    GlossaryEntry,
    Group,
    LanguageContent,
    Module,
    Page,
    Phase,
    Section,
    Timeline,
)
from .render import GlossaryTerm, TermIndex, render_inline, term_explanation, terms_in
from .yaml_lines import YamlLines, load_yaml_with_lines

__all__ = [
    "Baustein",
    "ContentError",
    "ContentLibrary",
    "ErrorLocation",
    "GlossaryEntry",
    "GlossaryTerm",
    "Group",
    "LanguageContent",
    "Module",
    "Page",
    "Phase",
    "Section",
    "TermIndex",
    "Timeline",
    "YamlLines",
    "display_path",
    "load_library",
    "load_yaml_with_lines",
    "render_inline",
    "term_explanation",
    "terms_in",
]
