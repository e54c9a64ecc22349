"""The risk check off the server: reading answers, the policy's choices, the actions' bookkeeping."""
from __future__ import annotations

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk.events import FollowupAction

from actions.risk_check import ActionRiskAnswer, ActionRiskAsked, ActionTakeUpMessage
from bot.dialogue.risk_answers import DEFLECT, NO, NOT_SAFE, SAFE, UNSURE, YES, read_answer, read_safety_answer
from bot.dialogue.risk_policy import next_action
from tests.conftest import ROOT, make_tracker


@pytest.mark.parametrize("text,intent,expected", [
    ("Yes", None, YES), ("yeah... kind of", None, YES), ("not sure", None, YES), ("idk", None, YES),
    ("maybe", None, YES), ("no... well maybe sometimes", None, YES), ("", "affirm", YES),
    ("i have the rope", "crisis_suicide", YES), ("Sí", None, YES), ("je ne sais pas", None, YES),
    ("no", None, NO), ("No, I'm just fed up with my therapist", None, NO), ("nah lol", None, NO),
    ("I'm safe, just tired", None, NO), ("not suicidal, just venting", None, NO), ("", "state_safe", NO),
    ("nein", None, NO), ("não", None, NO), ("🙂 no", None, NO),
    ("it's fine, forget I said that", None, DEFLECT), ("can we talk about something else", None, DEFLECT),
    ("how do I find a new therapist?", "ask_find_therapist", DEFLECT), ("I said no to her", None, DEFLECT),
])
def test_answers_are_read_as_yes_no_or_deflect(text, intent, expected):
    assert read_answer(text, intent) == expected


# -- the policy, on real Rasa trackers ---------------------------------------------------------
@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.from_path(str(ROOT / "domain.yml"))


def _asked_then(domain: Domain, text: str, intent: str, *since: str) -> DialogueStateTracker:
    events = [ActionExecuted("action_listen"),
              UserUttered("i can't do this anymore", {"name": "risk_unclear", "confidence": 1.0}),
              ActionExecuted("utter_risk_check"), ActionExecuted("action_risk_asked"),
              ActionExecuted("action_listen"), UserUttered(text, {"name": intent, "confidence": 0.9})]
    events += [ActionExecuted(name) for name in since]
    return DialogueStateTracker.from_events("someone", events, domain.slots)


@pytest.mark.parametrize("text,intent,reply", [
    ("yes", "affirm", "utter_crisis"), ("not sure", "deny", "utter_crisis"),
    ("forget I said that", "out_of_scope", "utter_crisis_unsure"),
])
def test_after_the_question_a_worrying_answer_gets_a_crisis_reply_after_the_bookkeeping(domain, text, intent, reply):
    assert next_action(_asked_then(domain, text, intent)) == "action_risk_answer"
    assert next_action(_asked_then(domain, text, intent, "action_risk_answer")) == reply
    assert next_action(_asked_then(domain, text, intent, "action_risk_answer", reply)) == "action_listen"


def test_after_the_question_a_no_is_only_bookkeeping(domain):
    assert next_action(_asked_then(domain, "no, just fed up", "rupture_stuck")) == "action_risk_answer"
    assert next_action(_asked_then(domain, "no, just fed up", "rupture_stuck", "action_risk_answer")) == "action_listen"
    # after a resumed form the other policies decide again
    assert next_action(_asked_then(domain, "no", "deny", "action_risk_answer", "rupture_questions_form")) is None


def test_the_policy_abstains_when_no_question_was_asked(domain):
    events = [ActionExecuted("action_listen"), UserUttered("yes", {"name": "affirm", "confidence": 1.0})]
    assert next_action(DialogueStateTracker.from_events("someone", events, domain.slots)) is None


# -- the actions ------------------------------------------------------------------------------
def _events_of_question(text: str, underlying: str, concern: str = "suicide"):
    return [{"event": "user", "text": text,
             "parse_data": {"text": text, "intent": {"name": "risk_unclear", "confidence": 1.0},
                            "entities": [{"entity": "language", "value": "en"}],
                            "alliance_underlying": {"name": underlying, "confidence": 0.4},
                            "alliance_safety": {"answer": "ask", "concern": concern}}},
            {"event": "action", "name": "utter_risk_check"}, {"event": "action", "name": "action_risk_asked"},
            {"event": "action", "name": "action_listen"}]


async def test_asked_triages_what_else_the_message_said_and_keeps_the_form(dispatcher, domain):
    tracker = make_tracker("risk_unclear", "slow therapy and i want to give up on everything",
                           active_loop="rupture_questions_form")
    tracker.latest_message["alliance_underlying"] = {"name": "rupture_pace", "confidence": 0.4}
    events = await ActionRiskAsked().run(dispatcher, tracker, {})
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots["triage"] == "rupture" and slots["concern"] == "pace"
    assert slots["risk_resume_form"] == "rupture_questions_form" and slots["risk_check"] == "asked"


async def test_asked_never_lowers_a_crisis(dispatcher):
    tracker = make_tracker("risk_unclear", "x", slots={"triage": "crisis", "concern": "suicide"})
    tracker.latest_message["alliance_underlying"] = {"name": "rupture_pace", "confidence": 0.4}
    events = await ActionRiskAsked().run(dispatcher, tracker, {})
    assert not [e for e in events if e["event"] == "slot" and e["name"] == "triage"]


async def test_a_yes_records_the_crisis(dispatcher):
    tracker = make_tracker("affirm", "yes", events=_events_of_question("i can't go on", "nlu_fallback", "self_harm"))
    events = await ActionRiskAnswer().run(dispatcher, tracker, {})
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert (slots["risk_check"], slots["triage"], slots["concern"]) == ("yes", "crisis", "self_harm")
    assert dispatcher.messages == [], "the crisis reply comes from the Rasa server, not from here"


async def test_a_no_inside_a_form_goes_back_to_the_form(dispatcher):
    tracker = make_tracker("deny", "no", slots={"risk_resume_form": "raise_it_form"},
                           events=_events_of_question("x", "rupture_pace"))
    events = await ActionRiskAnswer().run(dispatcher, tracker, {})
    assert FollowupAction("raise_it_form") in events
    assert {"event": "slot", "name": "risk_check", "value": "no", "timestamp": None} in events
    assert [m["response"] for m in dispatcher.messages] == ["utter_risk_no_resume"]


async def test_a_no_takes_up_what_the_question_message_was_about(dispatcher):
    tracker = make_tracker("deny", "no", events=_events_of_question("slow therapy, i give up", "rupture_pace"))
    events = await ActionRiskAnswer().run(dispatcher, tracker, {})
    replayed = [e for e in events if e["event"] == "user"]
    assert events[-2] == {"event": "action", "name": "action_listen", "policy": None, "confidence": None, "timestamp": None}
    assert len(replayed) == 1 and replayed[0]["parse_data"]["intent"]["name"] == "rupture_pace"


async def test_a_no_with_nothing_to_take_up_asks_what_is_going_on(dispatcher):
    tracker = make_tracker("deny", "no", events=_events_of_question("ugh everything", "nlu_fallback"))
    events = await ActionRiskAnswer().run(dispatcher, tracker, {})
    assert not [e for e in events if e["event"] == "user"]
    assert [m["response"] for m in dispatcher.messages] == ["utter_risk_no", "utter_risk_no_go_on"]


# -- the answer to the crisis reply's "are you safe right now?" --------------------------------
@pytest.mark.parametrize("text,intent,expected", [
    ("yeah. sometimes. mostly at night", "affirm", UNSURE), ("yes I think so", "affirm", UNSURE),
    ("for now", "state_safe", UNSURE), ("yes", "affirm", SAFE), ("I'm safe", "state_safe", SAFE),
    ("no, I'm just fed up with my therapist", "deny", SAFE), ("no", "deny", NOT_SAFE),
    ("I'm not safe", "deny", NOT_SAFE), ("", "state_not_safe", NOT_SAFE),
    ("should I report him?", "knowledge", None), ("I have the pills here", "crisis_suicide", None),
    # a deflection is not a no: the line again, gently (TAXONOMY.md, "The risk check")
    ("forget I said that. im not gonna do anything", "state_safe", UNSURE), ("nevermind, it's nothing", "deny", UNSURE),
])
def test_answers_to_are_you_safe_are_read_as_safe_not_safe_or_unsure(text, intent, expected):
    assert read_safety_answer(text, intent) == expected


def _crisis_then(domain: Domain, text: str, intent: str, *since: str, form: bool = False) -> DialogueStateTracker:
    reply = [ActionExecuted("utter_crisis")] + ([ActionExecuted("action_deactivate_loop")] if form else [])
    events = [ActionExecuted("action_listen"),
              UserUttered("about 12. not that it'll matter much longer", {"name": "crisis_suicide", "confidence": 1.0}),
              *reply, ActionExecuted("action_listen"), UserUttered(text, {"name": intent, "confidence": 0.9})]
    events += [ActionExecuted(name) for name in since]
    return DialogueStateTracker.from_events("someone", events, domain.slots)


def test_a_hedged_yes_to_are_you_safe_gets_the_crisis_line_again(domain):
    assert next_action(_crisis_then(domain, "yeah. sometimes. mostly at night", "affirm")) == "utter_crisis"
    assert next_action(_crisis_then(domain, "yeah. sometimes", "affirm", "utter_crisis")) == "action_listen"


@pytest.mark.parametrize("text,intent,reply", [
    ("yes", "affirm", "utter_crisis_safe"), ("no", "deny", "utter_crisis_not_safe"),
])
def test_a_crisis_reply_that_interrupted_a_form_still_hears_the_answer(domain, text, intent, reply):
    assert next_action(_crisis_then(domain, text, intent, form=True)) == reply


def test_after_a_crisis_reply_anything_else_is_left_to_the_rules(domain):
    assert next_action(_crisis_then(domain, "should I report him?", "knowledge")) is None


def test_a_question_about_therapy_instead_of_an_answer_gets_the_gentle_reply_and_then_its_answer(domain):
    text = "should I tell the counsellor? she's got no idea"
    assert next_action(_asked_then(domain, text, "knowledge")) == "action_risk_answer"
    assert next_action(_asked_then(domain, text, "knowledge", "action_risk_answer")) == "utter_crisis_unsure"
    assert next_action(_asked_then(domain, text, "knowledge", "action_risk_answer", "utter_crisis_unsure")
                       ) == "action_answer_knowledge"
    assert next_action(_asked_then(domain, text, "knowledge", "action_risk_answer", "utter_crisis_unsure",
                                   "action_answer_knowledge")) == "action_listen"


@pytest.mark.parametrize("intent,steps", [
    ("request_script", ["raise_it_form"]),
    ("red_flag_verbal_abuse", ["action_triage", "action_red_flag_opener", "utter_red_flag_next_steps"]),
])
def test_a_request_or_a_red_flag_instead_of_an_answer_gets_the_gentle_reply_and_then_its_answer(
        domain, intent, steps):
    text = "ok can you help me write what to say to her"
    done = ["action_risk_answer", "utter_crisis_unsure"]
    for step in steps + ["action_listen"]:
        assert next_action(_asked_then(domain, text, intent, *done)) == step
        done.append(step)


def _reply_read_as_crisis(domain: Domain, source: str, screen=None, first=False, text="my parents pay for it",
                          since=(), form=False) -> DialogueStateTracker:
    """A reply that the NLU gave the crisis reply, after an earlier exchange about a red flag."""
    parse = {"intent": {"name": "crisis_suicide", "confidence": 0.7},
             "alliance_safety": {"answer": "crisis", "source": source, "screen": screen}}
    events = [] if first else [ActionExecuted("action_listen"),
                               UserUttered("he made me pray the gay away", {"name": "red_flag_discrimination"}),
                               ActionExecuted("utter_red_flag_discrimination")]
    events += [ActionExecuted("action_listen"), UserUttered(text, parse["intent"], parse_data=parse)]
    events += [ActionExecuted(name) for name in since]
    tracker = DialogueStateTracker.from_events("someone", events, domain.slots)
    if form:
        tracker.change_loop_to("raise_it_form")
    return tracker


def test_a_short_reply_read_as_crisis_by_the_classifier_alone_is_asked_about_mid_conversation(domain):
    steps = ["utter_risk_check", "action_risk_asked", "action_listen"]
    for done in range(len(steps)):
        assert next_action(_reply_read_as_crisis(domain, "classifier:0.70", since=steps[:done])) == steps[done]
    in_form = ["utter_risk_check", "action_risk_asked", "action_deactivate_loop", "action_listen"]
    for done in range(len(in_form)):
        assert next_action(_reply_read_as_crisis(domain, "classifier:0.70", since=in_form[:done], form=True)
                           ) == in_form[done]


@pytest.mark.parametrize("kwargs", [
    {"source": "screen:suicide.kill_myself", "screen": "crisis"},  # the screen found it: the crisis reply
    {"source": "classifier:0.70", "first": True},  # a first message: judged as it stands
    {"source": "classifier:0.70", "text": "word " * 45},  # a story of its own
])
def test_the_crisis_reply_stands_when_more_than_the_classifier_saw_it_or_it_is_no_short_reply(domain, kwargs):
    assert next_action(_reply_read_as_crisis(domain, **kwargs)) is None


def _after_crisis_reply(domain: Domain, tracker: DialogueStateTracker, *said: str) -> DialogueStateTracker:
    """``tracker`` with the crisis reply, a turn, and what the bot then ``said``, before its latest message."""
    def sent(action):
        return [ActionExecuted(action), BotUttered("...", metadata={"utter_action": action})]
    events = list(tracker.events)
    events[3:3] = sent("utter_crisis") + [ActionExecuted("action_listen"), UserUttered("ok", {"name": "affirm"})] + [
        event for action in said or ("utter_decline_hotline",) for event in sent(action)]
    return DialogueStateTracker.from_events("someone", events, domain.slots)


def test_once_they_said_they_are_safe_a_classifier_only_crisis_reading_is_not_softened(domain):
    tracker = _after_crisis_reply(domain, _reply_read_as_crisis(domain, "classifier:0.70"), "utter_crisis_safe")
    assert next_action(tracker) is None


def test_after_a_crisis_reply_a_classifier_only_crisis_reading_is_taken_up_for_what_it_says(domain):
    """They have the lines: "ok. i'm going to text them now" is answered, not asked about again."""
    for source in ("classifier:0.72", "classifier share:0.45"):
        tracker = _after_crisis_reply(domain, _reply_read_as_crisis(domain, source, text="ok. i'm texting them now"))
        assert next_action(tracker) == "action_take_up_message"
    # what the screen found is never taken up
    found = _reply_read_as_crisis(domain, "screen:suicide.plan", screen="crisis", text="I have the pills here")
    assert next_action(_after_crisis_reply(domain, found)) is None


def test_the_answer_to_are_you_safe_is_read_before_anything_is_taken_up(domain):
    tracker = _crisis_then(domain, "yeah. sometimes. mostly at night", "affirm")
    parse = {"intent": {"name": "crisis_suicide", "confidence": 0.7}, "text": "yeah. sometimes. mostly at night",
             "alliance_safety": {"answer": "crisis", "source": "classifier:0.70", "screen": None}}
    events = list(tracker.events)[:-1] + [UserUttered(parse["text"], parse["intent"], parse_data=parse)]
    events[2:3] = [BotUttered("...", metadata={"utter_action": "utter_crisis"}), ActionExecuted("utter_crisis")]
    # (a crisis reading is no answer: the crisis rules give the line again, as before)
    assert next_action(DialogueStateTracker.from_events("someone", events, domain.slots)) is None


@pytest.mark.parametrize("intent", ["out_of_scope", "affirm", "deny"])
def test_after_a_crisis_reply_small_talk_is_heard_not_turned_away(domain, intent):
    def after(*since):
        events = [ActionExecuted("action_listen"), UserUttered("I want to die", {"name": "crisis_suicide"}),
                  ActionExecuted("utter_crisis"), BotUttered("...", metadata={"utter_action": "utter_crisis"}),
                  ActionExecuted("action_listen"), UserUttered("ok I'm in the uk", {"name": "decline_hotline"}),
                  ActionExecuted("utter_decline_hotline"), ActionExecuted("action_listen"),
                  UserUttered("ok i put them back in the drawer", {"name": intent, "confidence": 0.6})]
        return DialogueStateTracker.from_events("someone", events + [ActionExecuted(a) for a in since], domain.slots)
    assert next_action(after()) == "utter_crisis_heard"
    assert next_action(after("utter_crisis_heard")) == "action_listen"


def test_a_question_about_therapy_mid_conversation_is_answered_rather_than_asked_about(domain):
    """'I'm 19 and on my parents' insurance, will they see it?' after a red flag: a question, not a risk."""
    parse = {"intent": {"name": "risk_unclear", "confidence": 1.0},
             "alliance_underlying": {"name": "knowledge", "confidence": 0.5},
             "alliance_safety": {"answer": "ask", "source": "classifier share:0.39", "screen": None,
                                 "crisis_share": 0.39}}
    def reply(first=False, underlying="knowledge"):
        events = [] if first else [ActionExecuted("action_listen"),
                                   UserUttered("he made me pray", {"name": "red_flag_coercion"}),
                                   ActionExecuted("utter_red_flag_coercion")]
        data = dict(parse, alliance_underlying={"name": underlying, "confidence": 0.5})
        events += [ActionExecuted("action_listen"), UserUttered("will my parents see it", parse["intent"],
                                                                parse_data=data)]
        return DialogueStateTracker.from_events("someone", events, domain.slots)
    assert next_action(reply()) == "action_take_up_message"
    assert next_action(reply(first=True)) is None  # a first message is asked about, as the rules say
    # not a question, and a crisis share of 0.39: a weak guess in a reply is taken up too
    assert next_action(reply(underlying="share_distress")) == "action_take_up_message"


@pytest.mark.parametrize("source,taken_up", [
    ("classifier share:0.32", True),  # "thank you. I'll forward this to her also"
    ("classifier share:0.49", True),
    ("classifier share:0.50", False),  # sure enough to ask, even in a reply
    ("classifier (softened):0.60", False),  # a crisis guess the cues softened: asked
    ("screen:suicide.worn_out", False),  # the screen's signal: asked
])
def test_a_reply_asked_about_on_a_weak_crisis_share_alone_is_taken_up(domain, source, taken_up):
    parse = {"intent": {"name": "risk_unclear", "confidence": 1.0},
             "alliance_underlying": {"name": "thanks", "confidence": 0.3},
             "alliance_safety": {"answer": "ask", "source": source,
                                 "screen": "ask" if source.startswith("screen") else None,
                                 "crisis_share": float(source.rsplit(":", 1)[1]) if "classifier" in source else 0.1}}
    events = [ActionExecuted("action_listen"), UserUttered("she shouted at me", {"name": "red_flag_verbal_abuse"}),
              ActionExecuted("utter_red_flag_verbal_abuse"), ActionExecuted("action_listen"),
              UserUttered("thank you. I'll forward this to her also", parse["intent"], parse_data=parse)]
    tracker = DialogueStateTracker.from_events("someone", events, domain.slots)
    assert (next_action(tracker) == "action_take_up_message") is taken_up


def test_right_after_the_crisis_reply_a_question_reading_is_taken_up_and_a_crisis_reading_is_not(domain):
    def right_after(answer, intent):
        parse = {"intent": {"name": intent, "confidence": 1.0}, "text": "should i tell my therapist?",
                 "alliance_underlying": {"name": "knowledge", "confidence": 0.3},
                 "alliance_safety": {"answer": answer, "source": "classifier share:0.66" if answer == "ask"
                                     else "classifier:0.70", "screen": None,
                                     "crisis_share": 0.66 if answer == "ask" else 0.7}}
        events = [ActionExecuted("action_listen"), UserUttered("I took them all", {"name": "crisis_suicide"}),
                  ActionExecuted("utter_crisis"), BotUttered("...", metadata={"utter_action": "utter_crisis"}),
                  ActionExecuted("action_listen"), UserUttered(parse["text"], parse["intent"], parse_data=parse)]
        return DialogueStateTracker.from_events("someone", events, domain.slots)
    assert next_action(right_after("ask", "risk_unclear")) == "action_take_up_message"
    assert next_action(right_after("crisis", "crisis_suicide")) is None  # the crisis rules: the line again


async def test_asked_instead_of_the_crisis_reply_sets_triage_back_to_what_it_was(dispatcher):
    tracker = make_tracker(events=[
        {"event": "slot", "name": "triage", "value": "red_flag"},
        {"event": "slot", "name": "concern", "value": "discrimination"},
        {"event": "user", "text": "my parents pay for it",
         "parse_data": {"intent": {"name": "crisis_suicide"}, "alliance_safety": {"answer": "crisis"}}},
        {"event": "slot", "name": "triage", "value": "crisis"},
        {"event": "slot", "name": "concern", "value": "suicide"},
    ], intent="crisis_suicide", text="my parents pay for it")
    tracker.latest_message["alliance_safety"] = {"answer": "crisis"}
    events = await ActionRiskAsked().run(dispatcher, tracker, {})
    slots = {event["name"]: event["value"] for event in events if event.get("event") == "slot"}
    assert slots["triage"] == "red_flag" and slots["concern"] == "discrimination"
    assert slots["risk_check"] == "asked"


def test_an_answer_to_the_question_read_as_crisis_by_the_classifier_still_gets_the_crisis_reply(domain):
    """The question is never asked twice: after it, a worrying answer is the crisis reply."""
    parse = {"intent": {"name": "crisis_suicide", "confidence": 0.7},
             "alliance_safety": {"answer": "crisis", "source": "classifier:0.70", "screen": None}}
    events = [ActionExecuted("action_listen"), UserUttered("he made me pray", {"name": "red_flag_coercion"}),
              ActionExecuted("action_listen"),
              UserUttered("i can't do this anymore", {"name": "risk_unclear", "confidence": 1.0}),
              ActionExecuted("utter_risk_check"), ActionExecuted("action_risk_asked"),
              ActionExecuted("action_listen"),
              UserUttered("kind of, been planning it", parse["intent"], parse_data=parse)]
    tracker = DialogueStateTracker.from_events("someone", events, domain.slots)
    assert next_action(tracker) == "action_risk_answer"


async def test_taking_a_message_up_answers_it_again_as_what_else_it_says(dispatcher):
    text = "should i tell my therapist about tonight? i'm scared she'll get me sectioned"
    tracker = make_tracker(events=[
        {"event": "slot", "name": "triage", "value": "rupture"},
        {"event": "slot", "name": "concern", "value": "pace"},
        {"event": "user", "text": text},
        {"event": "slot", "name": "triage", "value": "crisis"},
    ], intent="crisis_in_danger", text=text)
    tracker.latest_message["intent_ranking"] = [
        {"name": "crisis_in_danger", "confidence": 0.5}, {"name": "red_flag_coercion", "confidence": 0.2},
        {"name": "knowledge", "confidence": 0.14}]
    tracker.latest_message["entities"] = [{"entity": "triage", "value": "crisis"}]
    selector = {"knowledge": {"ranking": [{"intent_response_key": "knowledge/confidentiality_limits",
                                           "confidence": 0.3}]}}
    tracker.latest_message["response_selector"] = selector
    events = await ActionTakeUpMessage().run(dispatcher, tracker, {})
    slots = {event["name"]: event["value"] for event in events if event.get("event") == "slot"}
    assert slots == {"triage": "rupture", "concern": "pace"}
    assert [e["event"] for e in events[-2:]] == ["action", "user"] and events[-2]["name"] == "action_listen"
    replay = events[-1]["parse_data"]
    # a weak red flag is not what it is taken up as; the question is
    assert events[-1]["text"] == text and replay["intent"]["name"] == "knowledge" and not replay["entities"]
    assert replay["response_selector"] == selector  # so the knowledge answer can be chosen
    assert not dispatcher.messages
