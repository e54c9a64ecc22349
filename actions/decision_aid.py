"""The decision aid, "is it me or my therapist?" (issue 14): about ten questions, then a summary in three parts.

The weighing is ``bot.dialogue.decision_aid`` (data in ``bot/dialogue/decision_aid.yml``); here
the answers are read as they come and the summary is put together from the
domain's wording. A line crossed ends the aid at once with the red-flag
advice: that is not something to weigh. The summary can be kept with the
same consent as scripts and check-ins (``actions/privacy.py``).
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.form_answers import AnswerKeepingFormValidation
from actions.wording import response_text
from bot.dialogue import decision_aid
from bot.understanding.taxonomy import RED_FLAG, more_serious
from bot.common.privacy_log import pseudonym
from bot.store import people
from bot.store.database import session_scope

logger = logging.getLogger(__name__)

AID_SLOTS = decision_aid.slots()
SUMMARY_SLOT = "aid_summary"
AWAITING_CONSENT = "awaiting_consent"


class ValidateDecisionAidForm(AnswerKeepingFormValidation):
    """Each answer is kept as its option (or "skipped"); a crossed line ends the form."""

    def name(self) -> Text:
        return "validate_decision_aid_form"

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> List[EventType]:
        events = []
        for event in await super().get_validation_events(dispatcher, tracker, domain):
            slot, value = event.get("name"), event.get("value")
            if event.get("event") == "slot" and slot in AID_SLOTS and value is not None:
                if decision_aid.crossed_a_line(slot, value):
                    # the remaining questions are filled as skipped so that the form ends here
                    return [SlotSet(s, decision_aid.answer_of(s, value) if s == slot else
                                    tracker.get_slot(s) or decision_aid.SKIPPED) for s in AID_SLOTS]
                event = SlotSet(slot, decision_aid.answer_of(slot, value))
            events.append(event)
        return events


class ActionDecisionAidResult(Action):
    """The three-part summary (or the red-flag advice), then the offer to keep it."""

    def name(self) -> Text:
        return "action_decision_aid_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        answers = {slot: tracker.get_slot(slot) for slot in AID_SLOTS}
        clear = [SlotSet(slot, None) for slot in AID_SLOTS]
        if all(value is None for value in answers.values()):
            return clear  # the aid was left before any answer
        weighing = decision_aid.weigh(answers)
        if weighing.red_flag:
            dispatcher.utter_message(response="utter_aid_crossed_line")
            dispatcher.utter_message(response="utter_red_flag_next_steps")
            # triage never goes down: a crisis earlier in the conversation stays the level
            return clear + [SlotSet("triage", more_serious(tracker.get_slot("triage"), RED_FLAG))]
        lines = {line: response_text(domain, f"utter_aid_line_{line}")
                 for line in weighing.mine + weighing.fit + weighing.unsure_lines}
        parts = decision_aid.summary_parts(weighing, lines, response_text(domain, "utter_aid_nothing_here"))
        step = weighing.next_step()
        summary = response_text(domain, "utter_aid_summary").format(
            mine=parts["mine"], fit=parts["fit"], next_step=response_text(domain, f"utter_aid_next_{step}"),
            also=f"\n\n{parts['also']}" if parts["also"] else "")
        dispatcher.utter_message(text=summary)
        dispatcher.utter_message(response=f"utter_aid_offer_{step}")
        return clear + self._keep(dispatcher, tracker, summary)

    @staticmethod
    def _keep(dispatcher: CollectingDispatcher, tracker: Tracker, summary: str) -> List[EventType]:
        """Kept at once with consent given before; else the person is asked (nothing kept without a yes)."""
        try:
            with session_scope() as session:
                if people.has_consent(session, tracker.sender_id):
                    people.save_decision_summary(session, tracker.sender_id, summary)
                    dispatcher.utter_message(response="utter_aid_kept")
                    return []
        except SQLAlchemyError:
            logger.exception("Store unavailable for %s", pseudonym(tracker.sender_id))
            dispatcher.utter_message(response="utter_store_unavailable")
            return []
        dispatcher.utter_message(response="utter_aid_keep")
        return [SlotSet(SUMMARY_SLOT, summary), SlotSet(AWAITING_CONSENT, True)]
