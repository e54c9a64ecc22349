"""The safety screen as a Rasa NLU component, on real rasa Message objects."""
from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.screen_component import SafetyScreenComponent


@pytest.fixture(scope="module")
def component() -> SafetyScreenComponent:
    return SafetyScreenComponent()


def _message(text, intent=None, confidence=0.9, ranking=None, metadata=None):
    data = {"text": text, "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": ranking or [{"name": intent, "confidence": confidence}]}
    if metadata is not None:
        data["metadata"] = metadata
    return Message(data=data)


def _entities(message):
    return {e["entity"]: e["value"] for e in message.get("entities")}


def test_raises_a_rupture_guess_to_crisis(component):
    message = _message("my therapist doesn't get me and honestly i want to kms", "rupture_misunderstood")
    component.process([message])
    assert message.get("intent")["name"] == "crisis_suicide"
    assert message.get("intent_ranking")[0]["name"] == "crisis_suicide"
    assert _entities(message)["triage"] == "crisis" and _entities(message)["concern"] == "suicide"


def test_raises_a_fallback_to_red_flag_but_sets_no_triage_entity(component):
    message = _message("he kissed me at the end of our session", "nlu_fallback", 0.3)
    component.process([message])
    assert message.get("intent")["name"] == "red_flag_sexual_misconduct"
    assert "triage" not in _entities(message)


def test_never_lowers_the_classifier(component):
    message = _message("he hugged me after i said no", "crisis_in_danger", 0.8)
    component.process([message])
    assert message.get("intent")["name"] == "crisis_in_danger"


@pytest.mark.parametrize("text,confidence,next_best", [
    ("not suicidal, just annoyed she judged me", 0.5, "rupture_judged"),  # a negation
    ("her brownies are to die for", 0.3, "out_of_scope"),  # a figure of speech
])
def test_a_weak_classifier_crisis_resting_on_excused_words_is_lowered(component, text, confidence, next_best):
    ranking = [{"name": "crisis_suicide", "confidence": confidence}, {"name": next_best, "confidence": 0.2}]
    message = _message(text, "crisis_suicide", confidence, ranking)
    component.process([message])
    assert message.get("intent")["name"] == next_best
    assert "triage" not in _entities(message)


def test_a_classifier_crisis_without_screen_words_stays(component):
    ranking = [{"name": "crisis_suicide", "confidence": 0.6}, {"name": "rupture_stuck", "confidence": 0.2}]
    message = _message("the void is looking comfy tonight", "crisis_suicide", 0.6, ranking)
    component.process([message])
    assert message.get("intent")["name"] == "crisis_suicide"
    assert _entities(message)["triage"] == "crisis"


def test_country_named_in_the_message(component):
    message = _message("i'm in australia by the way", "inform_country")
    component.process([message])
    assert _entities(message)["country"] == "AU"


def test_country_prefers_the_longest_name(component):
    message = _message("i live in northern ireland", "inform_country")
    component.process([message])
    assert _entities(message)["country"] == "GB"


def test_locale_from_channel_metadata(component):
    message = _message("hello", "greet", metadata={"locale": "en-NZ"})
    component.process([message])
    assert _entities(message)["locale_country"] == "NZ"


@pytest.mark.parametrize("metadata", [{"locale": "xx"}, {"locale": 5}, {"locale": "en-" + "A" * 100}, "junk"])
def test_bad_metadata_is_ignored(component, metadata):
    message = _message("hello", "greet", metadata=metadata)
    component.process([message])
    assert "locale_country" not in _entities(message)


def test_language_of_a_foreign_crisis(component):
    message = _message("me quiero morir", "nlu_fallback", 0.3)
    component.process([message])
    assert message.get("intent")["name"] == "crisis_suicide"
    assert _entities(message)["language"] == "es"
