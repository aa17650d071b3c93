"""The module overview, the 8 module pages, the 32 Baustein pages and the dictionary."""
import dataclasses
import re

import pytest

from portal.content.render import MEDIOPUNKT_SPAN

from tests.support.pagecheck import XHTML, check_page, h1_text, page_text

pytestmark = pytest.mark.sqlite_enough

MODULES = range(1, 9)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_overview_shows_four_groups_and_a_timeline_in_html(client, lang):
    document = check_page(client.get(f"/module?lang={lang}"), lang=lang)
    html = client.get("/module").get_data(as_text=True)
    for number in MODULES:
        assert f'href="/module/{number}"' in html
    timeline = [ol for ol in document.iter(f"{XHTML}ol") if "timeline" in (ol.get("class") or "")]
    assert len(timeline) == 1 and len(timeline[0].findall(f"{XHTML}li")) == 4
    group_headings = [h for h in document.iter(f"{XHTML}h2") if (h.get("id") or "").startswith("gruppe-")]
    assert len(group_headings) == 4


@pytest.mark.parametrize("number", MODULES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_module_page(client, number, lang):
    response = client.get(f"/module/{number}?lang={lang}")
    document = check_page(response, lang=lang)
    assert h1_text(document).startswith(("Modul", "Module")) and str(number) in h1_text(document)
    html = response.get_data(as_text=True)
    for key in ("what", "for_whom", "steps", "goal", "how", "done", "duration", "payer"):
        assert f'id="teil-{key}"' in html
    assert 'href="/klaerung"' in html and 'href="/kontakt"' in html
    if number > 1:
        assert f'href="/module/{number - 1}" rel="prev"' in html
    if number < 8:
        assert f'href="/module/{number + 1}" rel="next"' in html
    assert html.count('id="baustein-') >= 3
    assert "<svg" in html.split("<h1", 1)[0].split("<main", 1)[1]  # the module's pictogram


def test_the_goal_scheme_questions_are_on_the_module_page(client):
    text = page_text(check_page(client.get("/module/3?lang=de")))
    for question in ("Was ist das Ziel?", "Wie erreichen Sie das Ziel?", "Woran erkennen Sie, dass das Ziel erreicht ist?"):
        assert question in text


def test_all_32_bausteine_have_pages_with_the_goal_scheme(client):
    count = 0
    for number in MODULES:
        html = client.get(f"/module/{number}").get_data(as_text=True)
        for baustein in sorted(set(re.findall(rf'href="/module/{number}/baustein/(\d+)"', html))):
            response = client.get(f"/module/{number}/baustein/{baustein}")
            document = check_page(response)
            text = page_text(document)
            assert "Was ist das Ziel?" in text
            # The shipped texts are the portal's own: said once, and not in the provider's name.
            assert text.count("So beschreiben wir diesen Baustein.") == 1
            assert "So beschreibt Ihr Anbieter" not in text and "Anbieter diesen Baustein" not in text
            count += 1
    assert count == 32


@pytest.mark.parametrize("lang, own, provider", [
    ("de", "So beschreiben wir diesen Baustein.", "So beschreibt Ihr Anbieter diesen Baustein."),
    ("en", "This is how we describe this building block.", "This is how your provider describes this building block."),
])
def test_a_baustein_names_the_provider_only_where_a_provider_wrote_the_text(app, client, lang, own, provider):
    content = app.extensions["content"].for_lang(lang)
    module = content.modules[1]
    baustein = module.bausteine[0]
    text = page_text(check_page(client.get(f"/module/1/baustein/{baustein.number}?lang={lang}")))
    assert text.count(own) == 1 and provider not in text
    # A provider's own text (provider_description: true) says so, once.
    written = dataclasses.replace(baustein, provider_description=True)
    module.bausteine[0] = written
    try:
        text = page_text(check_page(client.get(f"/module/1/baustein/{baustein.number}?lang={lang}&x=1")))
    finally:
        module.bausteine[0] = baustein
    assert text.count(provider) == 1 and own not in text


@pytest.mark.parametrize("url", ["/module/0", "/module/9", "/module/abc", "/module/-1", "/module/3/baustein/99", "/module/9/baustein/1"])
def test_unknown_modules_and_bausteine_give_the_404_page(client, url):
    check_page(client.get(url), status=404)


def test_glossary_lists_at_least_40_words_alphabetically_with_examples(client):
    response = client.get("/woerterbuch?lang=de")
    document = check_page(response)
    entries = [div for div in document.iter(f"{XHTML}div") if "glossary-entry" in (div.get("class") or "")]
    assert len(entries) >= 40
    assert all(entry.get("id") for entry in entries)
    assert 'id="persoenliches-budget"' in response.get_data(as_text=True)


def test_first_glossary_word_in_a_page_links_to_the_dictionary_and_opens_in_place(client):
    html = client.get("/module/3?lang=de").get_data(as_text=True)
    assert html.count('href="/woerterbuch/wort/job-coach"') == 1
    assert f'<details class="term-explanation"><summary>Was heißt Job{MEDIOPUNKT_SPAN}coach?</summary>' in html


def test_module_pages_render_from_content_parsed_once(client, app, monkeypatch):
    import portal.content.loader as loader

    def fail(*args, **kwargs):
        raise AssertionError("content read during a request")

    assert client.get("/module/5").status_code == 200  # templates are compiled on first use
    monkeypatch.setattr(loader, "load_library", fail)
    monkeypatch.setattr("builtins.open", fail)
    assert client.get("/module/5").status_code == 200


@pytest.mark.parametrize(("lang", "label"), [("de", "Für Fachleute:"), ("en", "For professionals:")])
def test_legal_references_are_one_fachleute_line_per_section_skipped_by_read_aloud(client, lang, label):
    response = client.get(f"/module/3?lang={lang}")
    document = check_page(response, lang=lang)
    regions = [div for div in document.iter(f"{XHTML}div") if div.get("data-read-aloud") is not None]
    assert len(regions) == 1
    lines = [p for p in regions[0].iter(f"{XHTML}p") if "fachleute" in (p.get("class") or "").split()]
    assert lines, "the legal references of module 3 are shown"
    for line in lines:
        assert line.get("data-read-aloud-skip") is not None  # portal.js does not read it aloud
        text = " ".join("".join(line.itertext()).split())
        assert text.startswith(label) and ("§" in text or "Art. 9" in text)  # Art. 9 DSGVO: health data
    assert any("§ 220 Absatz 3 SGB IX" in " ".join("".join(line.itertext()).split()) for line in lines)
    # The running text holds no paragraph: every § is on a Für-Fach·leute line.
    other_text = "".join(
        "".join(p.itertext()) for p in regions[0].iter(f"{XHTML}p") if "fachleute" not in (p.get("class") or "")
    )
    assert "§" not in other_text and "SGB" not in other_text
    html = response.get_data(as_text=True)
    assert "Das steht in §" not in html and "This is in §" not in html


def test_klaerung_law_values_use_the_same_fachleute_line(app):
    from flask import g

    with app.test_request_context("/"):
        g.lang = "de"
        html = str(app.jinja_env.filters["fachleute"]("§ 220 Absatz 3 SGB IX"))
    assert html.startswith('<p class="fachleute" data-read-aloud-skip>')
    assert "§ 220 Absatz 3 SGB IX</p>" in html.replace("\u00a0", " ")
