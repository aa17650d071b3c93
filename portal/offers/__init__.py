"""What providers offer the public: offered Bausteine with their own texts and hours, the cost
calculation, success stories. The shared data layer of the provider profile pages (in /anbieter),
the public provider pages (/anbieter-finden, /geschichten) and the cost plan (/kosten).

Setting: WITHDRAWN_STORY_RETENTION_DAYS (30): a withdrawn story (the person no longer wants it public)
is deleted this many days after it was withdrawn (`flask --app portal purge`); the days between let
staff undo a mistake. The stories page in /anbieter says so.
"""
from datetime import datetime, timedelta

from flask import Flask

from ..config import _int
from ..extensions import db
from ..housekeeping import register_purger
from . import models


def purge_withdrawn_stories(now: datetime, days: int) -> int:
    deleted = db.session.execute(
        db.delete(models.SuccessStory)
        .where(models.SuccessStory.status == models.WITHDRAWN, models.SuccessStory.withdrawn_at < now - timedelta(days=days))
        .execution_options(synchronize_session=False)).rowcount or 0
    db.session.commit()
    return deleted


def init_app(app: Flask) -> None:
    app.config.setdefault("WITHDRAWN_STORY_RETENTION_DAYS", _int("WITHDRAWN_STORY_RETENTION_DAYS", 30))
    register_purger(app, "withdrawn success stories",
                    lambda now: purge_withdrawn_stories(now, app.config["WITHDRAWN_STORY_RETENTION_DAYS"]))
