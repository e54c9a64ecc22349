"""The conversation evaluator's reading of replies (tests/eval/conversations.py)."""
from __future__ import annotations

import pytest

from tests.eval import conversations as c


def _reply(*actions: str, texts=("",)) -> c.Reply:
    return c.Reply(list(actions), list(texts))


@pytest.mark.parametrize("prop,reply,shown", [
    ("crisis_reply", _reply("utter_crisis"), True),
    ("crisis_reply", _reply("utter_crisis_reminder"), False),
    ("crisis_line", _reply("utter_knowledge/report_to_board", "utter_crisis_reminder"), True),
    ("crisis_line", c.Reply(["utter_knowledge/report_to_board"], [""], reminded=True), True),
    ("crisis_line", _reply("utter_knowledge/report_to_board"), False),
    ("risk_question", _reply("utter_risk_check"), True),
    ("red_flag_advice", _reply("utter_red_flag_doubt"), True),
    ("rupture_advice", _reply("utter_ask_told_therapist"), True),
    ("rupture_advice", _reply("utter_red_flag_coercion"), False),
    ("script", _reply("utter_ask_script_event"), True),
    ("knowledge_answer", _reply("utter_knowledge/emdr"), True),
    ("knowledge_answer", _reply("utter_knowledge_unknown"), False),
    ("reporting_body", _reply("", texts=("Dónde denunciarlo:\n  - CONAMED",)), True),
    ("reporting_body", _reply("utter_ask_country"), False),
    ("not_out_of_scope", _reply("utter_out_of_scope"), False),
    ("not_out_of_scope", _reply("utter_knowledge/emdr"), True),
])
def test_each_property_is_read_from_the_responses_sent(prop, reply, shown):
    assert c.PROPERTIES[prop](reply, []) is shown


def test_a_long_reply_sent_again_is_a_repeat_and_a_short_one_is_not():
    block = "x" * c.LONG_REPLY
    assert not c.PROPERTIES["no_repeat"](_reply("utter_crisis", texts=(block,)), [block])
    assert c.PROPERTIES["no_repeat"](_reply("utter_crisis_again", texts=("Are you safe?",)), ["Are you safe?"])


def test_the_question_and_the_crisis_reply_count_as_the_crisis_level():
    assert c.level_of({"intent": {"name": "risk_unclear"}}) == "crisis"
    assert c.level_of({"intent": {"name": "crisis_suicide"}}) == "crisis"
    assert c.level_of({"intent": {"name": "red_flag_coercion"}}) == "red_flag"
    assert c.level_of({"intent": {"name": "greet"}}) == "none"


def test_a_set_naming_an_unknown_property_does_not_load(tmp_path):
    path = tmp_path / "conversations_bad.yml"
    path.write_text("conversations:\n  - id: x\n    turns:\n      - user: hi\n        level: none\n"
                    "        expect: [mind_reading]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="mind_reading"):
        c.load(path)


@pytest.mark.parametrize("role,path", c.sets())
def test_every_conversation_set_loads(role, path):
    assert c.load(path)
