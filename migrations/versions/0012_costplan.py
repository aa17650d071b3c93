"""The cost plan a person sends with a contact request (portal/costplan), stored with the request.

Revision ID: 0012_costplan
Revises: 0011_offers
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0012_costplan"
down_revision = "0011_offers"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("contact_request") as batch:
        batch.add_column(sa.Column("cost_plan", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("contact_request") as batch:
        batch.drop_column("cost_plan")
