"""One turn of a conversation, the same on every channel: never silence.

Rasa logs a custom action that failed and carries on without its events
(``MessageProcessor._run_action``), so with the action server down, or a bug in
an action, a turn can end without one word sent: the person waits for a reply
that never comes. Every channel runs its turns through :func:`take_turn`,
which counts what was sent and, when a turn failed or said nothing, sends the
calm "something went wrong on our side" line instead. Crisis replies are
domain responses rendered by the Rasa server itself (``bot/replies/nlg.py``), so they
still arrive while the action server is down.

When the conversation store failed during the turn (the database restarting),
Rasa carries on from a blank conversation and keeps the turn in memory only
(``bot.store.outage`` says why). Such a turn's replies are dropped, and the
person gets the same calm line: nothing was stored, and the next turn, once
the database is back, carries on from where the conversation was.
"""
from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage

from bot.channels import limits
from bot.store.outage import TurnRecord, watch_turn

logger = logging.getLogger(__name__)


class CountedOutput(OutputChannel):
    """Passes every reply on to the channel's own output, counting them."""

    def __init__(self, inner: OutputChannel, record: Optional[TurnRecord] = None) -> None:
        self.inner = inner
        self.record = record
        self.sent = 0

    def name(self) -> Text:  # noqa: D102 -- the NLG picks channel-specific responses by this name
        return self.inner.name()

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        if self.record is not None and self.record.failed is not None:
            return  # said from a conversation the store could not read: not for the person
        self.sent += 1
        await self.inner.send_response(recipient_id, message)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.inner, attribute)


async def take_turn(on_new_message: Callable[[UserMessage], Awaitable[Any]], text: Text, out: OutputChannel,
                    sender: Text, channel: Text, metadata: Optional[Dict[Text, Any]],
                    apologise: Callable[[], Awaitable[Any]], message_id: Optional[Text] = None) -> bool:
    """Handle one message; True when the assistant answered it.

    A turn that raised, or that sent nothing (a custom action that could not
    run), gets ``apologise()`` -- the channel's way of saying
    :data:`limits.OUR_FAULT` -- and False. Nothing the person wrote is lost:
    the message is in the tracker either way, unless the store itself failed,
    and then nothing of the turn is.

    ``message_id`` (a client's idempotency key, REST only) is kept on the
    user's event so that a retried turn can be recognised
    (``bot.channels.once``).
    """
    record = watch_turn()
    counted = CountedOutput(out, record)
    try:
        await on_new_message(UserMessage(text, counted, sender, input_channel=channel, metadata=metadata,
                                         message_id=message_id))
    except Exception as error:  # noqa: BLE001 -- the person gets a calm line, the log the type
        logger.error("%s turn failed with %s", channel, type(error).__name__, exc_info=True)
        await apologise()
        return False
    if record.failed is not None:
        logger.error("%s turn: the conversation store failed (%s); nothing of it was kept",
                     channel, type(record.failed).__name__)
        collected = getattr(out, "messages", None)
        if isinstance(collected, list):
            collected.clear()  # a REST reply already collected from the blank conversation
        await apologise()
        return False
    if counted.sent == 0:
        logger.error("%s turn ended without a reply (is the action server up?)", channel)
        await apologise()
        return False
    return True


def our_fault(out: OutputChannel, recipient: Text) -> Callable[[], Awaitable[Any]]:
    """The apology as the channel's own output sends text."""
    return lambda: out.send_text_message(recipient, limits.OUR_FAULT)
