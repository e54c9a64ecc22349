"""The alliance check-in through the real servers: started by "check in" on every channel, crisis-safe.

Uses the one Alliance with all channels on (the ``doors`` fixture).
"""
from __future__ import annotations

import uuid

import pytest

from tests import doors as d
from tests.doors import RestPerson, tracker

pytestmark = pytest.mark.server

BOND_QUESTION = "how understood and respected did you feel"


@pytest.mark.parametrize("channel", d.CHANNELS)
def test_check_in_starts_on_every_channel(doors, channel):
    person = d.person_on(doors, channel, "checkin")
    assert BOND_QUESTION in person.say("check in").lower()
    if channel == "web":
        person.close()


def test_a_whole_check_in_reads_today_and_offers_to_keep_it(doors):
    person = RestPerson(doors[0], f"checkin-{uuid.uuid4().hex[:10]}")
    assert BOND_QUESTION in person.say("can we do a check in about today's session").lower()
    assert "1 to 5 is all I need" in person.say("no idea honestly")  # not a score: asked again, kindly
    assert "agree on what you're working on" in person.say("4")
    assert "the way you work together" in person.say("2")
    assert "note" in person.say("3").lower()
    reply = person.say("nothing to add")
    assert "agreeing on goals" in reply and "Shall I keep this check-in" in reply
    assert "won't keep it" in person.say("no")


def test_a_crisis_in_the_middle_of_the_check_in_gets_the_crisis_reply(doors):
    person = RestPerson(doors[0], f"checkin-{uuid.uuid4().hex[:10]}")
    person.say("check in")
    reply = person.say("2. honestly I don't see the point of any of it, I want to kill myself")
    assert "are you safe right now" in reply.lower()
    assert not tracker(doors[0], person.conversation)["active_loop"].get("name")
