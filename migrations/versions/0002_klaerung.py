"""The Klärung: answers stored under resume codes.

Revision ID: 0002_klaerung
Revises: 0001_shell
Create Date: 2026-11-25
"""
import sqlalchemy as sa  # noqa: F401  (used once this feature adds its tables)
from alembic import op  # noqa: F401

revision = "0002_klaerung"
down_revision = "0001_shell"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
