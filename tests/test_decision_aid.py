"""The decision aid (bot/dialogue/decision_aid.py, actions/decision_aid.py): reading answers, weighing them,
the three-part summary, a crossed line, and keeping the summary on a real SQLite store."""
from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.decision_aid import AID_SLOTS, ActionDecisionAidResult, ValidateDecisionAidForm
from actions.privacy import ActionDeclineConsent, ActionStoreConsent, readable_export
from bot.dialogue import decision_aid
from bot.store import people
from bot.store.database import session_scope
from tests.conftest import make_tracker, responses_of

PERSON = "test-person"


@pytest.mark.parametrize("slot,typed,option", [
    ("aid_sessions", "2", "1-3"),
    ("aid_sessions", "about 15", "more than 10"),
    ("aid_sessions", "um, maybe 3?", "1-3"),
    ("aid_bond", "Not really.", "not really"),
    ("aid_focus", "No, and I’ve told them", "no, and I've told them"),
    ("aid_specialist", "yes, and they're not trained", "yes, and I don't think they are"),
    ("aid_specialist", "yes, and they're trained in it", "yes, and they're trained in it"),
    ("aid_whose_idea", "my mum made me go", "someone else's"),
    ("aid_crossed_line", "yes", "yes"),
    ("aid_bond", "she's lovely but it's complicated", decision_aid.SKIPPED),
    ("aid_logistics", "", decision_aid.SKIPPED),
])
def test_an_answer_is_read_as_a_button_or_in_the_persons_words(slot, typed, option):
    assert decision_aid.answer_of(slot, typed) == option


def test_every_question_has_its_wording_buttons_and_summary_lines_in_the_domain(domain):
    responses = domain["responses"]
    assert decision_aid.slots() == tuple(domain["forms"]["decision_aid_form"]["required_slots"])
    for question in decision_aid.questions():
        buttons = [b["payload"] for b in responses[f"utter_ask_{question.slot}"][0]["buttons"]]
        assert [question.read(payload).name for payload in buttons] == [o.name for o in question.options]
        for option in question.options:
            if option.line:
                assert f"utter_aid_line_{option.line}" in responses
    for step in ("raise_it", "better_fit", "early", "keep_going"):
        assert f"utter_aid_next_{step}" in responses and f"utter_aid_offer_{step}" in responses


def _answers(**chosen):
    answers = {slot: "skipped" for slot in AID_SLOTS}
    answers.update({f"aid_{k}": v for k, v in chosen.items()})
    return answers


@pytest.mark.parametrize("chosen,step", [
    (dict(sessions="4-10", bond="not really", method="no", identity="not really", crossed_line="no"), "better_fit"),
    (dict(sessions="1-3", bond="not really", method="no", identity="not really"), "early"),
    (dict(sessions="more than 10", between="rarely", whose_idea="someone else's"), "raise_it"),
    (dict(sessions="4-10", bond="mostly yes", method="yes", crossed_line="no"), "keep_going"),
    (dict(sessions="4-10", bond="mostly yes", crossed_line="yes"), "red_flag"),
])
def test_the_next_step_follows_what_the_answers_point_to(chosen, step):
    assert decision_aid.weigh(_answers(**chosen)).next_step() == step


def _validated(slot, typed, domain, dispatcher, filled=None):
    """What the form's validation makes of one answer the slot mapping took (as Rasa sends it)."""
    import asyncio

    tracker = make_tracker(text=typed, slots=dict(filled or {}), active_loop="decision_aid_form", requested_slot=slot,
                           events=[{"event": "slot", "name": slot, "value": typed}])
    tracker.slots[slot] = typed
    return asyncio.run(ValidateDecisionAidForm().get_validation_events(dispatcher, tracker, domain))


def test_an_answer_is_kept_as_its_option(domain, dispatcher):
    assert _validated("aid_bond", "nah not really", domain, dispatcher) == [SlotSet("aid_bond", "not really")]
    assert _validated("aid_bond", "she's great but", domain, dispatcher) == [SlotSet("aid_bond", "skipped")]


def test_a_crossed_line_ends_the_aid_at_once(domain, dispatcher):
    events = _validated("aid_crossed_line", "yes he did", domain, dispatcher, filled={"aid_sessions": "4-10"})
    assert SlotSet("aid_crossed_line", "yes") in events and SlotSet("aid_sessions", "4-10") in events
    assert all(any(e["name"] == slot and e["value"] for e in events) for slot in AID_SLOTS)  # nothing left to ask
    assert not decision_aid.crossed_a_line("aid_crossed_line", "no, nothing like that")


async def test_the_summary_has_three_parts_and_without_consent_is_kept_only_after_yes(store, dispatcher, domain):
    answers = _answers(sessions="4-10", bond="not really", method="no", identity="not really",
                       between="rarely", specialist="not sure", crossed_line="no")
    events = await ActionDecisionAidResult().run(dispatcher, make_tracker("affirm", slots=answers), domain)
    summary = dispatcher.messages[0]["text"]
    mine, fit = summary.split("What may be yours to work on")[1].split("What points to your therapist or the fit")
    assert "between sessions" in mine and "respected and listened to" in fit and "culture" in fit
    assert "ask them straight out" in summary  # the "not sure" about training
    assert "A next step" in summary and "look for someone who suits you better" in summary
    assert responses_of(dispatcher)[1:] == ["utter_aid_offer_better_fit", "utter_aid_keep"]
    assert SlotSet("aid_summary", summary) in events and SlotSet("awaiting_consent", True) in events
    assert all(SlotSet(slot, None) in events for slot in AID_SLOTS)
    with session_scope(store) as session:
        assert people.person_of(session, PERSON) is None

    events = await ActionStoreConsent().run(dispatcher, make_tracker("affirm", slots={"aid_summary": summary}), domain)
    assert responses_of(dispatcher)[-1] == "utter_aid_kept" and SlotSet("aid_summary", None) in events
    with session_scope(store) as session:
        data = people.export(session, PERSON)
    assert [s["text"] for s in data["decision_summaries"]] == [summary]
    assert "is it me or my therapist?" in readable_export(data)
    with session_scope(store) as session:
        assert people.erase(session, PERSON)["decision_summaries"] == 1
    with session_scope(store) as session:
        assert people.export(session, PERSON)["decision_summaries"] == []


async def test_with_consent_given_before_the_summary_is_kept_at_once(store, dispatcher, domain):
    with session_scope(store) as session:
        people.record_consent(session, PERSON, "GB", "en")
    await ActionDecisionAidResult().run(dispatcher, make_tracker(slots=_answers(sessions="1-3", bond="mostly yes")),
                                        domain)
    assert responses_of(dispatcher)[1:] == ["utter_aid_offer_early", "utter_aid_kept"]
    with session_scope(store) as session:
        assert len(people.export(session, PERSON)["decision_summaries"]) == 1


async def test_a_no_keeps_no_summary(store, dispatcher, domain):
    events = await ActionDeclineConsent().run(dispatcher, make_tracker("deny", slots={"aid_summary": "x"}), domain)
    assert responses_of(dispatcher) == ["utter_aid_not_kept"] and SlotSet("aid_summary", None) in events


async def test_a_crossed_line_gives_the_red_flag_advice_and_no_summary(store, dispatcher, domain):
    events = await ActionDecisionAidResult().run(
        dispatcher, make_tracker(slots=_answers(sessions="4-10", crossed_line="yes")), domain)
    assert responses_of(dispatcher) == ["utter_aid_crossed_line", "utter_red_flag_next_steps"]
    assert SlotSet("triage", "red_flag") in events
    events = await ActionDecisionAidResult().run(
        dispatcher, make_tracker(slots={**_answers(crossed_line="yes"), "triage": "crisis"}), domain)
    assert SlotSet("triage", "crisis") in events  # never lowered


async def test_an_aid_left_before_any_answer_says_nothing(store, dispatcher, domain):
    events = await ActionDecisionAidResult().run(dispatcher, make_tracker(), domain)
    assert dispatcher.messages == [] and SlotSet("aid_sessions", None) in events
