"""No payload sets a slot: ``/intent{"triage": "rupture"}`` reaches Rasa as ``/intent``.

Rasa turns the ``{...}`` of a ``/intent`` message into entities, and slots
mapped from those entities (``triage``, ``concern``, ``language``,
``country``...) would take the values. The assistant's own buttons never
carry any, and the channels already read a typed ``/...`` as text
(bot.channels.typed_text); this last step of the NLU pipeline closes the
same door for every other way in, the Rasa HTTP API included, by cutting the
message down to its intent before Rasa's ``RegexMessageHandler`` reads it.
It is the last component so that it changes nothing the others see.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

#: ``/name`` then anything more (``@0.9``, ``{...}``, trailing text)
_PAYLOAD_WITH_MORE = re.compile(r"^\s*(/[^\s{@]+)\s*[{@].*$", re.DOTALL)


def intent_only(text: str) -> str:
    """``/greet{"triage":"x"}`` -> ``/greet``; anything else unchanged."""
    match = _PAYLOAD_WITH_MORE.match(text or "")
    return match.group(1) if match else text


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PayloadGuard(GraphComponent):
    """Drops slot values and confidences from ``/intent`` payloads."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "PayloadGuard":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str):
                cut = intent_only(text)
                if cut != text:
                    message.set(TEXT, cut)
        return messages
