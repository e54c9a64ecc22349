"""A retried REST turn is handled once: the client's message id, looked up in the tracker.

Why: with replicas, a client whose request died with a replica (or timed
out) cannot know whether its turn was handled: the replica may have saved
the turn and died before answering. Sending it again must not make the
assistant read it twice (a crisis counted twice, a form answered twice). So a
REST client may send ``"message_id"``, a name for that one message chosen by
the client (not an identity: it only matters inside the client's own
``rest:<sender>`` conversation). Under the conversation's lock (Redis across
replicas), the tracker is read first: when a user event with that id is
already there, the replies it got are sent again and nothing is handled;
otherwise the turn runs as usual and the id is kept on the user's event.
"""
from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Optional

from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.common.privacy_log import pseudonym

logger = logging.getLogger(__name__)

_MESSAGE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def valid_message_id(value: object) -> bool:
    """1-64 of ``A-Za-z0-9._-`` (a UUID fits)."""
    return isinstance(value, str) and bool(_MESSAGE_ID.fullmatch(value))


def replies_to(tracker: DialogueStateTracker, message_id: str) -> Optional[List[Dict[str, Any]]]:
    """The bot's messages after the user message with ``message_id``, or None when there is none."""
    found, replies = False, []
    for event in tracker.events:
        if isinstance(event, UserUttered):
            if found:
                break
            found = event.message_id == message_id
        elif found and isinstance(event, BotUttered):
            replies.append({"text": event.text, **{k: v for k, v in (event.data or {}).items() if v}})
    return replies if found else None


async def handle_once(agent: Agent, message: UserMessage) -> None:
    """``Agent.handle_message`` that first looks for the message's id in the tracker, under the same lock."""
    if not agent.is_ready():
        logger.info("Ignoring message as there is no agent to handle it.")
        return
    async with agent.lock_store.lock(message.sender_id):
        tracker = await agent.tracker_store.retrieve(message.sender_id)
        earlier = replies_to(tracker, message.message_id) if tracker is not None else None
        if earlier is None:
            await agent.processor.handle_message(message)
            return
        logger.info("A retried message of %s was answered again from the tracker, not handled twice",
                    pseudonym(message.sender_id))
        for reply in earlier:
            await message.output_channel.send_response(message.sender_id, dict(reply))
