"""The Klärung: answers stored under resume codes.

Revision ID: 0002_klaerung
Revises: 0001_shell
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0002_klaerung"
down_revision = "0001_shell"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "resume_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resume_record")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_resume_record_code_hash")),
    )
    with op.batch_alter_table("resume_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_resume_record_expires_at"), ["expires_at"], unique=False)


def downgrade():
    with op.batch_alter_table("resume_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resume_record_expires_at"))
    op.drop_table("resume_record")
