"""Rasa's SQL tracker store on the project's database, with erase built in.

Rasa saves a turn by appending the events it has not stored yet (it counts
the stored rows). Deleting rows from the action server in the middle of a
turn would make Rasa write the whole conversation back. So the action only
asks, and the erase happens here, at the end of the turn that ran
``action_delete_my_data``: every event row of the sender and their store rows
go in one transaction, and nothing of that turn is written back.

A read or a write that fails (the database restarting) is noted for the turn
(``bot.store.outage``) before Rasa's ``FailSafeTrackerStore`` swallows it, so
the person is told something went wrong instead of getting an answer from a
blank conversation. On PostgreSQL the engine checks a pooled connection
before using it (``pool_pre_ping``): after a database restart the first turn
works instead of meeting a dead connection.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy.orm import sessionmaker
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.common.privacy_log import pseudonym
from bot.store.database import database_url, ensure_sqlite_dir, harden
from bot.store.forget import forget
from bot.store.outage import EarlierFailure, failed_this_turn, note_failure

logger = logging.getLogger(__name__)

ERASE_ACTION = "action_delete_my_data"


def erase_requested(tracker: DialogueStateTracker) -> bool:
    """Did the latest turn (since the last user message) run the erase action?"""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == ERASE_ACTION:
            return True
    return False


class AllianceTrackerStore(SQLTrackerStore):
    """``tracker_store: type: bot.store.tracker_store.AllianceTrackerStore`` in endpoints.yml."""

    def __init__(self, domain: Optional[Domain] = None, event_broker: Optional[EventBroker] = None,
                 url: Optional[str] = None, host: Optional[str] = None, **kwargs: Any) -> None:
        # Rasa passes the endpoint's `url`/`host` (unset here); the database is ours to choose.
        self.url = url or database_url()
        ensure_sqlite_dir(self.url)
        # A URL with "://" in `host` is used as it is by SQLTrackerStore.
        super().__init__(domain=domain, host=self.url, event_broker=event_broker, **kwargs)
        if self.engine.dialect.name != "sqlite":
            self.engine.dispose()
            self.engine = sa.create_engine(self.url, pool_pre_ping=True, **create_engine_kwargs(self.url))
            self.sessionmaker = sessionmaker(bind=self.engine)
        harden(self.engine)

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        try:
            return await super().retrieve(sender_id)
        except Exception as error:
            note_failure(error)
            raise

    async def retrieve_full_tracker(self, sender_id: str) -> Optional[DialogueStateTracker]:
        try:
            return await super().retrieve_full_tracker(sender_id)
        except Exception as error:
            note_failure(error)
            raise

    async def save(self, tracker: DialogueStateTracker) -> None:
        if failed_this_turn():
            # the database came back mid-turn: this tracker started blank, and
            # Rasa appends by count, so writing it would graft it onto the real one
            raise EarlierFailure("the conversation could not be read in this turn; not saved")
        try:
            await self._save(tracker)
        except Exception as error:
            note_failure(error)
            raise

    async def _save(self, tracker: DialogueStateTracker) -> None:
        if not erase_requested(tracker):
            await super().save(tracker)
            return
        # The erase (and the VACUUM after it) may wait for the file; the server keeps answering others meanwhile.
        removed = await asyncio.get_running_loop().run_in_executor(None, forget, tracker.sender_id, self.url)
        logger.info("Erased the conversation of %s at their request (%d event rows)",
                    pseudonym(tracker.sender_id), removed["events"])
