"""The Rasa server's two speed fixes (bot.serve.rasa_server) keep Rasa's results exactly."""
from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses

from bot.serve import rasa_server


@pytest.fixture(scope="module", autouse=True)
def applied():
    rasa_server.apply()
    rasa_server.apply()  # twice: still one layer
    yield


def _remote() -> RemoteAction:
    return RemoteAction("action_triage", None)


def test_a_valid_action_server_reply_passes_and_its_schema_is_checked_once(monkeypatch):
    checks = []
    original = jsonschema.Draft202012Validator.check_schema
    rasa_server._checked.clear()
    monkeypatch.setattr(jsonschema.Draft202012Validator, "check_schema",
                        classmethod(lambda cls, schema, *a, **k: checks.append(1) or original(schema, *a, **k)))
    reply = {"events": [{"event": "slot", "name": "triage", "value": "rupture"}], "responses": []}
    for _ in range(5):
        assert _remote()._validate_action_result(reply) is True
    assert len(checks) == 1  # the schema is checked for the first reply only
    assert len(rasa_server._checked) == 1


def test_a_malformed_action_server_reply_is_still_refused_with_rasas_message():
    with pytest.raises(jsonschema.ValidationError) as refused:
        _remote()._validate_action_result({"events": [{"event": "slot", "name": 3}], "responses": "nope"})
    assert "Failed to validate Action server response" in refused.value.message
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(5, {"type": "string"})


def test_every_event_type_name_resolves_to_the_class_rasa_would_find():
    for cls in all_subclasses(Event):
        assert Event.resolve_by_type(cls.type_name) is rasa_server._original_resolve(cls.type_name)
        assert Event.resolve_by_type(cls.type_name) is rasa_server._original_resolve(cls.type_name)
    assert Event.resolve_by_type("user") is UserUttered
    assert Event.resolve_by_type("slot") is SlotSet
    assert Event.resolve_by_type("action") is ActionExecuted


def test_an_unknown_event_type_is_refused_or_defaulted_as_before():
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("no_such_event", SlotSet) is SlotSet
    with pytest.raises(ValueError):  # the default was not remembered for the name
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("topic") is None
