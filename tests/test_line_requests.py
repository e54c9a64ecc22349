"""Asking for a crisis line gets the lines at once, in any of the five languages."""
from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.understanding.line_requests import asks_for_a_line
from bot.understanding.screen_component import SafetyScreenComponent


@pytest.mark.parametrize("text,lang", [
    ("what's the number for the crisis line", "en"),
    ("What number would I call in India, if it came to that?", "en"),
    ("is there a helpline i can call", "en"),
    ("who do i call if it gets bad at night?", "en"),
    ("¿Cuál es el teléfono de prevención del suicidio en México?", "es"),
    ("Quel est le numéro d'écoute pour les idées suicidaires ?", "fr"),
    ("Gibt es eine Nummer für die Telefonseelsorge?", "de"),
    ("Qual é o número do CVV?", "pt"),
])
def test_asking_for_a_line_is_read(text, lang):
    assert asks_for_a_line(text, lang)


@pytest.mark.parametrize("text", [
    "I called the helpline last night and they were lovely, I'm doing better today",  # asks nothing
    "my therapist gave me a crisis number at the first session",
    "what number should i put on the intake form for my GP",
    "whats a crisis line anyway. like what do they actually do, do they send cops",  # a question about them
    "what even is a crisis line, do they send the guards round to your house",
    "what happens if i ring a helpline, do they trace my call?",
    "I used to volunteer for the Samaritans for ten years and I loved it, and I still think about the calls "
    "I took on those long nights, which is partly why I went into counselling myself, is that common?",
])
def test_mentioning_a_line_is_not_asking_for_one(text):
    assert not asks_for_a_line(text, "en")


def test_the_component_reads_it_as_asking_for_a_line_unless_it_declines_one():
    component = SafetyScreenComponent()

    def read(text, intent):
        message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.8},
                                "intent_ranking": [{"name": intent, "confidence": 0.8}]})
        component.process([message])
        return message.get("intent")["name"]
    assert read("what's the number for the crisis line", "out_of_scope") == "ask_crisis_line"
    assert read("i don't want a hotline number, what would i even say to them?", "decline_hotline") == "decline_hotline"
