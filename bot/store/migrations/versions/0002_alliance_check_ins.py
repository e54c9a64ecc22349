"""Alliance check-ins: three 1-5 scores and an optional note, dated.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05

The ``check_ins`` table of 0001 was shaped for reminders (a due date and a
topic) and nothing writes to it; scores get their own table.
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alliance_check_ins",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
        sa.Column("bond", sa.SmallInteger, nullable=False),
        sa.Column("goals", sa.SmallInteger, nullable=False),
        sa.Column("method", sa.SmallInteger, nullable=False),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("bond BETWEEN 1 AND 5 AND goals BETWEEN 1 AND 5 AND method BETWEEN 1 AND 5",
                           name="ck_alliance_check_ins_scores"),
    )
    op.create_index("ix_alliance_check_ins_person_id", "alliance_check_ins", ["person_id"])


def downgrade() -> None:
    op.drop_table("alliance_check_ins")
