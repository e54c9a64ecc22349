"""The opening of the walk-away answer, named for what the person described.

The steps that follow (stop, keep a record, report, find someone new) are a
domain response chosen by a rule, so they arrive even if this server is down.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge import say_answer
from actions.wording import in_other_language
from bot.dialogue import knowledge
from bot.understanding.taxonomy import RED_FLAG, triage_of_intent

#: topics whose answer the red flag's next steps already give (where to report, for the country)
IN_THE_NEXT_STEPS = frozenset({"report_to_board"})


class ActionRedFlagOpener(Action):
    """Says plainly that what happened is not okay and not their fault, and answers a question asked with it."""

    def name(self) -> Text:
        return "action_red_flag_opener"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        found = triage_of_intent((tracker.latest_message.get("intent") or {}).get("name"))
        concern = found[1] if found and found[0] == RED_FLAG else tracker.get_slot("concern")
        response = f"utter_red_flag_{concern}"
        # The concern-specific openers are in English; other languages get the
        # generic one in their language (the next steps follow in it too).
        if response not in domain.get("responses", {}) or in_other_language(tracker):
            response = "utter_red_flag_generic"
        dispatcher.utter_message(response=response)
        asked = knowledge.decide(tracker.latest_message).topic
        if asked and asked not in IN_THE_NEXT_STEPS:
            # listen first: "... can they do that?" is answered now, before the next steps
            say_answer(dispatcher, tracker, asked)
        return []
