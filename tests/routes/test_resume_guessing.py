"""Resume codes cannot be guessed: three words (codes.py), limits per session and per address
(IPv6 by /64), a global limit on failed entries with an alert, and old two-word codes that still
open until they expire but are never extended."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import pytest
from flask.testing import FlaskClient

from portal.extensions import db
from portal.resume import codes, store
from portal.resume.models import ResumeRecord
from tests.support.forms import post_form
from tests.support.pagecheck import check_page


def client_from(app, address: str) -> FlaskClient:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def legacy_record(app, code: str, days_left: int = 10) -> datetime:
    now = datetime.now(timezone.utc)
    expires = now + timedelta(days=days_left)
    with app.app_context():
        digest = codes.code_hash(codes.normalise(code), app.config["SECRET_KEY"])
        db.session.add(ResumeRecord(code_hash=digest, data={"klaerung": {"answers": {"a": 1}}},
                                    created_at=now, updated_at=now, expires_at=expires))
        db.session.commit()
    return expires


def test_a_stored_two_word_code_still_opens(app, client):
    legacy_record(app, "Sonne Tiger 4821")
    response = post_form(client, "/weitermachen", {"code": "sonne tiger 4821", "weiter": "/klaerung"})
    assert response.status_code == 303
    with client.session_transaction() as session:
        assert session["resume_code"] == "Sonne Tiger 4821"


def test_saving_under_a_two_word_code_does_not_extend_it(app):
    expires = legacy_record(app, "Sonne Tiger 4821", days_left=3)
    with app.test_request_context("/"):
        store.save("Sonne Tiger 4821", "budget", {"b": 2})
        assert store.load("Sonne Tiger 4821")["budget"] == {"b": 2}
        assert abs(store.expires_at("Sonne Tiger 4821") - expires) < timedelta(seconds=1)
        code = store.new_code()
        store.save(code, "budget", {"b": 2})
        assert store.expires_at(code) > datetime.now(timezone.utc) + timedelta(days=29)


@pytest.mark.parametrize(("first", "second", "same"), [
    ("2001:db8:1:2::1", "2001:db8:1:2:ffff:1:2:3", True),
    ("2001:db8:1:2::1", "2001:db8:1:3::1", False),
    ("192.0.2.1", "192.0.2.2", False),
    ("::ffff:192.0.2.1", "192.0.2.1", True),
])
def test_ipv6_addresses_count_by_their_64_network(app, first, second, same):
    from portal.extensions import address_key

    keys = []
    for address in (first, second):
        with app.test_request_context("/", environ_base={"REMOTE_ADDR": address}):
            keys.append(address_key())
    assert (keys[0] == keys[1]) is same


# An unknown code answers with a redirect to the form with its error (Post/Redirect/Get); 429 is the limit.
UNKNOWN = 303


class TestLimits:
    @pytest.fixture
    def app_config(self):
        return {"RATELIMIT_ENABLED": True, "RESUME_ADDRESS_RATE_LIMIT": "3 per minute",
                "RESUME_FAILED_LIMIT": "5 per hour"}

    def test_one_ipv6_network_is_one_address_for_the_limit(self, app):
        statuses = [post_form(client_from(app, f"2001:db8:5:6::{n}"), "/weitermachen", {"code": "Sonne Tiger Apfel 1234"})
                    .status_code for n in range(1, 5)]
        assert statuses == [UNKNOWN] * 3 + [429]
        assert post_form(client_from(app, "2001:db8:5:7::1"), "/weitermachen", {"code": "x"}).status_code == UNKNOWN

    def test_failed_entries_of_all_addresses_together_are_limited_with_an_alert(self, app, caplog, monkeypatch):
        # Alembic's logging set-up (an earlier migration test) may have switched existing loggers off.
        monkeypatch.setattr(logging.getLogger("portal.resume.routes"), "disabled", False)
        code = None
        with app.test_request_context("/"):
            code = store.new_code()
        caplog.set_level(logging.WARNING, logger="portal.resume.routes")
        statuses = [post_form(client_from(app, f"198.51.100.{n}"), "/weitermachen",
                              {"code": f"Sonne Tiger Apfel {1000 + n}"}).status_code for n in range(6)]
        assert statuses == [UNKNOWN] * 5 + [429]
        alerts = [r for r in caplog.records if r.levelno == logging.CRITICAL]
        assert len(alerts) == 1 and "global limit of failed code entries" in alerts[0].getMessage()
        # While the limit holds, nobody can try a code: guessing stops for everybody.
        check_page(post_form(client_from(app, "203.0.113.9"), "/weitermachen", {"code": code}), status=429)
