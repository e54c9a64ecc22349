"""The pieces every channel uses to lock its doors: ids, typed text, limits, the payload guard."""
from __future__ import annotations

import asyncio

import pytest
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.message import Message

from bot.channels import limits, typed_text
from bot.channels.identity import WebSessions, conversation_id, slack_id, telegram_id, valid_sender
from bot.understanding.payload_guard import PayloadGuard, intent_only


# -- identity ------------------------------------------------------------------
def test_conversation_ids_are_namespaced_by_channel():
    assert telegram_id(42) == "telegram:42" and telegram_id(-100) == "telegram:-100"
    assert slack_id("T01", "U02") == "slack:T01:U02"
    assert conversation_id("rest", "sam") == "rest:sam"
    assert conversation_id("rest", "42") != telegram_id(42)


@pytest.mark.parametrize("chat", ["42", 4.2, True, None, [42], {"id": 42}])
def test_a_telegram_chat_id_must_be_telegrams_integer(chat):
    assert telegram_id(chat) is None


@pytest.mark.parametrize("team,user", [("t01", "U02"), ("T01", "U02:x"), ("T01", ""), (None, "U02"),
                                       ("T01", "U 2"), ("T" * 40, "U02"), (1, "U02")])
def test_slack_ids_must_look_like_slacks(team, user):
    assert slack_id(team, user) is None


@pytest.mark.parametrize("sender", ["", "telegram:42", "a b", "../x", "x" * 129, None, 42, ["x"], "é", "-x"])
def test_a_rest_sender_cannot_smuggle_a_channel_or_a_path(sender):
    assert not valid_sender(sender)


@pytest.mark.parametrize("part", ["a:b", "", "a b", "x" * 129, "a\nb"])
def test_conversation_id_refuses_separators_and_blanks(part):
    with pytest.raises(ValueError):
        conversation_id("rest", part)
    with pytest.raises(ValueError):
        conversation_id("email", "x")


def test_web_sessions_are_issued_by_the_server_and_cannot_be_made_up():
    sessions = WebSessions("secret-one")
    token = sessions.issue()
    conversation = sessions.conversation(token)
    random_part = token.split(".")[0]
    assert conversation == f"web:{random_part}" and len(random_part) >= 22  # 128 bits, base64url
    assert sessions.issue() != token
    assert WebSessions("secret-two").conversation(token) is None  # another server's token
    forged_tag = token[:-1] + ("A" if token[-1] != "A" else "B")
    for made_up in (forged_tag, random_part, "web:" + random_part, "telegram:42", "", None, 42, {"x": 1},
                    random_part + "." + "A" * 43):
        assert sessions.conversation(made_up) is None


# -- typed text ----------------------------------------------------------------
def _store_with(sender: str, *events) -> InMemoryTrackerStore:
    store = InMemoryTrackerStore(Domain.empty())
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, list(events))))
    return store


class _Agent:
    def __init__(self, store):
        self.tracker_store = store


def _offer(*payloads: str) -> BotUttered:
    return BotUttered("Are you safe?", data={"buttons": [{"title": p, "payload": p} for p in payloads]})


def test_only_an_offered_payload_passes_as_a_payload():
    agent = _Agent(_store_with("rest:sam", UserUttered("hi"), _offer("/state_safe", "/state_not_safe")))
    said = lambda text: asyncio.run(typed_text.user_text(agent, "rest:sam", text))  # noqa: E731
    assert said("/state_safe") == "/state_safe"
    assert said("  /state_not_safe ") == "/state_not_safe"
    assert said('/greet{"triage": "rupture"}') == '\u2215greet{"triage": "rupture"}'
    assert said("/affirm") == "\u2215affirm"
    assert said("/restart") == "\u2215restart"
    assert said("my therapist said /no/ to that") == "my therapist said /no/ to that"
    # another conversation's buttons are not this one's
    assert asyncio.run(typed_text.user_text(agent, "rest:other", "/state_safe")) == "\u2215state_safe"


def test_a_payload_the_channel_stands_for_passes_without_a_tracker():
    assert asyncio.run(typed_text.user_text(None, "telegram:1", "/greet", issued={"/greet"})) == "/greet"
    assert asyncio.run(typed_text.user_text(None, "telegram:1", "/greet{\"x\":1}", issued={"/greet"})) != "/greet"


def test_offered_payloads_look_back_over_recent_bot_messages_only():
    events = [_offer("/old")] + [BotUttered(f"line {i}") for i in range(typed_text.RECENT_BOT_MESSAGES)]
    assert typed_text.offered_payloads(events) == set()
    assert typed_text.offered_payloads([_offer("/a"), BotUttered("x"), _offer("/b")]) == {"/a", "/b"}


# -- limits --------------------------------------------------------------------
class _Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_a_flood_in_one_conversation_is_slowed_and_others_are_not():
    clock = _Clock()
    rate = limits.ConversationRate(per_second=5, burst=10, clock=clock)
    assert all(rate.allow("rest:flood") for _ in range(10))
    assert not rate.allow("rest:flood")
    assert all(rate.allow(f"rest:person-{i}") for i in range(100))  # many people from one address
    clock.now += 1.0
    assert sum(rate.allow("rest:flood") for _ in range(20)) == 5  # refilled at 5 a second


def test_five_messages_a_second_are_always_room_enough():
    clock = _Clock()
    rate = limits.ConversationRate(clock=clock)
    for _ in range(600):  # two minutes of back-to-back turns
        clock.now += 0.2
        assert rate.allow("rest:eval")


def test_a_slowed_conversation_is_warned_once_every_few_seconds():
    clock = _Clock()
    rate = limits.ConversationRate(clock=clock)
    assert rate.warn("x") and not rate.warn("x")
    clock.now += limits.WARN_EVERY
    assert rate.warn("x")


def test_the_rate_forgets_the_least_recent_conversations():
    rate = limits.ConversationRate(max_tracked=3)
    for i in range(10):
        rate.allow(str(i))
    assert list(rate.snapshot()) == ["7", "8", "9"]


@pytest.mark.parametrize("language,expected", [("es-MX", "Estás"), ("de", "Du schickst"), (None, "You're"),
                                               ("zz", "You're")])
def test_slow_down_speaks_the_persons_language(language, expected):
    assert limits.slow_down(language).startswith(expected)


# -- the payload guard -----------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ('/greet{"triage":"rupture","concern":"pace"}', "/greet"),
    ('  /greet {"triage":"rupture"}', "/greet"),
    ("/crisis_suicide@0.01", "/crisis_suicide"),
    ("/state_safe", "/state_safe"),
    ("I said /greet{x} to him", "I said /greet{x} to him"),
    ("", ""),
])
def test_payload_slot_values_never_reach_rasa(text, expected):
    assert intent_only(text) == expected
    message = Message({"text": text})
    PayloadGuard().process([message])
    assert message.get("text") == expected


def test_the_rate_can_be_set_but_never_below_five_a_second(monkeypatch):
    monkeypatch.setenv("ALLIANCE_RATE_PER_SECOND", "2")
    monkeypatch.setenv("ALLIANCE_RATE_BURST", "1")
    rate = limits.ConversationRate()
    assert rate.per_second == limits.MIN_RATE_PER_SECOND and rate.burst == 5
    monkeypatch.setenv("ALLIANCE_RATE_PER_SECOND", "50")
    assert limits.ConversationRate().per_second == 50


def test_seen_once_remembers_the_last_keys_and_never_drops_an_unnamed_message():
    seen = limits.SeenOnce(2)
    assert seen.first_time(1) and not seen.first_time(1)
    assert seen.first_time(2) and seen.first_time(3)
    assert seen.first_time(1)  # forgotten: only the last two are kept
    assert seen.first_time(None) and seen.first_time(None) and seen.first_time("")
