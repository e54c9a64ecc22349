"""Which knowledge answer fits a question: the intent classifier's method, over the topics.

Why not Rasa's ResponseSelector: trained on our ~900 phrasings of 60 topics it
chose the right topic for 35% of the held-out dev questions
(tests/eval/dev/knowledge_dev.yml) and added minutes of TensorFlow training;
the same tf-idf n-grams and logistic regression as
:class:`bot.understanding.intent_classifier.TfidfIntentClassifier` (scikit-learn) train in
seconds. It learns from the examples of the retrieval intent ``knowledge/<topic>``
and writes its ranking where Rasa's ResponseSelector would
(``response_selector.knowledge``), so ``bot.dialogue.knowledge.decide`` and Rasa read it
the same way.

Beside the n-grams it reads a sentence embedding (the official all-MiniLM-L6-v2
weights, :mod:`bot.understanding.sentence_encoder`): people ask the same thing
in words no phrasing has ("she charged me the full £70 when my kid was sick"),
and n-grams only find the words they were shown. Session 20, on the four dev
knowledge sets (1,168 questions) with the selector alone: top-1 at its answer
threshold 0.966/0.819/0.910/0.959 with n-grams only, 0.988/0.872/0.910/0.986
with the embedding beside them (weight 1.0; with the out-of-scope class,
below, weight 2.0 did better: 0.988/0.819/0.899/0.982).

It runs on every message; the intent classifier decides whether
the message is a question about therapy at all, except that a question it put
out of scope is one when this selector is sure of its topic
(``bot.understanding.questions.is_question_out_of_scope``).
"""
from __future__ import annotations

from typing import Any, Dict, List, Text, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

import numpy as np
import scipy.sparse as sp

from bot.understanding.intent_classifier import TfidfIntentClassifier
from bot.understanding.questions import asks, is_question_out_of_scope
from bot.understanding.sentence_encoder import DIMENSION, default_encoder
from bot.understanding.taxonomy import NOT_A_TOPIC_KEY, QUESTION_INTENTS, RETRIEVAL_INTENT

PREFIX = RETRIEVAL_INTENT + "/"
#: The label of the out-of-scope examples (no topic answers them); its probability is
#: written beside the ranking under taxonomy.NOT_A_TOPIC_KEY.
NOT_A_TOPIC = "out_of_scope"


#: The embedding reads a long message's last characters only: the question is
#: nearly always at the end of a story, the encoder would keep the first 256
#: word pieces, and a 300-word text costs ~87 ms to encode against ~25 ms for
#: this much. Knowledge phrasings are shorter, so they are read whole.
EMBEDDED_CHARS = 600


def _question_end(text: str) -> str:
    """The last EMBEDDED_CHARS of a text, from a word boundary."""
    if len(text) <= EMBEDDED_CHARS:
        return text
    tail = text[-EMBEDDED_CHARS:]
    return tail[tail.find(" ") + 1:] if " " in tail else tail


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class TfidfKnowledgeSelector(TfidfIntentClassifier):
    """Ranks the knowledge topics for a message, as Rasa's response selector output."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"C": 20.0, "max_iter": 3000, "min_df": 1, "ranking_length": 6, "random_state": 7,
                "embedding_weight": 2.0}

    def _features(self, words: List[str], raw: List[str]) -> sp.csr_matrix:
        """The n-grams, and the sentence embedding of the (lowercased; the model is uncased) text's end."""
        ends = [_question_end(text) for text in raw]
        embedding = np.asarray(default_encoder().encode(ends), dtype=np.float64) * self._config["embedding_weight"]
        return sp.hstack([self._ngrams(words, raw), sp.csr_matrix(embedding)]).tocsr()

    def _message_features(self, message: Message) -> sp.csr_matrix:
        """As in training, except that a message no topic can answer gets no embedding (zeros, see
        ``_may_be_answered``): its ranking is written all the same, and nothing reads it."""
        if self._may_be_answered(message):
            return super()._message_features(message)
        return sp.hstack([self._message_ngrams(message), sp.csr_matrix((1, DIMENSION))]).tocsr()

    @staticmethod
    def _may_be_answered(message: Message) -> bool:
        """Whether a knowledge answer can follow this message (bot.dialogue.knowledge.decide): a
        question about therapy, or a message that asks something. The rest (a story, a crisis, an
        intake answer) skip the encoder, ~15 ms for a short message and ~60 ms for a long one."""
        return (message.get(INTENT) or {}).get("name") in QUESTION_INTENTS or asks(message.get(TEXT))

    def _labelled(self, training_data: TrainingData) -> List[Tuple[Message, str]]:
        """The topics' phrasings, and the out-of-scope examples as a class of their own.

        Without that class every question lands on its nearest topic, and with the
        embedding "what's the max dose of propranolol" is near "questions about
        medication": on the dev knowledge sets the selector alone declined 14-55% of
        uncovered questions, with the class 90-97% (top-1 0.82-0.99, session 20).
        """
        return [(m, m.get(INTENT_RESPONSE_KEY)) for m in training_data.intent_examples
                if str(m.get(INTENT_RESPONSE_KEY) or "").startswith(PREFIX)] + \
               [(m, NOT_A_TOPIC) for m in training_data.intent_examples if m.get(INTENT) == NOT_A_TOPIC]

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            ranked = self._ranking(message)
            ranking = [{"intent_response_key": entry["name"], "confidence": entry["confidence"]}
                       for entry in ranked if entry["name"] != NOT_A_TOPIC]
            selected: Dict[str, Any] = {"ranking": ranking, NOT_A_TOPIC_KEY: next(
                (entry["confidence"] for entry in ranked if entry["name"] == NOT_A_TOPIC), 0.0)}
            if ranking:
                best = ranking[0]["intent_response_key"]
                selected["response"] = {"intent_response_key": best, "confidence": ranking[0]["confidence"],
                                        "utter_action": f"utter_{best}", "responses": None}
            if ranking and ranking[0]["confidence"] > selected[NOT_A_TOPIC_KEY] and is_question_out_of_scope(
                    (message.get("intent") or {}).get("name"), message.get("text"), ranking[0]["confidence"]):
                # (listen first: a question about therapy the intent classifier put out of scope)
                message.set("intent", {"name": RETRIEVAL_INTENT, "confidence": ranking[0]["confidence"]},
                            add_to_output=True)
            output = dict(message.get("response_selector") or {})
            output["all_retrieval_intents"] = [RETRIEVAL_INTENT]
            output[RETRIEVAL_INTENT] = selected
            message.set("response_selector", output, add_to_output=True)
        return messages
