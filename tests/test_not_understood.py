"""What a message the assistant could not read gets (actions/not_understood.py)."""
from __future__ import annotations

import pytest

from actions.not_understood import ActionNotUnderstood
from tests.conftest import make_tracker, responses_of


@pytest.mark.parametrize("language,triage,response", [
    ("en", None, "utter_default"),
    ("en", "red_flag", "utter_default"),  # in English the message was read; it just made no sense here
    ("es", None, "utter_default"),  # nothing to keep: "I only speak English for now", in Spanish
    ("de", "rupture", "utter_rupture_other_language_again"),
    ("pt", "red_flag", "utter_red_flag_next_steps_again"),
    ("fr", "crisis", "utter_default"),  # a pending crisis adds its own reminder (bot/replies/nlg.py)
])
async def test_a_follow_up_not_read_in_another_language_keeps_the_last_advice(dispatcher, domain, language,
                                                                             triage, response):
    tracker = make_tracker("nlu_fallback", "Ja eh, und dann schaut sie wieder aufs Handy. Genial.",
                           slots={"language": language, "triage": triage})
    assert await ActionNotUnderstood().run(dispatcher, tracker, domain) == []
    assert responses_of(dispatcher) == [response]


def test_the_short_advice_exists_in_every_language_it_is_sent_in(domain):
    for response in ("utter_rupture_other_language_again", "utter_red_flag_next_steps_again"):
        languages = {c["value"] for v in domain["responses"][response] for c in v.get("condition") or []}
        assert languages == {"es", "fr", "de", "pt"}, response
