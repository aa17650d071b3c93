"""/geschichten and /geschichten/<id>: published stories only, filtered by module and kind of work,
examples marked, the text shown as text; and each module page's "Wer bietet das an?"."""
from __future__ import annotations

from datetime import date

import pytest

from portal.extensions import db
from portal.finder.demo import load_demo_offers
from portal.offers.models import DRAFT, PUBLISHED, WITHDRAWN, SuccessStory
from portal.providers.demo import load_demo
from portal.providers.models import Provider
from portal.providers.dbtypes import utcnow
from tests.support.pagecheck import XHTML, check_page, h1_text, page_text


@pytest.fixture
def demo(app):
    with app.app_context():
        load_demo()
        load_demo_offers()


def add_story(app, *, slug="niab", title="Eine echte Geschichte", status=PUBLISHED, lang="de", modules=(2,),
              work_kind="buero", way="Der Weg war lang.", helped="Der Job·coach hat geholfen.", example=False) -> int:
    with app.app_context():
        provider = db.session.execute(db.select(Provider).filter_by(slug=slug)).scalar_one()
        story = SuccessStory(provider_id=provider.id, lang=lang, first_name="Sam", title=title, work_kind=work_kind,
                             way=way, helped=helped, status=status, is_example=example,
                             consent_on=date(2026, 11, 1) if status != DRAFT else None,
                             published_at=utcnow() if status == PUBLISHED else None)
        story.module_numbers = modules
        db.session.add(story)
        db.session.commit()
        return story.id


def story_titles(document) -> list[str]:
    return ["".join(h.itertext()).strip() for h in document.iter(f"{XHTML}h3")
            if (h.get("id") or "").startswith("geschichte-")]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_stories_page_lists_published_stories_in_the_readers_language(client, demo, lang):
    document = check_page(client.get(f"/geschichten?lang={lang}"), lang=lang)
    titles = story_titles(document)
    assert len(titles) == 6
    assert ("Lena arbeitet jetzt in einer Kantine" if lang == "de" else "Lena now works in a canteen") in titles
    text = page_text(document)
    assert text.count("Beispiel:" if lang == "de" else "Example:") == 6  # every example story is marked
    assert 'href="/module/1"' in client.get(f"/geschichten?lang={lang}").get_data(as_text=True)


def test_drafts_and_withdrawn_stories_are_not_shown(client, app, demo):
    draft = add_story(app, title="Ein Entwurf", status=DRAFT)
    withdrawn = add_story(app, title="Zurückgezogen", status=WITHDRAWN)
    titles = story_titles(check_page(client.get("/geschichten?lang=de")))
    assert "Ein Entwurf" not in titles and "Zurückgezogen" not in titles
    for story_id in (draft, withdrawn, 99999):
        check_page(client.get(f"/geschichten/{story_id}"), status=404)


def test_filter_by_module(client, demo):
    titles = story_titles(check_page(client.get("/geschichten?lang=de&modul=7")))
    assert titles == ["Jonas hilft im Büro einer Schule"]


def test_filter_by_kind_of_work(client, demo):
    titles = story_titles(check_page(client.get("/geschichten?lang=de&arbeit=lager")))
    assert titles == ["Tom packt Pakete im Lager"]
    html = client.get("/geschichten?lang=de&arbeit=lager").get_data(as_text=True)
    assert '<option selected value="lager">' in html or 'value="lager" selected' in html


def test_filters_together_and_nothing_found(client, demo):
    document = check_page(client.get("/geschichten?lang=de&modul=7&arbeit=kueche"))
    assert story_titles(document) == []
    assert "Dazu gibt es noch keine Geschichte." in page_text(document)


def test_unknown_filter_values_are_ignored(client, demo):
    assert len(story_titles(check_page(client.get("/geschichten?lang=de&modul=abc&arbeit=<b>")))) == 6


def test_the_filter_is_a_plain_get_form(client, demo):
    html = client.get("/geschichten").get_data(as_text=True)
    assert 'method="get" action="/geschichten"' in html and 'name="modul"' in html and 'name="arbeit"' in html
    assert "csrf_token" not in html


def test_a_real_story_is_not_marked_as_an_example(client, app, demo):
    story_id = add_story(app, title="Eine echte Geschichte")
    document = check_page(client.get(f"/geschichten/{story_id}?lang=de"))
    assert h1_text(document) == "Eine echte Geschichte"
    text = page_text(document)
    assert "Beispiel" not in text and "Sam" in text and "Büro" in text and "Netzwerk Integrationsassistenz" in text


def test_one_example_story_is_marked(client, app, demo):
    with app.app_context():
        story_id = db.session.execute(db.select(SuccessStory.id).filter_by(lang="en", is_example=True)).scalars().first()
    text = page_text(check_page(client.get(f"/geschichten/{story_id}?lang=en"), lang="en"))
    assert "Example: This story is made up." in text


def test_story_text_is_shown_as_text_never_as_markup(client, app, demo):
    story_id = add_story(app, title='<script>alert("t")</script>', way="<img src=x onerror=alert(1)>",
                         helped="[Link](javascript:alert(1)) **fett**")
    for url in (f"/geschichten/{story_id}", "/geschichten", "/module/2", "/anbieter-finden/niab"):
        response = client.get(url + "?lang=de")
        check_page(response)
        html = response.get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert "&lt;script&gt;alert" in html, url
    html = client.get(f"/geschichten/{story_id}").get_data(as_text=True)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and 'href="javascript' not in html and "**fett**" in html


def test_a_published_story_appears_at_once(client, app, demo):
    assert "Ganz neu" not in client.get("/geschichten?lang=de").get_data(as_text=True)
    assert "Ganz neu" not in client.get("/module/2?lang=de").get_data(as_text=True)
    add_story(app, title="Ganz neu", modules=(2,))
    assert "Ganz neu" in client.get("/geschichten?lang=de").get_data(as_text=True)
    assert "Ganz neu" in client.get("/module/2?lang=de").get_data(as_text=True)


# --- the module pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_module_page_says_who_offers_it_and_shows_its_stories(client, demo, lang):
    response = client.get(f"/module/7?lang={lang}")
    document = check_page(response, lang=lang)
    html = response.get_data(as_text=True)
    assert 'id="wer-bietet"' in html
    assert 'href="/anbieter-finden?modul=7"' in html
    assert 'href="/anbieter-finden/jzsl-jena"' in html and 'href="/anbieter-finden/zsl-mainz"' in html
    assert 'href="/anbieter-finden/integra-luebeck"' not in html
    assert 'href="/geschichten?modul=7"' in html
    text = page_text(document)
    assert ("Jonas hilft im Büro einer Schule" if lang == "de" else "Jonas helps in a school office") in text
    assert ("Beispiel" if lang == "de" else "Example") in text


def test_a_module_page_without_providers_or_stories_says_so(client):
    text = page_text(check_page(client.get("/module/4?lang=de")))
    assert "Noch kein Anbieter hat dieses Modul eingetragen." in text
    assert "Zu diesem Modul gibt es noch keine Geschichte." in text


def test_a_provider_change_shows_on_the_module_page_at_once_also_with_a_session(client, app, demo):
    """The render cache shares a module page between visitors with a session: never an old version."""
    client.get("/kontakt?lang=de")  # any page with a form gives the visitor a session
    client.get("/klaerung")
    assert "Umbenannt" not in client.get("/module/7").get_data(as_text=True)
    with app.app_context():
        provider = db.session.execute(db.select(Provider).filter_by(slug="zsl-mainz")).scalar_one()
        provider.name = "Umbenannt Mainz"
        db.session.commit()
    assert "Umbenannt Mainz" in client.get("/module/7").get_data(as_text=True)


def test_the_klaerung_result_links_to_the_finder(client):
    from tests.routes.test_klaerung import finish

    finish(client)
    assert 'href="/anbieter-finden"' in client.get("/klaerung/ergebnis").get_data(as_text=True)


def test_a_module_page_still_works_when_the_database_does_not_answer(tmp_path):
    """The module's own text never needs the database; the section then only links to the finder."""
    from portal import create_app
    from tests.conftest import make_config

    app = create_app(make_config(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'leer.sqlite3'}"))
    response = app.test_client().get("/module/3?lang=de")
    check_page(response)
    html = response.get_data(as_text=True)
    assert 'href="/anbieter-finden?modul=3"' in html and 'href="/geschichten?modul=3"' in html
