"""The operator's desk: operator accounts (a role on staff_user, without a provider) and the status
and notes of barrier reports.

Revision ID: 0007_operator
Revises: 0006_prg
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0007_operator"
down_revision = "0006_prg"
branch_labels = None
depends_on = None

ROLE_CHECK = "(role = 'staff' AND provider_id IS NOT NULL) OR (role = 'operator' AND provider_id IS NULL)"


def upgrade():
    with op.batch_alter_table("staff_user") as batch:
        batch.add_column(sa.Column("role", sa.String(length=10), nullable=False, server_default="staff"))
        batch.alter_column("provider_id", existing_type=sa.Integer(), nullable=True)
        batch.create_check_constraint("ck_staff_user_role_provider", ROLE_CHECK)
    with op.batch_alter_table("barrier_report") as batch:
        batch.add_column(sa.Column("status", sa.String(length=10), nullable=False, server_default="neu"))
        batch.add_column(sa.Column("notes", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index(op.f("ix_barrier_report_status"), "barrier_report", ["status"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_barrier_report_status"), table_name="barrier_report")
    with op.batch_alter_table("barrier_report") as batch:
        batch.drop_column("updated_at")
        batch.drop_column("notes")
        batch.drop_column("status")
    # Operator accounts have no provider: they cannot stay when provider_id is required again
    # (their audit entries stay, without the account).
    op.execute("UPDATE inbox_audit SET user_id = NULL WHERE user_id IN (SELECT id FROM staff_user WHERE role = 'operator')")
    op.execute("DELETE FROM staff_user WHERE role = 'operator'")
    with op.batch_alter_table("staff_user") as batch:
        batch.drop_constraint("ck_staff_user_role_provider", type_="check")
        batch.alter_column("provider_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("role")
