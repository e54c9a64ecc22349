"""The triage taxonomy of ../shared/TAXONOMY.md, in one place.

Intents for situations are named ``<level>_<concern>`` so that the level and
the concern can always be read back from an intent name, by the safety screen,
the actions and the evaluation alike.
"""
from __future__ import annotations

from typing import Dict, Optional, Tuple

CRISIS = "crisis"
RED_FLAG = "red_flag"
RUPTURE = "rupture"

#: The retrieval intent of questions around therapy (``knowledge/<topic>``): the knowledge
#: selector ranks its topics, bot.dialogue.knowledge decides which one is answered.
RETRIEVAL_INTENT = "knowledge"
#: Where the knowledge selector writes the probability that no topic answers the message, beside
#: its ranking (read by bot.dialogue.knowledge.decide).
NOT_A_TOPIC_KEY = "not_a_topic"
#: Intents a knowledge answer follows whatever their wording (bot.dialogue.knowledge.decide).
QUESTION_INTENTS = (RETRIEVAL_INTENT, "ask_how_therapy_works", "ask_return_after_bad_experience")

#: Most serious first; the index is the rank used for "never goes down".
LEVELS: Tuple[str, ...] = (CRISIS, RED_FLAG, RUPTURE)

CONCERNS: Dict[str, Tuple[str, ...]] = {
    CRISIS: ("suicide", "self_harm", "harm_to_others", "in_danger"),
    RED_FLAG: (
        "sexual_misconduct",
        "unwanted_touch",
        "dual_relationship",
        "confidentiality_breach",
        "verbal_abuse",
        "exploitation",
        "discrimination",
        "impairment",
        "coercion",
    ),
    RUPTURE: (
        "misunderstood",
        "judged",
        "hurtful_remark",
        "goals",
        "method",
        "pace",
        "no_connection",
        "stuck",
        "style",
        "cultural_mismatch",
        "reliability",
        "practical",
    ),
}


def intent_name(level: str, concern: str) -> str:
    """The NLU intent that carries ``concern`` of ``level``."""
    return f"{level}_{concern}"


#: intent name -> (level, concern)
INTENT_TRIAGE: Dict[str, Tuple[str, str]] = {
    intent_name(level, concern): (level, concern)
    for level, concerns in CONCERNS.items()
    for concern in concerns
}


def triage_of_intent(intent: Optional[str]) -> Optional[Tuple[str, str]]:
    """(level, concern) for a situation intent, ``None`` for everyday intents."""
    if not intent:
        return None
    return INTENT_TRIAGE.get(intent)


def rank(level: Optional[str]) -> int:
    """Seriousness of a level: higher is more serious, 0 for no level."""
    if level not in LEVELS:
        return 0
    return len(LEVELS) - LEVELS.index(level)


def more_serious(a: Optional[str], b: Optional[str]) -> Optional[str]:
    """The more serious of two levels (``None`` when both are unset)."""
    return a if rank(a) >= rank(b) else b
