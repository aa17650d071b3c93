"""Dictionary words looked up in parallel on a running server are all counted: each look-up adds
one in a single atomic statement (an upsert), so no two requests read the same old number
(SQLite by default, PostgreSQL with TEST_DATABASE_URL)."""
from __future__ import annotations

import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from portal import create_app
from portal.extensions import db
from portal.usage.models import UsageCount
from tests.conftest import LiveServer, empty_database, make_config, reset_database

LOOK_UPS = 60


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def server(tmp_path):
    app = create_app(make_config(tmp_path))
    with app.app_context():
        reset_database()
    with LiveServer(app) as live:
        yield app, live.url
    with app.app_context():
        empty_database()
        db.engine.dispose()


def test_parallel_look_ups_are_all_counted(server):
    app, url = server
    opener = urllib.request.build_opener(NoRedirect)

    def look_up(_n):
        try:
            opener.open(f"{url}/woerterbuch/wort/amt", timeout=30)
        except urllib.error.HTTPError as redirect:
            return redirect.code
        return 200

    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = list(pool.map(look_up, range(LOOK_UPS)))
    assert codes == [302] * LOOK_UPS
    with app.app_context():
        rows = db.session.execute(db.select(UsageCount)).scalars().all()
        assert [(row.kind, row.item, row.number) for row in rows] == [("glossary_word", "amt", LOOK_UPS)]
