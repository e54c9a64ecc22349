"""Did the conversation store fail during this turn?

Why: Rasa wraps every tracker store in ``FailSafeTrackerStore``, which
swallows a failed read (the turn then runs on a blank conversation: a reply
out of context) and a failed save (the turn is kept in that process's memory
only, and lost). With the database down for a moment, the person would get
a wrong answer and their message would vanish without a word. So the tracker
store (``bot.store.tracker_store``) notes each failure here, and the
channel's turn (``bot.channels.turns``) drops whatever that turn said and
sends "something went wrong on our side" instead.

A ``ContextVar`` holds one record per turn: the channel and the tracker store
run in the same asyncio task, and concurrent turns never see each other's.
"""
from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Optional


@dataclass
class TurnRecord:
    """What went wrong with the store in one turn (None: nothing)."""

    failed: Optional[BaseException] = None


_current: ContextVar[Optional[TurnRecord]] = ContextVar("alliance_store_turn", default=None)


def watch_turn() -> TurnRecord:
    """Start a fresh record for the turn that runs in this task from now on."""
    record = TurnRecord()
    _current.set(record)
    return record


def note_failure(error: BaseException) -> None:
    """Called by the tracker store when a read or a write raised (outside a turn: nothing to note)."""
    record = _current.get()
    if record is not None and record.failed is None:
        record.failed = error


class EarlierFailure(RuntimeError):
    """A save refused because this turn's read had already failed."""


def failed_this_turn() -> bool:
    """True when a read in this turn failed: its tracker is a blank one, never to be written over the real one."""
    record = _current.get()
    return record is not None and record.failed is not None
