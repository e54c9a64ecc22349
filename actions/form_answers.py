"""An answer that only looks a little like a request is still the answer.

Why: the forms' free-text slots do not take a message whose intent is a
request ("show my scripts", "stop", a question about therapy), so that a
request made mid-form is answered when it is made. But the classifier also
gives those intents, at low confidence, to ordinary answers that share a word
with them ("I wrote him a script of what I wanted to say" read as
``show_scripts`` at 0.30), and the form was then interrupted by an answer
nobody asked for. Below a floor, and when the message is not a question, the
requested slot takes the text after all, and the form's own validation reads
it as it reads any answer.

Safety is untouched: crisis, risk and red-flag intents are never in the list,
so such a message still interrupts the form and is never stored.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import List, Optional, Text

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.understanding.questions import asks
from bot.understanding.taxonomy import QUESTION_INTENTS

#: Requests that interrupt a form (domain.yml, the ``interrupting`` list) and
#: that an answer can be mistaken for. Not ``skip_question``: it has its own
#: mapping, and skipping wrongly costs one question, not an answer.
SOFT_REQUESTS = frozenset({
    "knowledge", "ask_how_therapy_works", "ask_return_after_bad_experience", "request_script",
    "show_scripts", "stop", "delete_data", "export_data", "doubt_red_flag",
})

#: Below this confidence a request intent on a form answer is taken as the
#: answer. On the held-out knowledge questions (tests/eval/dev/knowledge_dev.yml)
#: 14 of 283 real questions about therapy got a request intent below 0.4, and
#: those are questions: a question mark keeps them interrupting.
REQUEST_FLOOR = 0.4
#: The floor for a question intent on a message that asks nothing at all (no question mark, no
#: question form: ``bot.understanding.questions.asks``), such as "talk with me about what's going on
#: before the worksheet", read as a knowledge question at 0.46 after session 21's long knowledge
#: phrasings. On the dev knowledge sets 12 of 1,056 real questions that got a question intent
#: asked nothing and scored under 0.6: mid-form, those would be taken as the answer.
UNASKED_QUESTION_FLOOR = 0.6


def mistaken_request(tracker: Tracker) -> Optional[str]:
    """The text of the latest message when it is an answer read as a weak request, else ``None``."""
    message = tracker.latest_message or {}
    intent = message.get("intent") or {}
    text = (message.get("text") or "").strip()
    if not text or text.startswith("/") or "?" in text:
        return None
    name = intent.get("name")
    floor = UNASKED_QUESTION_FLOOR if name in QUESTION_INTENTS and not asks(text) else REQUEST_FLOOR
    if name in SOFT_REQUESTS and (intent.get("confidence") or 0.0) < floor:
        return text
    return None


class AnswerKeepingFormValidation(FormValidationAction, ABC):
    """A form validation that also takes an answer mistaken for a weak request (see the module).

    Abstract, so that the action server does not register it as an action of its own.
    """

    @abstractmethod
    def name(self) -> Text:  # pragma: no cover - each form names itself
        """The validation action's name, ``validate_<form>``."""

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        events = await super().get_extraction_events(dispatcher, tracker, domain)
        requested = tracker.get_slot("requested_slot")
        text = mistaken_request(tracker)
        if text and requested and tracker.get_slot(requested) is None \
                and not any(event.get("name") == requested for event in events):
            events.append(SlotSet(requested, text))
        return events
