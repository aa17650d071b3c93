"""`flask --app portal purge` deletes exactly what is kept no longer than promised."""
from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from portal import create_app
from portal.contact.models import ContactDraft, ContactRequest, DeletionRecord
from portal.contact.purge import months_before
from portal.content import ContentError
from portal.extensions import db
from portal.housekeeping import purge_all
from portal.inbox.models import AuditEntry, HistoryEntry, LoginThrottle
from portal.providers.demo import load_demo
from portal.providers.dbtypes import utcnow
from portal.providers.models import Provider
from tests.conftest import make_config


def add_request(reference, status="neu", closed_days_ago=None, created_days_ago=500):
    now = utcnow()
    provider = db.session.execute(db.select(Provider).filter_by(slug="niab")).scalar_one()
    request = ContactRequest(
        reference=reference, provider_id=provider.id, routed_by="postcode", name="Name", contact_way="telefon",
        phone="0451 1", consent_version="1", topics=["reden"], status=status,
        created_at=now - timedelta(days=created_days_ago),
        closed_at=now - timedelta(days=closed_days_ago) if closed_days_ago is not None else None,
    )
    db.session.add(request)
    db.session.flush()
    db.session.add(HistoryEntry(request_id=request.id, kind="note", text="Notiz"))
    return request


def references():
    return sorted(db.session.execute(db.select(ContactRequest.reference)).scalars())


def test_purge_command_deletes_closed_requests_after_twelve_months_and_nothing_else(app, runner):
    now = utcnow()
    with app.app_context():
        load_demo()
        twelve_months_ago = months_before(now, 12)
        add_request("JB-AAA2", "erledigt", closed_days_ago=(now - twelve_months_ago).days + 1)  # just over
        add_request("JB-AAA3", "erledigt", closed_days_ago=(now - twelve_months_ago).days - 1)  # just under
        add_request("JB-AAA4", "neu", created_days_ago=900)  # old but open: the provider still works on it
        add_request("JB-AAA5", "in_kontakt", created_days_ago=900)
        db.session.commit()
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "closed contact requests: 1 deleted" in result.output
    with app.app_context():
        assert references() == ["JB-AAA3", "JB-AAA4", "JB-AAA5"]
        assert db.session.query(HistoryEntry).count() == 3  # the deleted request's notes went with it
        (record,) = db.session.execute(db.select(DeletionRecord)).scalars().all()
        assert (record.reference, record.reason, record.deleted_by_id) == ("JB-AAA2", "retention", None)
    assert "closed contact requests: 0 deleted" in runner.invoke(args=["purge"]).output


def test_purge_deletes_unfinished_drafts_after_a_day(app):
    now = utcnow()
    with app.app_context():
        db.session.add(ContactDraft(token_hash="a" * 64, answers={"name": "alt"}, updated_at=now - timedelta(hours=25)))
        db.session.add(ContactDraft(token_hash="b" * 64, answers={"name": "neu"}, updated_at=now - timedelta(hours=23)))
        db.session.commit()
        assert purge_all(now)["unfinished contact requests"] == 1
        assert [d.token_hash[0] for d in db.session.execute(db.select(ContactDraft)).scalars()] == ["b"]


def test_purge_deletes_old_audit_entries_deletion_records_and_failed_log_in_counts(app):
    now = utcnow()
    with app.app_context():
        load_demo()
        provider_id = db.session.execute(db.select(Provider.id).filter_by(slug="niab")).scalar_one()
        for days in (800, 700):
            db.session.add(AuditEntry(action="view", created_at=now - timedelta(days=days), provider_id=provider_id))
            db.session.add(DeletionRecord(reference="JB-OLD2", provider_id=provider_id, reason="retention",
                                          received_at=now - timedelta(days=days + 400), deleted_at=now - timedelta(days=days)))
        db.session.add(LoginThrottle(key_hash="x" * 64, failures=3, last_failure_at=now - timedelta(days=2)))
        db.session.add(LoginThrottle(key_hash="y" * 64, failures=3, last_failure_at=now - timedelta(hours=2)))
        db.session.commit()
        counts = purge_all(now)
        assert counts["inbox audit log"] == 2  # the 800-day-old entry and record; 700 days < 24 months stay
        assert counts["failed log-in counts"] == 1
        assert db.session.query(AuditEntry).count() == 1 and db.session.query(DeletionRecord).count() == 1
        assert [t.key_hash[0] for t in db.session.execute(db.select(LoginThrottle)).scalars()] == ["y"]


CONTENT = Path(__file__).resolve().parents[2] / "content" / "easy_language"


@pytest.fixture(scope="module")
def six_month_content(tmp_path_factory):
    """The shipped content, with a consent text that promises 6 months in both languages."""
    root = tmp_path_factory.mktemp("content")
    shutil.copytree(CONTENT, root, dirs_exist_ok=True)
    for lang, (old, new) in (("de", ("noch 12 Monate", "noch 6 Monate")), ("en", ("12 more months", "6 more months"))):
        path = root / lang / "contact" / "einwilligung.md"
        text = path.read_text(encoding="utf-8").replace("retention_months: 12", "retention_months: 6")
        path.write_text(text.replace(old, new), encoding="utf-8")
    return root


@pytest.fixture
def six_months(six_month_content):
    return {"CONTACT_RETENTION_MONTHS": 6, "CONTENT_DIR": six_month_content}


@pytest.fixture
def app_config(request):
    """The app of the test below gets the six-month settings; every other test the defaults."""
    return request.getfixturevalue("six_months") if "six_months" in request.fixturenames else {}


def test_the_retention_period_comes_from_the_settings(six_months, app):
    assert "6 Monate" in str(app.extensions["portal.contact.texts"]["de"]["einwilligung"].html)
    now = utcnow()
    with app.app_context():
        load_demo()
        add_request("JB-BBB2", "erledigt", closed_days_ago=200)
        add_request("JB-BBB3", "erledigt", closed_days_ago=150)
        db.session.commit()
        assert purge_all(now)["closed contact requests"] == 1
        assert references() == ["JB-BBB3"]


def test_a_retention_period_the_consent_text_does_not_promise_stops_the_start(tmp_path, monkeypatch):
    monkeypatch.setenv("CONTACT_RETENTION_MONTHS", "6")
    with pytest.raises(ContentError, match=r"contact/einwilligung\.md:\d+: the text promises 12 months"):
        create_app(make_config(tmp_path))
