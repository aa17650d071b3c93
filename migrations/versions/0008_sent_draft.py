"""Sent drafts: a second send of the same contact draft that arrives after the first one
deleted it lands on the confirmation page.

Revision ID: 0008_sent_draft
Revises: 0007_operator
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_sent_draft"
down_revision = "0007_operator"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "contact_draft_sent",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("provider_slug", sa.String(length=80), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_contact_draft_sent")),
    )
    op.create_index(op.f("ix_contact_draft_sent_sent_at"), "contact_draft_sent", ["sent_at"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_contact_draft_sent_sent_at"), table_name="contact_draft_sent")
    op.drop_table("contact_draft_sent")
