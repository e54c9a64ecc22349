""""Prepare for my next session" (issue 14): one page to take into the room.

The note gathers what the person has already made here (the script of this
conversation or the last one they kept, the last kept "is it me or my
therapist?" summary, the trend of kept check-ins) and two or three questions
to ask. Nothing is kept by making it. On the web widget the note comes as
one printable message (``bot/web/widget.js`` prints it alone); elsewhere it
is plain text.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.wording import WIDGET, response_text, widget_message
from bot.dialogue.alliance_trend import history_of, trend
from bot.common.privacy_log import pseudonym
from bot.store import people
from bot.store.database import session_scope

logger = logging.getLogger(__name__)

def _kept(tracker: Tracker) -> Dict[str, Any]:
    """What the person let us keep (nothing without consent, or when the store is down)."""
    try:
        with session_scope() as session:
            return {"scripts": people.scripts_of(session, tracker.sender_id),
                    "summaries": people.decision_summaries_of(session, tracker.sender_id),
                    "check_ins": people.alliance_history(session, tracker.sender_id)}
    except SQLAlchemyError:
        logger.exception("Store unavailable for %s", pseudonym(tracker.sender_id))
        return {"scripts": [], "summaries": [], "check_ins": []}


def compose_note(tracker: Tracker, domain: Dict[Text, Any], kept: Dict[str, Any]) -> str:
    """The note's sections, in the order they help in the room."""
    sections = [response_text(domain, "utter_note_title")]
    script = tracker.get_slot("script") or (kept["scripts"][-1] if kept["scripts"] else None)
    if script:
        sections.append(response_text(domain, "utter_note_script").format(script=script))
    if kept["summaries"]:
        last = kept["summaries"][-1]
        sections.append(response_text(domain, "utter_note_summary").format(
            date=last["saved_at"][:10], summary=last["text"]))
    if kept["check_ins"]:
        sections.append(response_text(domain, "utter_note_trend").format(trend=trend(history_of(kept["check_ins"]))))
    sections.append(response_text(domain, "utter_note_questions"))
    if len(sections) == 2:
        sections.append(response_text(domain, "utter_note_nothing_yet"))
    return "\n\n".join(sections)


class ActionSessionNote(Action):
    """The note, as text; on the widget as a printable message."""

    def name(self) -> Text:
        return "action_session_note"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        note = compose_note(tracker, domain, _kept(tracker))
        if tracker.get_latest_input_channel() == WIDGET:
            widget_message(dispatcher, "session_note", text=note)
        else:
            dispatcher.utter_message(text=note)
        return []
