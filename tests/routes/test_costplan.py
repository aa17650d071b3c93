"""/kosten "Was kostet das?": the page in both languages, the choice (Post/Redirect/Get, CSRF, bad
input), the plan with a provider's prices and without, the Klärung's modules ticked beforehand."""
from __future__ import annotations

import pytest

import portal.klaerung
from tests.support.costplan import PRICED, UNPRICED, load_prices
from tests.support.forms import follow, post_form
from tests.support.pagecheck import XHTML, check_page, h1_text, page_text

CHOICE = {"modules": ["1", "3"], "provider": PRICED, "months": "6"}


@pytest.fixture
def prices(app):
    load_prices(app)


@pytest.fixture(autouse=True)
def no_klaerung(monkeypatch):
    monkeypatch.setattr(portal.klaerung, "letter_facts", lambda lang=None: None)


def choose(client, **changes):
    return post_form(client, "/kosten", {**CHOICE, **changes})


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_page_passes_the_page_check_in_both_languages(client, prices, lang):
    document = check_page(client.get(f"/kosten?lang={lang}"), lang=lang)
    assert h1_text(document) == {"de": "Was kostet das?", "en": "What does it cost?"}[lang]
    assert client.get("/kosten").headers["Cache-Control"] == "no-store"


def test_a_choice_is_kept_and_the_plan_shows_hours_rates_sum_and_months(client, prices):
    response = choose(client, attach=["antrag"])
    assert response.status_code == 303 and response.headers["Location"] == "/kosten#kosten-plan"
    with client.session_transaction() as session:
        assert session["costplan"] == {"modules": [1, 3], "provider": PRICED, "months": 6, "attach": ["antrag"]}
    document = check_page(client.get("/kosten?lang=de"))
    text = page_text(document)
    # 53.57 € × 20 h = 1,071.40 €; 53.57 € × 10.5 h = 562.49 €; together 1,633.89 € over 6 months = 272.315 → 272.32 €
    for expected in ("Ihr Kostenplan", "Modul 1:", "Modul 3:", "20", "10,5", "53,57 €", "1.071,40 €", "562,49 €",
                     "30,5", "1.633,89 €", "6 Monate", "272,32 €", "Das Amt zahlt das Persönliche Budget meistens jeden Monat.",
                     "Das ist eine Schätzung."):
        assert expected in text, expected
    table = document.find(f".//{XHTML}table")
    assert table.find(f"{XHTML}caption") is not None
    assert [th.get("scope") for th in table.iter(f"{XHTML}th")] == ["col"] * 4 + ["row"] * 2
    assert "Diese Preise sind ausgedacht." not in text
    assert 'href="/budget/antrag"' in client.get("/kosten").get_data(as_text=True)


def test_english_amounts_and_the_monthly_sum(client, prices):
    choose(client, months="12")
    text = page_text(check_page(client.get("/kosten?lang=en"), lang="en"))
    for expected in ("€1,071.40", "€1,633.89", "12 months", "€136.16", "This is an estimate."):
        assert expected in text, expected


def test_a_module_without_hours_has_no_price_and_counts_nothing(client, prices):
    choose(client, modules=["1", "5"])
    text = page_text(check_page(client.get("/kosten")))
    assert "Für dieses Modul nennt der Anbieter keinen Preis." in text
    assert "Diese Module sind nicht in der Summe." in text
    assert "1.071,40 €" in text and "178,57 €" in text  # only module 1: 1,071.40 € ÷ 6


def test_a_provider_without_prices_gets_no_invented_ones(client, prices):
    choose(client, provider=UNPRICED, modules=["1"])
    text = page_text(check_page(client.get("/kosten")))
    assert "Dieser Anbieter nennt keine Preise für diese Module." in text
    assert "€" not in text and "Pro Monat" not in text


def test_example_prices_are_marked(client, app):
    load_prices(app, example=True)
    choose(client)
    assert "Beispiel: Diese Preise sind ausgedacht." in page_text(check_page(client.get("/kosten")))


@pytest.mark.parametrize("months", ["0", "99", "abc", "", "-3", "6.5", "١٢"])
def test_bad_months_get_a_friendly_error_and_keep_nothing(client, prices, months):
    response = choose(client, months=months)
    document = check_page(follow(client, response))
    text = page_text(document)
    assert "Bitte schreiben Sie" in text and ("1 bis 24" in text or "Monate" in text)
    assert document.find(f".//{XHTML}title").text.startswith("Fehler: ")
    with client.session_transaction() as session:
        assert "costplan" not in session


def test_no_module_and_no_provider_are_errors(client, prices):
    text = page_text(check_page(follow(client, choose(client, modules=[], provider=""))))
    assert "Bitte wählen Sie mindestens 1 Modul." in text and "Bitte wählen Sie einen Anbieter." in text


@pytest.mark.parametrize("changes", [{"provider": "gibt-es-nicht"}, {"modules": ["9"]}, {"attach": ["amt"]}])
def test_tampered_values_are_refused(client, prices, changes):
    follow(client, choose(client, **changes))
    with client.session_transaction() as session:
        assert "costplan" not in session


def test_the_form_needs_its_csrf_token(client, prices):
    assert client.post("/kosten", data=CHOICE).status_code == 400


def test_a_provider_can_be_preselected_by_link(client, prices):
    html = client.get(f"/kosten?anbieter={PRICED}").get_data(as_text=True)
    assert f'value="{PRICED}" checked' in html or f'checked value="{PRICED}"' in html or \
        __import__("re").search(rf'<input[^>]*checked[^>]*value="{PRICED}"', html)


def test_an_unknown_provider_in_the_link_is_said_plainly(client, prices):
    text = page_text(check_page(client.get("/kosten?anbieter=gibt-es-nicht")))
    assert "Diesen Anbieter kennen wir nicht." in text


def test_the_modules_of_the_klaerung_are_ticked_and_the_plan_shows_with_a_linked_provider(client, prices, monkeypatch):
    monkeypatch.setattr(portal.klaerung, "letter_facts", lambda lang=None: {"answers": {}, "labels": {}, "modules": [1, 3]})
    document = check_page(client.get(f"/kosten?anbieter={PRICED}"))
    text = page_text(document)
    assert "Diese Module passen zu Ihrem Ergebnis von der Klärung." in text
    checked = [box.get("value") for box in document.iter(f"{XHTML}input")
               if box.get("name") == "modules" and box.get("checked") is not None]
    assert checked == ["1", "3"]
    assert "1.633,89 €" in text and "noch nicht gespeichert" in text


def test_the_saved_plan_can_be_deleted(client, prices):
    choose(client, attach=["antrag", "kontakt"])
    assert "Kostenplan löschen" in page_text(check_page(client.get("/kosten")))
    response = post_form(client, "/kosten/loeschen", {}, page_url="/kosten")
    assert response.status_code == 303 and response.headers["Location"] == "/kosten"
    with client.session_transaction() as session:
        assert "costplan" not in session
    assert client.post("/kosten/loeschen").status_code == 400  # without the form token


def test_the_budget_overview_links_to_the_cost_plan(client):
    assert 'href="/kosten"' in client.get("/budget?lang=de").get_data(as_text=True)
