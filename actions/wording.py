"""Reading the domain's wording from an action: every sentence the person reads lives in domain.yml.

Actions that compose a longer text (the decision aid's summary, the session
note) take their pieces from domain responses, so wording is edited in one
place and Python only puts the pieces together.
"""
from __future__ import annotations

from typing import Any, Dict, Text

from rasa_sdk import Tracker


def response_text(domain: Dict[Text, Any], response: str) -> str:
    """The text of a domain response: its first variant without a condition (English)."""
    variants = domain.get("responses", {}).get(response) or [{}]
    plain = [v for v in variants if not v.get("condition")] or variants
    return plain[0].get("text", "")


#: the web widget's channel name (``bot/channels/widget.py``): it can draw what others get as text
WIDGET = "widget"


def widget_message(dispatcher, kind: str, **data: Any) -> None:
    """A message only the widget's page knows how to draw (a printable note, a chart).

    Rasa's socket.io output hands a custom message's keys to ``emit()``: what
    sits under "data" is what the browser receives.
    """
    dispatcher.utter_message(json_message={"data": {"alliance": kind, **data}})


def in_other_language(tracker: Tracker) -> bool:
    """The person writes es/fr/de/pt: responses written only in English are left out or replaced."""
    return tracker.get_slot("language") not in (None, "en")
