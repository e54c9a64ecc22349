"""Help around the triage: finding a therapist, and the person's country."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.common import resources


class ActionFindTherapist(Action):
    """How to find a good fit, with directories for their country when known."""

    def name(self) -> Text:
        return "action_find_therapist"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        dispatcher.utter_message(response="utter_find_therapist")
        known = resources.known_country(tracker.get_slot("country")) or resources.known_country(
            tracker.get_slot("locale_country")
        )
        if not known:
            dispatcher.utter_message(response="utter_ask_country")
        return []


class ActionAcknowledgeCountry(Action):
    """Confirms the country we will use for numbers and places, or says we lack it."""

    def name(self) -> Text:
        return "action_acknowledge_country"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        code = resources.known_country(tracker.get_slot("country"))
        if not code:
            dispatcher.utter_message(response="utter_country_not_curated", directory_url=resources.directory_url())
            return []
        dispatcher.utter_message(response="utter_country_set", country_name=resources.country_name(code),
                                 emergency=resources.emergency_number(code))
        return [SlotSet("country", code)]
