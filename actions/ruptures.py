"""Lean in: normalise a rupture, ask the few questions that matter, advise.

The questions (how many sessions, have you told them, how did they take it,
does it feel familiar) decide the advice: early sessions are when the bond
forms, an unspoken rupture is worth raising, and a therapist who got
defensive or keeps repeating it means leaning in has run its course.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.form_answers import AnswerKeepingFormValidation
from actions.knowledge import say_answer
from actions.text_tools import clean, yes_no_unsure
from actions.wording import in_other_language
from bot.dialogue import knowledge
from bot.understanding.taxonomy import RUPTURE, triage_of_intent

_NUMBER_WORDS = {
    "one": 1, "first": 1, "once": 1, "two": 2, "second": 2, "couple": 2, "three": 3, "third": 3,
    "few": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "dozen": 12, "many": 15, "lots": 15, "months": 15, "year": 40, "years": 80,
}
_BAD_REACTION = re.compile(
    r"defensive|dismiss|brush|blame|annoy|angry|ignor|nothing chang|keeps? happen|"
    r"again|laugh|didn.?t listen|did not listen|shut|minimi|argu|worse|cold|punish"
)
_GOOD_REACTION = re.compile(r"listen|apolog|sorry|understood|went (ok|well|fine)|good|helped|talked it")


def sessions_count(text: Optional[str]) -> Optional[int]:
    """Best reading of "how many sessions" ("3", "1-3", "about five", "a few")."""
    if not text:
        return None
    text = text.lower()
    if "more than 10" in text or "more than ten" in text:
        return 11
    digits = re.findall(r"\d+", text)
    if digits:
        return max(int(d) for d in digits[:2])
    for word, number in _NUMBER_WORDS.items():
        if re.search(rf"\b{word}\b", text):
            return number
    return None


def reaction_of(text: Optional[str], intent: Optional[str]) -> str:
    """``bad``, ``good`` or ``unsure``: how the therapist took it."""
    if intent == "therapist_reaction_bad":
        return "bad"
    if intent == "therapist_reaction_good":
        return "good"
    lowered = (text or "").lower()
    if _BAD_REACTION.search(lowered):
        return "bad"
    if _GOOD_REACTION.search(lowered):
        return "good"
    return "unsure"


class ActionRuptureResponse(Action):
    """Normalises the rupture the person described, answers a question they asked with it, then invites the questions."""

    def name(self) -> Text:
        return "action_rupture_response"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        if in_other_language(tracker):
            # one paragraph in their language instead of English questions
            dispatcher.utter_message(response="utter_rupture_other_language")
            return []
        found = triage_of_intent((tracker.latest_message.get("intent") or {}).get("name"))
        if found and found[0] == RUPTURE:
            dispatcher.utter_message(response=f"utter_rupture_{found[1]}")
        asked = knowledge.decide(tracker.latest_message).topic
        if asked:
            # they asked something too ("is it okay to ask her to waive it?"): answer it now
            say_answer(dispatcher, tracker, asked)
        dispatcher.utter_message(response="utter_rupture_intro_questions")
        return []


class ValidateRuptureQuestionsForm(AnswerKeepingFormValidation):
    """Turns free answers into yes/no/unsure and skips what does not apply."""

    def name(self) -> Text:
        return "validate_rupture_questions_form"

    async def required_slots(
        self,
        domain_slots: List[Text],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        if in_other_language(tracker):
            return []
        if tracker.get_slot("told_therapist") in (None, "yes"):
            return domain_slots
        return [slot for slot in domain_slots if slot != "therapist_reaction"]

    @staticmethod
    def _intent(tracker: Tracker) -> Optional[str]:
        return (tracker.latest_message.get("intent") or {}).get("name")

    def validate_sessions_so_far(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return {"sessions_so_far": clean(value, 60) or "unknown"}

    def validate_told_therapist(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return {"told_therapist": yes_no_unsure(value, self._intent(tracker))}

    def validate_therapist_reaction(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return {"therapist_reaction": reaction_of(value, self._intent(tracker))}

    def validate_feels_familiar(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return {"feels_familiar": yes_no_unsure(value, self._intent(tracker))}


def advice_responses(concern: Optional[str], sessions: Optional[int], told: Optional[str],
                     familiar: Optional[str]) -> List[str]:
    """The lean-in advice for what the person answered: one response (a paragraph) per answer that calls for it."""
    names = []
    if sessions is not None and sessions <= 3:
        names.append("utter_advice_early_on")
    elif concern == "no_connection" and sessions is not None:
        names.append("utter_advice_no_connection_after_many")
    if told != "yes":
        names.append("utter_advice_tell_them")
    if familiar == "yes":
        names.append("utter_advice_familiar")
    return names


class ActionRuptureAdvice(Action):
    """Advice from the answers; says when leaning in has run its course."""

    def name(self) -> Text:
        return "action_rupture_advice"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        if in_other_language(tracker):
            return []  # utter_rupture_other_language already said it all
        if tracker.get_slot("therapist_reaction") == "bad":
            dispatcher.utter_message(response="utter_lean_in_run_its_course")
            return []
        for name in advice_responses(
            tracker.get_slot("concern"),
            sessions_count(tracker.get_slot("sessions_so_far")),
            tracker.get_slot("told_therapist"),
            tracker.get_slot("feels_familiar"),
        ):
            dispatcher.utter_message(response=name)
        dispatcher.utter_message(response="utter_offer_script")
        return []
