"""'Prepare for my next session' (actions/session_note.py) on a real SQLite store."""
from __future__ import annotations

from actions.session_note import ActionSessionNote
from bot.store import people
from bot.store.database import session_scope
from tests.conftest import make_tracker

PERSON = "test-person"


def _note(dispatcher, tracker, domain) -> dict:
    import asyncio

    asyncio.run(ActionSessionNote().run(dispatcher, tracker, domain))
    assert len(dispatcher.messages) == 1
    return dispatcher.messages[0]


def test_with_nothing_kept_the_note_has_questions_and_says_how_to_add_to_it(store, dispatcher, domain):
    note = _note(dispatcher, make_tracker("session_note"), domain)["text"]
    assert note.startswith("Your note for the next session")
    assert "Questions you could ask" in note and "Nothing is kept yet" in note
    with session_scope(store) as session:
        assert people.person_of(session, PERSON) is None  # making a note keeps nothing


def test_the_note_gathers_the_script_the_last_summary_and_the_trend(store, dispatcher, domain):
    with session_scope(store) as session:
        people.record_consent(session, PERSON, "GB", "en")
        people.save_script(session, PERSON, "When you check your phone, I feel unheard.")
        people.save_decision_summary(session, PERSON, "older summary")
        people.save_decision_summary(session, PERSON, "What points to your therapist or the fit\n• the bond")
        people.save_alliance_check_in(session, PERSON, 2, 3, 4)
        people.save_alliance_check_in(session, PERSON, 3, 3, 4)
    note = _note(dispatcher, make_tracker("session_note"), domain)["text"]
    assert "What I want to say\nWhen you check your phone, I feel unheard." in note
    assert "• the bond" in note and "older summary" not in note
    assert "2 → 3" in note and "Nothing is kept yet" not in note


def test_this_conversations_script_comes_first(store, dispatcher, domain):
    note = _note(dispatcher, make_tracker("session_note", slots={"script": "I'd like more structure."}), domain)
    assert "What I want to say\nI'd like more structure." in note["text"]


def test_on_the_widget_the_note_is_one_printable_message(store, dispatcher, domain):
    tracker = make_tracker("session_note")
    tracker.events.append({"event": "user", "text": "prepare for my next session", "input_channel": "widget"})
    message = _note(dispatcher, tracker, domain)
    assert message["custom"]["data"]["alliance"] == "session_note"
    assert message["custom"]["data"]["text"].startswith("Your note for the next session") and not message["text"]
