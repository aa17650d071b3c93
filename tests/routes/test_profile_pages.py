"""The provider's own pages in /anbieter: profile (self-description, offered Bausteine, own texts),
prices (the JobBudget cost calculation step by step, hours per Baustein, module prices) and success
stories (write, consent, publish, withdraw). Every text passes the easy-language gate; numbers
accept decimal commas and have limits; every POST ends in a redirect (Post/Redirect/Get)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from portal.extensions import db
from portal.inbox.models import AuditEntry
from portal.offers.models import ProviderCosts, ProviderOffer, SuccessStory
from portal.providers.models import Provider
from tests.routes.test_inbox import ANNA, cheap_passwords, inbox, login  # noqa: F401  (fixtures)
from tests.support.forms import follow, post_form
from tests.support.pagecheck import check_page, h1_text, page_text

LONG_SENTENCE = ("Wir helfen Ihnen bei der Suche nach einer Arbeit in einem Betrieb "
                 "in Ihrer Nähe und bleiben an Ihrer Seite.")  # 20 words
FIXED = "Wir helfen Ihnen bei der Suche nach einer guten Arbeit.\nWir bleiben lange an Ihrer Seite."
PAGES = ("/anbieter/profil", "/anbieter/preise", "/anbieter/geschichten", "/anbieter/geschichten/neu")


@pytest.fixture
def staff(client, inbox):
    login(client)
    return client


def integra(app) -> Provider:
    return db.session.execute(db.select(Provider).filter_by(slug="integra-luebeck")).scalar_one()


def audit_actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.execute(db.select(AuditEntry.action).order_by(AuditEntry.id)).scalars())


def offer(app, module: int, baustein: int, **values) -> None:
    with app.app_context():
        db.session.add(ProviderOffer(provider_id=integra(app).id, module=module, baustein=baustein, **values))
        db.session.commit()


# --- every page ----------------------------------------------------------------------------------


def test_the_pages_need_a_log_in(client, inbox):
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/anbieter/anmelden?weiter="), url


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_page_in_both_languages_with_the_navigation(staff, lang):
    expected = {"de": ["Ihr Profil", "Ihre Preise", "Ihre Erfolgsgeschichten", "Neue Erfolgsgeschichte"],
                "en": ["Your profile", "Your prices", "Your success stories", "New success story"]}[lang]
    for url, h1 in zip(PAGES, expected):
        document = check_page(staff.get(f"{url}?lang={lang}"), lang=lang)
        assert h1_text(document) == h1, url
        text = page_text(document)
        assert {"de": "nach höchstens 1 Minute", "en": "within 1 minute"}[lang] in text, url
        html = staff.get(url).get_data(as_text=True)
        for link in ('href="/anbieter/profil"', 'href="/anbieter/preise"', 'href="/anbieter/geschichten"'):
            assert link in html, (url, link)
    # The inbox itself links the three pages too.
    assert 'href="/anbieter/geschichten"' in staff.get("/anbieter").get_data(as_text=True)


# --- profile -------------------------------------------------------------------------------------


def test_the_self_description_is_saved_and_audited(staff, app):
    response = post_form(staff, "/anbieter/profil/beschreibung",
                         {"text-description_de": FIXED, "text-description_en": "We help you find work."},
                         page_url="/anbieter/profil")
    assert response.status_code == 303 and response.headers["Location"] == "/anbieter/profil"
    document = check_page(staff.get("/anbieter/profil"))
    assert "Gespeichert. Im Portal ist Ihre Änderung nach höchstens 1 Minute zu sehen." in page_text(document)
    with app.app_context():
        provider = integra(app)
        assert (provider.description_de, provider.description_en) == (FIXED, "We help you find work.")
    assert audit_actions(app)[-1] == "profile_text"


def test_the_gate_refuses_a_20_word_sentence_and_accepts_the_fixed_text(staff, app):
    with app.app_context():
        before = integra(app).description_de
    response = post_form(staff, "/anbieter/profil/beschreibung", {"text-description_de": LONG_SENTENCE},
                         page_url="/anbieter/profil")
    shown = follow(staff, response)
    text = page_text(check_page(shown))
    assert "Bitte prüfen Sie Ihre Eingabe" in text
    assert "Ein Satz ist zu lang. Er hat 20 Wörter. Bitte schreiben Sie höchstens 15 Wörter in einen Satz." in text
    assert LONG_SENTENCE in shown.get_data(as_text=True)  # what was typed waits on the page
    with app.app_context():
        assert integra(app).description_de == before  # nothing saved
    assert "profile_text" not in audit_actions(app)

    response = post_form(staff, "/anbieter/profil/beschreibung", {"text-description_de": FIXED}, page_url="/anbieter/profil")
    assert response.status_code == 303 and response.headers["Location"] == "/anbieter/profil"
    with app.app_context():
        assert integra(app).description_de == FIXED


def test_the_typed_text_waits_on_the_page_after_an_error(staff):
    response = post_form(staff, "/anbieter/profil/beschreibung", {"text-description_de": "Der IFD hilft z. B. gern."},
                         page_url="/anbieter/profil")
    html = follow(staff, response).get_data(as_text=True)
    assert "Der IFD hilft z. B. gern." in html
    assert "„IFD“ ist eine Abkürzung" in html and "„z. B.“ ist eine Abkürzung" in html
    assert 'aria-invalid="true"' in html


def test_the_english_text_goes_through_the_gate_too(staff):
    response = post_form(staff, "/anbieter/profil/beschreibung",
                         {"text-description_de": FIXED, "text-description_en": "We help e.g. with work."},
                         page_url="/anbieter/profil")
    assert "„e.g.“ ist eine Abkürzung" in page_text(check_page(follow(staff, response)))


def test_a_text_too_long_is_refused(staff):
    response = post_form(staff, "/anbieter/profil/beschreibung", {"text-description_de": "Wir helfen.\n" * 60},
                         page_url="/anbieter/profil")
    assert "Der Text ist zu lang. Bitte schreiben Sie höchstens 600 Zeichen." in page_text(check_page(follow(staff, response)))


def test_offered_bausteine_are_ticked_per_module_and_untied_ones_removed(staff, app):
    offer(app, 2, 1, text_de="Alter Text.")
    html = staff.get("/anbieter/profil").get_data(as_text=True)
    assert html.count('<legend class="legend">Modul ') == 8 and "Baustein 1.1: " in html
    response = post_form(staff, "/anbieter/profil/angebot", {"angebot-modul_1": ["1", "2"], "angebot-modul_3": "4"},
                         page_url="/anbieter/profil")
    assert response.status_code == 303 and response.headers["Location"] == "/anbieter/profil#angebot"
    with app.app_context():
        offers = db.session.execute(db.select(ProviderOffer.module, ProviderOffer.baustein)
                                    .filter_by(provider_id=integra(app).id).order_by(ProviderOffer.module, ProviderOffer.baustein)).all()
        assert [tuple(row) for row in offers] == [(1, 1), (1, 2), (3, 4)]
    assert audit_actions(app)[-1] == "profile_offers"
    text = page_text(check_page(staff.get("/anbieter/profil")))
    assert "Ihre Texte zu den Bausteinen" in text and "Noch kein eigener Text" in text


def test_an_unknown_baustein_is_refused(staff, app):
    response = post_form(staff, "/anbieter/profil/angebot", {"angebot-modul_1": "99"}, page_url="/anbieter/profil")
    assert "Diese Antwort gibt es nicht." in page_text(check_page(follow(staff, response)))
    with app.app_context():
        assert db.session.query(ProviderOffer).count() == 0


def test_the_own_text_of_a_baustein(staff, app):
    offer(app, 1, 2)
    document = check_page(staff.get("/anbieter/profil/baustein/1/2"))
    assert h1_text(document).startswith("Ihr Text für Baustein 1.2")
    assert "So beschreibt das Portal den Baustein" in page_text(document)
    response = post_form(staff, "/anbieter/profil/baustein/1/2", {"text_de": LONG_SENTENCE, "text_en": ""})
    assert "Ein Satz ist zu lang" in page_text(check_page(follow(staff, response)))
    response = post_form(staff, "/anbieter/profil/baustein/1/2", {"text_de": FIXED, "text_en": "We ask what you like."})
    assert response.status_code == 303 and response.headers["Location"] == "/anbieter/profil#texte"
    with app.app_context():
        saved = db.session.execute(db.select(ProviderOffer).filter_by(module=1, baustein=2)).scalar_one()
        assert (saved.text_de, saved.text_en) == (FIXED, "We ask what you like.")
    assert audit_actions(app)[-1] == "offer_text"
    # A Baustein the provider does not offer has no text page.
    assert check_page(staff.get("/anbieter/profil/baustein/1/3"), status=404)


# --- prices --------------------------------------------------------------------------------------

COSTS = {"kosten-yearly_staff_cost": "52.000", "kosten-productive_hours": "1400",
         "kosten-overhead_percent": "15", "kosten-travel_percent": "5"}


def save_costs(client, **changes):
    return post_form(client, "/anbieter/preise/kosten", {**COSTS, **changes}, page_url="/anbieter/preise")


def test_the_hourly_rate_step_by_step_and_the_module_prices_match_a_hand_computed_example(staff, app):
    offer(app, 1, 1)
    offer(app, 1, 2)
    offer(app, 3, 1)
    assert save_costs(staff).headers["Location"] == "/anbieter/preise#rechnung"
    response = post_form(staff, "/anbieter/preise/stunden",
                         {"stunden-stunden_1_1": "4", "stunden-stunden_1_2": "6,5", "stunden-stunden_3_1": ""},
                         page_url="/anbieter/preise")
    assert response.headers["Location"] == "/anbieter/preise#modulpreise"
    text = page_text(check_page(staff.get("/anbieter/preise?lang=de")))
    # By hand: 52,000 + 15 % (7,800) + 5 % (2,600) = 62,400 a year; ÷ 1,400 hours = 44.571… → 44.57 €.
    for amount in ("52.000,00", "7.800,00", "2.600,00", "62.400,00", "1.400", "44,57"):
        assert amount in text, amount
    # Module 1: 4 + 6.5 = 10.5 hours × 44.57 = 467.985 → 467.99 €. Module 3 has no hours: no price.
    assert "10,5 Stunden" in text and "467,99" in text
    assert "Modul 1: " in text.split("Preise für die Module")[1] and "Modul 3: " not in text.split("Preise für die Module")[1]
    assert "Das ist eine Schätzung." in text and "Der echte Preis kann anders sein." in text
    assert "Diese Preise sind ausgedacht." not in text
    with app.app_context():
        costs = db.session.get(ProviderCosts, integra(app).id)
        assert (costs.yearly_staff_cost, costs.productive_hours) == (Decimal("52000"), Decimal("1400"))
        hours = dict(db.session.execute(db.select(ProviderOffer.baustein, ProviderOffer.hours).filter_by(module=1)).all())
        assert hours == {1: Decimal("4"), 2: Decimal("6.5")}
    assert audit_actions(app)[-2:] == ["costs", "offer_hours"]
    english = page_text(check_page(staff.get("/anbieter/preise?lang=en")))
    assert "€44.57" in english and "€467.99" in english


def test_decimal_commas_and_thousands_are_understood(staff, app):
    save_costs(staff, **{"kosten-yearly_staff_cost": "48.250,50 €", "kosten-productive_hours": "1.234,5",
                         "kosten-overhead_percent": "12,5 %"})
    with app.app_context():
        costs = db.session.get(ProviderCosts, integra(app).id)
        assert (costs.yearly_staff_cost, costs.productive_hours, costs.overhead_percent) == (
            Decimal("48250.50"), Decimal("1234.5"), Decimal("12.5"))
    html = staff.get("/anbieter/preise").get_data(as_text=True)
    assert 'value="48.250,5"' in html and 'value="1.234,5"' in html and 'value="12,5"' in html


@pytest.mark.parametrize("field, value, message", [
    ("kosten-yearly_staff_cost", "-5", "Die Zahl darf nicht kleiner als 0 sein."),
    ("kosten-yearly_staff_cost", "0", "Die Zahl darf nicht 0 sein."),
    ("kosten-yearly_staff_cost", "600000", "Die Zahl ist zu groß. Bitte schreiben Sie höchstens 500.000."),
    ("kosten-yearly_staff_cost", "viel", "Bitte schreiben Sie nur eine Zahl. Zum Beispiel: 52.000"),
    ("kosten-yearly_staff_cost", "", "Bitte schreiben Sie die Kosten für einen Job·coach im Jahr."),
    ("kosten-productive_hours", "0", "Die Zahl darf nicht 0 sein."),
    ("kosten-productive_hours", "50", "Die Zahl ist zu klein. Bitte schreiben Sie mindestens 100."),
    ("kosten-productive_hours", "3000", "Die Zahl ist zu groß. Bitte schreiben Sie höchstens 2.500."),
    ("kosten-overhead_percent", "101", "Die Zahl ist zu groß. Bitte schreiben Sie höchstens 100."),
    ("kosten-travel_percent", "-1", "Die Zahl darf nicht kleiner als 0 sein."),
    ("kosten-travel_percent", "1,234", "Bitte schreiben Sie höchstens 2 Stellen nach dem Komma."),
])
def test_bad_numbers_get_friendly_errors_and_nothing_is_saved(staff, app, field, value, message):
    response = save_costs(staff, **{field: value})
    document = check_page(follow(staff, response))
    assert message.replace("·", "") in page_text(document)
    with app.app_context():
        assert db.session.get(ProviderCosts, integra(app).id) is None


def test_hours_per_baustein_are_checked(staff, app):
    offer(app, 1, 1)
    for value, message in (("-2", "nicht kleiner als 0"), ("501", "höchstens 500"), ("2,25", "1 Stelle nach dem Komma")):
        response = post_form(staff, "/anbieter/preise/stunden", {"stunden-stunden_1_1": value}, page_url="/anbieter/preise")
        assert message in page_text(check_page(follow(staff, response))), value
    with app.app_context():
        assert db.session.execute(db.select(ProviderOffer.hours)).scalar_one() is None


def test_without_costs_the_page_invents_no_price(staff, app):
    offer(app, 1, 1, hours=Decimal("4"))
    text = page_text(check_page(staff.get("/anbieter/preise")))
    assert "Sie haben noch keine Kosten eingetragen." in text and "Noch keine Preise." in text and "€" not in text


def test_example_costs_are_marked_as_example(staff, app):
    with app.app_context():
        db.session.add(ProviderCosts(provider_id=integra(app).id, yearly_staff_cost=Decimal("50000"),
                                     productive_hours=Decimal("1500"), is_example=True))
        db.session.commit()
    assert "Diese Preise sind ausgedacht." in page_text(check_page(staff.get("/anbieter/preise")))


# --- stories -------------------------------------------------------------------------------------

STORY = {"lang": "de", "first_name": "Anna", "title": "Anna arbeitet jetzt in einer Küche.", "work_kind": "kueche",
         "way": "Anna war drei Jahre in der Werk·statt.\nDann hat sie ein Praktikum gemacht.",
         "helped": "Ihr Job·coach war oft dabei.", "modules_used": ["1", "3"], "consent": "y"}


def write_story(client, **changes):
    data = {key: value for key, value in {**STORY, **changes}.items() if value is not None}
    return post_form(client, "/anbieter/geschichten/neu", data)


def test_a_story_is_written_with_consent_published_and_withdrawn(staff, app, monkeypatch):
    monkeypatch.setattr("portal.profile.routes.today_in_berlin", lambda: date(2026, 12, 4))
    response = write_story(staff)
    assert response.status_code == 303
    location = response.headers["Location"]
    with app.app_context():
        story = db.session.execute(db.select(SuccessStory)).scalar_one()
        story_id = story.id
        assert location == f"/anbieter/geschichten/{story_id}"
        assert (story.status, story.consent_on, story.module_numbers, story.work_kind) == ("draft", date(2026, 12, 4), [1, 3], "kueche")
        assert story.consent_recorded_by is not None
    text = page_text(check_page(staff.get(location)))
    assert "Die Person hat zugestimmt. Eingetragen am 04.12.2026." in text
    assert "Die Geschichte ist noch nicht im Portal zu sehen." in text
    assert "keinen Nach·namen".replace("·", "") in text

    response = post_form(staff, f"{location}/veroeffentlichen", {}, page_url=location)
    assert response.status_code == 303 and response.headers["Location"] == location
    with app.app_context():
        story = db.session.get(SuccessStory, story_id)
        assert story.status == "published" and story.published_at is not None
    assert "Die Geschichte ist veröffentlicht." in page_text(check_page(staff.get(location)))

    response = post_form(staff, f"{location}/zurueckziehen", {}, page_url=location)
    assert response.status_code == 303
    with app.app_context():
        story = db.session.get(SuccessStory, story_id)
        assert story.status == "withdrawn" and story.withdrawn_at is not None
    assert audit_actions(app)[-3:] == ["story_save", "story_publish", "story_withdraw"]
    listing = page_text(check_page(staff.get("/anbieter/geschichten")))
    assert "Anna arbeitet jetzt in einer Küche." in listing and "Zurückgezogen" in listing

    # The person does not want the story any more: it is deleted for good.
    response = post_form(staff, f"{location}/loeschen", {}, page_url=location)
    assert response.status_code == 303 and response.headers["Location"] == "/anbieter/geschichten"
    assert "Die Geschichte ist gelöscht." in page_text(check_page(staff.get("/anbieter/geschichten")))
    with app.app_context():
        assert db.session.get(SuccessStory, story_id) is None
    assert audit_actions(app)[-1] == "story_delete"


def test_a_published_story_is_withdrawn_before_it_can_be_deleted(staff, app):
    with app.app_context():
        story = SuccessStory(provider_id=integra(app).id, first_name="Ben", title="Ben", work_kind="lager",
                             way="Ben.", helped="Gut.", consent_on=date(2026, 1, 1), status="published")
        db.session.add(story)
        db.session.commit()
        story_id = story.id
    url = f"/anbieter/geschichten/{story_id}"
    assert "Geschichte löschen" not in page_text(check_page(staff.get(url)))
    response = post_form(staff, f"{url}/loeschen", {}, page_url=url)
    assert response.headers["Location"] == url
    assert "Bitte ziehen Sie die Geschichte zuerst zurück." in page_text(check_page(staff.get(url)))
    with app.app_context():
        assert db.session.get(SuccessStory, story_id).status == "published"


def test_a_story_needs_the_tick_a_first_name_only_and_easy_language(staff, app):
    for changes, message in (
        ({"consent": None}, "Bitte fragen Sie die Person zuerst. Setzen Sie dann den Haken."),
        ({"first_name": "Anna Schmidt"}, "Bitte schreiben Sie nur einen Vornamen."),
        ({"way": LONG_SENTENCE}, "Ein Satz ist zu lang. Er hat 20 Wörter."),
        ({"work_kind": "raumfahrt"}, "Bitte wählen Sie die Art von Arbeit."),
    ):
        response = write_story(staff, **changes)
        assert response.headers["Location"] == "/anbieter/geschichten/neu", changes
        assert message in page_text(check_page(follow(staff, response))), changes
    with app.app_context():
        assert db.session.query(SuccessStory).count() == 0


def test_an_english_story_is_checked_with_the_english_rules(staff, app):
    response = write_story(staff, lang="en", title="Anna works in a kitchen now.", way="Anna did a work trial.",
                           helped="Her job coach helped e.g. on the first days.")
    assert "„e.g.“ ist eine Abkürzung" in page_text(check_page(follow(staff, response)))
    response = write_story(staff, lang="en", title="Anna works in a kitchen now.", way="Anna did a work trial.",
                           helped="Her job coach came on the first days.")
    assert response.status_code == 303
    with app.app_context():
        assert db.session.execute(db.select(SuccessStory.lang)).scalar_one() == "en"


def test_a_story_without_consent_or_with_errors_cannot_be_published(staff, app):
    with app.app_context():
        story = SuccessStory(provider_id=integra(app).id, first_name="Ben", title="Ben im Lager",
                             work_kind="lager", way=LONG_SENTENCE, helped="Gute Kollegen.", is_example=True)
        db.session.add(story)
        db.session.commit()
        story_id = story.id
    url = f"/anbieter/geschichten/{story_id}"
    text = page_text(check_page(staff.get(url)))
    assert "Die Geschichte kann noch nicht erscheinen:" in text and "Die Person hat noch nicht zugestimmt." in text
    assert "Beispiel" in text
    response = post_form(staff, f"{url}/veroeffentlichen", {}, page_url=url)
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(SuccessStory, story_id).status == "draft"
    assert "Die Geschichte ist nicht veröffentlicht." in page_text(check_page(staff.get(url)))


def test_posts_without_a_form_token_are_refused(staff, app):
    offer(app, 1, 1)
    with app.app_context():
        story = SuccessStory(provider_id=integra(app).id, first_name="Ben", title="Ben", work_kind="lager",
                             way="Ben.", helped="Gut.", consent_on=date(2026, 1, 1), status="draft")
        db.session.add(story)
        db.session.commit()
        story_id = story.id
    for url, data in (("/anbieter/profil/beschreibung", {"text-description_de": FIXED}),
                      ("/anbieter/profil/angebot", {"angebot-modul_1": "2"}),
                      ("/anbieter/profil/baustein/1/1", {"text_de": FIXED}),
                      ("/anbieter/preise/kosten", COSTS),
                      ("/anbieter/preise/stunden", {"stunden-stunden_1_1": "3"}),
                      ("/anbieter/geschichten/neu", STORY),
                      (f"/anbieter/geschichten/{story_id}/veroeffentlichen", {})):
        assert staff.post(url, data=data).status_code == 400, url
    with app.app_context():
        assert db.session.get(SuccessStory, story_id).status == "draft"
        assert db.session.query(SuccessStory).count() == 1
        assert db.session.get(ProviderCosts, integra(app).id) is None
        assert db.session.execute(db.select(ProviderOffer.text_de)).scalar_one() == ""


def test_invisible_characters_are_removed_before_the_gate_and_the_database(staff, app):
    typed = "Wir\u200b helfen\u202e Ihnen.\r\nWir sind\x00 da."
    response = post_form(staff, "/anbieter/profil/beschreibung", {"text-description_de": typed}, page_url="/anbieter/profil")
    assert response.headers["Location"] == "/anbieter/profil"
    with app.app_context():
        assert integra(app).description_de == "Wir helfen Ihnen.\nWir sind da."
