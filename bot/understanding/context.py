"""Message-level cues that say how sure a crisis finding is.

Why: the screen reads clause by clause, but people write whole stories. A
crisis told as over, suicide as a topic, or a figure of speech about the
bus is usually not a crisis, and the same words next to "again" or
"tonight" are. These cues turn a crisis phrase's reply into the direct
question, and into nothing only when the classifier sees no crisis either
(see ``SafetyScreenComponent.decide``). The patterns are data, in
``context_cues.yml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Pattern, Tuple

import yaml

from bot.understanding.safety_screen import normalise, required_strings

_FILE = Path(__file__).resolve().parent / "context_cues.yml"
#: Long texts are read only this far: cues are about framing, which comes early.
_MAX_CHARS = 6000


@dataclass(frozen=True)
class Cues:
    resolved: bool
    mention: bool
    hyperbole: bool
    relapse: bool
    #: Said outright not to be meant literally ("ground floor, relax", "metaphorically").
    figurative: bool = False
    #: The conditional of annoyance: "if she calls one more time I'll ...".
    exasperated: bool = False
    #: Intrusive thoughts named as such (OCD): "intrusive thoughts about hurting the baby".
    intrusive: bool = False
    #: Said to be fine or not at risk now, with nothing telling it as over: "I'm fine, but ...".
    denied: bool = False
    #: The therapist's screening question told, and answered no ("I said no, which is true").
    answered_no: bool = False

    @property
    def screening_answered_no(self) -> bool:
        """Suicide as a question someone asked, answered no, with nothing saying it is back or was a lie."""
        return self.mention and self.answered_no and not self.relapse

    @property
    def softening(self) -> bool:
        """Something in the message makes a crisis phrase less sure, and nothing makes it surer."""
        return (self.resolved or self.mention or self.hyperbole or self.figurative
                or self.exasperated or self.intrusive or self.denied) and not self.relapse

    def softens(self, concern: Optional[str]) -> bool:
        """Whether these cues make a crisis finding of ``concern`` less sure.

        A crisis told as over softens any concern. Talk about the topic or
        somebody else's story softens suicide and self-harm only: "my sister
        is in hospital because he hit her" is no reason to doubt danger at
        home. A joke softens only threats against others ("I'll kill him
        lol"): said of oneself, "haha" and "lol" are a known way of taking a
        disclosure back ("does the express stop at the little station? for
        uh reasons haha"), so they never soften suicide or self-harm. Saying
        outright that it is not meant literally ("ground floor, relax")
        softens any concern.
        """
        if self.relapse:
            return False
        return (self.resolved or self.figurative
                or (self.mention and concern in ("suicide", "self_harm"))
                or ((self.hyperbole or self.exasperated or self.intrusive) and concern == "harm_to_others"))

    def doubts(self, concern: Optional[str]) -> bool:
        """Whether a crisis phrase about oneself gets the question rather than the crisis reply.

        "If I have to fill in one more worksheet I'm going to walk into the
        sea" is nearly always exasperation, but "if he hits me one more time
        I'll kill myself" is not: the conditional of annoyance never silences
        suicide or self-harm, it only asks instead of sending the crisis reply.
        A denial ("I'm fine only, no big problem", "not suicidal or anything")
        is the same for any concern: often true, and as often the line said
        just before the real thing, so it asks and never silences.
        """
        if self.relapse:
            return False
        return self.denied or (self.exasperated and concern in ("suicide", "self_harm"))


@lru_cache(maxsize=1)
def _patterns() -> Dict[str, List[Tuple[Pattern[str], Optional[Tuple[str, ...]]]]]:
    """Each kind's patterns, with the strings one of which any match holds (a cheap first test)."""
    data = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    return {kind: [(re.compile(p), required_strings(p)) for p in patterns] for kind, patterns in data.items()}


def _found(lowered: str, patterns: List[Tuple[Pattern[str], Optional[Tuple[str, ...]]]]) -> bool:
    return any((required is None or any(r in lowered for r in required)) and regex.search(lowered)
               for regex, required in patterns)


def cues(text: str) -> Cues:
    lowered = normalise((text or "")[:_MAX_CHARS])
    return Cues(**{kind: _found(lowered, patterns) for kind, patterns in _patterns().items()})
