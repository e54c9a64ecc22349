"""Intent classifier: scikit-learn tf-idf n-grams and logistic regression.

Why not DIET: with ~2,500 hand-written examples of ~48 intents, DIET overfit
(held-out level accuracy 0.78 against 0.91 for this model) and took many
minutes to train on two cores. Words are taken as
spaCy lookup lemmas (from the SpacyNLP/SpacyTokenizer steps before it) so
"hugged" and "hugs" count as one; character n-grams of the raw text keep
slang and typos ("kms", "therapsit") close to what they mean.

Training time: with ~13,000 long examples the fit is most of ``make test`` on a
fresh machine. L-BFGS keeps ten past steps of the whole weight matrix (features
x intents), so its cost per iteration follows the number of features, not the
number of examples: ``min_df`` drops n-grams seen in one example only (half the
features, the same accuracy) and ``max_iter`` stops the fit once the ranking no
longer moves (config.yml says what was measured).
"""
from __future__ import annotations

import logging
import warnings
from typing import Any, Dict, List, Optional, Text, Tuple

import joblib
import numpy as np
import scipy.sparse as sp
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

logger = logging.getLogger(__name__)

_FILE = "tfidf_intent_classifier.joblib"
#: Longer texts are cut before featurising: enough to classify, cheap for 100 kB.
_MAX_CHARS = 4000


def _lemmas(message: Message) -> str:
    tokens = message.get("text_tokens") or []
    if tokens:
        return " ".join((t.lemma or t.text).lower() for t in tokens)[:_MAX_CHARS]
    return (message.get(TEXT) or "").lower()[:_MAX_CHARS]


def _raw(message: Message) -> str:
    return (message.get(TEXT) or "").lower()[:_MAX_CHARS]


def _ready_to_predict(model: Dict[str, Any]) -> Dict[str, Any]:
    """Lays the weights out column by column, the order prediction reads them in.

    scikit-learn multiplies the message's sparse features by ``coef_.T``; with
    the weights row by row (as the fit leaves them) scipy copies the whole
    features x intents matrix (~40 MB) for every message, which was two thirds
    of a message's time in the NLU pipeline. The same numbers, the same results.
    """
    classifier = model.get("classifier")
    if classifier is not None:
        classifier.coef_ = np.asfortranarray(classifier.coef_)
    return model


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class TfidfIntentClassifier(GraphComponent):
    """Predicts the intent and a ranking from word and character n-grams."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"C": 20.0, "max_iter": 3000, "min_df": 1, "ranking_length": 10, "random_state": 7}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 model: Optional[Dict[str, Any]] = None) -> None:
        self._config = {**self.get_default_config(), **config}
        self._storage = model_storage
        self._resource = resource
        self._model = model

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "TfidfIntentClassifier":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "TfidfIntentClassifier":
        try:
            with model_storage.read_from(resource) as directory:
                model = _ready_to_predict(joblib.load(directory / _FILE))
        except (ValueError, FileNotFoundError):
            logger.warning("No trained intent classifier found; every message will be unclassified.")
            model = None
        return cls(config, model_storage, resource, model)

    def _ngrams(self, words: List[str], raw: List[str]) -> sp.csr_matrix:
        """The word and character n-grams of texts (lemmatised words, raw lowercased characters)."""
        model = self._model
        return sp.hstack([model["words"].transform(words), model["chars"].transform(raw)]).tocsr()

    def _features(self, words: List[str], raw: List[str]) -> sp.csr_matrix:
        """What the classifier learns from: here the n-grams alone (a subclass may add to them)."""
        return self._ngrams(words, raw)

    def _message_ngrams(self, message: Message) -> sp.csr_matrix:
        """The n-grams of one message, as ``_ngrams`` reads them."""
        return self._ngrams([_lemmas(message)], [_raw(message)])

    def _message_features(self, message: Message) -> sp.csr_matrix:
        """The features of one message at prediction time (a subclass may read it differently)."""
        return self._features([_lemmas(message)], [_raw(message)])

    def _labelled(self, training_data: TrainingData) -> List[Tuple[Message, str]]:
        """The examples to learn from, each with its label (here: the intent)."""
        return [(m, m.get(INTENT)) for m in training_data.intent_examples if m.get(INTENT)]

    def train(self, training_data: TrainingData) -> Resource:
        labelled = self._labelled(training_data)
        examples, labels = [m for m, _ in labelled], [label for _, label in labelled]
        words, raw = [_lemmas(m) for m in examples], [_raw(m) for m in examples]
        min_df = self._config["min_df"]
        self._model = {
            "words": TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=min_df).fit(words),
            "chars": TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                     min_df=min_df).fit(raw),
        }
        classifier = LogisticRegression(C=self._config["C"], max_iter=self._config["max_iter"],
                                        random_state=self._config["random_state"])
        with warnings.catch_warnings():
            # Stopping at max_iter is chosen (see the module docstring), not a fault to report.
            warnings.simplefilter("ignore", ConvergenceWarning)
            classifier.fit(self._features(words, raw), labels)
        self._model["classifier"] = classifier
        _ready_to_predict(self._model)
        with self._storage.write_to(self._resource) as directory:
            joblib.dump(self._model, directory / _FILE)
        return self._resource

    def _ranking(self, message: Message) -> List[Dict[str, Any]]:
        """Labels and probabilities for one message, best first (empty without a model or text)."""
        if self._model is None or not (message.get(TEXT) or "").strip():
            return []
        classifier = self._model["classifier"]
        probabilities = classifier.predict_proba(self._message_features(message))[0]
        order = np.argsort(probabilities)[::-1][: self._config["ranking_length"]]
        return [{"name": str(classifier.classes_[i]), "confidence": float(probabilities[i])} for i in order]

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            ranking = self._ranking(message)
            message.set(INTENT, ranking[0] if ranking else {"name": None, "confidence": 0.0}, add_to_output=True)
            message.set("intent_ranking", ranking, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
