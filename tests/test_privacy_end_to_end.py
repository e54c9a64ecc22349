"""Memory end to end: the real servers on a real database (SQLite, then PostgreSQL).

Consent before anything is kept, saved scripts, export in the chat and as
JSON, erase that leaves no trace in the tables (nor in SQLite's raw file),
two messages of one person at once, and logs without message text or raw
sender ids.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import uuid

import pytest
import sqlalchemy as sa

from tests.conftest import ROOT, running_servers
from tests.rest_chat import Person
from tests.store_traces import traces_in_sqlite_files, traces_in_tables

pytestmark = pytest.mark.server

TOKEN = "test-token-" + uuid.uuid4().hex[:8]
PORTS = {"sqlite": (16005, 16055), "postgresql": (16105, 16155)}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def servers(request, tmp_path_factory):
    env = {}
    if request.param == "postgresql":
        env["DATABASE_URL"] = request.getfixturevalue("postgres").create_database("e2e_" + uuid.uuid4().hex[:8])
    else:
        env["ALLIANCE_DATA_DIR"] = str(tmp_path_factory.mktemp("privacy-data"))
    rasa_port, action_port = PORTS[request.param]
    with running_servers(tmp_path_factory, f"privacy_{request.param}", rasa_port, action_port, TOKEN,
                         extra_env=env) as running:
        yield running


def _write_a_script(person: Person, event: str) -> str:
    """The real way to a script: a rupture, the questions, the three answers."""
    person.say("my therapist keeps missing the point of what i say")
    for answer in ("3", "no", "no"):
        person.say(answer)
    assert "What did they say or do" in person.say("yes")
    person.say(event)
    person.say("brushed off")
    reply = person.say("ask me more before deciding")
    assert "When you" in reply and "brushed off" in reply
    return reply


def _rows(url: str, table: str, sender: str) -> int:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            if table == "events":
                query = sa.text("SELECT count(*) FROM events WHERE sender_id = :s")
            else:
                query = sa.text("SELECT count(*) FROM people WHERE sender_id = :s")
            return connection.execute(query, {"s": sender}).scalar_one()
    finally:
        engine.dispose()


def test_a_script_is_kept_only_after_a_yes(servers):
    person = Person(servers, "privacy")
    _write_a_script(person, "she said I was overreacting about my sister")
    ask = person.say("save this script")
    assert "Shall I keep it?" in ask and "delete my data" in ask
    assert _rows(servers.database_url, "people", person.conversation) == 0
    assert "Saved" in person.say("yes")
    shown = person.say("show my scripts")
    assert "When you said I was overreacting about my sister, I felt brushed off." in shown
    assert _rows(servers.database_url, "people", person.conversation) == 1


def test_no_keeps_nothing(servers):
    person = Person(servers, "privacy")
    _write_a_script(person, "he kept looking at the clock")
    assert "Shall I keep it?" in person.say("save this script")
    assert "won't keep anything" in person.say("no")
    assert "haven't saved any scripts" in person.say("show my scripts")
    assert _rows(servers.database_url, "people", person.conversation) == 0


def test_export_in_the_chat_and_as_json(servers):
    person = Person(servers, "privacy")
    _write_a_script(person, "she forgot my brother's name again")
    person.say("save this script")
    person.say("yes")
    reply = person.say("export my data")
    assert "everything I have stored about you" in reply
    assert "When you forgot my brother's name again" in reply
    assert "my therapist keeps missing the point of what i say" in reply  # their own words, as stored

    env = {**os.environ, "DATABASE_URL": servers.database_url}
    result = subprocess.run([sys.executable, "-m", "bot.serve.cli", "export", person.conversation], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120, check=True)
    data = json.loads(result.stdout)
    assert data["sender_id"] == person.conversation
    assert data["preferences"]["consent_given_at"]
    assert [s["text"] for s in data["saved_scripts"]] == [
        "When you forgot my brother's name again, I felt brushed off. "
        "What I'd like is for you to ask me more before deciding."]
    said = [m["text"] for m in data["conversation"] if m["from"] == "you"]
    assert said[0] == "my therapist keeps missing the point of what i say" and "export my data" in said


def test_delete_my_data_leaves_no_trace_and_starts_afresh(servers):
    person = Person(servers, "privacy")
    secret = f"she called me by the wrong name {uuid.uuid4().hex[:10]}"
    _write_a_script(person, secret)
    person.say("save this script")
    person.say("yes")
    assert _rows(servers.database_url, "events", person.conversation) > 0

    assert "Delete it all?" in person.say("delete my data")
    assert "Everything I had stored about you is deleted" in person.say("yes")

    needles = [person.conversation, secret]  # the opener is shared with other tests here
    assert traces_in_tables(servers.database_url, needles) == []
    if servers.database_url.startswith("sqlite"):
        assert traces_in_sqlite_files(servers.database_url, needles) == []
    assert "Hi, I'm Alliance" in person.say("hi")  # a new conversation, from a blank page
    said = [e.get("text") for e in person.tracker()["events"] if e["event"] == "user"]
    assert said == ["hi"]


def test_no_deletes_nothing(servers):
    person = Person(servers, "privacy")
    person.say("hi")
    person.say("delete my data")
    assert "nothing was deleted" in person.say("no")
    assert _rows(servers.database_url, "events", person.conversation) > 0


def test_two_messages_of_one_person_at_once_corrupt_nothing(servers):
    person = Person(servers, "privacy")
    person.say("hi")
    texts = ["my therapist is always late", "she also forgets what I told her"]
    replies, errors = {}, []

    def send(text: str) -> None:
        try:
            replies[text] = person.say(text)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))

    threads = [threading.Thread(target=send, args=(text,)) for text in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == [] and all(replies.get(text) for text in texts)
    said = [e.get("text") for e in person.tracker()["events"] if e["event"] == "user"]
    assert sorted(said) == sorted(["hi"] + texts)
    engine = sa.create_engine(servers.database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT data FROM events WHERE sender_id = :s AND type_name = 'user'"),
                                      {"s": person.conversation}).scalars().all()
    finally:
        engine.dispose()
    assert sorted(json.loads(row)["text"] for row in rows) == sorted(["hi"] + texts)
    assert "late" in person.say("yes") or person.slots()["triage"] == "rupture"


def test_logs_hold_no_message_text_and_no_raw_sender_id(servers):
    """Runs last in the module: the logs then cover every conversation above."""
    person = Person(servers, "privacy")
    marker = f"zebra{uuid.uuid4().hex[:8]} my therapist shouted at me"
    person.say(marker)
    logs = "\n".join(log.read_text(errors="replace") for log in servers.log_dir.glob("*.log"))
    assert "Consent recorded for person-" in logs  # people are logged, as pseudonyms
    assert re.findall(r"privacy-[0-9a-f]{32}", logs) == []
    for said in (marker.split()[0], "my therapist keeps missing the point", "ask me more before deciding"):
        assert said not in logs


#: What each phrase the assistant tells people to say ('say "..."') answers in
#: a fresh conversation. A new suggestion in domain.yml needs a line here.
SUGGESTED = {
    "show my scripts": "You haven't saved any scripts",
    "export my data": "Here is everything I have stored",
    "what's stored": "Here is everything I have stored",
    "delete my data": "This deletes everything",
    "save this script": "There's no script in this conversation yet",
}


def _suggested_phrases() -> set:
    import yaml

    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    texts = [variant.get("text") or "" for variants in domain["responses"].values() for variant in variants]
    return {phrase.lower() for text in texts for phrase in re.findall(r'\b[Ss]ay "([^"]+)"', text)}


def test_every_phrase_the_assistant_suggests_is_listed_here():
    assert _suggested_phrases() == set(SUGGESTED)


@pytest.mark.parametrize("phrase", sorted(SUGGESTED))
def test_a_phrase_the_assistant_suggests_does_what_it_says(servers, phrase):
    person = Person(servers, "suggested")
    assert SUGGESTED[phrase] in person.say(phrase)
