"""Rasa's tracker events, seen from our side of the same database.

Rasa's SQLTrackerStore creates and owns the ``events`` table; we only read a
person's rows for export and delete them for erase and retention. The table
is described here with its own MetaData so that our migrations never touch it.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List

import sqlalchemy as sa
from sqlalchemy.orm import Session

EVENTS = sa.Table(
    "events", sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False),
    sa.Column("type_name", sa.String(255), nullable=False),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
)


def _exists(session: Session) -> bool:
    """False until Rasa has started once on this database."""
    return sa.inspect(session.connection()).has_table("events")


def messages_of(session: Session, sender_id: str) -> List[Dict[str, Any]]:
    """What was said in the conversation, both sides, oldest first."""
    if not _exists(session):
        return []
    rows = session.execute(
        sa.select(EVENTS.c.type_name, EVENTS.c.timestamp, EVENTS.c.data)
        .where(EVENTS.c.sender_id == sender_id, EVENTS.c.type_name.in_(("user", "bot")))
        .order_by(EVENTS.c.id)
    )
    messages = []
    for type_name, timestamp, data in rows:
        text = (json.loads(data or "{}") or {}).get("text")
        if text:
            messages.append({"from": "you" if type_name == "user" else "Alliance", "time": timestamp, "text": text})
    return messages


def count_events(session: Session, sender_id: str) -> int:
    if not _exists(session):
        return 0
    return session.execute(
        sa.select(sa.func.count()).select_from(EVENTS).where(EVENTS.c.sender_id == sender_id)
    ).scalar_one()


def delete_events(session: Session, sender_id: str) -> int:
    """Every tracker event of the conversation; returns how many rows went."""
    if not _exists(session):
        return 0
    return session.execute(sa.delete(EVENTS).where(EVENTS.c.sender_id == sender_id)).rowcount


def delete_quiet_since(session: Session, cutoff: float) -> int:
    """Every conversation whose last event is older than ``cutoff`` (a Unix time), in one statement."""
    if not _exists(session):
        return 0
    quiet = (sa.select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id)
             .having(sa.func.max(EVENTS.c.timestamp) < cutoff).scalar_subquery())
    return session.execute(sa.delete(EVENTS).where(EVENTS.c.sender_id.in_(quiet))).rowcount
