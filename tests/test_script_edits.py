"""A change asked of the script just shown is applied, whatever intent the message got."""
from __future__ import annotations

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.script_edit_policy import next_action
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.from_path(str(ROOT / "domain.yml"))


def _after(domain, shown: str, text: str, intent: str, answer: str = "none", *since: str) -> DialogueStateTracker:
    parse = {"text": text, "intent": {"name": intent, "confidence": 0.6},
             "alliance_safety": {"answer": answer, "source": ""}}
    events = [ActionExecuted("action_listen"), UserUttered("ask me more before deciding", {"name": "out_of_scope"}),
              ActionExecuted(shown), ActionExecuted("action_listen"), UserUttered(text, parse["intent"], parse_data=parse)]
    return DialogueStateTracker.from_events("someone", events + [ActionExecuted(a) for a in since], domain.slots)


def test_a_change_right_after_the_script_is_applied_then_the_assistant_listens(domain):
    text = "oh and add that she keeps being late"  # read by the classifier as a new rupture
    assert next_action(_after(domain, "action_compose_script", text, "rupture_reliability")) == "action_edit_script"
    assert next_action(_after(domain, "action_compose_script", text, "rupture_reliability", "none",
                              "action_edit_script")) == "action_listen"
    # and again after an edit
    assert next_action(_after(domain, "action_edit_script", "shorter", "out_of_scope")) == "action_edit_script"


@pytest.mark.parametrize("shown,text,intent,answer", [
    ("utter_ask_told_therapist", "make it shorter", "revise_script", "none"),  # no script just shown
    ("action_compose_script", "thanks, that's great", "thanks", "none"),  # no change asked
    ("action_compose_script", "add that i want to die", "crisis_suicide", "crisis"),  # safety first
    ("action_compose_script", "add that he kissed me", "red_flag_sexual_misconduct", "none"),  # a red flag
])
def test_anything_else_is_left_to_the_other_policies(domain, shown, text, intent, answer):
    assert next_action(_after(domain, shown, text, intent, answer)) is None
