"""The privacy actions against a real (SQLite) store: what the person is told,
and what is and is not written."""
from __future__ import annotations

from rasa_sdk.events import SlotSet

from actions.privacy import (
    ActionDeclineConsent, ActionDeleteMyData, ActionExportData, ActionSaveScript, ActionShowScripts,
    ActionStoreConsent, readable_export,
)
from bot.store import people
from bot.store.database import dispose_all, session_scope
from tests.conftest import make_tracker, responses_of

SCRIPT = "When you said I was overreacting, I felt brushed off. What I'd like is for you to ask me more."




async def test_no_script_yet_saves_nothing(store, dispatcher, domain):
    events = await ActionSaveScript().run(dispatcher, make_tracker("save_script"), domain)
    assert responses_of(dispatcher) == ["utter_no_script_yet"] and events == []


async def test_first_save_asks_and_keeps_nothing_until_yes(store, dispatcher, domain):
    tracker = make_tracker("save_script", slots={"script": SCRIPT, "country": "NZ"})
    events = await ActionSaveScript().run(dispatcher, tracker, domain)
    assert responses_of(dispatcher) == ["utter_ask_store_consent"]
    assert events == [SlotSet("awaiting_consent", True)]
    with session_scope(store) as session:
        assert people.person_of(session, "test-person") is None

    events = await ActionStoreConsent().run(dispatcher, make_tracker("affirm", slots={"script": SCRIPT, "country": "NZ"}),
                                            domain)
    assert responses_of(dispatcher)[-1] == "utter_script_saved" and events == [SlotSet("awaiting_consent", False)]
    with session_scope(store) as session:
        person = people.person_of(session, "test-person")
        assert person.consent_given_at and person.country == "NZ"
        assert people.scripts_of(session, "test-person") == [SCRIPT]


async def test_no_to_consent_keeps_nothing(store, dispatcher, domain):
    events = await ActionDeclineConsent().run(dispatcher, make_tracker("deny", slots={"script": SCRIPT}), domain)
    assert responses_of(dispatcher) == ["utter_consent_declined"] and events == [SlotSet("awaiting_consent", False)]
    with session_scope(store) as session:
        assert people.person_of(session, "test-person") is None


async def test_show_export_and_delete(store, dispatcher, domain):
    with session_scope(store) as session:
        people.record_consent(session, "test-person", "ie", "en")
        people.save_script(session, "test-person", SCRIPT)
    await ActionShowScripts().run(dispatcher, make_tracker("show_scripts"), domain)
    assert dispatcher.messages[-1]["response"] == "utter_saved_scripts"
    assert f'1. "{SCRIPT}"' in dispatcher.messages[-1]["scripts"]
    await ActionExportData().run(dispatcher, make_tracker("export_data"), domain)
    exported = dispatcher.messages[-1]["export"]
    assert "Country: IE" in exported and SCRIPT in exported
    await ActionDeleteMyData().run(dispatcher, make_tracker("affirm"), domain)
    assert responses_of(dispatcher)[-1] == "utter_data_deleted"
    with session_scope(store) as session:
        assert people.person_of(session, "test-person") is None
    await ActionShowScripts().run(dispatcher, make_tracker("show_scripts"), domain)
    assert responses_of(dispatcher)[-1] == "utter_no_saved_scripts"


async def test_a_store_that_is_down_gets_a_calm_answer(monkeypatch, dispatcher, domain):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
    tracker = make_tracker("save_script", slots={"script": SCRIPT})
    for action in (ActionSaveScript(), ActionStoreConsent(), ActionShowScripts(), ActionExportData(),
                   ActionDeleteMyData()):
        await action.run(dispatcher, tracker, domain)
    assert set(responses_of(dispatcher)) == {"utter_store_unavailable"}
    dispose_all()


def test_readable_export_of_a_stranger_says_nothing_is_kept():
    text = readable_export({"preferences": None, "saved_scripts": [], "conversation": []})
    assert "haven't asked me to keep anything" in text and "No earlier messages" in text


def test_readable_export_lists_check_ins_with_their_scores_and_notes():
    text = readable_export({"preferences": {"consent_given_at": "2026-12-05T10:00:00Z", "country": None,
                                            "language": "en"},
                            "saved_scripts": [], "conversation": [],
                            "alliance_check_ins": [{"bond": 2, "goals": 4, "method": 3, "note": "phone again",
                                                    "checked_in_at": "2026-12-05T10:00:00Z"}]})
    assert "Check-ins after sessions (1)" in text and "2026-12-05: 2 / 4 / 3 – \"phone again\"" in text
