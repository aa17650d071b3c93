"""Pages of what providers published (module pages with 'Wer bietet das an?', the provider pages,
the stories) are kept by the page cache, but at most a minute: the bound the provider pages promise
for a saved change to show everywhere."""
from __future__ import annotations

import pytest
from flask import request
from sqlalchemy import text

from portal import create_app, pagecache
from portal.extensions import db
from portal.finder.demo import load_demo_offers
from portal.offers.models import ProviderOffer
from portal.pagecache import published_data_page
from portal.providers.demo import load_demo
from portal.providers.models import Provider
from tests.conftest import make_config

pytestmark = pytest.mark.sqlite_enough

NEW_TEXT = "Neuer Text vom Anbieter."


@pytest.fixture
def app_config():
    return {"PAGE_CACHE": True}


@pytest.fixture
def demo(app):
    with app.app_context():
        load_demo()
        load_demo_offers()


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: now[0])
    return now


def change_offer_text(app) -> None:
    with app.app_context():
        provider = db.session.execute(db.select(Provider).filter_by(slug="niab")).scalar_one()
        offer = db.session.execute(
            db.select(ProviderOffer).filter_by(provider_id=provider.id, module=1, baustein=2)).scalar_one()
        offer.text_de = NEW_TEXT
        db.session.commit()


@pytest.mark.parametrize("url", ["/module/3", "/anbieter-finden", "/anbieter-finden/niab", "/geschichten"])
def test_a_page_of_published_data_is_kept(client, demo, clock, url):
    states = [client.get(url).headers.get("X-Page-Cache") for _ in range(2)]
    assert states == ["miss", "hit"]


def test_a_saved_change_shows_within_one_minute(client, app, demo, clock):
    url = "/anbieter-finden/niab"
    assert NEW_TEXT not in client.get(url).get_data(as_text=True)
    change_offer_text(app)
    clock[0] += 59
    assert client.get(url).headers["X-Page-Cache"] == "hit"  # still within the minute the pages name
    clock[0] += 2
    fresh = client.get(url)
    assert fresh.headers["X-Page-Cache"] == "miss" and NEW_TEXT in fresh.get_data(as_text=True)


def test_a_content_page_is_still_kept_ten_minutes(client, clock):
    client.get("/module/3/baustein/1")
    clock[0] += 599
    assert client.get("/module/3/baustein/1").headers["X-Page-Cache"] == "hit"


def test_a_longer_setting_cannot_break_the_promise(tmp_path):
    app = create_app(make_config(tmp_path, PAGE_CACHE=True, PUBLISHED_DATA_SECONDS=3600))
    assert app.extensions["pagecache"].settings.published_seconds == 60


def test_a_marked_page_that_also_counts_usage_is_never_kept(app, client, clock):
    @app.get("/_test/published-and-counted")
    @published_data_page
    def published_and_counted():
        db.session.execute(text("SELECT 1"))
        request.environ[pagecache.DATABASE_USED] = True  # what usage.count() does
        return "<!doctype html><title>Gezählt</title><p>Gezählt</p>"

    assert [client.get("/_test/published-and-counted").headers.get("X-Page-Cache") for _ in range(2)] == [None, None]
