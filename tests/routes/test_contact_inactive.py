"""Open requests are not kept forever: after CONTACT_INACTIVE_MONTHS (6) without activity the
purge closes them (with a history entry), and the retention of closed requests deletes them
CONTACT_RETENTION_MONTHS later. The consent text says so, and the start-up check holds it to it."""
from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from portal.contact.models import DONE, ContactRequest, DeletionRecord
from portal.contact.purge import months_before
from portal.contact.texts import check_retention, load_texts
from portal.content import ContentError
from portal.extensions import db
from portal.housekeeping import purge_all
from portal.inbox.models import HistoryEntry
from portal.providers.demo import load_demo
from portal.providers.dbtypes import utcnow
from portal.providers.models import Provider

CONTENT = Path(__file__).resolve().parents[2] / "content" / "easy_language"


def add(reference, created_days_ago, note_days_ago=None, status="neu"):
    now = utcnow()
    provider = db.session.execute(db.select(Provider).filter_by(slug="niab")).scalar_one()
    request = ContactRequest(
        reference=reference, provider_id=provider.id, routed_by="postcode", name="Name", contact_way="telefon",
        phone="0451 1", consent_version="2", topics=["reden"], status=status,
        created_at=now - timedelta(days=created_days_ago))
    db.session.add(request)
    db.session.flush()
    if note_days_ago is not None:
        db.session.add(HistoryEntry(request_id=request.id, kind="note", text="Angerufen",
                                    created_at=now - timedelta(days=note_days_ago)))
    return request


def by_reference(reference):
    return db.session.execute(db.select(ContactRequest).filter_by(reference=reference)).scalar_one_or_none()


def test_open_requests_without_activity_are_closed_and_later_deleted(app):
    now = utcnow()
    six = (now - months_before(now, 6)).days
    with app.app_context():
        load_demo()
        add("JB-OLD1", created_days_ago=six + 30)  # nobody ever worked on it
        add("JB-OLD2", created_days_ago=400, note_days_ago=six + 2, status="in_kontakt")  # last note too long ago
        add("JB-NEW1", created_days_ago=400, note_days_ago=20)  # somebody is working on it
        add("JB-NEW2", created_days_ago=six - 2)  # young enough
        db.session.commit()
        counts = purge_all(now)
        assert counts["inactive contact requests closed"] == 2
        for reference in ("JB-OLD1", "JB-OLD2"):
            closed = by_reference(reference)
            assert closed.status == DONE and closed.closed_at is not None
            history = db.session.execute(db.select(HistoryEntry).filter_by(request_id=closed.id)
                                         .order_by(HistoryEntry.id)).scalars().all()
            assert [(entry.kind, entry.author_id) for entry in history[-2:]] == [("status", None), ("note", None)]
            assert history[-2].text == DONE and "6 Monate" in history[-1].text
        assert by_reference("JB-NEW1").status == "neu" and by_reference("JB-NEW2").status == "neu"
        assert purge_all(now)["inactive contact requests closed"] == 0
        # 12 months after closing, the retention of closed requests deletes them.
        later = now + timedelta(days=370)
        counts = purge_all(later)
        assert counts["closed contact requests"] == 2
        assert by_reference("JB-OLD1") is None and by_reference("JB-OLD2") is None
        reasons = {r.reference: r.reason for r in db.session.execute(db.select(DeletionRecord)).scalars()}
        assert reasons == {"JB-OLD1": "retention", "JB-OLD2": "retention"}


def test_the_inactive_time_is_a_setting(app):
    assert app.config["CONTACT_INACTIVE_MONTHS"] == 6


@pytest.mark.parametrize("lang, sentence", [
    ("de", "Vielleicht arbeitet 6 Monate lang niemand an Ihrer Anfrage."),
    ("en", "Maybe nobody works on your request for 6 months."),
])
def test_the_consent_text_tells_about_closing_inactive_requests(client, lang, sentence):
    texts = load_texts(CONTENT, ("de", "en"))
    assert texts[lang]["einwilligung"].meta["inactive_months"] == 6
    assert sentence in str(texts[lang]["einwilligung"].html)
    check_retention(texts, 12, 6)


@pytest.fixture
def tree(tmp_path):
    for lang in ("de", "en"):
        shutil.copytree(CONTENT / lang / "contact", tmp_path / lang / "contact")
    return tmp_path


def test_the_start_up_check_holds_the_text_to_the_inactive_setting(tree):
    texts = load_texts(tree, ("de", "en"))
    with pytest.raises(ContentError, match=r"einwilligung\.md:5: the text promises 6 months, but CONTACT_INACTIVE_MONTHS is 3"):
        check_retention(texts, 12, 3)
    path = tree / "en" / "contact" / "einwilligung.md"
    path.write_text(path.read_text(encoding="utf-8").replace("for 6 months", "for half a year"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"en/contact/einwilligung\.md:5: inactive_months is 6, but the text does not say 6"):
        check_retention(load_texts(tree, ("de", "en")), 12, 6)
