"""The portal shell: barrier reports from the accessibility statement.

Revision ID: 0001_shell
Revises:
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0001_shell"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "barrier_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("page", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_barrier_report")),
    )


def downgrade():
    op.drop_table("barrier_report")
