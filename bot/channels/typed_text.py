"""Typed text is text: only a button the assistant offered may speak in Rasa's ``/intent`` syntax.

Rasa reads any message that starts with ``/`` as an intent, and
``/greet{"triage": "rupture"}`` as an intent with slot values. A person (or a
script) typing that could lower a conversation in crisis to a rupture. The
channels therefore pass a ``/`` message on as a payload only when it is one
the assistant itself offered on a button in this conversation's recent
messages; anything else has its leading ``/`` swapped for a look-alike
(U+2215 DIVISION SLASH), so Rasa reads it as the words it is and the
transcript still shows what was typed.

Behind this, ``bot.understanding.payload_guard`` drops any ``{...}`` slot values from
payloads inside the NLU pipeline, whoever sent them.
"""
from __future__ import annotations

from typing import Any, Iterable, List, Optional, Set

INTENT_PREFIX = "/"
LOOK_ALIKE = "\u2215"
#: bot messages looked back over for offered buttons (old buttons in a widget transcript still work)
RECENT_BOT_MESSAGES = 20


def offered_payloads(events: Iterable[Any], recent: int = RECENT_BOT_MESSAGES) -> Set[str]:
    """Payloads of the buttons in the last ``recent`` bot messages of a tracker's events."""
    bot_messages: List[Any] = [event for event in events if getattr(event, "type_name", None) == "bot"]
    payloads: Set[str] = set()
    for event in bot_messages[-recent:]:
        for button in (getattr(event, "data", None) or {}).get("buttons") or []:
            if isinstance(button, dict) and isinstance(button.get("payload"), str):
                payloads.add(button["payload"].strip())
    return payloads


def readable(text: str) -> str:
    """The text with lone UTF-16 surrogates (``"\\ud800"`` in JSON) replaced by U+FFFD.

    JSON lets a client send half of a surrogate pair; Python keeps it, and
    spaCy then fails to hash the token, which loses the whole turn (a crisis
    message with one stray character would get no reply).
    """
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace") if _has_surrogate(text) else text


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= char <= "\udfff" for char in text)


def as_text(text: str) -> str:
    """``/anything`` as words: the leading slash becomes a look-alike Rasa does not parse."""
    stripped = text.lstrip()
    if not stripped.startswith(INTENT_PREFIX):
        return text
    return LOOK_ALIKE + stripped[len(INTENT_PREFIX):]


async def user_text(agent: Any, conversation_id: str, text: str, issued: Optional[Set[str]] = None) -> str:
    """What the assistant is told for ``text``: an offered payload as is, any other ``/...`` as text.

    ``issued`` are payloads the channel itself stands for (Telegram's ``/start``
    turned into ``/greet``); the tracker is read only for messages that start
    with ``/``, so ordinary text costs nothing.
    """
    text = readable(text)
    stripped = text.strip()
    if not stripped.startswith(INTENT_PREFIX):
        return text
    if issued and stripped in issued:
        return stripped
    tracker = None
    store = getattr(agent, "tracker_store", None)
    if store is not None:
        tracker = await store.retrieve(conversation_id)
    if tracker is not None and stripped in offered_payloads(tracker.events):
        return stripped
    return as_text(text)
