"""Inbox log-in hardening: a session version per staff account, the client address in the audit log.

Revision ID: 0005_auth
Revises: 0004_contact
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_auth"
down_revision = "0004_contact"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("staff_user") as batch:
        batch.add_column(sa.Column("session_version", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("inbox_audit") as batch:
        batch.add_column(sa.Column("client_address", sa.String(length=45), nullable=False, server_default=""))
    # The throttle's keys are now per address and network: the old counts mean nothing any more.
    op.execute("DELETE FROM login_throttle")


def downgrade():
    with op.batch_alter_table("inbox_audit") as batch:
        batch.drop_column("client_address")
    with op.batch_alter_table("staff_user") as batch:
        batch.drop_column("session_version")
