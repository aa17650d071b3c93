"""Usage counters for the operator's desk: how often something happened per day, nothing per person.

Revision ID: 0010_usage
Revises: 0009_reader_feedback
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0010_usage"
down_revision = "0009_reader_feedback"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "usage_count",
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("item", sa.String(length=80), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "item", "day", name=op.f("pk_usage_count")),
    )
    op.create_index(op.f("ix_usage_count_day"), "usage_count", ["day"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_usage_count_day"), table_name="usage_count")
    op.drop_table("usage_count")
