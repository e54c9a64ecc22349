"""The knowledge base validates, and its answers are chosen (or declined) as bot.dialogue.knowledge says."""
from __future__ import annotations

import asyncio
import datetime
import re
from pathlib import Path

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge import ActionAnswerKnowledge
from bot.dialogue import knowledge
from bot.understanding.questions import is_question_out_of_scope
from tests.conftest import make_tracker

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "data" / "nlu").glob("knowledge/*.yml"))


def _nlu_and_responses():
    phrasings, answers = {}, {}
    for path in FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for block in data.get("nlu", []):
            topic = knowledge.topic_of(block["intent"])
            assert topic, f"{path.name}: {block['intent']} is not a knowledge/<topic> intent"
            phrasings.setdefault(topic, []).extend(
                line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- "))
        for name, variants in (data.get("responses") or {}).items():
            answers[name.split("/", 1)[1]] = variants[0]["text"]
    return phrasings, answers


def test_every_topic_has_phrasings_an_answer_and_a_title():
    phrasings, answers = _nlu_and_responses()
    table = knowledge.topics()
    assert len(table) >= 60
    assert set(phrasings) == set(table) == set(answers)
    for topic, examples in phrasings.items():
        assert len(examples) >= 10, topic
        assert len(set(e.lower() for e in examples)) == len(examples), f"{topic}: repeated phrasing"


def test_answers_are_short_plain_and_fill_no_variables():
    _, answers = _nlu_and_responses()
    for topic, text in answers.items():
        words = len(text.split())
        assert 30 <= words <= 130, f"{topic}: {words} words (an answer is read in under a minute)"
        assert "{" not in text and "}" not in text, topic
        assert not re.search(r"\b\d{3}[ -]?\d{3,4}\b", text), f"{topic}: a phone number belongs in data/resources"


def test_no_phrasing_trains_two_topics():
    phrasings, _ = _nlu_and_responses()
    seen = {}
    for topic, examples in phrasings.items():
        for example in examples:
            key = example.lower()
            assert key not in seen, f"{example!r} is in {seen.get(key)} and {topic}"
            seen[key] = topic


def test_every_fact_has_a_checked_source():
    table = knowledge.sources()
    assert set(table) == set(knowledge.topics())
    for topic, entry in table.items():
        facts = str(entry.get("facts") or "none").strip()
        sources = entry.get("sources") or []
        if facts.lower() != "none":
            assert sources, f"{topic} states facts without a source"
        for source in sources:
            assert str(source["url"]).startswith(("https://", "http://")), topic
            assert source.get("title"), topic
            checked = datetime.date.fromisoformat(str(source["checked"]))
            assert checked <= datetime.date.today()


def test_the_dev_set_is_never_trained_on():
    phrasings, _ = _nlu_and_responses()
    trained = {e.lower() for examples in phrasings.values() for e in examples}
    dev = yaml.safe_load((ROOT / "tests" / "eval" / "dev" / "knowledge_dev.yml").read_text(encoding="utf-8"))
    items = dev["examples"]
    assert len([i for i in items if i["topic"] != "none"]) >= 200 and len([i for i in items if i["topic"] == "none"]) >= 30
    assert {i["topic"] for i in items} - {"none"} <= set(knowledge.topics())
    assert not [i["text"] for i in items if i["text"].lower() in trained]


# -- the decision ---------------------------------------------------------------
def _parse(intent: str, *ranked):
    return {"intent": {"name": intent, "confidence": 0.9},
            "response_selector": {"knowledge": {"ranking": [
                {"intent_response_key": f"knowledge/{topic}", "confidence": confidence} for topic, confidence in ranked]}}}


def test_a_sure_match_on_a_question_is_answered():
    decision = knowledge.decide(_parse("knowledge", ("cbt", 0.92), ("dbt", 0.05), ("act", 0.01)))
    assert decision.topic == "cbt" and [t for t, _ in decision.closest] == ["dbt", "act"]


@pytest.mark.parametrize("parse", [
    _parse("knowledge", ("cbt", 0.08), ("dbt", 0.07)),         # unsure
    _parse("rupture_method", ("cbt", 0.99)),                   # not a question about therapy
    _parse("crisis_suicide", ("asked_about_suicide", 0.99)),    # never a knowledge answer to a crisis
    _parse("knowledge", ("not_a_topic", 0.99)),                 # a topic the table does not have
    {"intent": {"name": "knowledge"}},                          # no selector output at all
    # the selector finds it likelier that no topic answers it (its out-of-scope class)
    {"intent": {"name": "knowledge", "confidence": 0.9}, "response_selector": {"knowledge": {
        "ranking": [{"intent_response_key": "knowledge/medication_questions", "confidence": 0.3}], "not_a_topic": 0.6}}},
])
def test_anything_else_gets_no_answer(parse):
    assert knowledge.decide(parse).topic is None


def _asked(intent: str, text: str, *ranked):
    parse = _parse(intent, *ranked)
    parse["text"] = text
    return parse


@pytest.mark.parametrize("text, answered", [
    ("My dentist keeps me waiting forty minutes every time. How do I complain to the practice?", False),
    ("How do people pick a good family solicitor for a divorce?", False),
    ("How do I complain about my counsellor? She also happens to be my landlord.", True),
    ("How do I make a complaint about a therapist?", True),
])
def test_a_question_about_another_trades_service_is_not_answered_with_a_therapy_topic(text, answered):
    decision = knowledge.decide(_asked("knowledge", text, ("how_to_complain", 0.6), ("report_to_board", 0.1)))
    assert (decision.topic == "how_to_complain") is answered


def test_a_rupture_that_also_asks_gets_the_answer_to_its_question():
    text = "She charged me for the session I missed with flu. It stings on a pension. Is that normal?"
    assert knowledge.decide(_asked("rupture_practical", text, ("fees_cancellation", 0.6))).topic == "fees_cancellation"
    no_mark = "Three sessions in and I feel worse. does that happen to others"
    assert knowledge.decide(_asked("rupture_pace", no_mark, ("feeling_worse", 0.5))).topic == "feeling_worse"
    after_a_comma = "she wants me to move my eyes side to side while I think about it, is this legit"
    assert knowledge.decide(_asked("rupture_method", after_a_comma, ("emdr", 0.5))).topic == "emdr"


def test_a_red_flag_that_also_asks_gets_an_answer_that_keeps_the_red_flag_clear():
    text = "My former psychologist told my mum what I said and now refuses to give me my file. Can they do that?"
    assert knowledge.decide(_asked("red_flag_confidentiality_breach", text, ("records_access", 0.9))).topic \
        == "records_access"
    # unsure, or a "what is normal" answer that would blur "this is not okay": nothing beside the red flag
    assert knowledge.decide(_asked("red_flag_confidentiality_breach", text, ("records_access", 0.4))).topic is None
    touched = "He keeps his hand on my knee after I moved away. Is touch part of therapy?"
    assert knowledge.decide(_asked("red_flag_unwanted_touch", touched, ("hugs_touch", 0.95))).topic is None
    told = "He keeps his hand on my knee after I moved away, and I've stopped going."
    assert knowledge.decide(_asked("red_flag_unwanted_touch", told, ("second_opinion", 0.95))).topic is None


@pytest.mark.parametrize("text,asked", [
    ("my counsellor put her hand on my arm when I was upset and I froze, is that allowed", True),
    ("she keeps pushing breathing exercises and I hate them, how do I say that to her face", True),
    ("I told her the homework was too much, and she said fine", False),
    ("We talked about my mum, what she did when I was small, and my job", False),
])
def test_a_question_typed_after_a_comma_without_a_question_mark_is_a_question(text, asked):
    from bot.understanding.questions import asks
    assert asks(text) is asked


@pytest.mark.parametrize("parse", [
    _asked("rupture_practical", "She charged me for the session I missed and it stings.", ("fees_cancellation", 0.6)),
    _asked("rupture_practical", "Is it normal to be charged for a missed session?", ("fees_cancellation", 0.1)),
    _asked("red_flag_exploitation", "He asked me to lend him money. Is that normal?", ("fees_cancellation", 0.9)),
    _asked("crisis_suicide", "Is there any point going on?", ("feeling_worse", 0.9)),
])
def test_no_answer_alongside_a_rupture_told_without_a_question_or_unsure_or_anything_graver(parse):
    assert knowledge.decide(parse).topic is None


def test_related_topics_stay_in_the_area():
    for topic in knowledge.topics():
        for other in knowledge.related(topic):
            assert other != topic and knowledge.topics()[other].area == knowledge.topics()[topic].area


# -- the action -------------------------------------------------------------------
def _run(parse, slots=None):
    tracker = make_tracker(intent=parse["intent"]["name"], text="q", slots=slots)
    tracker.latest_message.update(parse)
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerKnowledge().run(dispatcher, tracker, {}))
    return dispatcher.messages


def test_the_action_answers_and_offers_next_questions_as_text_buttons():
    messages = _run(_parse("knowledge", ("emdr", 0.9)))
    assert messages[0]["response"] == "utter_knowledge/emdr"
    assert messages[-1]["response"] == "utter_knowledge_next"
    for button in messages[-1]["buttons"]:
        assert not button["payload"].startswith("/")  # typed-text rule: a question, not a payload


def test_reporting_answers_add_the_body_for_the_persons_country():
    messages = _run(_parse("knowledge", ("report_to_board", 0.9)), slots={"country": "GB"})
    assert any("text" in m and m["text"] for m in messages[1:-1])
    asked = _run(_parse("knowledge", ("report_to_board", 0.9)))
    assert any(m.get("response") == "utter_ask_country" for m in asked)


def test_the_same_list_of_places_is_not_sent_twice_in_a_conversation():
    first = _run(_parse("knowledge", ("report_to_board", 0.9)), slots={"country": "GB"})
    places = next(m["text"] for m in first if m.get("text"))
    tracker = make_tracker(intent="knowledge", text="q", slots={"country": "GB"},
                           events=[{"event": "bot", "text": places + "\n\nAnd before we go on: ..."}])
    tracker.latest_message.update(_parse("knowledge", ("report_to_board", 0.9)))
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerKnowledge().run(dispatcher, tracker, {}))
    assert not any(m.get("text") == places for m in dispatcher.messages)
    assert any(m.get("response") == "utter_said_above" for m in dispatcher.messages)


def test_a_question_the_classifier_put_out_of_scope_is_one_when_the_selector_is_sure():
    assert is_question_out_of_scope("out_of_scope", "what's EMDR then? my friend loves it", 0.51)
    assert not is_question_out_of_scope("out_of_scope", "what's EMDR then?", 0.2)  # not sure
    assert not is_question_out_of_scope("out_of_scope", "my friend did EMDR", 0.51)  # asks nothing
    assert not is_question_out_of_scope("greet", "hi, what's EMDR?", 0.51)


def test_an_unsure_match_says_so_and_offers_the_closest_topics():
    messages = _run(_parse("knowledge", ("cbt", 0.08), ("dbt", 0.05), ("act", 0.04)))
    assert messages[0]["response"] == "utter_knowledge_unknown"
    assert [b["title"] for b in messages[0]["buttons"]] == [knowledge.topics()[t].title for t in ("cbt", "dbt", "act")]


def test_an_older_general_question_keeps_its_general_answer_when_no_topic_fits():
    messages = _run(_parse("ask_how_therapy_works", ("cbt", 0.05)))
    assert [m["response"] for m in messages] == ["utter_how_therapy_works"]


@pytest.mark.parametrize("text,puzzled", [
    ("?", True), ("??", True), ("hello??", True), ("huh", True), ("what do you mean?", True),
    ("sorry, what?", True), ("are you still there?", True),
    ("what do you mean by a rupture?", False), ("what is emdr?", False), ("hello", False),
])
def test_a_reply_that_only_says_the_last_answer_did_not_land(text, puzzled):
    from bot.understanding.questions import is_puzzled
    assert is_puzzled(text) is puzzled
