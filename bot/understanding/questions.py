"""Whether a message asks something, and when a question the classifier put out of scope is one about therapy.

Why here: the knowledge selector (an NLU component) and the dialogue's
knowledge decision (bot/dialogue/knowledge.py) read a question the same way,
and the understanding layer may not import the dialogue one.
"""
from __future__ import annotations

import re
from typing import Optional

#: A question: a question mark, a sentence that opens the way questions do ("is it normal..."), or
#: a question typed after a comma with no question mark, as chat lines are ("she touched my arm,
#: is that allowed", "I hate them, how do I say that to her"): an inverted verb and its subject.
_ASKS = re.compile(r"\?|(?:^|[.!]\s+)(?:how|what|is|are|should|can|could|do|does|would|why|when|where|which|any)\b"
                   r"|,\s*(?:is|are|was|should|can|could|do|does|did|would|will) (?:this|that|it|she|he|they|i|we|"
                   r"there|my|her|his)\b"
                   r"|,\s*(?:how|why|what|where|who) (?:do|does|did|can|could|should|would|is|are|was) \w+",
                   re.IGNORECASE)
#: A question the intent classifier put out of scope is still a question about therapy when the
#: selector is this sure of one topic ("what's EMDR then? my friend swears it changed her life":
#: out_of_scope 0.54, EMDR 0.51). Applied by bot/understanding/knowledge_selector.py.
OUT_OF_SCOPE_ANSWER_CONFIDENCE = 0.3


#: A reply that only says "I'm lost" ("?", "hello??", "huh", "what do you mean"): the last answer
#: did not land, which is no reason to say "I didn't understand" back.
_PUZZLED = re.compile(r"^\W*(\?+|hello\?+|hi\?+|huh\W*|eh\?+|what\?+|wdym\W*|what do you mean\W*|"
                      r"i don'?t (get|understand) (it|that|what you mean)\W*|sorry,? what\?*|you there\?+|"
                      r"are you (still )?there\?+|confused\W*|i'?m (so )?confused\W*)\W*$", re.IGNORECASE)


#: A plain English request to report or complain ("How would I report him in Scotland?"): it is
#: answered with the reporting bodies whatever else the classifier heard in it (a doubt, distress).
REPORT_MAX_CHARS = 240
_REPORT = re.compile(
    r"\b(?:how|where|who) (?:would|do|can|could|should|shall) i (?:go about |even )?(?:report|complain about|"
    r"make a complaint (?:about|against)|file a complaint (?:about|against)|lodge a complaint (?:about|against))"
    r" (?:him|her|them|this|it|my (?:ex-?)?(?:therapist|counsell?or|psychologist|psychiatrist|psych|psychotherapist))\b"
    # "if I want to complain where do I go here in the Philippines?", "where can she complain in Germany?"
    r"|\b(?:complain|report|make a complaint|file a complaint)\b[^.?!]{0,30}\bwhere (?:do|would|can|could|should) (?:i|we) go\b"
    r"|\bwhere (?:can|do|would|could|should) (?:i|she|he|we|they) (?:go to )?(?:complain|report (?:it|this|her|him|them))\b"
    # "who would I even tell about the hug, I'm in Wales"
    r"|\bwho (?:would|do|can|could|should) i (?:even )?(?:tell|contact|go to|talk to) about (?:this|it|that|the [a-z]+|"
    r"what (?:she|he|they) did)\b",
    re.IGNORECASE)


def asks_how_to_report(text: Optional[str]) -> bool:
    """A short message that plainly asks how or where to report the therapist (``_REPORT``)."""
    text = (text or "").strip()
    return bool(text and len(text) <= REPORT_MAX_CHARS and _REPORT.search(text))


def is_puzzled(text: Optional[str]) -> bool:
    """A message that only says the last reply did not land."""
    return bool(text and len(text) <= 40 and _PUZZLED.match(text.strip()))


def asks(text: Optional[str]) -> bool:
    """Whether a message asks something (a rupture told without a question gets no knowledge answer)."""
    return bool(text and _ASKS.search(text))


def is_question_out_of_scope(intent: Optional[str], text: Optional[str], top: float) -> bool:
    """A message read as out of scope that asks something the selector is sure is about therapy."""
    return intent == "out_of_scope" and top >= OUT_OF_SCOPE_ANSWER_CONFIDENCE and asks(text)
