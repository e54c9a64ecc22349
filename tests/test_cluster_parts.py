"""The cluster's small parts without servers: the retried message's replies, the
turn whose store failed, nginx's configuration, the ports."""
from __future__ import annotations

import asyncio
from pathlib import Path

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels.limits import OUR_FAULT
from bot.channels.once import replies_to, valid_message_id
from bot.channels.turns import our_fault, take_turn
from bot.cluster.cluster import Ports
from bot.cluster.nginx import TEMPLATE, render
from bot.store.outage import failed_this_turn, note_failure


def test_the_replies_of_a_retried_message_are_the_ones_after_its_own_user_event():
    buttons = [{"title": "Yes", "payload": "/affirm"}]
    tracker = DialogueStateTracker.from_events("rest:x", [
        UserUttered("hi", message_id="a"), BotUttered("hello"), ActionExecuted("action_listen"),
        UserUttered("my therapist", message_id="b"), BotUttered("How many?", data={"buttons": buttons}),
        BotUttered("Or skip."), ActionExecuted("action_listen"),
        UserUttered("2", message_id="c"),
    ])
    assert replies_to(tracker, "b") == [{"text": "How many?", "buttons": buttons}, {"text": "Or skip."}]
    assert replies_to(tracker, "c") == []  # stored, answered with nothing (the calm line comes again)
    assert replies_to(tracker, "z") is None


def test_a_message_id_is_a_short_plain_name():
    assert valid_message_id("3f2b9c1e-aa.b_c") and valid_message_id("x" * 64)
    for bad in ("", "x" * 65, "a b", "a/b", "rest:x", 7, None):
        assert not valid_message_id(bad)


def test_a_turn_whose_store_failed_says_only_the_calm_line_and_is_not_saved():
    seen = {}

    async def blank_conversation(message: UserMessage) -> None:
        note_failure(ConnectionError("database restarting"))  # as the tracker store does
        seen["save_refused"] = failed_this_turn()
        await message.output_channel.send_response(message.sender_id, {"text": "Hi, I'm Alliance"})

    out = CollectingOutputChannel()
    answered = asyncio.run(take_turn(blank_conversation, "2", out, "rest:x", "rest", {}, our_fault(out, "rest:x")))
    assert not answered and seen["save_refused"]
    assert [message["text"] for message in out.messages] == [OUR_FAULT]


def test_nginx_gets_every_replica_in_both_upstreams_and_nothing_left_to_fill():
    text = render(TEMPLATE.read_text(encoding="utf-8"), "127.0.0.1:22000", ["127.0.0.1:22005", "127.0.0.1:22006"])
    assert "{{LISTEN}}" not in text and "{{RASA_SERVERS}}" not in text and "listen 127.0.0.1:22000;" in text
    assert text.count("server 127.0.0.1:22005 ") == 2 and text.count("server 127.0.0.1:22006 ") == 2
    assert "ip_hash;" in text and "daemon off;" in text


def test_ports_of_a_cluster_do_not_overlap():
    ports = Ports.from_base(22000, 8)
    every = [ports.nginx, ports.postgres, ports.redis, *ports.rasa, *ports.actions]
    assert len(set(every)) == len(every)


def test_deploy_endpoints_use_the_redis_lock_store_and_no_secret():
    import yaml

    endpoints = yaml.safe_load((Path(__file__).resolve().parent.parent / "deploy" / "endpoints.yml").read_text())
    assert endpoints["lock_store"]["type"] == "redis"
    assert endpoints["lock_store"]["password"] == "${REDIS_PASSWORD}"
    assert endpoints["tracker_store"]["type"] == "bot.store.tracker_store.AllianceTrackerStore"
