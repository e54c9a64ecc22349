"""Reading a person's alliance check-ins: which advice fits their history, and a compact trend.

Why its own module: the advice depends on the whole history, not today's
scores alone (issue 14), and the same reading serves every channel. It holds
no sentences: it names the domain response to send and the numbers to show.

A check-in scores three parts of the working alliance from 1 to 5: the
``bond`` (feeling understood and respected), agreement on ``goals`` (what the
therapy is for) and on the ``method`` (how the two of you work).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import mean
from typing import List, Optional, Sequence

PARTS = ("bond", "goals", "method")
#: how a part is named in the trend line and in the advice's {part} variable
PART_NAMES = {"bond": "feeling understood", "goals": "agreeing on goals", "method": "how you work together"}
#: a part scored at or below this is low
LOW = 2
#: a fall of at least this much in the average since the check-in before is a fall
FALL = 1.0
#: this many low check-ins in a row (average at or below LOW_AVERAGE) make a better fit worth weighing
LOW_RUN, LOW_AVERAGE = 3, 2.5
#: the alliance usually forms over the first three sessions: up to this many check-ins is "early"
EARLY = 2
#: the trend shows the last this many check-ins
SHOWN = 10


@dataclass(frozen=True)
class Scores:
    bond: int
    goals: int
    method: int

    @property
    def average(self) -> float:
        return mean((self.bond, self.goals, self.method))

    @property
    def lowest(self) -> str:
        """The weakest part (the first of equals, in the order bond, goals, method)."""
        return min(PARTS, key=lambda part: getattr(self, part))


@dataclass(frozen=True)
class Reading:
    response: str
    part: Optional[str] = None


def read(history: Sequence[Scores]) -> Reading:
    """The advice for a history of check-ins, oldest first (the last is today's)."""
    if not history:
        raise ValueError("no check-ins to read")
    today = history[-1]
    recent = history[-LOW_RUN:]
    if len(recent) == LOW_RUN and all(scores.average <= LOW_AVERAGE for scores in recent):
        return Reading("utter_check_in_better_fit", today.lowest)
    fell = len(history) >= 2 and history[-2].average - today.average >= FALL
    if getattr(today, today.lowest) <= LOW or fell:
        return Reading("utter_check_in_raise_it", today.lowest)
    if len(history) <= EARLY:
        return Reading("utter_check_in_early")
    return Reading("utter_check_in_steady")


def trend(history: Sequence[Scores]) -> str:
    """One line per part over the last check-ins: ``feeling understood  3 → 4 → 4``."""
    shown = list(history)[-SHOWN:]
    width = max(len(name) for name in PART_NAMES.values())
    return "\n".join(f"{PART_NAMES[part].ljust(width)}  " + " → ".join(str(getattr(s, part)) for s in shown)
                     for part in PARTS)


_SCORE = re.compile(r"^\D*?\b([1-5])\b(?:\s*(?:/|out of|of)\s*5)?\D*$")


def score_of(value: object) -> Optional[int]:
    """A 1-5 score from a button payload or typed text ("4", "4/5", "a 4 I guess"), else ``None``."""
    found = _SCORE.match(str(value or "").strip().lower())
    return int(found.group(1)) if found else None


def history_of(rows: List[dict]) -> List[Scores]:
    return [Scores(int(r["bond"]), int(r["goals"]), int(r["method"])) for r in rows]
