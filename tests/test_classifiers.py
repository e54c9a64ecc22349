"""The scikit-learn components train, save, load and predict inside Rasa's own model storage."""
from __future__ import annotations

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.understanding.intent_classifier import TfidfIntentClassifier
from bot.understanding.knowledge_selector import TfidfKnowledgeSelector

EXAMPLES = {
    "knowledge/cbt": ["what is cbt", "how does cognitive behavioural therapy work", "cbt thoughts and feelings worksheets"],
    "knowledge/emdr": ["what is emdr", "the eye movement therapy for trauma", "emdr tapping while remembering"],
    "knowledge/gifts": ["can i give my therapist a present", "is a christmas gift for my counsellor ok", "gift for therapist"],
}
OTHER = {"greet": ["hello there", "hi", "good morning"], "goodbye": ["bye", "see you", "goodbye for now"]}


def _data() -> TrainingData:
    messages = []
    for key, texts in EXAMPLES.items():
        messages += [Message({TEXT: t, INTENT: "knowledge", INTENT_RESPONSE_KEY: key}) for t in texts]
    for intent, texts in OTHER.items():
        messages += [Message({TEXT: t, INTENT: intent}) for t in texts]
    return TrainingData(messages)


def _context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), "test")


def _roundtrip(cls, tmp_path, name):
    storage = LocalModelStorage(tmp_path)
    resource = Resource(name)
    trained = cls.create({}, storage, resource, _context())
    trained.train(_data())
    return cls.load({}, storage, resource, _context())


def test_the_knowledge_selector_survives_saving_and_loading(tmp_path):
    selector = _roundtrip(TfidfKnowledgeSelector, tmp_path, "selector")
    message = Message({TEXT: "what is this eye movement therapy everyone talks about"})
    selector.process([message])
    selected = message.get("response_selector")["knowledge"]
    assert selected["response"]["intent_response_key"] == "knowledge/emdr"
    assert {r["intent_response_key"] for r in selected["ranking"]} == set(EXAMPLES)  # never a non-knowledge label
    assert message.get("response_selector")["all_retrieval_intents"] == ["knowledge"]


def test_the_intent_classifier_survives_saving_and_loading(tmp_path):
    classifier = _roundtrip(TfidfIntentClassifier, tmp_path, "classifier")
    message = Message({TEXT: "hello, good morning"})
    classifier.process([message])
    assert message.get(INTENT)["name"] == "greet"
    assert {r["name"] for r in message.get("intent_ranking")} == {"knowledge", "greet", "goodbye"}


def test_without_a_trained_model_nothing_is_guessed(tmp_path):
    storage = LocalModelStorage(tmp_path)
    selector = TfidfKnowledgeSelector.load({}, storage, Resource("never-trained"), _context())
    message = Message({TEXT: "what is cbt"})
    selector.process([message])
    assert message.get("response_selector")["knowledge"]["ranking"] == []
