"""Decision-aid summaries: the three-part answer to "is it me or my therapist?", kept as text.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05

Kept as the text the person read (not the answers behind it), so that what
they see in an export is what they were shown.
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decision_summaries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_decision_summaries_person_id", "decision_summaries", ["person_id"])


def downgrade() -> None:
    op.drop_table("decision_summaries")
