"""The supervisor of ``make run`` and the never-silent turn, on real processes.

The end-to-end kills of the real servers are in tests/test_end_to_end.py.
"""
from __future__ import annotations

import asyncio
import subprocess
import sys
from typing import List

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.channels import limits
from bot.channels.turns import our_fault, take_turn
from bot.serve.supervisor import LONGEST_DELAY, SETTLED_AFTER, Supervisor, Watched, delay_before


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _crashing() -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    process.wait(timeout=30)
    return process


def _running() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])


def test_back_off_starts_at_once_then_doubles_up_to_a_limit():
    assert [delay_before(n) for n in range(8)] == [0, 1, 2, 4, 8, 16, LONGEST_DELAY, LONGEST_DELAY]


def test_a_process_that_keeps_crashing_is_restarted_with_growing_waits():
    clock, lines = Clock(), []
    spawned: List[subprocess.Popen] = []

    def spawn() -> subprocess.Popen:
        spawned.append(_crashing())
        return spawned[-1]

    watched = Watched(lambda: spawned[-1], spawn)
    spawn()
    supervisor = Supervisor({"action server": watched}, lines.append, clock)
    supervisor.check()
    assert len(spawned) == 2 and "exit code 3" in lines[0] and "now" in lines[0]
    supervisor.check()  # crashed again: waits 1 s
    assert len(spawned) == 2 and "in 1 s" in lines[-1]
    clock.now = 1.0
    supervisor.check()
    assert len(spawned) == 3
    clock.now = 2.0
    supervisor.check()  # now 2 s
    clock.now = 3.9
    supervisor.check()
    assert len(spawned) == 3
    clock.now = 4.0
    supervisor.check()
    assert len(spawned) == 4 and supervisor.restarts == 3


def test_a_process_that_stayed_up_is_restarted_at_once_when_it_crashes_again():
    clock = Clock()
    processes = [_running()]
    try:
        watched = Watched(lambda: processes[-1], lambda: processes.append(_running()) or processes[-1],
                          restarts_in_a_row=4, started_at=0.0)
        supervisor = Supervisor({"Rasa server": watched}, lambda line: None, clock)
        clock.now = SETTLED_AFTER
        supervisor.check()
        assert watched.restarts_in_a_row == 0
        processes[-1].kill()
        processes[-1].wait(timeout=30)
        supervisor.check()
        assert len(processes) == 2 and watched.restarts_in_a_row == 1
    finally:
        for process in processes:
            process.kill()


def test_a_server_that_is_not_run_is_not_watched():
    supervisor = Supervisor({"action server": Watched(lambda: None, _crashing)}, lambda line: None, Clock())
    supervisor.check()
    assert supervisor.restarts == 0


def _turn(handler) -> CollectingOutputChannel:
    out = CollectingOutputChannel()
    asyncio.run(take_turn(handler, "hello", out, "rest:someone", "rest", {}, our_fault(out, "rest:someone")))
    return out


def test_a_turn_that_says_something_is_passed_on_word_for_word():
    async def answers(message: UserMessage) -> None:
        assert message.output_channel.name() == "collector"
        await message.output_channel.send_response(message.sender_id, {"text": "hi there"})

    assert [m["text"] for m in _turn(answers).messages] == ["hi there"]


def test_a_turn_that_says_nothing_or_fails_gets_the_calm_line():
    async def silent(message: UserMessage) -> None:
        return None

    async def failing(message: UserMessage) -> None:
        raise RuntimeError("the action server is gone")

    assert [m["text"] for m in _turn(silent).messages] == [limits.OUR_FAULT]
    assert [m["text"] for m in _turn(failing).messages] == [limits.OUR_FAULT]
