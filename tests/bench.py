"""``make bench``: what the safety screen costs per message, beside a full round trip.

Prints numbers; asserts nothing (speed targets are not tests). The screen
is timed in-process on a mix of short, long and non-English messages and on
2,000-character messages; the whole NLU pipeline (spaCy, the tf-idf
classifier, the safety decision) in-process on the same; the round trip
goes through the real Rasa server (REST channel, NLU, rules, NLG and the
action server) on the same machine.
"""
from __future__ import annotations

import json
import secrets
import statistics
import time
import tracemalloc
import urllib.request
import uuid

from bot import settings
from bot.safety_screen import SafetyScreen
from bot.servers import Servers

MESSAGES = [
    "my therapist keeps checking her phone while i talk",
    "i want to kill myself",
    "which bridges are taller than 25 m? i just lost my job",
    "this cbt homework is killing me lol",
    "he hugged me after i said no and now i feel weird about going back",
    "quiero morirme, ya no aguanto",
    "i don't feel a connection with her yet, it's only been two sessions, is that normal? " * 3,
]


def bench_screen(rounds: int = 300) -> None:
    started = time.perf_counter()
    tracemalloc.start()
    screen = SafetyScreen()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"screen build: {time.perf_counter() - started:.2f} s, peak {peak / 1e6:.1f} MB allocated")
    for message in MESSAGES:
        screen.screen(message)
    timings = []
    for _ in range(rounds):
        for message in MESSAGES:
            start = time.perf_counter()
            screen.screen(message)
            timings.append(time.perf_counter() - start)
    timings.sort()
    print(f"screen per message ({len(timings)} runs): median {statistics.median(timings) * 1e3:.3f} ms, "
          f"p95 {timings[int(len(timings) * 0.95)] * 1e3:.3f} ms, max {timings[-1] * 1e3:.3f} ms")
    big = "my therapist is late again. " * 4000
    start = time.perf_counter()
    screen.screen(big)
    print(f"screen on a {len(big) // 1000} kB message: {(time.perf_counter() - start) * 1e3:.1f} ms")


#: A long, mixed message of about 2,000 characters, the kind real posts are.
LONG = ("So I've been seeing my therapist for about four months now and honestly I don't know if it's me or her. "
        "Work has been a nightmare, my manager keeps piling things on, and I come home and just stare at the wall. "
        "In session she keeps bringing it back to my childhood when I want to talk about what's happening now, "
        "and last week she said I was 'resisting' which stung more than I let on. I'm not in any danger or "
        "anything, I'm just tired and it feels like we go round in circles. ") * 4


def _percentiles(timings):
    timings = sorted(timings)
    return statistics.median(timings) * 1e3, timings[int(len(timings) * 0.95)] * 1e3


def bench_long_screen(screen: SafetyScreen, rounds: int = 200) -> None:
    text = LONG[:2000]
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        screen.analyse(text)
        timings.append(time.perf_counter() - start)
    median, p95 = _percentiles(timings)
    print(f"screen on a 2,000-character message ({rounds} runs): median {median:.2f} ms, p95 {p95:.2f} ms")


def bench_nlu_pipeline(rounds: int = 100) -> None:
    """The whole NLU pipeline in-process (no HTTP): what a message costs before any dialogue."""
    import asyncio

    from rasa.core.agent import load_agent

    loop = asyncio.new_event_loop()
    agent = loop.run_until_complete(load_agent(model_path="models"))
    for label, texts in (("short/mixed", MESSAGES), ("2,000 characters", [LONG[:2000]])):
        timings = []
        for i in range(rounds):
            start = time.perf_counter()
            loop.run_until_complete(agent.parse_message(texts[i % len(texts)]))
            timings.append(time.perf_counter() - start)
        median, p95 = _percentiles(timings)
        print(f"NLU pipeline per message, {label} ({rounds} runs): median {median:.1f} ms, p95 {p95:.1f} ms")


def bench_round_trip(rounds: int = 20) -> None:
    config = settings.load()
    token = secrets.token_urlsafe(24)  # the REST channel is on only with a token
    with Servers(config, extra_env={"REST_CHANNEL_TOKEN": token}) as servers:
        url = f"{servers.rasa_url}/webhooks/rest/webhook"
        timings = []
        for i in range(rounds):
            message = MESSAGES[i % len(MESSAGES)]
            body = json.dumps({"sender": f"bench-{uuid.uuid4().hex}", "message": message}).encode()
            request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json",
                                                                      "Authorization": f"Bearer {token}"})
            start = time.perf_counter()
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()
            timings.append(time.perf_counter() - start)
        timings.sort()
        print(f"full round trip over REST ({rounds} messages, new conversation each): "
              f"median {statistics.median(timings) * 1e3:.1f} ms, max {timings[-1] * 1e3:.1f} ms")


if __name__ == "__main__":
    bench_screen()
    bench_long_screen(SafetyScreen())
    bench_nlu_pipeline()
    bench_round_trip()
