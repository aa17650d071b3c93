"""Renderer of portal.content: escaping, Mediopunkt, headings, links, glossary linking."""
from __future__ import annotations

import re
from pathlib import Path

import html5lib
import pytest
from markupsafe import Markup

from portal.content import ContentError, load_library, render_inline
from portal.content.render import GlossaryTerm, TermIndex, TermLinker, render_markdown

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "content"
from portal.content.render import MEDIOPUNKT_SPAN as MP  # noqa: E402

# Nothing here touches a database: the PostgreSQL run (make test-postgres) leaves it out.
pytestmark = pytest.mark.no_database


def render(text: str, **options) -> str:
    options.setdefault("path", "test.md")
    return str(render_markdown(text, **options))


def parse_strict(html: str):
    """html5lib in strict mode raises on any parse error: the HTML must be valid."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parseFragment(html)


def glossary_index(lang: str = "de") -> TermIndex:
    return TermIndex(
        [
            GlossaryTerm("werkstatt", "Werk·statt", ("Werk·stätten",), Markup("<p>Ein Ort zum Arbeiten.</p>\n")),
            GlossaryTerm("budget", "Persönliches Budget", ("Persönlichen Budget",), Markup("<p>Geld für Hilfe.</p>\n")),
            GlossaryTerm("amt", "Amt", (), Markup("<p>Eine Behörde &amp; mehr.</p>\n")),
        ],
        lang,
    )


def linked(text: str, **linker_options) -> str:
    linker = TermLinker(glossary_index(linker_options.pop("lang", "de")), **linker_options)
    return render(text, linker=linker)


# --- escaping and Mediopunkt ----------------------------------------------------------


def test_render_inline_escapes_and_marks_mediopunkt():
    result = render_inline('<script>alert("x")</script> Werk·statt & Co')
    assert isinstance(result, Markup)
    assert "<script>" not in result
    assert "&lt;script&gt;" in result and "&amp; Co" in result
    assert f"Werk{MP}statt" in result
    assert render_inline(None) == ""


def test_mediopunkt_only_between_letters():
    assert render_inline("1 · 2 ·x a· Werk·statt") == f"1 · 2 ·x a· Werk{MP}statt"


def test_script_in_markdown_is_shown_as_text():
    html = render("Hallo <script>alert(1)</script>\n\n<div onclick=x>Text</div>", strict=False)
    assert "<script" not in html and "<div" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    parse_strict(html)


def test_raw_html_raises_in_strict_mode_with_line():
    with pytest.raises(ContentError, match=r"^page\.md:12: raw HTML"):
        render("Zeile eins\nZeile <b>zwei</b>", path="page.md", first_line=11)


def test_code_and_special_characters_are_escaped():
    html = render('Preis < 5 & "gut"\n\n`<b>code</b>`')
    assert "Preis &lt; 5 &amp; &#34;gut&#34;" in html
    assert "<code>&lt;b&gt;code&lt;/b&gt;</code>" in html


def test_mediopunkt_in_markdown_and_link_text():
    html = render("Die Werk·statt und [Leistungs·träger](/traeger).")
    assert f"Werk{MP}statt" in html
    assert f'<a href="/traeger">Leistungs{MP}träger</a>' in html


def test_breaks_keep_one_sentence_per_line():
    assert render("Satz eins.\nSatz zwei.") == "<p>Satz eins.<br>\nSatz zwei.</p>\n"


def test_no_ids_are_emitted():
    html = linked("# Titel\n\nDie Werk·statt ist gut.\n\n## Mehr\n\nDas Amt hilft.")
    assert " id=" not in html


# --- headings -------------------------------------------------------------------------


def test_headings_start_at_h2():
    html = render("# Eins\n\nText\n\n## Zwei")
    assert "<h2>Eins</h2>" in html and "<h3>Zwei</h3>" in html and "<h1" not in html


def test_headings_are_not_shifted_when_already_h2():
    assert "<h2>Zwei</h2>" in render("## Zwei\n\n### Drei")


def test_section_headings_start_at_h3():
    html = render("#### Unten\n\nText\n\n##### Noch tiefer", heading_base=3)
    assert "<h3>Unten</h3>" in html and "<h4>Noch tiefer</h4>" in html


# --- links --------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["https://example.org", "//example.org/x", "ftp://x", "relativ/seite"])
def test_external_links_are_errors(target: str):
    with pytest.raises(ContentError, match=r"^t\.md:3: link"):
        render(f"Eins\nZwei\nDrei [hier]({target})", path="t.md")


def test_autolink_to_other_host_is_an_error():
    with pytest.raises(ContentError, match="another host"):
        render("Siehe <https://example.org>")


def test_javascript_links_are_never_live():
    html = render("[klick](javascript:alert(1))", strict=False)
    assert "href" not in html


# --- glossary linking ----------------------------------------------------------------


def test_first_occurrence_is_linked_once():
    html = linked("Die Werk·statt ist groß.\nIn der Werk·statt arbeiten viele.\n\nDie Werk·statt hat Pause.")
    assert html.count('class="term"') == 1
    assert html.count("<details") == 1
    assert f'<a class="term" href="/woerterbuch#werkstatt">Werk{MP}statt</a> ist groß.' in html


def test_details_gather_at_the_end_of_the_section():
    html = linked("Die Werk·statt ist groß.\nDas Amt hilft.\n\nHier gibt es:\n\n- Eins\n\n## Weiter\n\nNoch ein Absatz.")
    # a sentence stays next to the list it introduces; the explanations come before the next heading
    assert re.search(r"<p>Hier gibt es:</p>\s*<ul>", html)
    assert html.index("</ul>") < html.index('<details class="term-explanation">') < html.index("<h2>Weiter")
    # one details per term, in order of appearance
    assert html.count("<details") == 2
    assert html.index("Was heißt Werk") < html.index("Was heißt Amt?")
    assert f"<summary>Was heißt Werk{MP}statt?</summary>" in html
    assert "<p>Eine Behörde &amp; mehr.</p>" in html


def test_details_are_never_inside_a_paragraph():
    html = linked("> Die Werk·statt ist groß.\n\n- Das Amt hilft.\n- Zweiter Punkt.\n\n1. Ein Persönliches Budget\n\n   mit Absatz")
    tree = parse_strict(html)
    details = tree.findall(".//details")
    assert len(details) == 3
    parents = {child: parent for parent in tree.iter() for child in parent}
    for element in details:
        ancestor = parents.get(element)
        while ancestor is not None:
            assert ancestor.tag != "p"
            ancestor = parents.get(ancestor)
    # nothing is inside a list item: the explanations follow the whole fragment
    assert not re.search(r"<li>[^<]*<a [^>]+>Amt</a> hilft\.<details", html)


def test_not_linked_in_headings_or_inside_links():
    html = linked("## Die Werk·statt\n\n[Zur Werk·statt](/werkstatt)\n\nDie Werk·statt hier.")
    assert "<h2>Die Werk" in html and "<h2>Die <a" not in html
    assert html.count('class="term"') == 1
    assert f'Die <a class="term" href="/woerterbuch#werkstatt">Werk{MP}statt</a> hier.' in html


def test_matching_is_mediopunkt_insensitive_and_case_sensitive():
    html = linked("Die Werkstatt ist da.")
    assert '<a class="term" href="/woerterbuch#werkstatt">Werkstatt</a>' in html
    assert 'class="term"' not in linked("Die werk·statt ist klein geschrieben.")


def test_matching_uses_word_boundaries_and_forms():
    assert 'class="term"' not in linked("Der Werk·statt·rat und die Werk·stattleitung und das Amtsgericht.")
    html = linked("Mit dem Persönlichen Budget.")
    assert '<a class="term" href="/woerterbuch#budget">Persönlichen Budget</a>' in html


def test_longest_spelling_wins():
    index = TermIndex(
        [
            GlossaryTerm("budget", "Budget", (), Markup("")),
            GlossaryTerm("pb", "Persönliches Budget", (), Markup("")),
        ],
        "de",
    )
    html = render("Das Persönliche Budget und das Persönliches Budget.", linker=TermLinker(index))
    assert '<a class="term" href="/woerterbuch#budget">Budget</a> und' in html
    assert '<a class="term" href="/woerterbuch#pb">Persönliches Budget</a>' in html


def test_entry_does_not_link_itself_and_can_skip_details():
    html = linked("Die Werk·statt und das Amt.", own_slug="werkstatt", with_details=False)
    assert "#werkstatt" not in html and "#amt" in html and "<details" not in html


def test_english_summary():
    assert "<summary>What does Amt mean?</summary>" in linked("The Amt helps.", lang="en")


def test_glossary_text_is_escaped_inside_links():
    index = TermIndex([GlossaryTerm("a-b", "A&B", (), Markup(""))], "de")
    html = render("Die Firma A&B <x", linker=TermLinker(index), strict=False)
    assert '<a class="term" href="/woerterbuch#a-b">A&amp;B</a> &lt;x' in html
    parse_strict(html)


# --- in loaded content --------------------------------------------------------------


def test_module_links_each_term_once_across_sections():
    module = load_library(FIXTURE).for_lang("de").modules[3]
    links = [section.html.count('class="term"') for section in module.sections.values()]
    assert sum(links) == 2  # Werk·statt in for_whom, Persönliches Budget in payer
    assert "#werkstatt" in module.sections["for_whom"].html
    assert "#persoenliches-budget" in module.sections["payer"].html
    for section in module.sections.values():
        parse_strict(section.html)


def test_loaded_page_html_is_valid_and_explains_before_the_next_heading():
    page = load_library(FIXTURE).for_lang("de").pages["start"]
    parse_strict(page.html)
    assert page.html.count("<details") == 2
    assert re.search(r"<li>Sie bekommen das <a class=\"term\"[^>]*>Persönliche Budget</a>\.</li>", page.html)
    assert page.html.rindex("</details>") < page.html.index("<h2>Hilfe</h2>")


def test_glossary_entry_links_others_without_details():
    entry = load_library(FIXTURE).for_lang("de").glossary_entry("persoenliches-budget")
    assert '<a class="term" href="/woerterbuch#werkstatt">' in entry.html
    assert "<details" not in entry.html
    assert "#persoenliches-budget" not in entry.example.html


# --- legal references: one "Für Fach·leute" line per section ---------------------------------

LAW_LINE = re.compile(r'<p class="fachleute" data-read-aloud-skip>(.*?)</p>')
NBSP = "\u00a0"


def spaced(html) -> str:
    """The line keeps '§ 29' and 'SGB IX' together with no-break spaces; compare with plain ones."""
    return str(html).replace(NBSP, " ")


def test_legal_references_become_one_line_at_the_end_of_each_section():
    html = spaced(render(
        "## Eins\nSie haben ein Recht auf ein Budget.\n§ 29 SGB IX\nDie Werk·statt nimmt Sie wieder auf.\n\n"
        "§ 220 Absatz 3 SGB IX.\n\nMehr Text.\n\n## Zwei\nZwei.\n§ 29 SGB IX\n§ 29 SGB IX\n"
    ))
    parse_strict(html)
    lines = LAW_LINE.findall(html)
    label = f'<span class="fachleute-label">Für Fach{MP}leute:</span> '
    # One line per section, in the order written, the final dot dropped, repeated references once.
    assert lines == [label + "§ 29 SGB IX, § 220 Absatz 3 SGB IX", label + "§ 29 SGB IX"]
    first, second = html.split("<h2>Zwei</h2>")
    assert first.rstrip().endswith("</p>") and first.index("Mehr Text.") < first.index('class="fachleute"')
    # The reference lines are gone from the running text; the paragraph around them stays whole.
    assert "<p>Sie haben ein Recht auf ein Budget.<br>\nDie Werk" in html
    assert html.count("§ 29") == 2 and "<p>§" not in html


def test_law_line_comes_after_the_explanations_and_is_not_linked():
    html = linked("Sie sind im Amt.\n§ 29 SGB IX über das Amt\n\n## Weiter\nText.")
    section = html.split("<h2>Weiter</h2>")[0]
    assert section.index("term-explanation") < section.index('class="fachleute"')
    assert "über das Amt</p>" in section  # no glossary link inside the line for professionals


def test_law_line_in_english_and_for_regulations():
    html = spaced(render("We protect these data.\nArt. 9 GDPR", lang="en"))
    assert LAW_LINE.findall(html) == ['<span class="fachleute-label">For professionals:</span> Art. 9 GDPR']
    assert linked("Text.\n§ 1 SGB VI", lang="en").count("For professionals:") == 1


def test_a_sentence_about_a_letter_is_not_a_law_line():
    html = render("Das steht im Bescheid.\nDie Werk·statt §-frei.")
    assert 'class="fachleute"' not in html and "Das steht im Bescheid." in html


def test_render_law_line_from_a_data_value():
    from portal.content.render import render_law_line

    assert render_law_line("", "de") == ""
    raw = str(render_law_line("§ 43, § 50 SGB VI\n§ 61 SGB IX.", "de"))
    assert f"§{NBSP}43" in raw and f"SGB{NBSP}VI" in raw  # never "§" at a line end, "43" on the next
    html = spaced(raw)
    assert html.startswith('<p class="fachleute" data-read-aloud-skip>') and "§ 43, § 50 SGB VI, § 61 SGB IX</p>" in html
    assert "&lt;b&gt;" in str(render_law_line("§ 1 <b>", "en"))


def test_loaded_modules_carry_their_law_line_per_section():
    library = load_library(Path(__file__).resolve().parents[2] / "content" / "easy_language")
    for lang, label in (("de", "Für Fach"), ("en", "For professionals:")):
        sections = library.for_lang(lang).modules[3].sections
        with_law = [key for key, section in sections.items() if 'class="fachleute"' in str(section.html)]
        assert with_law and all(label in str(sections[key].html) for key in with_law)
        assert all(str(section.html).count('class="fachleute"') <= 1 for section in sections.values())


def test_an_explanation_inside_a_page_leaves_its_references_to_the_dictionary():
    html = render("Ein Ort zum Arbeiten.\n§ 58 SGB IX", law_line=False)
    assert "§" not in html and "Ein Ort zum Arbeiten." in html
    library = load_library(Path(__file__).resolve().parents[2] / "content" / "easy_language")
    entry = next(e for e in library.for_lang("de").glossary if e.slug == "arbeitsbereich")
    assert "§ 58 SGB IX</p>" in spaced(entry.html)  # the dictionary page shows it
