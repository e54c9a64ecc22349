"""Response generation inside the Rasa server, with crisis resources filled in.

Why here and not in a custom action: the crisis reply must arrive even when the
action server is down. Rasa renders domain responses in-process through its
NLG; this subclass adds template variables computed from the curated data
(``{crisis_lines}``, ``{emergency_line}``, ``{dv_lines}``) for the person's
country, so a rule can answer a crisis with a plain domain response.

No long reply goes out twice word for word (issue 13): the second time it
is its ``<name>_again`` response when the domain has one (the red flag's
next steps), else ``utter_said_above``, a pointer to the first. It also keeps
the crisis reply from being shouted twice (issue 13, "listen first"): once
the full crisis block has been sent and the person has not yet said they are
safe, another crisis reply is the short ``utter_crisis_again`` (the line in
one line, "are you safe right now?"), and the first answer of any other turn
carries ``utter_crisis_reminder`` with the safe / not safe buttons, until
they answer. After they said they were safe, a new crisis reply in the same
session is ``utter_crisis_returned``: the line and the emergency number, and
the question again, pointing to the full list above.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Optional, Text

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.common import resources, wording
from bot.dialogue.turns import CRISIS_BLOCKS, SAFE_SAID, crisis_block_sent, crisis_pending


def country_of(tracker: DialogueStateTracker) -> Optional[str]:
    """The country the person named, else the one their browser locale implies,
    else the one they let us remember in an earlier conversation."""
    return (resources.known_country(tracker.get_slot("country"))
            or resources.known_country(tracker.get_slot("locale_country"))
            or remembered_country(tracker.sender_id))


def remembered_country(sender_id: str) -> Optional[str]:
    """The stored country of someone who consented; None if the store can't say.

    A store that is down must not cost anyone the crisis reply: the
    international list is used instead.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from bot.store import people
    from bot.store.database import session_scope

    try:
        with session_scope() as session:
            person = people.person_of(session, sender_id)
            return resources.known_country(person.country) if person and person.consent_given_at else None
    except SQLAlchemyError:
        return None


SHORT_CRISIS = "utter_crisis_again"
#: the crisis reply when the full block was sent earlier in this session and they had said they were safe
CRISIS_RETURNED = "utter_crisis_returned"
REMINDER = "utter_crisis_reminder"
#: a reply this long that was sent before in the conversation, word for word, is not sent again
LONG_REPLY = 400
SAID_ABOVE = "utter_said_above"
#: the key, in a message and so in its bot event's metadata, of a reply that carries the reminder
REMINDER_MARK = "crisis_reminder"
NO_REMINDER = CRISIS_BLOCKS + SAFE_SAID + (SHORT_CRISIS, "utter_crisis_not_safe", "utter_crisis_stay",
                                           "utter_risk_check", "utter_crisis_lines")


def said_before(tracker: DialogueStateTracker, text: str) -> bool:
    """Was this exact text sent to the person earlier in the conversation (perhaps with the reminder after it)?"""
    return wording.sent_before(text, (event.text for event in tracker.events if isinstance(event, BotUttered)))


def first_reply_of_turn(tracker: DialogueStateTracker) -> bool:
    """No bot message yet since the person's latest message."""
    for event in reversed(tracker.events):
        if isinstance(event, BotUttered):
            return False
        if isinstance(event, UserUttered):
            return True
    return True


#: The template variables this generator adds to domain responses.
RESOURCE_KEYS = ("crisis_lines", "crisis_line_short", "emergency_line", "dv_lines", "country_name", "reporting", "directories")


@lru_cache(maxsize=512)
def _resource_variables(country: Optional[str], language: Optional[str]) -> Dict[str, str]:
    emergency = resources.emergency_number(country)
    if emergency:
        emergency_line = wording.filled("utter_piece_emergency_call", in_language=language, number=emergency)
    else:
        emergency_line = wording.text("utter_piece_emergency_unknown", language)
    dv_lines = resources.domestic_violence_lines(country)
    return {
        "crisis_lines": resources.crisis_lines(country),
        "crisis_line_short": resources.crisis_line_short(country),
        "emergency_line": emergency_line,
        "dv_lines": dv_lines or f"• {resources.directory_url()}",
        "country_name": resources.country_name(country) or "your country",
        "reporting": resources.reporting_text(country, language),
        "directories": resources.directories_text(country, language),
    }


def resource_variables(country: Optional[str], language: Optional[str]) -> Dict[str, str]:
    """Template variables for crisis responses (a fresh dict: callers may add to it).

    They depend only on the country, the language and the curated files read
    once per process, so they are formatted once per pair, not per response.
    """
    return dict(_resource_variables(country, language))


class AllianceNaturalLanguageGenerator(TemplatedNaturalLanguageGenerator):
    """Domain responses plus the crisis resources of the person's country."""

    def __init__(self, endpoint_config: Any = None, domain: Optional[Domain] = None) -> None:
        super().__init__(domain.responses if domain else {})
        self._uses_resources: Dict[Any, bool] = {}

    def _needs_resources(self, utter_action: Text) -> bool:
        """Does any variation of this response use a resource variable?

        Most responses (greetings, questions) use none: for them the country is
        not looked up at all, so no store query per message. Rasa may swap
        ``self.responses`` when it loads a model, hence the key includes it.
        """
        key = (id(self.responses), utter_action)
        if key not in self._uses_resources:
            self._uses_resources[key] = any(
                "{" + name + "}" in (variation.get("text") or "")
                for variation in self.responses.get(utter_action) or [] for name in RESOURCE_KEYS)
        return self._uses_resources[key]

    async def generate(
        self,
        utter_action: Text,
        tracker: DialogueStateTracker,
        output_channel: Text,
        **kwargs: Any,
    ) -> Optional[Dict[Text, Any]]:
        pending = crisis_pending(tracker)
        if utter_action in CRISIS_BLOCKS and pending and SHORT_CRISIS in self.responses:
            utter_action = SHORT_CRISIS
        elif utter_action in CRISIS_BLOCKS and CRISIS_RETURNED in self.responses and crisis_block_sent(tracker):
            # they had said they were safe; the line and the emergency number again, not the whole list
            utter_action = CRISIS_RETURNED
        message = await self._render(utter_action, tracker, output_channel, **kwargs)
        if (message is not None and utter_action not in CRISIS_BLOCKS + (SHORT_CRISIS, CRISIS_RETURNED)
                and len(message.get("text") or "") >= LONG_REPLY and said_before(tracker, message["text"])):
            shorter = utter_action + "_again" if utter_action + "_again" in self.responses else SAID_ABOVE
            if shorter in self.responses:
                utter_action = shorter
                message = await self._render(shorter, tracker, output_channel, **kwargs)
        if (message is not None and pending and utter_action not in NO_REMINDER and REMINDER in self.responses
                and first_reply_of_turn(tracker)):
            reminder = await self._render(REMINDER, tracker, output_channel)
            if reminder:
                message["text"] = "\n\n".join(filter(None, [message.get("text"), reminder.get("text")]))
                message["buttons"] = list(message.get("buttons") or []) + list(reminder.get("buttons") or [])
                # kept in the bot event's metadata: the evaluation and the tests can see the line was given
                message[REMINDER_MARK] = True
        return message

    async def _render(self, utter_action: Text, tracker: DialogueStateTracker, output_channel: Text,
                      **kwargs: Any) -> Optional[Dict[Text, Any]]:
        variables: Dict[str, Any] = {}
        if self._needs_resources(utter_action):
            variables = resource_variables(country_of(tracker), tracker.get_slot("language"))
        variables.update(kwargs)
        return await super().generate(utter_action, tracker, output_channel, **variables)
