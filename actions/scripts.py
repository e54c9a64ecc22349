"""Raise it: turn three answers into a short script in the person's own words.

"When you said …, I felt …. What I'd like is …." The words are theirs; we
only make them sit in one sentence (the therapist becomes "you", a repeated
"I felt" is dropped) so that the result can be copied, changed and kept.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.form_answers import AnswerKeepingFormValidation
from bot.common import wording
from bot.dialogue.script_edits import ADD, STYLES, read_edit
from actions.text_tools import clean, without_end_punctuation

SCRIPT_SLOTS = ("script_event", "script_feeling", "script_request")

_THERAPIST = r"(?:my |the )?(?:therapist|counsell?or|psychologist|psychiatrist|psychotherapist|shrink|doctor|dr\.? \w+)"
_SUBJECT = re.compile(rf"^(?:when |that )?(?:{_THERAPIST}|she|he|they)\b\s*", re.IGNORECASE)
_VERB_FIXES = {
    "was": "were", "is": "are", "has": "have", "does": "do", "doesn't": "don't", "doesnt": "don't",
    "keeps": "keep", "says": "say", "tells": "tell", "talks": "talk", "makes": "make",
    "seems": "seem", "asks": "ask", "wants": "want", "thinks": "think", "goes": "go",
    "interrupts": "interrupt", "forgets": "forget", "looks": "look", "checks": "check",
}
_OBJECT = re.compile(r"\b(?:her|him|them)\b", re.IGNORECASE)
#: The therapist's own things, once the therapist is "you": "she checks her phone" -> "you check your
#: phone". Only the subject's own pronoun ("her" after "she"); for "my therapist", any of them.
_ANY_POSSESSIVE = re.compile(r"\b(?:her|his|their|herself|himself|themselves)\b(?=\s+\w|\s*$)", re.IGNORECASE)
_POSSESSIVE = {
    "she": re.compile(r"\b(?:her|herself)\b(?=\s+\w|\s*$)", re.IGNORECASE),
    "he": re.compile(r"\b(?:his|himself)\b", re.IGNORECASE),
    "they": re.compile(r"\b(?:their|themselves)\b", re.IGNORECASE),
}
_FEELING_LEAD = re.compile(r"^(?:it )?(?:made me feel|makes me feel|i felt|i feel|i was|felt|feel|it felt|feeling)\s+", re.IGNORECASE)
_REQUEST_LEAD = re.compile(
    r"^(?:i'?d like (?:it )?(?:if )?|i would like (?:it )?(?:if )?|i want |i wish |i need |i'd love |"
    r"what i'?d like is |for (?:her|him|them|you) to |(?:her|him|them) to |that (?:she|he|they) )",
    re.IGNORECASE,
)
_REQUEST_OBJECT_LEAD = re.compile(r"^(?:her|him|them|you) to (?=\w)", re.IGNORECASE)
_REQUEST_VERBS = {
    "ask", "listen", "stop", "let", "give", "check", "slow", "explain", "try", "be", "talk", "tell",
    "focus", "spend", "help", "remember", "start", "not", "show", "go", "take", "understand",
    "believe", "say", "acknowledge", "hear", "respect", "use", "keep", "come", "work", "agree",
}


def as_second_person(event: str) -> str:
    """'she said I was lazy' -> 'you said I was lazy'; 'she checks her phone' -> 'you check your phone'."""
    text = without_end_punctuation(clean(event))
    match = _SUBJECT.match(text)
    if not match:
        return text if text.lower().startswith("you ") else f"you {text}" if text else text
    rest = text[match.end():]
    words = rest.split(" ", 1)
    if words and words[0].lower() in _VERB_FIXES:
        words[0] = _VERB_FIXES[words[0].lower()]
    owner = _POSSESSIVE.get(match.group(0).strip().lower().split(" ")[-1], _ANY_POSSESSIVE)
    return "you " + owner.sub(lambda m: "yourself" if m.group(0).lower().endswith("self") else "your",
                              " ".join(words))


def feeling_phrase(feeling: str) -> str:
    """'i felt brushed off.' -> 'brushed off'."""
    return _FEELING_LEAD.sub("", without_end_punctuation(clean(feeling)))


def request_phrase(request: str) -> str:
    """'i'd like her to ask more' -> 'for you to ask more'."""
    original = without_end_punctuation(clean(request))
    text = _REQUEST_LEAD.sub("", original)
    text = _REQUEST_OBJECT_LEAD.sub("", text)
    first = text.split(" ", 1)[0].lower() if text else ""
    if first in _REQUEST_VERBS or (text and text != original and first not in ("you", "more", "less", "some")):
        text = f"for you to {text}"
    elif first in ("you", "you'd", "youd"):
        text = f"for {text}"
    return _OBJECT.sub("you", text)


def compose_script(event: str, feeling: str, request: str, style: Optional[str] = None) -> str:
    """The script: 'When you …, I felt …. What I'd like is ….', said in ``style`` (script_edits.STYLES)."""
    when, felt, wish = as_second_person(event), feeling_phrase(feeling), request_phrase(request)
    if style in STYLES:
        # the frames are domain responses (utter_piece_script_<style>), filled with their words
        return wording.filled(f"utter_piece_script_{style}", when=when, felt=felt, wish=wish,
                              could=_could(wish))
    return f"When {when}, I felt {felt}. What I'd like is {wish}."


def _could(wish: str) -> str:
    """'for you to ask more' -> 'ask more', 'more patience' -> 'give me more patience' ("Could you …?")."""
    return wish[len("for you to "):] if wish.startswith("for you to ") else f"give me {wish}"


class ValidateRaiseItForm(AnswerKeepingFormValidation):
    """Keeps each answer as plain text of a sane length; an empty answer is asked again."""

    def name(self) -> Text:
        return "validate_raise_it_form"

    @staticmethod
    def _checked(slot: str, value: Any, dispatcher: CollectingDispatcher) -> Dict[Text, Any]:
        text = clean(value)
        if not without_end_punctuation(text):
            dispatcher.utter_message(response="utter_answer_again_briefly")
            return {slot: None}
        return {slot: text}

    def validate_script_event(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._checked("script_event", value, dispatcher)

    def validate_script_feeling(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._checked("script_feeling", value, dispatcher)

    def validate_script_request(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._checked("script_request", value, dispatcher)


class ActionComposeScript(Action):
    """Shows the script with buttons to change it or finish."""

    def name(self) -> Text:
        return "action_compose_script"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        parts = [tracker.get_slot(slot) or "" for slot in SCRIPT_SLOTS]
        script = compose_script(*parts)
        dispatcher.utter_message(response="utter_script", script=script)
        return [SlotSet("script", script), SlotSet("script_style", None)]


class ActionEditScript(Action):
    """The script again with the change asked for: something added, or said another way.

    Chosen by bot/dialogue/script_edit_policy.py right after a script was
    shown. An addition joins what happened ("… and you keep being late");
    a style ("shorter", "less formal", "warmer", "more direct") is kept for
    later additions.
    """

    def name(self) -> Text:
        return "action_edit_script"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        edit = read_edit((tracker.latest_message or {}).get("text"))
        event, feeling, request = [tracker.get_slot(slot) or "" for slot in SCRIPT_SLOTS]
        style = tracker.get_slot("script_style")
        events: List[EventType] = []
        if edit is not None and edit.kind == ADD and edit.addition:
            event = f"{without_end_punctuation(clean(event))}, and {as_second_person(edit.addition)}"
            events.append(SlotSet("script_event", event))
        elif edit is not None and edit.kind != ADD:
            style = edit.kind
            events.append(SlotSet("script_style", style))
        script = compose_script(event, feeling, request, style)
        dispatcher.utter_message(response="utter_script", script=script)
        return events + [SlotSet("script", script)]


class ActionResetScript(Action):
    """Clears the three answers so the form asks them again."""

    def name(self) -> Text:
        return "action_reset_script"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        dispatcher.utter_message(response="utter_script_revise")
        return [SlotSet(slot, None) for slot in SCRIPT_SLOTS]
