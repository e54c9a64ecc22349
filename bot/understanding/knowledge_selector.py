"""Which knowledge answer fits a question: the intent classifier's method, over the topics.

Why not Rasa's ResponseSelector: trained on our ~900 phrasings of 60 topics it
chose the right topic for 35% of the held-out dev questions
(tests/eval/dev/knowledge_dev.yml) and added minutes of TensorFlow training;
the same tf-idf n-grams and logistic regression as
:class:`bot.understanding.intent_classifier.TfidfIntentClassifier` (scikit-learn) train in
seconds. It learns from the examples of the retrieval intent ``knowledge/<topic>``
and writes its ranking where Rasa's ResponseSelector would
(``response_selector.knowledge``), so ``bot.dialogue.knowledge.decide`` and Rasa read it
the same way. It runs on every message; the intent classifier decides whether
the message is a question about therapy at all, except that a question it put
out of scope is one when this selector is sure of its topic
(``bot.understanding.questions.is_question_out_of_scope``).
"""
from __future__ import annotations

from typing import Any, Dict, List, Text, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT_RESPONSE_KEY
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.understanding.intent_classifier import TfidfIntentClassifier
from bot.understanding.questions import is_question_out_of_scope
from bot.understanding.taxonomy import RETRIEVAL_INTENT

PREFIX = RETRIEVAL_INTENT + "/"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class TfidfKnowledgeSelector(TfidfIntentClassifier):
    """Ranks the knowledge topics for a message, as Rasa's response selector output."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"C": 20.0, "max_iter": 3000, "min_df": 1, "ranking_length": 5, "random_state": 7}

    def _labelled(self, training_data: TrainingData) -> List[Tuple[Message, str]]:
        return [(m, m.get(INTENT_RESPONSE_KEY)) for m in training_data.intent_examples
                if str(m.get(INTENT_RESPONSE_KEY) or "").startswith(PREFIX)]

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            ranking = [{"intent_response_key": entry["name"], "confidence": entry["confidence"]}
                       for entry in self._ranking(message)]
            selected: Dict[str, Any] = {"ranking": ranking}
            if ranking:
                best = ranking[0]["intent_response_key"]
                selected["response"] = {"intent_response_key": best, "confidence": ranking[0]["confidence"],
                                        "utter_action": f"utter_{best}", "responses": None}
            if ranking and is_question_out_of_scope((message.get("intent") or {}).get("name"),
                                                              message.get("text"), ranking[0]["confidence"]):
                # (listen first: a question about therapy the intent classifier put out of scope)
                message.set("intent", {"name": RETRIEVAL_INTENT, "confidence": ranking[0]["confidence"]},
                            add_to_output=True)
            output = dict(message.get("response_selector") or {})
            output["all_retrieval_intents"] = [RETRIEVAL_INTENT]
            output[RETRIEVAL_INTENT] = selected
            message.set("response_selector", output, add_to_output=True)
        return messages
