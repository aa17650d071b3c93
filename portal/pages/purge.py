"""Barrier reports are kept no longer than the form promises (BARRIER_REPORT_RETENTION_MONTHS)."""
from __future__ import annotations

from datetime import datetime

from ..extensions import db
from .models import BarrierReport


def purge_barrier_reports(now: datetime, months: int) -> int:
    from ..contact.purge import months_before  # one way of counting months for every purge

    statement = db.delete(BarrierReport).where(BarrierReport.created_at < months_before(now, months))
    deleted = db.session.execute(statement.execution_options(synchronize_session=False)).rowcount or 0
    db.session.commit()
    return deleted
