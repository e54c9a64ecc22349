"""The risk check: after the direct question, and after its answer.

The question and the crisis reply are chosen and rendered in the Rasa server
(rules, ``bot.dialogue.risk_policy``), so they never wait for this server. What is
done here is the bookkeeping around them: the triage of what the message was
otherwise about, the ``risk_check`` slot, and, after a "no", taking the
conversation back to exactly where it was.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, FollowupAction, SlotSet, UserUttered
from rasa_sdk.executor import CollectingDispatcher

from actions.flow import RESUMABLE_FORMS
from actions.triage import triage_events
from bot.dialogue.risk_answers import NO, read_answer, taken_up_intent
from bot.understanding.taxonomy import CRISIS, triage_of_intent

#: Set while the question waits: the form the question interrupted, if any.
RESUME_FORM = "risk_resume_form"
#: Intents of the question message that are worth taking up again after a "no".
_NOT_WORTH_REPLAYING = frozenset({"nlu_fallback", "out_of_scope", "deny", "affirm", "state_safe",
                                  "state_not_safe", "greet", "goodbye", "thanks", "risk_unclear"})


def _question_message(tracker: Tracker) -> Optional[Dict[str, Any]]:
    """The user message the question was asked about (the last one before ``utter_risk_check``)."""
    events = tracker.events
    for index in range(len(events) - 1, -1, -1):
        if events[index].get("event") == "action" and events[index].get("name") == "utter_risk_check":
            return next((e for e in reversed(events[:index]) if e.get("event") == "user"), None)
    return None


def _underlying(message: Optional[Dict[str, Any]]) -> Dict[str, Any]:
    parse = (message or {}).get("parse_data") or {}
    return parse.get("alliance_underlying") or {}


class ActionRiskAsked(Action):
    """After the question: ``risk_check`` = asked; triage what else the message said; remember the form."""

    def name(self) -> Text:
        return "action_risk_asked"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        latest = tracker.latest_message or {}
        underlying = latest.get("alliance_underlying") or {}
        events = triage_events(tracker, underlying.get("name"))
        if (latest.get("alliance_safety") or {}).get("answer") == "crisis":
            # asked instead of the crisis reply (bot.dialogue.risk_policy.asks_in_context): the
            # message's crisis reading set triage to crisis; until the answer says so, it was not
            events += _triage_before_this_message(tracker)
        form = (tracker.active_loop or {}).get("name")
        return events + [SlotSet("risk_check", "asked"),
                         SlotSet(RESUME_FORM, form if form in RESUMABLE_FORMS else None)]


def _triage_before_this_message(tracker: Tracker) -> List[EventType]:
    """``triage`` and ``concern`` set back to what they were before the latest message."""
    events = tracker.events
    latest = max((i for i, event in enumerate(events) if event.get("event") == "user"), default=len(events))
    values: Dict[str, Any] = {"triage": None, "concern": None}
    for event in events[:latest]:
        if event.get("event") == "slot" and event.get("name") in values:
            values[event["name"]] = event.get("value")
    return [SlotSet(name, value) for name, value in values.items()]


class ActionRiskAnswer(Action):
    """After the answer: a yes records the crisis; a no thanks them and resumes."""

    def name(self) -> Text:
        return "action_risk_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        latest = tracker.latest_message or {}
        answer = read_answer(latest.get("text"), (latest.get("intent") or {}).get("name"))
        question = _question_message(tracker)
        if answer != NO:
            decision = ((question or {}).get("parse_data") or {}).get("alliance_safety") or {}
            concern = decision.get("concern") or "suicide"
            return [SlotSet("risk_check", "yes"), SlotSet("triage", CRISIS), SlotSet("concern", concern),
                    SlotSet(RESUME_FORM, None)]
        events: List[EventType] = [SlotSet("risk_check", "no"), SlotSet(RESUME_FORM, None)]
        form = tracker.get_slot(RESUME_FORM)
        if form:
            dispatcher.utter_message(response="utter_risk_no_resume")
            return events + [FollowupAction(form)]
        dispatcher.utter_message(response="utter_risk_no")
        replay = self._worth_taking_up(question, latest)
        if replay is not None:
            # As if the message had just arrived: the rules for its intent pick it up.
            return events + [ActionExecuted("action_listen"), UserUttered(replay["text"], replay["parse_data"])]
        dispatcher.utter_message(response="utter_risk_no_go_on")
        return events

    @staticmethod
    def _worth_taking_up(question: Optional[Dict[str, Any]], answer: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        """The message to answer now: what the question message was about, else what the answer adds.

        Only situations and requests are taken up again; a "no" on its own
        or small talk is not.
        """
        underlying = _underlying(question)
        if question and underlying.get("name") not in _NOT_WORTH_REPLAYING | {None}:
            parse = dict(question.get("parse_data") or {})
            return {"text": question.get("text"), "parse_data": _as_parse(parse, underlying)}
        intent = (answer.get("intent") or {}).get("name")
        if triage_of_intent(intent) or (intent and intent.startswith("ask_")):
            return {"text": answer.get("text"), "parse_data": _as_parse(dict(answer), answer.get("intent"))}
        return None


def _as_parse(parse: Dict[str, Any], intent: Dict[str, Any]) -> Dict[str, Any]:
    """Parse data that reads as ``intent``, without the question's own markers."""
    entities = [e for e in parse.get("entities") or [] if e.get("entity") not in ("triage", "concern")]
    replay = {"text": parse.get("text"), "intent": dict(intent), "entities": entities,
              "intent_ranking": [dict(intent)], "alliance_replay": True}
    # what the knowledge answer is chosen from (a question taken up is answered, not "I don't know")
    replay.update({key: parse[key] for key in ("response_selector", "alliance_topic") if parse.get(key)})
    return replay


class ActionTakeUpMessage(Action):
    """Answer the latest message again as what it otherwise says, as if it had just arrived.

    Chosen by ``bot.dialogue.risk_policy.takes_up`` for a follow-up whose
    crisis reading rests on the classifier alone: after the crisis reply (the
    person has the lines, and every answer carries them until they say they
    are safe) or a question about therapy mid-conversation. The triage the
    message's crisis reading set is put back first.
    """

    def name(self) -> Text:
        return "action_take_up_message"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        latest = dict(tracker.latest_message or {})
        intent = taken_up_intent(latest)
        return _triage_before_this_message(tracker) + [
            ActionExecuted("action_listen"), UserUttered(latest.get("text"), _as_parse(latest, intent))]
