"""Typed form values waiting for the GET after a POST (Post/Redirect/Get), kept one hour at most.

Revision ID: 0006_prg
Revises: 0005_auth
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_prg"
down_revision = "0005_auth"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "pending_form",
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key_hash", name=op.f("pk_pending_form")),
    )
    op.create_index(op.f("ix_pending_form_expires_at"), "pending_form", ["expires_at"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_pending_form_expires_at"), table_name="pending_form")
    op.drop_table("pending_form")
