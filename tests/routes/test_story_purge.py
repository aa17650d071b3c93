"""A withdrawn story is deleted WITHDRAWN_STORY_RETENTION_DAYS (30) after it was withdrawn, by the one
purge command; published stories and drafts stay."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from portal.extensions import db
from portal.housekeeping import purge_all
from portal.offers.models import DRAFT, PUBLISHED, WITHDRAWN, SuccessStory
from portal.providers import admin
from portal.providers.admin import ProviderFields

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=timezone.utc)


def story(provider_id: int, status: str, withdrawn_days_ago: int | None = None) -> SuccessStory:
    return SuccessStory(
        provider_id=provider_id, first_name="Tom", title=f"Tom ({status})", work_kind="lager", way="Der Weg.",
        helped="Die Hilfe.", status=status, consent_on=date(2026, 1, 5),
        withdrawn_at=NOW - timedelta(days=withdrawn_days_ago) if withdrawn_days_ago is not None else None)


def test_withdrawn_stories_go_after_30_days_and_the_others_stay(app):
    with app.app_context():
        provider = admin.add_provider("probe", ProviderFields(name="Probe"))
        db.session.flush()
        db.session.add_all([story(provider.id, WITHDRAWN, 31), story(provider.id, WITHDRAWN, 29),
                            story(provider.id, PUBLISHED), story(provider.id, DRAFT)])
        db.session.commit()
        assert purge_all(NOW)["withdrawn success stories"] == 1  # the one `flask --app portal purge`
        left = sorted((s.status, s.withdrawn_at is not None) for s in db.session.execute(db.select(SuccessStory)).scalars())
        assert left == [(DRAFT, False), (PUBLISHED, False), (WITHDRAWN, True)]

