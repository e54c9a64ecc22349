"""Answers to questions around therapy, from the knowledge base (bot.dialogue.knowledge).

Why an action and not only Rasa's ``utter_knowledge`` rule: the answer may need
the person's country (where to search, whom to report to), an unsure match must
say so and offer the closest topics instead of answering the wrong question,
and every answer ends with a next step as buttons. The buttons send the
topic's question as text, so they work on every channel and pass the
"typed text is text" rule (they are not ``/intent`` payloads).
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.wording import in_other_language
from bot.common import resources, wording
from bot.dialogue import knowledge

#: a question the classifier filed under an older, general intent keeps that intent's answer when no topic fits
GENERAL_ANSWER = {"ask_how_therapy_works": "utter_how_therapy_works",
                  "ask_return_after_bad_experience": "utter_return_after_bad_experience"}


def _buttons(names: List[str]) -> List[Dict[str, str]]:
    table = knowledge.topics()
    return [{"title": table[name].title, "payload": table[name].title} for name in names if name in table]


def _country(tracker: Tracker):
    return resources.known_country(tracker.get_slot("country")) or resources.known_country(
        tracker.get_slot("locale_country"))


class ActionAnswerKnowledge(Action):
    """The best-matching answer with a next step, or "I don't know that one" and the closest topics."""

    def name(self) -> Text:
        return "action_answer_knowledge"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        decision = knowledge.decide(tracker.latest_message)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if decision.topic is None and intent in GENERAL_ANSWER:
            dispatcher.utter_message(response=GENERAL_ANSWER[intent])
            return []
        if decision.topic is None:
            dispatcher.utter_message(response="utter_knowledge_unknown",
                                     buttons=_buttons([name for name, _ in decision.closest]))
            return []
        say_answer(dispatcher, tracker, decision.topic)
        if not in_other_language(tracker):
            # the next questions are English titles: offered in English only
            dispatcher.utter_message(response="utter_knowledge_next",
                                     buttons=_buttons(knowledge.related(decision.topic)))
        return []


def say_answer(dispatcher: CollectingDispatcher, tracker: Tracker, name: str) -> None:
    """A topic's answer, with the reporting bodies or directories of the person's country when it needs them.

    Also used after a rupture's own reply when the person asked a question too (actions/ruptures.py).
    """
    dispatcher.utter_message(response=f"utter_{knowledge.RETRIEVAL_INTENT}/{name}")
    topic = knowledge.topics()[name]
    if topic.country:
        code, language = _country(tracker), tracker.get_slot("language")
        if code:
            places = (resources.reporting_text(code, language) if topic.country == "reporting"
                      else resources.directories_text(code, language))
            if wording.sent_before(places, (e.get("text") for e in tracker.events if e.get("event") == "bot")):
                # the same list twice in one conversation is a wall of text: point to it
                dispatcher.utter_message(response="utter_said_above")
            else:
                dispatcher.utter_message(text=places)
        else:
            dispatcher.utter_message(response="utter_ask_country")
