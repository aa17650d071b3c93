"""The Persönliches Budget: checklist progress and saved letters.

Revision ID: 0003_budget
Revises: 0002_klaerung
Create Date: 2026-11-25
"""
import sqlalchemy as sa  # noqa: F401  (used once this feature adds its tables)
from alembic import op  # noqa: F401

revision = "0003_budget"
down_revision = "0002_klaerung"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
