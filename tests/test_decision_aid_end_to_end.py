"""The decision aid through the real servers: "is it me or my therapist?" on every channel, a
rupture-shaped path to its summary and a kept copy, a red-flag path, and a crisis mid-way that
can be resumed.

Uses the one Alliance with all channels on (the ``doors`` fixture).
"""
from __future__ import annotations

import uuid

import pytest

from tests import doors as d
from tests.doors import RestPerson, tracker

pytestmark = pytest.mark.server

FIRST_QUESTION = "how many sessions have you had with this therapist"


def _rest(doors) -> RestPerson:
    return RestPerson(doors[0], f"aid-{uuid.uuid4().hex[:10]}")


@pytest.mark.parametrize("channel", d.CHANNELS)
def test_the_decision_aid_starts_on_every_channel(doors, channel):
    person = d.person_on(doors, channel, "aid")
    assert FIRST_QUESTION in person.say("is it me or my therapist?").lower()
    if channel == "web":
        person.close()


def test_a_rupture_shaped_path_ends_in_a_three_part_summary_that_can_be_kept(doors):
    person = _rest(doors)
    assert "ten short questions" in person.say("honestly is it me or my therapist, can you help me work that out")
    answers = ["4-10", "not really", "no", "no, but I haven't said so", "not sure", "mine", "rarely",
               "yes, there's room", "no", "not really"]
    for answer in answers:
        person.say(answer)
    reply = person.say("no")  # nothing crossed a line
    assert "What may be yours to work on" in reply and "What points to your therapist or the fit" in reply
    assert "haven't said so yet" in reply and "respected and listened to" in reply
    assert "look for someone who suits you better" in reply and "Shall I keep this summary" in reply
    assert "Kept" in person.say("yes")
    assert "is it me or my therapist?" in person.say("what do you keep about me?")
    assert tracker(doors[0], person.conversation)["slots"]["triage"] is None
    note = person.say("can you help me prepare for my next session")
    assert note.startswith("Your note for the next session") and "Where things stand" in note
    assert "look for someone who suits you better" in note and "Questions you could ask" in note


#: issue 14's target is "from 'is it me or my therapist?' to a summary and a script in under three
#: minutes of answering": fourteen taps and three short sentences (about 2.5 minutes at 8 s a tap and
#: 20 s a sentence). A new question in the aid or the script builder must keep within this.
MOST_ANSWERS = 17


def test_from_the_question_to_a_summary_and_a_script_in_a_few_answers(doors):
    person = _rest(doors)
    said = ["is it me or my therapist?"]

    def answer(text: str) -> str:
        said.append(text)
        return person.say(text)

    reply = answer(said[0])
    # the buttons' payloads: two answers point to the fit (the bond, the method), none to a crossed line
    for tap in ["4-10", "not really", "no", "mostly", "no", "mine", "mostly", "yes, there's room", "no", "yes"]:
        reply = answer(tap)
    reply = answer("no")  # nothing crossed a line
    assert "What points to your therapist or the fit" in reply and "Raise it with your therapist" in reply
    assert "What did they say or do" in answer("/request_script")  # the "Help me say it" button
    answer("she keeps giving me worksheets when I want to talk")
    answer("like a homework machine")
    reply = answer("talk with me about what's going on before the worksheet")
    assert "Here's a start, in your words" in reply and "worksheet" in reply
    assert len(said) <= MOST_ANSWERS, said
    typed = [text for text in said[1:] if not text.startswith("/") and len(text.split()) > 4]
    assert len(typed) == 3  # everything else is a button's title


def test_a_crossed_line_ends_the_aid_with_the_red_flag_advice(doors):
    person = _rest(doors)
    person.say("is it me or my therapist?")
    for _ in range(10):
        person.say("skip")
    reply = person.say("yes")
    assert "isn't something to weigh up" in reply and "not your fault" in reply
    assert "What may be yours" not in reply
    assert tracker(doors[0], person.conversation)["slots"]["triage"] == "red_flag"


def test_a_red_flag_told_mid_way_ends_the_aid(doors):
    person = _rest(doors)
    person.say("should I stay with my therapist or leave?")
    person.say("more than 10")
    reply = person.say("well she asked me to lend her two thousand pounds last month and i did")
    assert "not your fault" in reply and "What may be yours" not in reply
    state = tracker(doors[0], person.conversation)
    assert state["slots"]["triage"] == "red_flag" and not state["active_loop"].get("name")


def test_a_crisis_mid_way_gets_the_crisis_reply_and_the_aid_can_be_resumed(doors):
    person = _rest(doors)
    person.say("is it me or my therapist?")
    person.say("1-3")
    reply = person.say("not really. and tbh i've been thinking about killing myself")
    assert "are you safe right now" in reply.lower()
    assert not tracker(doors[0], person.conversation)["active_loop"].get("name")
    person.say("yes i'm safe right now")
    reply = person.say("yes")
    assert "pick up where we were" in reply and "respected and listened to" in reply
