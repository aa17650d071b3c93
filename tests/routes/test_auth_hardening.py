"""The inbox log-in's hardening: log-out and password changes end every copy of a session, a
session ends after INBOX_ABSOLUTE_HOURS in any case, guesses are slowed per address and network
(an attacker elsewhere cannot lock the owner out) with a soft global brake, passwords keep their
spaces, the CSV export needs a POST, and the audit log knows the client address."""
from __future__ import annotations

import logging
import time

import pytest

from portal import create_app
from portal.extensions import db
from portal.inbox.models import AuditEntry
from portal.providers import admin
from portal.providers.passwords import verify_password
from tests.conftest import empty_database, make_config, reset_database
from tests.routes.test_inbox import ANNA, PASSWORD, cheap_passwords, export, failed_login, inbox, login  # noqa: F401
from tests.support.forms import post_form
from tests.support.pagecheck import check_page, page_text

ATTACKER = "198.51.100.7"
OWNER = "203.0.113.9"


def from_address(client, address: str):
    client.environ_base["REMOTE_ADDR"] = address
    return client


def log_out(client):
    return post_form(client, "/anbieter/abmelden", {}, page_url="/anbieter")


def copy_of(app, client):
    """Another browser with a copy of `client`'s session cookie (e.g. taken from a shared PC)."""
    other = app.test_client()
    name = app.config["SESSION_COOKIE_NAME"]
    other.set_cookie(name, client.get_cookie(name).value)
    return other


# --- finding 2: log-out ends the session, and sessions end after a fixed time ---------------------


def test_a_copied_session_cookie_opens_nothing_after_log_out(client, app, inbox):
    login(client)
    copy = copy_of(app, client)
    assert copy.get("/anbieter").status_code == 200  # the copy works while the session lives
    assert log_out(client).status_code == 303
    response = copy.get("/anbieter")
    assert response.status_code == 302 and response.headers["Location"].startswith("/anbieter/anmelden")
    assert copy.get("/anbieter/export.csv").status_code == 302


def test_a_new_password_and_disabling_end_every_session(client, app, inbox, runner):
    login(client)
    result = runner.invoke(args=["users", "password", "--email", ANNA], env={"PORTAL_PASSWORD": "ein neues gutes Passwort"})
    assert result.exit_code == 0, result.output
    assert client.get("/anbieter").status_code == 302
    assert "stimmt nicht" in page_text(check_page(failed_login(client, ANNA, PASSWORD)))
    assert login(client, ANNA, "ein neues gutes Passwort").status_code == 303
    copy = copy_of(app, client)
    runner.invoke(args=["users", "disable", ANNA])
    runner.invoke(args=["users", "enable", ANNA])
    assert copy.get("/anbieter").status_code == 302  # enabled again, but the old session stays ended


def test_users_password_asks_when_the_environment_has_none_and_refuses_common_passwords(app, inbox, runner, monkeypatch):
    monkeypatch.delenv("PORTAL_PASSWORD", raising=False)
    result = runner.invoke(args=["users", "password", "--email", ANNA], input="Passwort2026!\nPasswort2026!\n")
    assert result.exit_code != 0 and "most common passwords" in result.output
    result = runner.invoke(args=["users", "password", "--email", "niemand@nirgends.example"],
                           env={"PORTAL_PASSWORD": "ein neues gutes Passwort"})
    assert result.exit_code != 0 and "no account" in result.output
    with app.app_context():
        user = admin.find_user(ANNA)
        assert user.session_version == 0
    result = runner.invoke(args=["users", "password", "--email", ANNA], input="  mit Leerzeichen am Rand  \n" * 2)
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = admin.find_user(ANNA)
        assert user.session_version == 1 and verify_password(user.password_hash, "  mit Leerzeichen am Rand  ")


def test_a_session_ends_after_the_absolute_lifetime_even_when_active(client, app, inbox, monkeypatch):
    assert app.config["INBOX_ABSOLUTE_HOURS"] == 8
    start = time.time()
    clock = {"now": start}
    monkeypatch.setattr(time, "time", lambda: clock["now"])
    login(client)
    while clock["now"] < start + 8 * 3600 - 20 * 60:
        clock["now"] += 20 * 60  # busy all day, a click every 20 minutes
        assert client.get("/anbieter").status_code == 200
    clock["now"] = start + 8 * 3600 + 60
    response = client.get("/anbieter")
    assert response.status_code == 302 and "abgelaufen=2" in response.headers["Location"]
    assert "viele Stunden angemeldet" in page_text(check_page(client.get(response.headers["Location"])))


def test_the_absolute_lifetime_is_a_setting(client, app, inbox, monkeypatch):
    app.config["INBOX_ABSOLUTE_HOURS"] = 1
    start = time.time()
    clock = {"now": start}
    monkeypatch.setattr(time, "time", lambda: clock["now"])
    login(client)
    for _ in range(2):
        clock["now"] += 20 * 60
        assert client.get("/anbieter").status_code == 200
    clock["now"] += 21 * 60
    response = client.get("/anbieter")
    assert response.status_code == 302 and "abgelaufen=2" in response.headers["Location"]


def test_the_absolute_lifetime_is_read_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("INBOX_ABSOLUTE_HOURS", "4")
    assert create_app(make_config(tmp_path)).config["INBOX_ABSOLUTE_HOURS"] == 4


# --- finding 8: no one can lock a staff account from elsewhere ------------------------------------


def test_the_owner_logs_in_from_another_network_while_an_attacker_hammers_the_address(app, inbox):
    attacker = from_address(app.test_client(), ATTACKER)
    for _ in range(15):
        text = page_text(check_page(failed_login(attacker, ANNA, "geraten")))
        assert "stimmt nicht" in text or "warten" in text
    assert "warten" in page_text(check_page(failed_login(attacker, ANNA, PASSWORD)))  # the attacker's pair waits
    owner = from_address(app.test_client(), OWNER)
    assert login(owner, ANNA, PASSWORD).status_code == 303
    assert owner.get("/anbieter").status_code == 200


def test_an_ipv6_network_counts_as_one(app, inbox):
    def answer(address, password="geraten"):
        return page_text(check_page(failed_login(from_address(app.test_client(), address), ANNA, password)))

    for _ in range(3):
        assert "stimmt nicht" in answer("2001:db8:1:2::1")
    assert "warten" in answer("2001:db8:1:2::ffff")  # the same /64: a new address does not help
    assert login(from_address(app.test_client(), "2001:db8:1:3::1"), ANNA, PASSWORD).status_code == 303


def test_many_failures_everywhere_slow_everyone_down_but_the_owner_still_gets_in(app, inbox, caplog):
    app.config["INBOX_GLOBAL_FAILURES_PER_MINUTE"] = 5
    for number in range(5):  # a distributed attack: each address and network once
        client = from_address(app.test_client(), f"192.0.2.{number}")
        with caplog.at_level(logging.WARNING):
            assert "stimmt nicht" in page_text(check_page(failed_login(client, f"team{number}@integra-luebeck.example", "x")))
    assert any("INBOX_GLOBAL_FAILURES_PER_MINUTE" in record.getMessage() for record in caplog.records)
    braked = from_address(app.test_client(), "192.0.2.77")
    assert "stimmt nicht" in page_text(check_page(failed_login(braked, ANNA, "geraten")))
    assert "warten" in page_text(check_page(failed_login(braked, ANNA, "nochmal geraten")))  # at once after one failure
    assert login(from_address(app.test_client(), OWNER), ANNA, PASSWORD).status_code == 303


# --- passwords keep their spaces ---------------------------------------------------------------------


def test_a_password_with_spaces_at_its_ends_is_taken_as_typed(client, app, inbox):
    spaced = "  Leerzeichen gehören dazu  "
    with app.app_context():
        admin.create_user(admin.find_provider("ifd-bremen"), "leer@ifd.example", spaced)
        db.session.commit()
    assert "stimmt nicht" in page_text(check_page(failed_login(client, "leer@ifd.example", spaced.strip())))
    assert login(client, " leer@ifd.example ", spaced).status_code == 303  # the address is still trimmed


# --- the CSV export needs a POST ---------------------------------------------------------------------


def test_a_cross_site_get_of_the_export_starts_no_download(client, app, inbox):
    login(client)
    response = client.get("/anbieter/export.csv?status=neu", headers={"Sec-Fetch-Site": "cross-site"})
    document = check_page(response)
    assert "Content-Disposition" not in response.headers
    assert "Diese Liste als CSV-Datei herunterladen" in page_text(document)
    assert 'action="/anbieter/export.csv?status=neu"' in response.get_data(as_text=True)
    assert client.post("/anbieter/export.csv").status_code == 400  # no CSRF token: another site's form
    with app.app_context():
        assert not db.session.execute(db.select(AuditEntry).filter_by(action="export")).first()
    response = export(client)
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]


def test_the_list_offers_the_export_as_a_form(client, inbox):
    login(client)
    html = client.get("/anbieter").get_data(as_text=True)
    assert 'href="/anbieter/export.csv' not in html
    assert '<form method="post" action="/anbieter/export.csv"' in html


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_export_page_passes_the_page_check(client, inbox, lang):
    client.get(f"/?lang={lang}")
    login(client)
    check_page(client.get("/anbieter/export.csv"), lang=lang)


# --- the audit log knows the client address ------------------------------------------------------------


def test_the_audit_log_records_the_client_address(client, app, inbox):
    login(from_address(client, OWNER))
    login(from_address(app.test_client(), ATTACKER), ANNA, "falsch")
    with app.app_context():
        entries = {e.action: e.client_address for e in db.session.execute(db.select(AuditEntry)).scalars()}
    assert entries["login"] == OWNER and entries["login_failed"] == ATTACKER


def test_behind_the_proxy_the_audit_log_records_the_forwarded_address(tmp_path, monkeypatch):
    import portal.providers.passwords as passwords
    from argon2 import PasswordHasher
    from argon2.profiles import CHEAPEST

    monkeypatch.setattr(passwords, "_hasher", PasswordHasher.from_parameters(CHEAPEST))
    app = create_app(make_config(tmp_path, PROXY_FIX=True))
    with app.app_context():
        reset_database()
    try:
        with app.app_context():
            provider = admin.add_provider("ifd-test", admin.ProviderFields(name="Test"))
            admin.create_user(provider, "a@ifd.example", PASSWORD)
            db.session.commit()
        client = app.test_client()
        client.environ_base.update(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=OWNER)
        assert login(client, "a@ifd.example").status_code == 303
        with app.app_context():
            assert db.session.execute(db.select(AuditEntry.client_address).filter_by(action="login")).scalar() == OWNER
    finally:
        with app.app_context():  # like the app fixture: PostgreSQL's tables are shared by all tests
            empty_database()
            db.engine.dispose()
