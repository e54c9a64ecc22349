"""How much one conversation may send, and how big one request may be.

Why per conversation and never per address or token: a clinic's network, a
test run or an evaluation sends many conversations from one address with one
token, and each of them must keep working. A flood inside one conversation
is the thing to slow down, because its turns are handled one at a time and
would queue behind each other anyway.

The bucket is kept in the process (a replica throttles what it receives);
it forgets the least recently seen conversations beyond ``MAX_TRACKED``.
"""
from __future__ import annotations

import os
import time
from collections import OrderedDict
from typing import Callable, Dict, Optional

from bot.common import wording

#: bytes in one HTTP request to a channel endpoint (a 100 kB message fits)
MAX_BODY_BYTES = 256 * 1024
#: characters of one message the assistant reads; the rest is cut, not refused
MAX_TEXT_CHARS = 100_000
#: turns a second one conversation may keep up, and the burst above that
#: (``ALLIANCE_RATE_PER_SECOND`` / ``ALLIANCE_RATE_BURST``; never below 5 a second,
#: which tests, evaluations and fast typists need)
RATE_PER_SECOND = 10.0
BURST = 30
MIN_RATE_PER_SECOND = 5.0
MAX_TRACKED = 50_000
#: a throttled conversation is told to slow down at most this often (seconds)
WARN_EVERY = 10.0

#: what the channels say themselves (domain.yml, ``utter_channel_*``)
TOO_BIG = wording.text("utter_channel_too_big")
OUR_FAULT = wording.text("utter_channel_our_fault")
NOT_READABLE = wording.text("utter_channel_not_readable")


class SeenOnce:
    """The last ``size`` keys taken: ``first_time(key)`` is True once per key (replays, retries).

    A key that is empty or not hashable-as-usual (None) is always new: there is
    nothing to compare, and dropping a message is worse than answering twice.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._keys: "OrderedDict[object, None]" = OrderedDict()

    def first_time(self, key: object) -> bool:
        if key is None or key == "":
            return True
        if key in self._keys:
            return False
        self._keys[key] = None
        while len(self._keys) > self.size:
            self._keys.popitem(last=False)
        return True


def slow_down(language: Optional[str]) -> str:
    """The "slow down" sentence in the person's language (English when unknown)."""
    return wording.text("utter_channel_slow_down", language)


class ConversationRate:
    """A token bucket per conversation id: ``allow(id)`` is False when it sends too fast."""

    def __init__(self, per_second: Optional[float] = None, burst: Optional[int] = None,
                 max_tracked: int = MAX_TRACKED, clock: Callable[[], float] = time.monotonic) -> None:
        if per_second is None:
            per_second = max(MIN_RATE_PER_SECOND, float(os.environ.get("ALLIANCE_RATE_PER_SECOND") or RATE_PER_SECOND))
        if burst is None:
            burst = max(int(MIN_RATE_PER_SECOND), int(os.environ.get("ALLIANCE_RATE_BURST") or BURST))
        if per_second <= 0 or burst < 1:
            raise ValueError("a rate needs per_second > 0 and burst >= 1")
        self.per_second = per_second
        self.burst = float(burst)
        self.max_tracked = max_tracked
        self.clock = clock
        self._buckets: "OrderedDict[str, list]" = OrderedDict()
        self._warned: "OrderedDict[str, float]" = OrderedDict()

    def allow(self, conversation_id: str) -> bool:
        now = self.clock()
        tokens, last = self._buckets.pop(conversation_id, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.per_second)
        allowed = tokens >= 1.0
        self._buckets[conversation_id] = [tokens - 1.0 if allowed else tokens, now]
        while len(self._buckets) > self.max_tracked:
            self._buckets.popitem(last=False)
        return allowed

    def warn(self, conversation_id: str) -> bool:
        """True when a throttled conversation should be told to slow down (once per ``WARN_EVERY``).

        Channels that push replies (Telegram, Slack, the widget) use it so that
        a flood does not turn into a flood of "slow down" messages.
        """
        now = self.clock()
        last = self._warned.pop(conversation_id, None)
        due = last is None or now - last >= WARN_EVERY
        self._warned[conversation_id] = now if due else last
        while len(self._warned) > self.max_tracked:
            self._warned.popitem(last=False)
        return due

    def snapshot(self) -> Dict[str, float]:
        """Tokens left per conversation (for tests and debugging)."""
        return {key: value[0] for key, value in self._buckets.items()}
