"""Rasa's SQL tracker store on the project's database, with erase built in.

Rasa saves a turn by appending the events it has not stored yet (it counts
the stored rows). Deleting rows from the action server in the middle of a
turn would make Rasa write the whole conversation back. So the action only
asks, and the erase happens here, at the end of the turn that ran
``action_delete_my_data``: every event row of the sender and their store rows
go in one transaction, and nothing of that turn is written back.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Optional

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy_log import pseudonym
from bot.store.database import database_url, ensure_sqlite_dir, harden
from bot.store.forget import forget

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
        harden(self.engine)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if not erase_requested(tracker):
            await super().save(tracker)
            return
        # The erase (and the VACUUM after it) may wait for the file; the server keeps answering others meanwhile.
        removed = await asyncio.get_running_loop().run_in_executor(None, forget, tracker.sender_id, self.url)
        logger.info("Erased the conversation of %s at their request (%d event rows)",
                    pseudonym(tracker.sender_id), removed["events"])
