"""Contact requests, providers, staff accounts, inbox notes, audit log, mail outbox.

Revision ID: 0004_contact
Revises: 0003_budget
Create Date: 2026-11-25
"""
import sqlalchemy as sa  # noqa: F401  (used once this feature adds its tables)
from alembic import op  # noqa: F401

revision = "0004_contact"
down_revision = "0003_budget"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
