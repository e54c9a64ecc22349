"""After a crisis reply the block is not shouted again, and "are you safe?" stays asked until answered."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.replies.nlg import AllianceNaturalLanguageGenerator, crisis_pending

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


def test_once_safe_is_said_nothing_is_added(nlg):
    tracker = _tracker(UserUttered("I want to end it"), _said("utter_crisis"), UserUttered("yes I'm safe"),
                       _said("utter_crisis_safe"), UserUttered("what is CBT?"))
    assert not crisis_pending(tracker)
    assert "are you safe" not in _render(nlg, "utter_out_of_scope", tracker)["text"]


def test_the_short_reply_speaks_the_persons_language(nlg):
    tracker = DialogueStateTracker.from_events("rest:es", [SlotSet("language", "es"), UserUttered("quiero morir"),
                                                           _said("utter_crisis"), UserUttered("no puedo más")])
    assert "¿Estás a salvo" in _render(nlg, "utter_crisis", tracker)["text"]


# -- no long reply twice, word for word (issue 13) ---------------------------------------------
def test_the_red_flag_next_steps_are_not_sent_twice_word_for_word(nlg):
    tracker = _tracker(UserUttered("he keeps texting me at night saying he loves me"))
    first = _render(nlg, "utter_red_flag_next_steps", tracker)
    tracker.update(BotUttered(first["text"], metadata={"utter_action": "utter_red_flag_next_steps"}))
    tracker.update(UserUttered("but he's been more of a friend than anyone"))
    again = _render(nlg, "utter_red_flag_next_steps", tracker)
    assert again["text"] != first["text"] and again["text"].startswith("What I said above still stands")
    assert len(again["text"]) < len(first["text"])


def test_any_other_long_reply_sent_again_points_to_the_first_and_a_short_one_may_repeat(nlg):
    long_text, short_text = "A long answer about reporting. " * 20, "Okay."
    nlg.responses["utter_probe_long"] = [{"text": long_text}]
    nlg.responses["utter_probe_short"] = [{"text": short_text}]
    try:
        tracker = _tracker(BotUttered(long_text), BotUttered(short_text), UserUttered("and how do I report her?"))
        assert _render(nlg, "utter_probe_long", tracker)["text"].startswith("That's the same answer I gave")
        assert _render(nlg, "utter_probe_short", tracker)["text"] == short_text
        assert _render(nlg, "utter_probe_long", _tracker())["text"] == long_text  # the first time in full
        # sent before with the "are you safe?" reminder after it: still the same answer
        reminded = _tracker(BotUttered(long_text + "\n\nAnd before we go on: are you safe right now?"))
        assert _render(nlg, "utter_probe_long", reminded)["text"].startswith("That's the same answer I gave")
    finally:
        del nlg.responses["utter_probe_long"], nlg.responses["utter_probe_short"]


def _safe_after_a_full_block(nlg):
    tracker = _tracker(UserUttered("I want to end it"))
    full = _render(nlg, "utter_crisis", tracker)
    tracker.update(BotUttered(full["text"], metadata={"utter_action": "utter_crisis"}))
    tracker.update(UserUttered("forget I said that, I'm not going to do anything"))
    tracker.update(BotUttered("Glad you're safe.", metadata={"utter_action": "utter_crisis_safe"}))
    return tracker, full


def test_a_new_crisis_after_safe_gets_the_line_and_the_emergency_number_not_the_same_block(nlg):
    tracker, full = _safe_after_a_full_block(nlg)
    tracker.update(UserUttered("actually I have the pills in my hand"))
    again = _render(nlg, "utter_crisis", tracker)
    assert again["text"] != full["text"] and len(again["text"]) < len(full["text"])
    assert "116 123" in again["text"] and "999" in again["text"] and "Are you safe right now?" in again["text"]
    assert [b["payload"] for b in again["buttons"]] == ["/state_safe", "/state_not_safe"]
    # it asks about safety again: until they answer, other replies carry the reminder
    tracker.update(BotUttered(again["text"], metadata={"utter_action": "utter_crisis"}))
    assert crisis_pending(tracker)


def test_a_new_session_starts_with_the_full_block_again(nlg):
    tracker, full = _safe_after_a_full_block(nlg)
    tracker.update(SessionStarted())
    tracker.update(UserUttered("it's back, I want to die"))
    assert "support from a person right now" in _render(nlg, "utter_crisis", tracker)["text"]


def test_the_returned_crisis_reply_speaks_the_persons_language(nlg):
    tracker = DialogueStateTracker.from_events("rest:fr", [
        SlotSet("language", "fr"), UserUttered("je veux mourir"), _said("utter_crisis"), UserUttered("non ça va"),
        _said("utter_crisis_safe"), UserUttered("en fait j'ai les cachets devant moi")])
    assert "Es-tu en sécurité" in _render(nlg, "utter_crisis", tracker)["text"]


def test_not_wanting_to_call_gets_a_short_answer_that_keeps_the_line_and_asks_about_safety(nlg):
    tracker = _tracker(UserUttered("I want to end it"), _said("utter_crisis"),
                       UserUttered("I'm not ringing anyone, they'd send the police"))
    message = _render(nlg, "utter_decline_hotline", tracker)
    full = _render(nlg, "utter_crisis", _tracker(UserUttered("x")))
    assert message["text"].startswith("That's okay. You don't have to call anyone")
    assert "116 123" in message["text"] and "are you safe right now?" in message["text"]
    assert len(message["text"]) < len(full["text"])
