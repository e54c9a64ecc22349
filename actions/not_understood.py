"""A message the assistant could not read: what it says depends on where the conversation is.

In English, "I'm not sure I understood" and a request to say it again. In
es/fr/de/pt most follow-ups are not read at all (the classifier has seen few
of them), and "I only speak English" right after a red flag or a rupture
answered in that language drops the person mid-conversation (issue 13). So
there the last advice is kept, short, in their language: after a red flag,
its next steps again; after a rupture, the lean-in advice in two sentences.
A pending crisis adds its reminder to whichever reply this is (bot/replies/nlg.py).
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.wording import in_other_language
from bot.understanding.taxonomy import RED_FLAG, RUPTURE

#: the short reply that keeps the last advice, by the conversation's level
_KEEPS_THE_ADVICE = {RED_FLAG: "utter_red_flag_next_steps_again", RUPTURE: "utter_rupture_other_language_again"}


class ActionNotUnderstood(Action):
    def name(self) -> Text:
        return "action_not_understood"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        kept = _KEEPS_THE_ADVICE.get(tracker.get_slot("triage")) if in_other_language(tracker) else None
        dispatcher.utter_message(response=kept or "utter_default")
        return []
