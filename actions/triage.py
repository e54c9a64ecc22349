"""Keep the conversation's triage slots, which only ever go up.

The safety screen sets crisis slots by itself (see bot.understanding.screen_component);
this action records red flags and ruptures and refuses to lower a level.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.understanding.taxonomy import RED_FLAG, rank, triage_of_intent


def triage_events(tracker: Tracker, intent: Optional[str] = None) -> List[EventType]:
    """Slot events that raise (never lower) ``triage``/``concern`` for ``intent``.

    ``intent`` defaults to the latest message's intent.
    """
    if intent is None:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
    found = triage_of_intent(intent)
    if not found:
        return []
    level, concern = found
    events: List[EventType] = []
    current = tracker.get_slot("triage")
    if rank(level) >= rank(current):
        events += [SlotSet("triage", level), SlotSet("concern", concern)]
    if level == RED_FLAG:
        events.append(SlotSet("red_flag_seen", True))
    return events


class ActionTriage(Action):
    """Records the triage of the latest message in the conversation's slots."""

    def name(self) -> Text:
        return "action_triage"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        return triage_events(tracker)
