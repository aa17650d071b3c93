"""Contact requests, providers, staff accounts, inbox notes, audit log, mail outbox.

Revision ID: 0004_contact
Revises: 0003_budget
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_contact"
down_revision = "0003_budget"
branch_labels = None
depends_on = None


def _timestamp(name, nullable=False):
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _index(table, *columns, unique=False):
    op.create_index(op.f(f"ix_{table}_{columns[0]}"), table, list(columns), unique=unique)


def upgrade():
    op.create_table(
        "provider",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description_de", sa.Text(), nullable=False),
        sa.Column("description_en", sa.Text(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("notify_email", sa.String(length=254), nullable=False),
        _timestamp("created_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provider")),
        sa.UniqueConstraint("slug", name=op.f("uq_provider_slug")),
    )
    op.create_table(
        "provider_area",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("postcode_from", sa.String(length=5), nullable=False),
        sa.Column("postcode_to", sa.String(length=5), nullable=False),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], name=op.f("fk_provider_area_provider_id_provider"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provider_area")),
    )
    _index("provider_area", "provider_id")
    op.create_table(
        "partner_workshop",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("town", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], name=op.f("fk_partner_workshop_provider_id_provider"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_workshop")),
        sa.UniqueConstraint("slug", name=op.f("uq_partner_workshop_slug")),
    )
    _index("partner_workshop", "provider_id")
    op.create_table(
        "staff_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        _timestamp("created_at"),
        _timestamp("last_login_at", nullable=True),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], name=op.f("fk_staff_user_provider_id_provider")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_user")),
        sa.UniqueConstraint("email", name=op.f("uq_staff_user_email")),
    )
    _index("staff_user", "provider_id")

    op.create_table(
        "mail_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        _timestamp("created_at"),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _timestamp("next_attempt_at"),
        _timestamp("claimed_until", nullable=True),
        _timestamp("sent_at", nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_outbox")),
    )
    _index("mail_outbox", "status")

    op.create_table(
        "contact_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=7), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        _timestamp("created_at"),
        sa.Column("status", sa.String(length=12), nullable=False),
        _timestamp("closed_at", nullable=True),
        sa.Column("assigned_to_id", sa.Integer(), nullable=True),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("routed_by", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("contact_way", sa.String(length=20), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("postal_address", sa.String(length=300), nullable=False),
        sa.Column("helper_name", sa.String(length=100), nullable=False),
        sa.Column("helper_contact", sa.String(length=200), nullable=False),
        sa.Column("good_times", sa.String(length=200), nullable=False),
        sa.Column("postcode", sa.String(length=5), nullable=False),
        sa.Column("workshop_name", sa.String(length=200), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("klaerung_result", sa.JSON(), nullable=True),
        sa.Column("consent_version", sa.String(length=20), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], name=op.f("fk_contact_request_provider_id_provider")),
        sa.ForeignKeyConstraint(["assigned_to_id"], ["staff_user.id"],
                                name=op.f("fk_contact_request_assigned_to_id_staff_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_request")),
        sa.UniqueConstraint("reference", name=op.f("uq_contact_request_reference")),
    )
    _index("contact_request", "provider_id")
    _index("contact_request", "created_at")
    _index("contact_request", "status")
    _index("contact_request", "closed_at")
    op.create_table(
        "contact_draft",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        _timestamp("updated_at"),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_contact_draft")),
    )
    _index("contact_draft", "updated_at")
    op.create_table(
        "contact_deletion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=7), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        _timestamp("received_at"),
        _timestamp("deleted_at"),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("deleted_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], name=op.f("fk_contact_deletion_provider_id_provider")),
        sa.ForeignKeyConstraint(["deleted_by_id"], ["staff_user.id"],
                                name=op.f("fk_contact_deletion_deleted_by_id_staff_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_deletion")),
    )
    _index("contact_deletion", "reference")
    _index("contact_deletion", "provider_id")
    _index("contact_deletion", "deleted_at")

    op.create_table(
        "inbox_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        _timestamp("created_at"),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["request_id"], ["contact_request.id"],
                                name=op.f("fk_inbox_history_request_id_contact_request"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["author_id"], ["staff_user.id"], name=op.f("fk_inbox_history_author_id_staff_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_history")),
    )
    _index("inbox_history", "request_id")
    op.create_table(
        "inbox_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        _timestamp("created_at"),
        sa.Column("provider_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], name=op.f("fk_inbox_audit_provider_id_provider")),
        sa.ForeignKeyConstraint(["user_id"], ["staff_user.id"], name=op.f("fk_inbox_audit_user_id_staff_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_audit")),
    )
    _index("inbox_audit", "created_at")
    _index("inbox_audit", "provider_id")
    op.create_table(
        "login_throttle",
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        _timestamp("last_failure_at", nullable=True),
        _timestamp("locked_until", nullable=True),
        sa.PrimaryKeyConstraint("key_hash", name=op.f("pk_login_throttle")),
    )


def downgrade():
    for table in ("login_throttle", "inbox_audit", "inbox_history", "contact_deletion", "contact_draft",
                  "contact_request", "mail_outbox", "staff_user", "partner_workshop", "provider_area", "provider"):
        op.drop_table(table)
