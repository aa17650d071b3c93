"""Readers' voice: "Das verstehe ich nicht" flags (without anything that identifies the reader) and
the desk's marks that a place was reworked.

Revision ID: 0009_reader_feedback
Revises: 0008_sent_draft
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0009_reader_feedback"
down_revision = "0008_sent_draft"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "reader_flag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("page", sa.String(length=200), nullable=False),
        sa.Column("section", sa.String(length=80), nullable=False),
        sa.Column("word", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reader_flag")),
    )
    op.create_index(op.f("ix_reader_flag_created_on"), "reader_flag", ["created_on"], unique=False)
    op.create_table(
        "reader_rework",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("page", sa.String(length=200), nullable=False),
        sa.Column("section", sa.String(length=80), nullable=False),
        sa.Column("reworked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reworked_on", sa.Date(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reader_rework")),
    )
    op.create_index(op.f("ix_reader_rework_page"), "reader_rework", ["page"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_reader_rework_page"), table_name="reader_rework")
    op.drop_table("reader_rework")
    op.drop_index(op.f("ix_reader_flag_created_on"), table_name="reader_flag")
    op.drop_table("reader_flag")
