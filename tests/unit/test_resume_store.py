"""The shared resume store: create, load, save, delete, expire, purge; only hashes in the database."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from portal.extensions import db
from portal.housekeeping import purge_all
from portal.resume import store
from portal.resume.models import ResumeRecord


@pytest.fixture
def ctx(app):
    with app.test_request_context("/"):
        yield app


def all_records():
    return db.session.execute(db.select(ResumeRecord)).scalars().all()


def test_a_new_code_has_an_empty_record(ctx):
    code = store.new_code()
    assert store.load(code) == {}


def test_the_database_holds_no_code_only_its_hash(ctx):
    code = store.new_code()
    store.save(code, "klaerung", {"answers": {"wohnort": "Lübeck"}})
    (record,) = all_records()
    stored = f"{record.code_hash} {record.data}".lower()
    for part in code.lower().split():
        assert part not in stored
    assert len(record.code_hash) == 64


def test_save_keeps_other_sections(ctx):
    code = store.new_code()
    store.save(code, "klaerung", {"a": 1})
    store.save(code, "budget", ["x"])
    store.save(code, "klaerung", {"a": 2})
    assert store.load(code) == {"klaerung": {"a": 2}, "budget": ["x"]}


def test_load_returns_a_copy_that_does_not_change_the_record(ctx):
    code = store.new_code()
    store.save(code, "klaerung", {"a": [1]})
    store.load(code)["klaerung"]["a"].append(2)
    assert store.load(code) == {"klaerung": {"a": [1]}}


def test_the_code_is_normalised_before_lookup(ctx):
    code = store.new_code()
    store.save(code, "klaerung", {"a": 1})
    first, second, third, number = code.split()
    assert store.load(f"  {first.upper()}-{second.lower()} {third}  {number} ") == {"klaerung": {"a": 1}}


@pytest.mark.parametrize("code", ["Sonne Tiger 4821", "", "nonsense", "x" * 500])
def test_unknown_or_malformed_codes_load_as_none(ctx, code):
    assert store.load(code) is None


def test_save_sets_expiry_to_thirty_days_from_now(ctx):
    code = store.new_code()
    before = datetime.now(timezone.utc)
    store.save(code, "budget", {})
    expires = store.expires_at(code)
    assert before + timedelta(days=30) <= expires <= datetime.now(timezone.utc) + timedelta(days=30)


def test_expired_records_load_as_none_and_are_purged(ctx):
    old, fresh = store.new_code(), store.new_code()
    record = db.session.execute(db.select(ResumeRecord)).scalars().first()
    record.expires_at = datetime.now(timezone.utc) - timedelta(seconds=1)
    db.session.commit()
    expired_code = old if store.load(old) is None else fresh
    assert store.load(expired_code) is None
    assert store.purge_expired(datetime.now(timezone.utc)) == 1
    assert len(all_records()) == 1


def test_the_purge_command_deletes_expired_codes(app, runner):
    with app.test_request_context("/"):
        code = store.new_code()
    result = runner.invoke(args=["purge"])
    assert "resume codes: 0 deleted" in result.output
    with app.app_context():
        assert purge_all(datetime.now(timezone.utc) + timedelta(days=31))["resume codes"] == 1
        assert store.load(code) is None


def test_saving_to_an_expired_code_starts_it_again_empty(ctx):
    code = store.new_code()
    store.save(code, "klaerung", {"old": True})
    (record,) = all_records()
    record.expires_at = datetime.now(timezone.utc) - timedelta(days=1)
    db.session.commit()
    store.save(code, "budget", {"new": True})
    assert store.load(code) == {"budget": {"new": True}}


def test_saving_to_a_purged_code_recreates_it(ctx):
    code = store.new_code()
    store.delete(code)
    store.save(code, "klaerung", {"a": 1})
    assert store.load(code) == {"klaerung": {"a": 1}}


def test_save_refuses_text_that_is_no_code(ctx):
    with pytest.raises(ValueError):
        store.save("nonsense", "klaerung", {})


def test_delete_removes_the_record(ctx):
    code = store.new_code()
    store.delete(code)
    store.delete(code)  # twice is fine
    assert store.load(code) is None and not all_records()


def test_session_code_is_created_once_and_forgotten(ctx):
    assert store.current_code() is None
    code = store.ensure_code()
    assert store.ensure_code() == code == store.current_code()
    store.forget_code()
    assert store.current_code() is None
    assert store.load(code) == {}  # the record stays


def test_a_deleted_record_is_no_longer_the_session_code(ctx):
    code = store.ensure_code()
    store.delete(code)
    assert store.current_code() is None
    assert store.ensure_code() != code


def test_new_codes_use_the_words_of_the_current_language(app):
    from portal.resume import codes

    english = {w.lower() for w in codes.words("en")}
    with app.test_request_context("/?lang=en"):
        app.preprocess_request()
        *chosen, _ = store.new_code().split()
    assert len(chosen) == 3 and {word.lower() for word in chosen} <= english


def test_discard_removes_one_section_and_keeps_the_others(ctx):
    code = store.new_code()
    store.save(code, "klaerung", {"a": 1})
    store.save(code, "budget", {"b": 2})
    assert store.discard(code, "klaerung") is False
    assert store.load(code) == {"budget": {"b": 2}}


def test_discard_deletes_the_record_when_nothing_is_left(ctx):
    code = store.new_code()
    store.save(code, "klaerung", {"a": 1})
    assert store.discard(code, "klaerung") is True
    assert store.load(code) is None and not all_records()
    assert store.discard(code, "klaerung") is True  # an unknown code: nothing left either
