"""After a crisis reply the block is not shouted again, and "are you safe?" stays asked until answered."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlg import AllianceNaturalLanguageGenerator, crisis_pending

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def nlg():
    return AllianceNaturalLanguageGenerator(domain=Domain.load(str(ROOT / "domain.yml")))


def _said(action: str) -> BotUttered:
    return BotUttered("...", metadata={"utter_action": action})


def _tracker(*events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("rest:followup", [SlotSet("language", "en"), SlotSet("country", "GB"),
                                                              *events])


def _render(nlg, action, tracker):
    return asyncio.run(nlg.generate(action, tracker, "rest"))


def test_the_first_crisis_reply_is_the_full_block(nlg):
    message = _render(nlg, "utter_crisis", _tracker(UserUttered("I want to end it")))
    assert "support from a person right now" in message["text"] and "116 123" in message["text"]


def test_a_second_crisis_reply_is_short_and_keeps_the_line(nlg):
    tracker = _tracker(UserUttered("I want to end it"), _said("utter_crisis"), UserUttered("I mean it, tonight"))
    full = _render(nlg, "utter_crisis", _tracker(UserUttered("x")))
    again = _render(nlg, "utter_crisis", tracker)
    assert "116 123" in again["text"] and "Are you safe right now?" in again["text"]
    assert again["text"] != full["text"] and len(again["text"]) < len(full["text"])
    assert [b["payload"] for b in again["buttons"]] == ["/state_safe", "/state_not_safe"]


def test_other_answers_ask_about_safety_until_the_person_answers(nlg):
    tracker = _tracker(UserUttered("I want to end it"), _said("utter_crisis"), UserUttered("should I report him?"))
    message = _render(nlg, "utter_out_of_scope", tracker)
    assert message["text"].startswith("I can only help") and "are you safe right now?" in message["text"]
    assert [b["payload"] for b in message["buttons"]][-2:] == ["/state_safe", "/state_not_safe"]
    assert message["crisis_reminder"] is True  # lands in the bot event's metadata
    # only the first reply of the turn carries it
    tracker.update(BotUttered("...", metadata={"utter_action": "utter_out_of_scope"}))
    later = _render(nlg, "utter_goodbye", tracker)
    assert "are you safe" not in later["text"] and "crisis_reminder" not in later


def test_once_safe_is_said_nothing_is_added_and_a_new_crisis_gets_the_full_block(nlg):
    tracker = _tracker(UserUttered("I want to end it"), _said("utter_crisis"), UserUttered("yes I'm safe"),
                       _said("utter_crisis_safe"), UserUttered("what is CBT?"))
    assert not crisis_pending(tracker)
    assert "are you safe" not in _render(nlg, "utter_out_of_scope", tracker)["text"]
    tracker.update(UserUttered("it's back, I want to die"))
    assert "support from a person right now" in _render(nlg, "utter_crisis", tracker)["text"]


def test_the_short_reply_speaks_the_persons_language(nlg):
    tracker = DialogueStateTracker.from_events("rest:es", [SlotSet("language", "es"), UserUttered("quiero morir"),
                                                           _said("utter_crisis"), UserUttered("no puedo más")])
    assert "¿Estás a salvo" in _render(nlg, "utter_crisis", tracker)["text"]
