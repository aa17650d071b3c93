"""The content the portal ships: complete in both languages, and clean by the easy-language rules."""
from pathlib import Path

import pytest

from portal.config import PROJECT_ROOT
from portal.content import load_library
from portal.content.lint import check_library

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database

CONTENT = PROJECT_ROOT / "content" / "easy_language"


@pytest.fixture(scope="module")
def library():
    return load_library(CONTENT)


def test_both_languages_have_the_same_files():
    def names(lang):
        return {p.relative_to(CONTENT / lang) for p in (CONTENT / lang).rglob("*") if p.is_file()}

    assert names("de") == names("en")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_eight_modules_with_32_bausteine_and_a_full_glossary(library, lang):
    content = library.for_lang(lang)
    assert sorted(content.modules) == list(range(1, 9))
    assert sum(len(m.bausteine) for m in content.modules.values()) == 32
    # The shipped Baustein texts are the portal's own; a provider who rewrites one sets provider_description.
    assert not any(b.provider_description for m in content.modules.values() for b in m.bausteine)
    assert len(content.glossary) >= 40
    assert [g.slug for g in content.groups] == ["klaerung", "kern", "ergaenzung", "nach-vertrag"]
    for module in content.modules.values():
        assert {"what", "for_whom", "steps", "goal", "how", "done", "duration", "payer"} <= set(module.sections)


def test_glossary_is_alphabetical(library):
    terms = [entry.term.replace("·", "").lower() for entry in library.for_lang("de").glossary]
    folded = [t.translate(str.maketrans("äöü", "aou")) for t in terms]
    assert folded == sorted(folded)


def test_shipped_content_passes_the_easy_language_check():
    errors = [p for p in check_library(CONTENT) if p.severity == "error"]
    assert not errors, "\n".join(f"{p.path}:{p.line}: {p.rule}: {p.text}" for p in errors)
