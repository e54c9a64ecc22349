"""The store's schema: a person who said yes, what they chose to keep.

A ``Person`` row exists only after consent; there is no row for people who
just chat. Rasa's own ``events`` table (the conversation) is not declared
here: Rasa creates and owns it (see ``conversations``).
"""
from __future__ import annotations

from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


def utcnow() -> datetime:
    """Naive UTC, the same on SQLite and PostgreSQL."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Person(Base):
    """One conversation partner, keyed by the channel's sender id."""

    __tablename__ = "people"
    __table_args__ = (sa.UniqueConstraint("sender_id", name="uq_people_sender_id"),)

    id = sa.Column(sa.Integer, primary_key=True)
    sender_id = sa.Column(sa.String(255), nullable=False)
    consent_given_at = sa.Column(sa.DateTime, nullable=True)
    country = sa.Column(sa.String(2), nullable=True)
    language = sa.Column(sa.String(8), nullable=True)
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    last_seen_at = sa.Column(sa.DateTime, nullable=False, default=utcnow, index=True)

    scripts = relationship("SavedScript", back_populates="person", cascade="all, delete-orphan",
                           passive_deletes=True, order_by="SavedScript.id")
    check_ins = relationship("CheckIn", back_populates="person", cascade="all, delete-orphan",
                             passive_deletes=True, order_by="CheckIn.id")
    alliance_check_ins = relationship("AllianceCheckIn", back_populates="person", cascade="all, delete-orphan",
                                      passive_deletes=True, order_by="AllianceCheckIn.id")
    decision_summaries = relationship("DecisionSummary", back_populates="person", cascade="all, delete-orphan",
                                      passive_deletes=True, order_by="DecisionSummary.id")


class SavedScript(Base):
    """A "raise it" script the person asked us to keep."""

    __tablename__ = "saved_scripts"

    id = sa.Column(sa.Integer, primary_key=True)
    person_id = sa.Column(sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True)
    text = sa.Column(sa.Text, nullable=False)
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)

    person = relationship("Person", back_populates="scripts")


class CheckIn(Base):
    """A later "how did it go?" the person agreed to (not offered yet; the schema has room)."""

    __tablename__ = "check_ins"

    id = sa.Column(sa.Integer, primary_key=True)
    person_id = sa.Column(sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True)
    due_at = sa.Column(sa.DateTime, nullable=False)
    topic = sa.Column(sa.Text, nullable=True)
    done_at = sa.Column(sa.DateTime, nullable=True)
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)

    person = relationship("Person", back_populates="check_ins")


class AllianceCheckIn(Base):
    """How the working alliance felt after a session: bond, goals, method, each 1-5 (issue 14)."""

    __tablename__ = "alliance_check_ins"
    __table_args__ = (sa.CheckConstraint("bond BETWEEN 1 AND 5 AND goals BETWEEN 1 AND 5 AND method BETWEEN 1 AND 5",
                                         name="ck_alliance_check_ins_scores"),)

    id = sa.Column(sa.Integer, primary_key=True)
    person_id = sa.Column(sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True)
    bond = sa.Column(sa.SmallInteger, nullable=False)
    goals = sa.Column(sa.SmallInteger, nullable=False)
    method = sa.Column(sa.SmallInteger, nullable=False)
    note = sa.Column(sa.Text, nullable=True)
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)

    person = relationship("Person", back_populates="alliance_check_ins")


class DecisionSummary(Base):
    """The decision aid's three-part summary, as the person read it (issue 14)."""

    __tablename__ = "decision_summaries"

    id = sa.Column(sa.Integer, primary_key=True)
    person_id = sa.Column(sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True)
    text = sa.Column(sa.Text, nullable=False)
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)

    person = relationship("Person", back_populates="decision_summaries")
