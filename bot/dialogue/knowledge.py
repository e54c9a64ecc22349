"""The knowledge base around therapy: its table of contents, and which answer a message gets.

Rasa's ResponseSelector (retrieval intent ``knowledge``) ranks the topics for
every message. This module turns that ranking into one decision, shared by the
action that answers (actions/knowledge.py) and by ``make eval``, so that what is
measured is what people get:

* the top topic, when the selector is at least ``ANSWER_CONFIDENCE`` sure and
  the message was read as a question about therapy;
* the top topic too when the message tells of a rupture and also asks a
  question ("... still stings on a student budget. Do therapists ever waive
  it?"), the selector is at least ``ALONGSIDE_RUPTURE_CONFIDENCE`` sure: the
  rupture's reply comes first, then this answer (listen first);
* after a red flag that also asks a question ("... she refused to give me my
  file. Can they do that?"), the top topic from ``ALONGSIDE_RED_FLAG_CONFIDENCE``
  when it is one of ``BESIDE_A_RED_FLAG``: answers that never soften the
  red flag's "step away" (not "what is normal" topics);
* otherwise nothing: the action says it does not know that one and offers the
  closest topics as buttons. So too when the message is about another trade's
  service and names no therapy at all ("how do I complain about my dentist"):
  the selector knows only therapy topics and would answer one anyway.

Titles (the button texts) and the country add-ons are data, in
``data/resources/knowledge.yml``; sources in ``knowledge_sources.yml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

from bot.understanding.questions import asks
from bot.understanding.taxonomy import (NOT_A_TOPIC_KEY, QUESTION_INTENTS, RED_FLAG, RETRIEVAL_INTENT, RUPTURE,
                                       triage_of_intent)

RESOURCES = Path(__file__).resolve().parent.parent.parent / "data" / "resources"
#: how sure the selector must be before an answer is given. Its probabilities are spread over 60
#: topics, so sure is low: on tests/eval/dev/knowledge_dev.yml 0.1 gave top-1 0.775 with 94% of
#: uncovered questions declined; 0.05 gave 0.816 but declined only 71%, 0.2 gave 0.662 and 100%.
#: Session 20, with the sentence embedding and the selector's own out-of-scope class (a question it
#: finds likelier to be no topic is not answered, whatever this threshold), over the four dev
#: knowledge sets: 0.1 declined 92.1% of uncovered questions on average, 0.15 92.6%, 0.2 93.6%, each
#: at the same top-1 on every set; answering when the topic is at least 0.7 or 0.5 times as likely
#: as "no topic" bought 0.4-0.6 points of top-1 for 2.5-4 points of declines.
ANSWER_CONFIDENCE = 0.2
#: A rupture that also asks a question gets the answer alongside the rupture's own reply from this
#: confidence (the message is mostly about something else, so a little surer than above). On
#: tests/eval/dev/knowledge_dev.yml it took top-1 from 0.762 to 0.812 and answered no uncovered
#: question more; on the real dev sets 23 of 168 rupture readings got an answer, all on the question
#: they asked. 0.1 gained one item more, 0.3 three fewer.
ALONGSIDE_RUPTURE_CONFIDENCE = 0.15
#: A red flag that also asks a question gets an answer after the red flag's opener, before its next
#: steps, only from this confidence and only for these topics. A "what is normal" answer beside a red
#: flag (fees, contact between sessions, gifts, hugs, social media, self-disclosure, how to end with a
#: last session) would blur "this is not okay, you can step away", so those topics are left out; how
#: to report is in the red flag's next steps already. Session 22, real dev sets: of 671 red flags
#: that ask something, 164 had a topic at 0.5 or more, and read one by one the listed topics answered
#: what was asked; below 0.5 the top topic was more often beside the point.
ALONGSIDE_RED_FLAG_CONFIDENCE = 0.5
BESIDE_A_RED_FLAG = frozenset({
    "records_access", "report_to_board", "evidence_for_complaint", "after_a_report", "unsure_if_reportable",
    "change_therapist", "return_after_bad_experience", "find_fit", "directories", "second_opinion",
    "stop_without_telling", "minors_parents", "confidentiality_basics", "confidentiality_limits",
    "medication_questions", "calling_a_crisis_line"})
CLOSEST = 3


@dataclass(frozen=True)
class Topic:
    name: str
    area: str
    title: str
    country: Optional[str] = None  # "directories" or "reporting"


@dataclass(frozen=True)
class Decision:
    topic: Optional[str]
    confidence: float
    closest: List[Tuple[str, float]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _contents() -> Dict[str, Any]:
    """data/resources/knowledge.yml, read once."""
    return yaml.safe_load((RESOURCES / "knowledge.yml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def topics() -> Dict[str, Topic]:
    """Every topic, in the order of the table of contents."""
    found: Dict[str, Topic] = {}
    for area, entries in _contents()["areas"].items():
        for name, value in entries.items():
            value = value if isinstance(value, dict) else {"title": value}
            found[name] = Topic(name, area, value["title"], value.get("country"))
    return found


@lru_cache(maxsize=1)
def _service_words() -> Tuple["re.Pattern[str]", "re.Pattern[str]"]:
    """(another trade's service, a word of therapy) as whole-word patterns, from knowledge.yml."""
    def words(key: str) -> "re.Pattern[str]":
        return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in _contents()[key]) + r")\b", re.IGNORECASE)
    return words("other_services"), words("therapy_words")


def about_another_service(text: Optional[str]) -> bool:
    """The message names another trade's service (a dentist, a lawyer) and nothing of therapy."""
    other, therapy = _service_words()
    return bool(text and other.search(text) and not therapy.search(text))


@lru_cache(maxsize=1)
def sources() -> Dict[str, Dict[str, Any]]:
    """Topic -> ``{"facts": ..., "sources": [{url, title, checked}]}``."""
    return yaml.safe_load((RESOURCES / "knowledge_sources.yml").read_text(encoding="utf-8"))["topics"]


def topic_of(intent_response_key: Optional[str]) -> Optional[str]:
    """``knowledge/cbt`` -> ``cbt``."""
    prefix = RETRIEVAL_INTENT + "/"
    if intent_response_key and intent_response_key.startswith(prefix):
        return intent_response_key[len(prefix):]
    return None


def ranking(parse_data: Dict[str, Any]) -> List[Tuple[str, float]]:
    """The selector's topics for a parsed message, best first."""
    selector = (parse_data.get("response_selector") or {}).get(RETRIEVAL_INTENT) or {}
    ranked = []
    for entry in selector.get("ranking") or []:
        topic = topic_of(entry.get("intent_response_key"))
        if topic in topics():
            ranked.append((topic, float(entry.get("confidence") or 0.0)))
    return ranked


def not_a_topic(parse_data: Dict[str, Any]) -> float:
    """How sure the selector is that no topic answers the message (its out-of-scope class)."""
    selector = (parse_data.get("response_selector") or {}).get(RETRIEVAL_INTENT) or {}
    return float(selector.get(NOT_A_TOPIC_KEY) or 0.0)


def decide(parse_data: Dict[str, Any], threshold: float = ANSWER_CONFIDENCE) -> Decision:
    """The topic to answer for a parsed message, or none (with the closest topics)."""
    ranked = ranking(parse_data)
    intent = (parse_data.get("intent") or {}).get("name")
    asked_in_another_language = parse_data.get("alliance_topic")
    if intent in QUESTION_INTENTS and asked_in_another_language in topics():
        return Decision(asked_in_another_language, 1.0, [])
    needed = _needed_confidence(intent, parse_data.get("text"), threshold, ranked[0][0] if ranked else None)
    if ranked and needed is not None and ranked[0][1] >= max(needed, not_a_topic(parse_data)) \
            and not about_another_service(parse_data.get("text")):
        return Decision(ranked[0][0], ranked[0][1], ranked[1:CLOSEST + 1])
    return Decision(None, ranked[0][1] if ranked else 0.0, ranked[:CLOSEST])


def _needed_confidence(intent: Optional[str], text: Optional[str], threshold: float,
                       topic: Optional[str]) -> Optional[float]:
    """How sure the selector must be to answer ``topic`` for a message read as ``intent``; None: not
    a question to answer (or, beside a red flag, not a topic to give there)."""
    if intent in QUESTION_INTENTS:
        return threshold
    triage = triage_of_intent(intent)
    if triage and triage[0] == RUPTURE and asks(text):
        return ALONGSIDE_RUPTURE_CONFIDENCE
    if triage and triage[0] == RED_FLAG and asks(text) and topic in BESIDE_A_RED_FLAG:
        return ALONGSIDE_RED_FLAG_CONFIDENCE
    return None




def related(topic: str, count: int = 2) -> List[str]:
    """The neighbours of a topic in its area: the next questions people tend to have."""
    names = [name for name, t in topics().items() if t.area == topics()[topic].area]
    at = names.index(topic)
    return [names[(at + step) % len(names)] for step in range(1, count + 1) if names[(at + step) % len(names)] != topic]
