"""A provider's staff member fills in the profile, the prices and a success story with the keyboard
only: the easy-language gate refuses a 20-word sentence and accepts the fixed text, the cost
calculation shows its steps and a module price, the story is published with the person's consent.
Axe-clean at 320 and 1280 px and with very large text on every new page (and an error state)."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from portal.extensions import db
from portal.inbox.models import AuditEntry
from portal.offers.models import ProviderCosts, ProviderOffer, SuccessStory
from portal.providers import admin
from portal.providers.models import Provider, StaffUser
from tests.browser.test_contact_browser import h1
from tests.support.browser import check_accessibility
from tests.support.keyboard import choose_radio, focus_next, press_and_wait, type_into

pytestmark = pytest.mark.browser

EMAIL = "team@profil-test.example"
PASSWORD = "ein Passwort nur für diesen Test"
SLUG = "profil-test"


@pytest.fixture
def own_provider(live_app):
    """A provider of its own, so that this test changes nothing the other tests read; removed after."""
    with live_app.app_context():
        provider = admin.add_provider(SLUG, admin.ProviderFields(name="Profil Test", description_de="Wir helfen."))
        db.session.flush()
        admin.create_user(provider, EMAIL, PASSWORD, "Pia")
        db.session.commit()
        provider_id = provider.id
    yield provider_id
    with live_app.app_context():
        for model in (SuccessStory, ProviderOffer, ProviderCosts, AuditEntry):
            db.session.execute(db.delete(model).where(model.provider_id == provider_id))
        db.session.execute(db.delete(StaffUser).where(StaffUser.provider_id == provider_id))
        db.session.execute(db.delete(Provider).where(Provider.id == provider_id))
        db.session.commit()


def press_button(page, label: str) -> None:
    """Tab to the button (the profile page has many tick boxes before it) and press Enter."""
    focus_next(page, f"el.tagName === 'BUTTON' && el.textContent.trim() === {json.dumps(label)}", limit=200)
    press_and_wait(page)


def tick(page, box_id: str) -> None:
    focus_next(page, f"el.id === {json.dumps(box_id)}", limit=200)
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")


def follow_link(page, text: str) -> None:
    focus_next(page, f"el.tagName === 'A' && el.textContent.trim() === {json.dumps(text)}", limit=200)
    press_and_wait(page)


def test_a_provider_fills_in_profile_prices_and_a_story_by_keyboard(page, live_app, own_provider):
    page.goto("/anbieter/anmelden?lang=de")
    type_into(page, "email", EMAIL)
    type_into(page, "password", PASSWORD)
    press_button(page, "Anmelden")

    # Profile: the gate refuses a 20-word sentence, then takes the fixed text.
    follow_link(page, "Profil")
    assert h1(page) == "Ihr Profil"
    check_accessibility(page)
    type_into(page, "text-description_de", "Wir helfen Ihnen bei der Suche nach einer Arbeit in einem Betrieb "
                                           "in Ihrer Nähe und bleiben an Ihrer Seite.")
    press_button(page, "Beschreibung speichern")
    assert "Ein Satz ist zu lang. Er hat 20 Wörter." in page.locator(".error-summary").inner_text()
    check_accessibility(page)
    type_into(page, "text-description_de", "Wir helfen Ihnen bei der Suche nach einer Arbeit.")
    page.keyboard.press("Enter")
    page.keyboard.type("Wir bleiben an Ihrer Seite.")
    press_button(page, "Beschreibung speichern")
    assert "Gespeichert." in page.locator(".inbox-notice").inner_text()
    tick(page, "angebot-modul_1-0")
    tick(page, "angebot-modul_1-1")
    press_button(page, "Angebot speichern")
    assert "Noch kein eigener Text" in page.locator("main").inner_text()
    focus_next(page, "el.tagName === 'A' && el.textContent.startsWith('Text schreiben')", limit=200)
    press_and_wait(page)
    assert h1(page).startswith("Ihr Text für Baustein 1.1")
    check_accessibility(page)
    type_into(page, "text_de", "Ihr Job·coach besucht Sie in der Werk·statt.")
    press_button(page, "Text speichern")
    assert "Eigener Text" in page.locator("main").inner_text()

    # Prices: the cost calculation step by step, the hours, a module price.
    follow_link(page, "Preise")
    assert h1(page) == "Ihre Preise"
    type_into(page, "kosten-yearly_staff_cost", "52.000")
    type_into(page, "kosten-productive_hours", "1400")
    type_into(page, "kosten-overhead_percent", "15")
    type_into(page, "kosten-travel_percent", "5")
    press_button(page, "Kosten speichern")
    assert "44,57" in page.locator("#rechnung + dl").inner_text()
    type_into(page, "stunden-stunden_1_1", "4")
    type_into(page, "stunden-stunden_1_2", "6,5")
    press_button(page, "Stunden speichern")
    main = page.locator("main").inner_text()
    assert "10,5 Stunden" in main and "467,99" in main and "Das ist eine Schätzung." in main
    check_accessibility(page)

    # A story: written, the person's consent ticked, published.
    follow_link(page, "Geschichten")
    assert h1(page) == "Ihre Erfolgsgeschichten"
    check_accessibility(page)
    follow_link(page, "Neue Geschichte schreiben")
    assert h1(page) == "Neue Erfolgsgeschichte"
    choose_radio(page, "lang", "de")
    type_into(page, "first_name", "Tom")
    type_into(page, "title", "Tom arbeitet jetzt im Lager.")
    choose_radio(page, "work_kind", "lager")
    type_into(page, "way", "Tom war fünf Jahre in der Werk·statt.")
    type_into(page, "helped", "Sein Job·coach war am Anfang jeden Tag dabei.")
    tick(page, "modules_used-0")
    press_button(page, "Geschichte speichern")
    assert "Bitte fragen Sie die Person zuerst." in page.locator(".error-summary").inner_text()
    check_accessibility(page)
    tick(page, "consent")
    press_button(page, "Geschichte speichern")
    assert "Die Person hat zugestimmt." in page.locator("main").inner_text()
    press_button(page, "Geschichte veröffentlichen")
    assert "Die Geschichte ist veröffentlicht." in page.locator(".inbox-notice").inner_text()
    check_accessibility(page)

    with live_app.app_context():
        provider = db.session.get(Provider, own_provider)
        assert provider.description_de == "Wir helfen Ihnen bei der Suche nach einer Arbeit.\nWir bleiben an Ihrer Seite."
        assert db.session.get(ProviderCosts, own_provider).yearly_staff_cost == Decimal("52000")
        story = db.session.execute(db.select(SuccessStory).filter_by(provider_id=own_provider)).scalar_one()
        assert (story.status, story.first_name, story.module_numbers) == ("published", "Tom", [1])

    # The same pages in English, as an English-speaking staff member sees them.
    for url in ("/anbieter/profil", "/anbieter/preise", "/anbieter/geschichten", f"/anbieter/geschichten/{story.id}"):
        assert page.goto(f"{url}?lang=en").status == 200
        assert page.evaluate("document.documentElement.lang") == "en"
        check_accessibility(page)
    page.goto("/anbieter/profil?lang=de")
