"""People who consented, their saved scripts, room for check-ins.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("consent_given_at", sa.DateTime, nullable=True),
        sa.Column("country", sa.String(2), nullable=True),
        sa.Column("language", sa.String(8), nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_seen_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("sender_id", name="uq_people_sender_id"),
    )
    op.create_index("ix_people_last_seen_at", "people", ["last_seen_at"])
    op.create_table(
        "saved_scripts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_saved_scripts_person_id", "saved_scripts", ["person_id"])
    op.create_table(
        "check_ins",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
        sa.Column("due_at", sa.DateTime, nullable=False),
        sa.Column("topic", sa.Text, nullable=True),
        sa.Column("done_at", sa.DateTime, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_check_ins_person_id", "check_ins", ["person_id"])


def downgrade() -> None:
    op.drop_table("check_ins")
    op.drop_table("saved_scripts")
    op.drop_table("people")
