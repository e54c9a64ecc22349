"""Reading the answer to the risk check: ``yes``, ``no`` or ``deflect``.

Why its own module: the Rasa server (the policy that sends the crisis reply
without waiting for the action server) and the action server (slots and
resuming) must read an answer the same way. The patterns are data, in
``risk_answers.yml`` beside this file.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Pattern

import yaml

from bot.understanding.taxonomy import CRISIS, triage_of_intent

YES, NO, DEFLECT = "yes", "no", "deflect"
#: Readings of the answer to "are you safe right now?".
SAFE, NOT_SAFE, UNSURE = "safe", "not_safe", "unsure"

#: Intents that answer the question by themselves.
YES_INTENTS = frozenset({"affirm", "state_not_safe"})
NO_INTENTS = frozenset({"deny", "state_safe"})
#: An answer longer than this is not a short hedge: "anywhere" patterns are not used.
_SHORT_WORDS = 12
#: "I'm safe, just ..." said in more words than this is a story, not an answer.
_SAID_WORDS = 24

_FILE = Path(__file__).resolve().parent / "risk_answers.yml"
_LEADING_NOISE = re.compile(r"^[^\w]+", re.UNICODE)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


@lru_cache(maxsize=1)
def _patterns() -> Dict[str, Dict[str, List[Pattern[str]]]]:
    data = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    return {kind: {where: [re.compile(p) for p in pats] for where, pats in spots.items()}
            for kind, spots in data.items()}


def read_safety_answer(text: Optional[str], intent: Optional[str] = None) -> Optional[str]:
    """``safe``, ``not_safe``, ``unsure``, or ``None`` (not an answer) for a reply to "are you safe right now?".

    A crisis intent is ``None``: the crisis rules answer it. A hedge in a
    short answer is ``unsure`` whatever the intent, because "yeah,
    sometimes" is not safe.
    """
    if intent and intent.startswith("crisis_"):
        return None
    if intent == "state_not_safe":
        return NOT_SAFE
    words = _normalise(text)
    count = len(words.split())
    table = _patterns()
    if count <= _SHORT_WORDS and any(p.search(words) for p in table["safe_hedge"]["anywhere"]):
        return UNSURE
    if count <= _SAID_WORDS and any(p.search(words) for p in table["safe_said"]["anywhere"]):
        return SAFE
    if intent in ("state_safe", "affirm"):
        return SAFE
    if intent == "deny":
        return NOT_SAFE
    return None


def _normalise(text: str) -> str:
    return _LEADING_NOISE.sub("", (text or "").translate(_QUOTES).lower().strip())


def read_answer(text: Optional[str], intent: Optional[str] = None) -> str:
    """``yes`` (also "not sure" and hedges), ``no``, or ``deflect`` for anything else.

    A crisis intent is always ``yes``: an answer that itself signals danger
    counts as one. ``deflect`` is treated like "not sure" by the caller.
    """
    if intent and intent.startswith("crisis_") or intent in YES_INTENTS:
        return YES
    words = _normalise(text)
    table = _patterns()
    if any(p.match(words) for p in table[YES]["start"]):
        return YES
    if len(words.split()) <= _SHORT_WORDS and any(p.search(words) for p in table[YES]["anywhere"]):
        return YES
    if intent in NO_INTENTS or any(p.match(words) for p in table[NO]["start"]):
        return NO
    return DEFLECT


#: A red flag or rupture weaker than this is not what a crisis-read follow-up is taken up as:
#: "should I tell her about the night stuff? I'm scared she'll get me sectioned" ranked coercion
#: second at 0.2 and is a question, not a complaint about the therapist.
_TAKE_UP_TRIAGE_CONFIDENCE = 0.5
_NOT_TAKEN_UP = frozenset({"nlu_fallback", "risk_unclear"})


def taken_up_intent(parse: Dict) -> Dict:
    """What a message whose crisis reading rests on the classifier alone is otherwise about.

    The best-ranked intent that is not a crisis, nor a weak red flag or
    rupture; ``out_of_scope`` when nothing else is left. Shared by the policy
    that decides to take such a message up and the action that does it.
    """
    underlying = parse.get("alliance_underlying") or {}
    candidates = ([underlying] if underlying.get("name") else []) + list(parse.get("intent_ranking") or [])
    for candidate in candidates:
        name = candidate.get("name")
        triage = triage_of_intent(name)
        if not name or name in _NOT_TAKEN_UP or (triage and triage[0] == CRISIS):
            continue
        if triage and float(candidate.get("confidence") or 0.0) < _TAKE_UP_TRIAGE_CONFIDENCE:
            continue
        return {"name": name, "confidence": float(candidate.get("confidence") or 0.0)}
    return {"name": "out_of_scope", "confidence": 1.0}
