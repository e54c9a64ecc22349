"""Forgetting one person everywhere, as one piece of work.

Their rows and every tracker event go in one transaction; then the SQLite
file is reclaimed (``database.reclaim``: stale copies of moved rows survive a
DELETE). "delete my data" (through the tracker store) and ``alliance erase``
both come here, so the two cannot drift apart.
"""
from __future__ import annotations

from typing import Dict, Optional

from bot.store import people
from bot.store.database import reclaim, session_scope


def forget(sender_id: str, url: Optional[str] = None) -> Dict[str, int]:
    """Erase the person's rows and conversation; returns how many rows of each kind went."""
    with session_scope(url) as session:
        removed = people.erase(session, sender_id)
    reclaim(url)
    return removed
