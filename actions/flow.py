"""Going back to where the person was before a crisis interrupted them."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.check_in import CHECK_IN_SLOTS
from actions.decision_aid import AID_SLOTS

RESUMABLE_FORMS = ("rupture_questions_form", "raise_it_form", "check_in_form", "decision_aid_form")


def interrupted_form(tracker: Tracker) -> Optional[str]:
    """The form that was active when the conversation was last interrupted, if any."""
    for event in reversed(tracker.events):
        if event.get("event") == "active_loop" and event.get("name") in RESUMABLE_FORMS:
            form = event["name"]
            required = {"rupture_questions_form": ("sessions_so_far", "told_therapist", "feels_familiar"),
                        "raise_it_form": ("script_event", "script_feeling", "script_request"),
                        "check_in_form": CHECK_IN_SLOTS, "decision_aid_form": AID_SLOTS}[form]
            if any(tracker.get_slot(slot) is None for slot in required):
                return form
            return None
    return None


class ActionResumeFlow(Action):
    """Reopens the interrupted form, or asks what they would like to talk about."""

    def name(self) -> Text:
        return "action_resume_flow"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        form = interrupted_form(tracker)
        if form:
            dispatcher.utter_message(response="utter_resume_flow")
            return [FollowupAction(form)]
        dispatcher.utter_message(response="utter_nothing_to_resume")
        return []
