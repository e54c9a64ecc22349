"""The dialogue policy that handles the answer to the risk check.

Why a policy and not rules: after "are you thinking about suicide?" any
message at all is an answer (a yes, a no, a "forget I said that", a change of
subject), and rules can only follow intents they list. This policy sees the
whole tracker, reads the answer with :mod:`bot.dialogue.risk_answers`, and predicts:

* ``action_risk_answer`` first, which records the answer (and, after a no,
  thanks the person and takes the conversation back to where it was);
* then, for a yes, a "not sure" or an answer that signals danger, the crisis
  reply (``utter_crisis``), and for a deflection the gentle crisis reply
  (``utter_crisis_unsure``). Both are rendered by the Rasa server itself, so
  they arrive even when the action server is down. A deflection that is a
  question about therapy ("should I tell the counsellor?") is then answered,
  one that asks for the words to say ("can you help me write what to say
  to her") starts the script, and a red flag told instead of an answer gets
  the red flag's advice.

It also reads the answer to the crisis reply's last line, "are you safe
right now?": a hedged yes ("yeah. sometimes") gets the crisis line again, and
a yes or no still gets its answer when the crisis reply interrupted a form
(the rules for it expect the reply right before the answer).

And it asks instead of shouting in one more case: a short reply in the
middle of a conversation whose crisis reading rests on the intent classifier
alone (no screen finding, no crisis so far). On first messages such guesses
are mostly right (dev sets: 39 of 42 short ones were crises); on replies
mid-conversation they were mostly wrong ("my parents pay for it. if I stop
going they'll want to know why" after a red flag, "I reckon it's tough
love"), and a full crisis block there ends the conversation. The person gets
the direct question instead, with the line in it, and "yes" or "not sure" is
still the crisis reply (see ``asks_in_context``).

Two more cases are taken up for what they say instead (``takes_up``), by
``action_take_up_message``, which answers the message again as its next
reading, as if it had just arrived, so the rules for that reading pick it up:

* after the crisis reply, until the person says they are safe: a follow-up
  whose crisis reading rests on the classifier alone ("ok. i'm going to
  text them now", "should i tell my therapist about tonight?"). They have the
  lines; asking "are you thinking about suicide?" again, or the block again,
  is not listening. The answer carries the line and "are you safe right
  now?" in one line (bot/replies/nlg.py's reminder). Small talk then ("ok i
  put them back in the drawer") gets ``utter_crisis_heard``, never "I can
  only help with questions about therapy";
* in the middle of a conversation, before any crisis: a short question or
  request about therapy whose crisis reading rests on the classifier alone
  ("I'm 19 and on my parents' insurance, will they be able to see it"), and
  a short reply whose question rests on a weak crisis share alone
  (``CONTEXT_ASK_SHARE``: "thank you, I'll forward this to her").

It abstains at every other moment, so the rules and memoization decide.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.turns import NextActionPolicy, crisis_pending, latest_turn
from bot.dialogue.risk_answers import (DEFLECT, NO, NOT_SAFE, SAFE, UNSURE, read_answer, read_safety_answer,
                                      taken_up_intent)
from bot.understanding.taxonomy import QUESTION_INTENTS, RED_FLAG, triage_of_intent

QUESTION = "utter_risk_check"
ANSWER_ACTION = "action_risk_answer"
CRISIS_REPLY = {"yes": "utter_crisis", DEFLECT: "utter_crisis_unsure"}
#: A question about therapy that does not answer "are you thinking about suicide?" is read as
#: "not sure" (the gentle crisis reply), and then answered too: listen first.
KNOWLEDGE_ACTION = "action_answer_knowledge"
#: ... and so is a red flag told instead of an answer ("tbh he calls me names most weeks"), as the
#: red-flag rules answer it (data/stories/rules_red_flags.yml) ...
RED_FLAG_STEPS = ("action_triage", "action_red_flag_opener", "utter_red_flag_next_steps")
#: ... and a request for the words to say to the therapist ("ok can you help me write what
#: to say to her"): the script form starts after the gentle reply.
SCRIPT_INTENT = "request_script"
SCRIPT_FORM = "raise_it_form"
#: the replies that end with "are you safe right now?"
SAFETY_QUESTION = frozenset({"utter_crisis", "utter_crisis_unsure"})
#: the answer to each reading of "are you safe right now?" (utter_crisis is sent in its short form)
SAFETY_REPLY = {SAFE: "utter_crisis_safe", NOT_SAFE: "utter_crisis_not_safe", UNSURE: "utter_crisis"}
#: after the question, as the rules for an unclear signal do (data/stories/rules_risk_check.yml)
ASKED_ACTION = "action_risk_asked"
DEACTIVATE_LOOP = "action_deactivate_loop"
#: A reply this long or longer is a story of its own, judged like a first message.
CONTEXT_ASK_MAX_WORDS = 40
#: Mid-conversation, before any crisis, a short reply whose question rests on the classifier's crisis
#: share alone is taken up below this share. First messages ask from 0.3 (config.yml), where such
#: guesses catch crises; in replies they did not: in the three dev conversation sets (553 turns) all
#: 12 share-only questions mid-conversation went to non-crises ("thank you. I'll forward this to her
#: also" at 0.32, "this whole business is doing my head in" at 0.42), 10 of them under 0.5, while the
#: crises told in replies were read at 0.7 or more, or by the screen.
CONTEXT_ASK_SHARE = 0.5
SHARE_SOURCE = "classifier share:"
#: answers a message again as what it is otherwise about (actions/risk_check.py)
TAKE_UP_ACTION = "action_take_up_message"
#: after the crisis reply, what small talk and stray yes or no get (not "only therapy")
HEARD = "utter_crisis_heard"
HEARD_INTENTS = frozenset({"out_of_scope", "affirm", "deny", "not_clear"})
#: mid-conversation questions and requests about therapy, taken up rather than asked about
ASKING_INTENTS = frozenset(QUESTION_INTENTS) | {"request_script", "revise_script", "ask_find_therapist", "ask_privacy",
                                     "inform_country"}


def next_action(tracker: DialogueStateTracker) -> Optional[str]:
    """The action this policy wants next, or ``None`` to leave it to the others.

    The bookkeeping action runs first and the crisis reply last, so that the
    "are you safe right now?" that ends the reply is the last thing said
    when the person answers it (the crisis rules follow on from it).
    """
    turn = latest_turn(tracker)
    if turn is None:
        return None
    message, before, since = turn
    if QUESTION not in before:
        # (an answer to either question is read first: a worrying one is the crisis reply)
        answer = _safety_answer(message, before, since)
        if answer is not None:
            return answer
        right_after_crisis_reply = bool(SAFETY_QUESTION & set(before))
        if not since and takes_up(tracker, message, right_after_crisis_reply):
            return TAKE_UP_ACTION
        if asks_in_context(tracker, message):
            return _ask_steps(tracker, since)
        return _after_crisis(tracker, message, since)
    answer = read_answer(message.text, (message.intent or {}).get("name"))
    if not since:
        return ANSWER_ACTION
    if since == [ANSWER_ACTION]:
        return ACTION_LISTEN_NAME if answer == NO else CRISIS_REPLY[answer]
    if answer != NO and since[:2] == [ANSWER_ACTION, CRISIS_REPLY[answer]]:
        steps = _follow_up((message.intent or {}).get("name")) if answer == DEFLECT else ()
        done = since[2:]
        if list(steps[:len(done)]) != done:
            return None
        return steps[len(done)] if len(done) < len(steps) else ACTION_LISTEN_NAME
    return None


def _classifier_only(message: UserUttered, answers: Tuple[str, ...]) -> bool:
    """A short message read as ``answers`` on the intent classifier's word alone (the screen found nothing)."""
    parse = message.parse_data or {}
    safety = parse.get("alliance_safety") or {}
    return (not parse.get("alliance_replay") and safety.get("answer") in answers
            and str(safety.get("source") or "").startswith("classifier")
            and safety.get("screen") in (None, "excused")
            and len((message.text or "").split()) < CONTEXT_ASK_MAX_WORDS)


def takes_up(tracker: DialogueStateTracker, message: UserUttered, right_after_crisis_reply: bool = False) -> bool:
    """Answer this message for what it otherwise says (the module's docstring says when and why).

    Right after the crisis reply only a question (``ask``) reading is taken
    up: a crisis reading there is the answer to "are you safe right now?"
    ("yeah. sometimes. mostly at night") and gets the line again.
    """
    if not _classifier_only(message, ("ask",) if right_after_crisis_reply else ("crisis", "ask")):
        return False
    if crisis_pending(tracker):
        return True
    if not _mid_conversation_before_any_crisis(tracker):
        return False
    parse = message.parse_data or {}
    return (taken_up_intent(parse)["name"] in ASKING_INTENTS
            or _weak_share_in_context(parse.get("alliance_safety") or {}))


def _weak_share_in_context(safety: Dict[str, Any]) -> bool:
    """A question reading that rests on the classifier's crisis share alone, under ``CONTEXT_ASK_SHARE``."""
    return (safety.get("answer") == "ask" and str(safety.get("source") or "").startswith(SHARE_SOURCE)
            and float(safety.get("crisis_share") or 0.0) < CONTEXT_ASK_SHARE)


def _after_crisis(tracker: DialogueStateTracker, message: UserUttered, since: List[str]) -> Optional[str]:
    """After the crisis reply, until they say they are safe: small talk is heard, not turned away."""
    if (message.intent or {}).get("name") not in HEARD_INTENTS or not crisis_pending(tracker):
        return None
    if not since:
        return HEARD
    return ACTION_LISTEN_NAME if since == [HEARD] else None


def asks_in_context(tracker: DialogueStateTracker, message: UserUttered) -> bool:
    """A classifier-only crisis reading of a short reply, mid-conversation, before any crisis: ask instead.

    Only when nothing but the classifier saw a crisis (the screen found
    nothing, not even a signal to ask about), the person has written before
    in this conversation, no crisis reply or "yes" to the question came
    before, and the message is shorter than ``CONTEXT_ASK_MAX_WORDS``.
    """
    safety = (message.parse_data or {}).get("alliance_safety") or {}
    if not _classifier_only(message, ("crisis",)) or not str(safety.get("source")).startswith("classifier:"):
        return False
    return _mid_conversation_before_any_crisis(tracker)


def _mid_conversation_before_any_crisis(tracker: DialogueStateTracker) -> bool:
    """The person wrote before in this conversation, and no crisis reply or "yes" to the question came."""
    if tracker.get_slot("risk_check") == "yes":
        return False
    users = 0
    for event in tracker.events:
        if isinstance(event, UserUttered):
            users += 1
        elif isinstance(event, ActionExecuted) and event.action_name in SAFETY_QUESTION:
            return False
    return users > 1


def _ask_steps(tracker: DialogueStateTracker, since: List[str]) -> Optional[str]:
    """The question, its bookkeeping, the form it interrupts put aside, then listen."""
    if not since:
        return QUESTION
    if since == [QUESTION]:
        return ASKED_ACTION
    if since == [QUESTION, ASKED_ACTION] and tracker.active_loop_name:
        return DEACTIVATE_LOOP
    return ACTION_LISTEN_NAME


def _follow_up(intent: Optional[str]) -> Tuple[str, ...]:
    """What a deflection that asks or tells something gets after the gentle crisis reply."""
    if intent in QUESTION_INTENTS:
        return (KNOWLEDGE_ACTION,)
    if intent == SCRIPT_INTENT:
        return (SCRIPT_FORM,)
    found = triage_of_intent(intent)
    return RED_FLAG_STEPS if found and found[0] == RED_FLAG else ()


def _safety_answer(message: UserUttered, before: List[str], since: List[str]) -> Optional[str]:
    """After a crisis reply: the answer to its "are you safe right now?", or ``None``."""
    if not SAFETY_QUESTION & set(before):
        return None
    reading = read_safety_answer(message.text, (message.intent or {}).get("name"))
    if reading is None:
        return None
    if not since:
        return SAFETY_REPLY[reading]
    return ACTION_LISTEN_NAME if since == [SAFETY_REPLY[reading]] else None


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class RiskAnswerPolicy(NextActionPolicy):
    """Answers the reply to the risk check, whatever intent it was classified as."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # Above RulePolicy (6): a rule for the answer's intent must not win.
        return {"priority": 7}

    def choose(self, tracker: DialogueStateTracker) -> Optional[str]:
        return next_action(tracker)
