"""The safety screen as a Rasa NLU component, run after the intent classifier.

Why a component and not an action: it must work even when the action server
is down, and it must change what the dialogue policies see (the intent), so
that a crisis rule fires whatever the classifier thought. It also turns the
facts it finds into entities that Rasa maps onto slots by itself:
``triage``/``concern`` for a crisis (the top level, so it can never lower
them), ``country`` from "I'm in Australia", ``locale_country`` from the
channel's locale metadata, and ``language``.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message
from spacy.matcher import PhraseMatcher

from bot import language, resources
from bot.safety_screen import ScreenHit, default_screen
from bot.taxonomy import CRISIS, intent_name, rank, triage_of_intent

EXTRACTOR = "SafetyScreen"
#: A classifier crisis at or above this confidence stays crisis even when the
#: screen excused the crisis words it saw.
CONFIDENT_CRISIS = 0.7


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class SafetyScreenComponent(GraphComponent):
    """Raises the intent to crisis / red flag when the screen finds danger."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SafetyScreenComponent":
        return cls()

    def __init__(self) -> None:
        self._screen = default_screen()
        self._countries = resources.country_aliases()
        self._country_matcher = PhraseMatcher(self._screen.vocab, attr="LOWER")
        for alias, code in self._countries.items():
            self._country_matcher.add(code, [self._screen.make_doc(alias)])

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._process_one(message)
        return messages

    def process_training_data(self, training_data: Any) -> Any:
        return training_data

    # ------------------------------------------------------------------
    def _process_one(self, message: Message) -> None:
        text = message.get("text") or ""
        analysis = self._screen.analyse(text)
        hit = analysis.top
        lang = hit.language if hit is not None and hit.language != "en" else language.detect(text)
        # Another language: the classifier is trained on es/fr/de/pt crisis and
        # harmless messages, so its crisis answer is kept (the screen's phrases
        # are a floor, not a ceiling); anything else it says there is dropped.
        foreign_non_crisis = lang not in (None, "en") and not _is_crisis(message.get("intent"))
        if hit is None and (not _has_words(text) or foreign_non_crisis):
            _not_understood(message)
        if hit is not None:
            _raise_intent(message, hit)
        elif analysis.excused_crisis:
            _lower_excused_crisis(message)
        entities = list(message.get("entities") or [])
        triage = triage_of_intent((message.get("intent") or {}).get("name"))
        if triage and triage[0] == CRISIS:
            entities += [_entity("triage", CRISIS, text), _entity("concern", triage[1], text)]
        country = self._country_in(text)
        if country:
            entities.append(_entity("country", country, text))
        locale = _locale_country((message.get("metadata") or {}))
        if locale:
            entities.append(_entity("locale_country", locale, text))
        if lang:
            entities.append(_entity("language", lang, text))
        message.set("entities", entities, add_to_output=True)

    def _country_in(self, text: str) -> Optional[str]:
        doc = self._screen.make_doc(text[:2000].lower())
        matches = self._country_matcher(doc)
        if not matches:
            return None
        match_id, _, _ = max(matches, key=lambda m: m[2] - m[1])
        return self._screen.vocab.strings[match_id]


def _raise_intent(message: Message, hit: ScreenHit) -> None:
    """Set the intent to the screen's finding when it is more serious."""
    current = message.get("intent") or {}
    triage = triage_of_intent(current.get("name"))
    if triage and rank(triage[0]) >= rank(hit.level):
        return
    name = intent_name(hit.level, hit.concern)
    raised = {"name": name, "confidence": 1.0}
    ranking = [r for r in (message.get("intent_ranking") or []) if r.get("name") != name]
    message.set("intent", raised, add_to_output=True)
    message.set("intent_ranking", [raised] + ranking, add_to_output=True)
    message.set("safety_screen", {"level": hit.level, "concern": hit.concern,
                                  "language": hit.language}, add_to_output=True)


def _has_words(text: str) -> bool:
    """Emoji-only, punctuation or binary-looking text has nothing to classify."""
    return sum(ch.isalpha() for ch in text[:2000]) >= 2


def _is_crisis(intent: Optional[Dict[str, Any]]) -> bool:
    triage = triage_of_intent((intent or {}).get("name"))
    return bool(triage and triage[0] == CRISIS)


def _not_understood(message: Message) -> None:
    """Another language, or no words at all: the classifier's non-crisis guess means nothing.

    The screen (and, for a crisis, the classifier) has already looked for
    danger in that language; anything else gets the "I only speak English
    for now" answer, in that language.
    """
    fallback = {"name": "nlu_fallback", "confidence": 1.0}
    message.set("intent", fallback, add_to_output=True)
    message.set("intent_ranking", [fallback] + list(message.get("intent_ranking") or []), add_to_output=True)


def _lower_excused_crisis(message: Message) -> None:
    """Undo a crisis guess that rests only on words the screen excused.

    "Not suicidal, just annoyed", "years ago I self-harmed, I'm fine now",
    "my therapist asked if I ever think of hurting myself": the classifier
    sees crisis words; the screen sees them negated, in a resolved past, or
    talked about. Only then, and only when the screen found nothing else, the
    next non-crisis intent is used. Anything the screen matched stays crisis.
    """
    current = message.get("intent") or {}
    if not _is_crisis(current) or current.get("confidence", 1.0) >= CONFIDENT_CRISIS:
        return  # a classifier this sure is not overruled by a guard ("not going to hurt MYSELF. My ex...")
    for candidate in message.get("intent_ranking") or []:
        if _is_crisis(candidate):
            continue
        if candidate.get("name") == "nlu_fallback":
            continue
        message.set("intent", dict(candidate), add_to_output=True)
        message.set("safety_screen", {"excused": True, "was": current.get("name")}, add_to_output=True)
        return


def _entity(name: str, value: str, text: str) -> Dict[str, Any]:
    return {"entity": name, "value": value, "start": 0, "end": len(text),
            "confidence_entity": 1.0, "extractor": EXTRACTOR}


def _locale_country(metadata: Dict[str, Any]) -> Optional[str]:
    """ISO country of a locale such as ``en-AU`` sent by the web widget."""
    if not isinstance(metadata, dict):
        return None
    locale = metadata.get("locale") or metadata.get("language")
    if not isinstance(locale, str) or len(locale) > 35:
        return None
    parts = locale.replace("_", "-").split("-")
    return resources.known_country(parts[-1]) if len(parts) > 1 else None
