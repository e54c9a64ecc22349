"""The alliance check-in's actions (actions/check_in.py) on a real SQLite store."""
from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.check_in import ActionCheckInResult, ValidateCheckInForm
from actions.privacy import ActionDeclineConsent, ActionStoreConsent
from bot.store import people
from bot.store.database import session_scope
from tests.conftest import make_tracker, responses_of

PERSON = "test-person"


def _answers(bond, goals, method, note=""):
    return {"checkin_bond": str(bond), "checkin_goals": str(goals), "checkin_method": str(method),
            "checkin_note": note}


@pytest.mark.parametrize("typed,kept", [("4", "4"), ("a 2 I guess", "2"), ("3/5", "3"), ("seven", None), ("9", None)])
def test_a_score_is_a_number_from_one_to_five_or_asked_again(dispatcher, domain, typed, kept):
    result = ValidateCheckInForm().validate_checkin_goals(typed, dispatcher, make_tracker(), domain)
    assert result == {"checkin_goals": kept}
    assert responses_of(dispatcher) == ([] if kept else ["utter_check_in_score_again"])


@pytest.mark.parametrize("typed,note", [("nothing to add", ""), ("skip", ""), ("Nope.", ""),
                                        ("she was on time for once", "she was on time for once")])
def test_the_note_may_be_nothing(dispatcher, domain, typed, note):
    assert ValidateCheckInForm().validate_checkin_note(typed, dispatcher, make_tracker(), domain) == {
        "checkin_note": note}


async def test_without_consent_today_is_read_and_nothing_is_kept_until_yes(store, dispatcher, domain):
    tracker = make_tracker("deny", slots=_answers(4, 2, 3, "she kept changing the subject"))
    events = await ActionCheckInResult().run(dispatcher, tracker, domain)
    assert responses_of(dispatcher) == ["utter_check_in_raise_it", "utter_check_in_keep"]
    assert dispatcher.messages[0]["part"] == "agreeing on goals"
    assert events == [SlotSet("awaiting_consent", True)]
    with session_scope(store) as session:
        assert people.person_of(session, PERSON) is None

    events = await ActionStoreConsent().run(dispatcher, make_tracker("affirm", slots=_answers(4, 2, 3, "she kept "
                                                                                              "changing the subject")),
                                            domain)
    assert responses_of(dispatcher)[-1] == "utter_check_in_kept"
    assert SlotSet("awaiting_consent", False) in events and SlotSet("checkin_bond", None) in events
    with session_scope(store) as session:
        assert [(c["bond"], c["goals"], c["method"], c["note"]) for c in people.alliance_history(session, PERSON)] == [
            (4, 2, 3, "she kept changing the subject")]


async def test_a_no_keeps_nothing_and_says_so_for_the_check_in(store, dispatcher, domain):
    events = await ActionDeclineConsent().run(dispatcher, make_tracker("deny", slots=_answers(3, 3, 3)), domain)
    assert responses_of(dispatcher) == ["utter_check_in_not_kept"] and SlotSet("checkin_goals", None) in events
    with session_scope(store) as session:
        assert people.person_of(session, PERSON) is None


async def test_with_consent_the_history_is_read_and_shown(store, dispatcher, domain):
    with session_scope(store) as session:
        people.record_consent(session, PERSON)
        for scores in ((2, 2, 3), (2, 3, 2)):
            people.save_alliance_check_in(session, PERSON, *scores)
    events = await ActionCheckInResult().run(dispatcher, make_tracker("deny", slots=_answers(1, 2, 2)), domain)
    assert responses_of(dispatcher) == ["utter_check_in_trend", "utter_check_in_better_fit"]
    assert dispatcher.messages[0]["trend"].splitlines()[0].endswith("2 → 2 → 1")
    assert dispatcher.messages[1]["part"] == "feeling understood"
    assert SlotSet("awaiting_consent", True) not in events and SlotSet("checkin_bond", None) in events
    with session_scope(store) as session:
        assert len(people.alliance_history(session, PERSON)) == 3


async def test_a_check_in_left_before_the_end_keeps_nothing(store, dispatcher, domain):
    events = await ActionCheckInResult().run(dispatcher, make_tracker("stop", slots={"checkin_bond": "4"}), domain)
    assert responses_of(dispatcher) == [] and SlotSet("checkin_bond", None) in events


async def test_on_the_widget_the_trend_comes_with_the_points_to_draw(store, dispatcher, domain):
    """The widget draws the kept check-ins and today's as a chart; the text is the same as elsewhere."""
    with session_scope(store) as session:
        people.record_consent(session, PERSON)
        people.save_alliance_check_in(session, PERSON, 4, 2, 3)
    tracker = make_tracker("deny", slots=_answers(5, 3, 3))
    tracker.events.append({"event": "user", "text": "nothing to add", "input_channel": "widget"})
    await ActionCheckInResult().run(dispatcher, tracker, domain)
    chart = dispatcher.messages[0]["custom"]["data"]
    assert chart["alliance"] == "check_in_trend"
    assert [(c["bond"], c["goals"], c["method"]) for c in chart["check_ins"]] == [(4, 2, 3), (5, 3, 3)]
    assert all(c["checked_in_at"].endswith("Z") for c in chart["check_ins"])
    assert chart["text"].startswith("Your check-ins, oldest to newest") and "4 → 5" in chart["text"]
    assert responses_of(dispatcher) == [None, "utter_check_in_early"]
