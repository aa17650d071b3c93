"""What providers show the public: offered Bausteine with their own texts and hours, the inputs of
the cost calculation, success stories.

Revision ID: 0011_offers
Revises: 0010_usage
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0011_offers"
down_revision = "0010_usage"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "provider_costs",
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("yearly_staff_cost", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("productive_hours", sa.Numeric(precision=6, scale=1), nullable=False),
        sa.Column("overhead_percent", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("travel_percent", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("is_example", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], name=op.f("fk_provider_costs_provider_id_provider"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("provider_id", name=op.f("pk_provider_costs")),
    )
    op.create_table(
        "provider_offer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("module", sa.Integer(), nullable=False),
        sa.Column("baustein", sa.Integer(), nullable=False),
        sa.Column("text_de", sa.Text(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("hours", sa.Numeric(precision=6, scale=1), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], name=op.f("fk_provider_offer_provider_id_provider"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provider_offer")),
        sa.UniqueConstraint("provider_id", "module", "baustein", name=op.f("uq_provider_offer_provider_id")),
    )
    op.create_index(op.f("ix_provider_offer_provider_id"), "provider_offer", ["provider_id"], unique=False)
    op.create_table(
        "success_story",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("first_name", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("work_kind", sa.String(length=30), nullable=False),
        sa.Column("way", sa.Text(), nullable=False),
        sa.Column("helped", sa.Text(), nullable=False),
        sa.Column("modules", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("consent_on", sa.Date(), nullable=True),
        sa.Column("consent_recorded_by", sa.Integer(), nullable=True),
        sa.Column("is_example", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status <> 'published' OR consent_on IS NOT NULL", name=op.f("ck_success_story_consent")),
        sa.ForeignKeyConstraint(["consent_recorded_by"], ["staff_user.id"],
                                name=op.f("fk_success_story_consent_recorded_by_staff_user")),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], name=op.f("fk_success_story_provider_id_provider"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_success_story")),
    )
    op.create_index(op.f("ix_success_story_provider_id"), "success_story", ["provider_id"], unique=False)
    op.create_index(op.f("ix_success_story_status"), "success_story", ["status"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_success_story_status"), table_name="success_story")
    op.drop_index(op.f("ix_success_story_provider_id"), table_name="success_story")
    op.drop_table("success_story")
    op.drop_index(op.f("ix_provider_offer_provider_id"), table_name="provider_offer")
    op.drop_table("provider_offer")
    op.drop_table("provider_costs")
