"""The alliance check-in after a session (issue 14): three scores, a note, and advice that reads the history.

The scores are kept only with consent (the same yes as saved scripts); the
advice reads every kept check-in plus today's (``bot.dialogue.alliance_trend``), so
someone who keeps nothing still gets an answer for today.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.form_answers import AnswerKeepingFormValidation
from actions.wording import WIDGET, response_text, widget_message
from bot.dialogue.alliance_trend import PART_NAMES, PARTS, SHOWN, Scores, history_of, read, score_of, trend
from bot.common.privacy_log import pseudonym
from bot.store import people
from bot.store.database import session_scope

logger = logging.getLogger(__name__)

SCORE_SLOTS = {"bond": "checkin_bond", "goals": "checkin_goals", "method": "checkin_method"}
NOTE_SLOT = "checkin_note"
CHECK_IN_SLOTS = tuple(SCORE_SLOTS.values()) + (NOTE_SLOT,)
AWAITING_CONSENT = "awaiting_consent"
#: answers to the note question that mean "no note"
_NO_NOTE = {"skip", "nothing to add", "nothing", "no", "nope", "nah", "none", "n/a", "-", "no thanks", "not really"}


class ValidateCheckInForm(AnswerKeepingFormValidation):
    """A score is a number from 1 to 5 (asked again otherwise); the note may be nothing."""

    def name(self) -> Text:
        return "validate_check_in_form"

    @staticmethod
    def _score(slot: str, value: Any, dispatcher: CollectingDispatcher) -> Dict[Text, Any]:
        score = score_of(value)
        if score is None:
            dispatcher.utter_message(response="utter_check_in_score_again")
            return {slot: None}
        return {slot: str(score)}

    def validate_checkin_bond(self, value: Any, dispatcher, tracker, domain: DomainDict) -> Dict[Text, Any]:
        return self._score("checkin_bond", value, dispatcher)

    def validate_checkin_goals(self, value: Any, dispatcher, tracker, domain: DomainDict) -> Dict[Text, Any]:
        return self._score("checkin_goals", value, dispatcher)

    def validate_checkin_method(self, value: Any, dispatcher, tracker, domain: DomainDict) -> Dict[Text, Any]:
        return self._score("checkin_method", value, dispatcher)

    def validate_checkin_note(self, value: Any, dispatcher, tracker, domain: DomainDict) -> Dict[Text, Any]:
        note = str(value or "").strip()
        return {NOTE_SLOT: "" if note.lower().strip(".! ") in _NO_NOTE else note[:people.MAX_NOTE_LENGTH]}


def todays_scores(tracker: Tracker) -> Optional[Scores]:
    values = [score_of(tracker.get_slot(SCORE_SLOTS[part])) for part in PARTS]
    return None if None in values else Scores(*values)


def keep_check_in(session, sender_id: str, scores: Scores, note: Optional[str]) -> None:
    people.save_alliance_check_in(session, sender_id, scores.bond, scores.goals, scores.method, note or None)


def _say_trend(dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any],
               kept: List[Dict[str, Any]], history: List[Scores]) -> None:
    """The trend as text; the widget also draws it (the kept rows with their dates, then today's) as the
    chart "What's stored" shows."""
    if tracker.get_latest_input_channel() != WIDGET:
        dispatcher.utter_message(response="utter_check_in_trend", trend=trend(history))
        return
    shown = [{part: row[part] for part in PARTS + ("checked_in_at",)} for row in kept]
    shown.append({part: getattr(history[-1], part) for part in PARTS} | {"checked_in_at": people.now_iso()})
    text = response_text(domain, "utter_check_in_trend").format(trend=trend(history))
    widget_message(dispatcher, "check_in_trend", text=text, check_ins=shown[-SHOWN:])


class ActionCheckInResult(Action):
    """Today's check-in read against the kept ones; kept at once with consent, else the person is asked."""

    def name(self) -> Text:
        return "action_check_in_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        today = todays_scores(tracker)
        if today is None:  # the form was left before the end
            return [SlotSet(slot, None) for slot in CHECK_IN_SLOTS]
        note = tracker.get_slot(NOTE_SLOT)
        kept, consent = [], False
        try:
            with session_scope() as session:
                consent = people.has_consent(session, tracker.sender_id)
                if consent:
                    kept = people.alliance_history(session, tracker.sender_id)
                    keep_check_in(session, tracker.sender_id, today, note)
        except SQLAlchemyError:
            logger.exception("Store unavailable for %s", pseudonym(tracker.sender_id))
            dispatcher.utter_message(response="utter_store_unavailable")
        history = history_of(kept) + [today]
        if len(history) >= 2:
            _say_trend(dispatcher, tracker, domain, kept, history)
        reading = read(history)
        dispatcher.utter_message(response=reading.response, part=PART_NAMES.get(reading.part or "", ""))
        if consent:
            return [SlotSet(slot, None) for slot in CHECK_IN_SLOTS]
        dispatcher.utter_message(response="utter_check_in_keep")
        return [SlotSet(AWAITING_CONSENT, True)]
