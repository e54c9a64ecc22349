"""Memory that respects people: consent, saved scripts, export and erase.

Nothing beyond the live conversation is kept without a yes. The store is
reached through ``bot.store``; the conversation's own events are erased by
the tracker store at the end of the turn (see ``bot.store.tracker_store``),
so the action here only removes what the project store holds.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.check_in import CHECK_IN_SLOTS, NOTE_SLOT, keep_check_in, todays_scores
from actions.decision_aid import SUMMARY_SLOT
from bot.common import resources, wording
from bot.common.privacy_log import pseudonym
from bot.store import people
from bot.store.database import session_scope

logger = logging.getLogger(__name__)

AWAITING_CONSENT = "awaiting_consent"
BOT_TEXT_PREVIEW = 90


def _storage_failed(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    logger.exception("Store unavailable for %s", pseudonym(tracker.sender_id))
    dispatcher.utter_message(response="utter_store_unavailable")
    return []


def _country_and_language(tracker: Tracker) -> tuple:
    country = resources.known_country(tracker.get_slot("country")) or resources.known_country(
        tracker.get_slot("locale_country"))
    return country, tracker.get_slot("language")


def _forget_check_in(tracker: Tracker) -> List[EventType]:
    """A check-in or a summary waiting for the yes is kept or dropped: either way its slots are cleared."""
    return [SlotSet(slot, None) for slot in CHECK_IN_SLOTS + (SUMMARY_SLOT,) if tracker.get_slot(slot) is not None]


class ActionSaveScript(Action):
    """Keeps the script of this conversation; asks for consent the first time."""

    def name(self) -> Text:
        return "action_save_script"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        script = tracker.get_slot("script")
        if not script:
            dispatcher.utter_message(response="utter_no_script_yet")
            return []
        try:
            with session_scope() as session:
                if not people.has_consent(session, tracker.sender_id):
                    dispatcher.utter_message(response="utter_ask_store_consent")
                    return [SlotSet(AWAITING_CONSENT, True)]
                people.save_script(session, tracker.sender_id, script)
                people.remember(people.person_of(session, tracker.sender_id), *_country_and_language(tracker))
        except SQLAlchemyError:
            return _storage_failed(dispatcher, tracker)
        dispatcher.utter_message(response="utter_script_saved")
        return []


class ActionStoreConsent(Action):
    """They said yes: note the consent, then keep the check-in or the script they wanted kept."""

    def name(self) -> Text:
        return "action_store_consent"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        script = tracker.get_slot("script")
        check_in = todays_scores(tracker)
        summary = tracker.get_slot(SUMMARY_SLOT)
        try:
            with session_scope() as session:
                people.record_consent(session, tracker.sender_id, *_country_and_language(tracker))
                if check_in:
                    keep_check_in(session, tracker.sender_id, check_in, tracker.get_slot(NOTE_SLOT))
                elif summary:
                    people.save_decision_summary(session, tracker.sender_id, summary)
                elif script:
                    people.save_script(session, tracker.sender_id, script)
        except SQLAlchemyError:
            return _storage_failed(dispatcher, tracker) + [SlotSet(AWAITING_CONSENT, False)]
        logger.info("Consent recorded for %s", pseudonym(tracker.sender_id))
        kept = ("utter_check_in_kept" if check_in else "utter_aid_kept" if summary
                else "utter_script_saved" if script else "utter_consent_noted")
        dispatcher.utter_message(response=kept)
        return [SlotSet(AWAITING_CONSENT, False)] + _forget_check_in(tracker)


class ActionDeclineConsent(Action):
    """They said no: nothing is kept, and we say so."""

    def name(self) -> Text:
        return "action_decline_consent"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        declined = ("utter_check_in_not_kept" if todays_scores(tracker)
                    else "utter_aid_not_kept" if tracker.get_slot(SUMMARY_SLOT) else "utter_consent_declined")
        dispatcher.utter_message(response=declined)
        return [SlotSet(AWAITING_CONSENT, False)] + _forget_check_in(tracker)


class ActionShowScripts(Action):
    """Lists the scripts they kept."""

    def name(self) -> Text:
        return "action_show_scripts"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        try:
            with session_scope() as session:
                scripts = people.scripts_of(session, tracker.sender_id)
        except SQLAlchemyError:
            return _storage_failed(dispatcher, tracker)
        if not scripts:
            dispatcher.utter_message(response="utter_no_saved_scripts")
            return []
        listed = "\n".join(f"{number}. \"{text}\"" for number, text in enumerate(scripts, 1))
        dispatcher.utter_message(response="utter_saved_scripts", scripts=listed)
        return []


def readable_export(data: Dict[str, Any]) -> str:
    """The export as plain sentences (domain.yml ``utter_export_*``), in the order a person would ask."""
    lines = []
    preferences = data["preferences"]
    if preferences:
        not_saved = wording.text("utter_export_not_saved")
        lines.append(wording.filled("utter_export_consent", date=preferences["consent_given_at"][:10]))
        lines.append(wording.filled("utter_export_preferences", country=preferences["country"] or not_saved,
                                    language=preferences["language"] or not_saved))
    else:
        lines.append(wording.text("utter_export_nothing_kept"))
    if data["saved_scripts"]:
        lines.append(wording.filled("utter_export_scripts", count=len(data["saved_scripts"])))
        lines += [wording.filled("utter_export_script", number=n, text=s["text"], date=s["saved_at"][:10])
                  for n, s in enumerate(data["saved_scripts"], 1)]
    if data.get("alliance_check_ins"):
        lines.append(wording.filled("utter_export_check_ins", count=len(data["alliance_check_ins"])))
        lines += [f"   {c['checked_in_at'][:10]}: {c['bond']} / {c['goals']} / {c['method']}"
                  + (f" – \"{c['note']}\"" if c["note"] else "") for c in data["alliance_check_ins"]]
    if data.get("decision_summaries"):
        lines.append(wording.filled("utter_export_summaries", count=len(data["decision_summaries"])))
        for summary in data["decision_summaries"]:
            lines.append(f"   {summary['saved_at'][:10]}:")
            lines += [f"   {line}" for line in summary["text"].splitlines()]
    conversation = data["conversation"]
    yours = [m for m in conversation if m["from"] == "you"]
    if conversation:
        lines.append(wording.filled("utter_export_conversation", yours=len(yours),
                                    replies=len(conversation) - len(yours)))
        lines += [f"   – {m['text']}" for m in yours]
    else:
        lines.append(wording.text("utter_export_no_conversation"))
    return "\n".join(lines)


class ActionExportData(Action):
    """Everything stored about them, readable, in the chat."""

    def name(self) -> Text:
        return "action_export_data"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        try:
            with session_scope() as session:
                data = people.export(session, tracker.sender_id)
        except SQLAlchemyError:
            return _storage_failed(dispatcher, tracker)
        dispatcher.utter_message(response="utter_export", export=readable_export(data))
        return []


class ActionDeleteMyData(Action):
    """Removes their saved rows now; the tracker store erases the conversation
    when this turn is saved, and the next message starts a fresh one."""

    def name(self) -> Text:
        return "action_delete_my_data"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        try:
            with session_scope() as session:
                people.erase(session, tracker.sender_id, events=False)
        except SQLAlchemyError:
            return _storage_failed(dispatcher, tracker)
        dispatcher.utter_message(response="utter_data_deleted")
        return []
