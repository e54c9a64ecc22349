"""``make bench``: what Alliance costs, side by side with a bare ``rasa init`` bot in the same run.

Prints numbers; asserts nothing (speed targets are not tests). Why side by
side: a latency alone says little on a shared 2-core machine; the ratio to a
stock Rasa bot measured minutes apart on the same machine says what the
project's own parts (the safety screen, the tf-idf classifiers, the SQL
store, the action server, the locked channels) add.

* In-process (Alliance only): the safety screen on short, mixed and
  2,000-character messages, the whole NLU pipeline, and the safety decision
  (bot.understanding.screen_component) on its own.
* Over REST, the same turns to both bots (Alliance through bot.serve.servers with
  its action server and a fresh SQLite store; the bare bot as ``rasa init``
  made it, in-memory tracker, no action server): one conversation at a time,
  8 conversations at once, and 50 conversations of 20 turns all at once.
* The servers' memory (VmRSS of each process and its children), and the last
  time of each ``make test`` stage (build/logs/stages.tsv, by tests/stage.py).

The figures also go to build/bench/latest.json. ``--quick`` runs fewer rounds.
``--cluster`` instead measures ``make run-cluster``'s two replicas against one
(tests/bench_cluster.py; figures in build/bench/cluster.json).

    python -m tests.bench [--quick] [--cluster]
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import json
import logging
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from bot.channels.limits import OUR_FAULT
from bot.serve.servers import Servers, exit_on_hangup, wait_until_up
from bot.common.settings import ROOT, Settings

BENCH_DIR = ROOT / "build" / "bench"
LOG_DIR = BENCH_DIR / "logs"
STAGES = ROOT / "build" / "logs" / "stages.tsv"
#: seconds one turn may take before it counts as an error
TURN_TIMEOUT = 120
#: ports other work on this machine uses (Rasa's defaults, fixed test ports); never chosen here
TAKEN_PORTS = {5005, 5055, *range(15005, 19056), 21005, 21055}

MESSAGES = [
    "my therapist keeps checking her phone while i talk",
    "i want to kill myself",
    "which bridges are taller than 25 m? i just lost my job",
    "this cbt homework is killing me lol",
    "he hugged me after i said no and now i feel weird about going back",
    "quiero morirme, ya no aguanto",
    "i don't feel a connection with her yet, it's only been two sessions, is that normal? " * 3,
]

#: A long, mixed message, the kind real posts are (about 1,900 characters; LONG_2000 is cut from it).
LONG = ("So I've been seeing my therapist for about four months now and honestly I don't know if it's me or her. "
        "Work has been a nightmare, my manager keeps piling things on, and I come home and just stare at the wall. "
        "In session she keeps bringing it back to my childhood when I want to talk about what's happening now, "
        "and last week she said I was 'resisting' which stung more than I let on. I'm not in any danger or "
        "anything, I'm just tired and it feels like we go round in circles. ") * 4
#: exactly 2,000 characters
LONG_2000 = (LONG * 2)[:2000]

#: One conversation's turns, in order, sent to both bots: a greeting, a rupture told in a few
#: sentences, short answers, questions about therapy, a red flag, a 2,000-character message and
#: one crisis message (near the end, as it often comes after a while).
CONVERSATION = [
    "hi",
    "I had my third session yesterday and my therapist kept looking at the clock. When I brought up "
    "my mum she changed the subject. I left feeling like I was wasting her time.",
    "2",
    "no",
    "yes",
    "is it normal to not feel a connection with a therapist after a few sessions?",
    "ok",
    "he hugged me after i said no and now i feel weird about going back",
    "yes",
    "no",
    LONG_2000,
    "thanks, that helps",
    "how do I bring it up in the next session?",
    "2",
    "what's the difference between a psychologist and a counsellor?",
    "i want to kill myself",
    "no",
    "yes",
    "ok thanks",
    "bye",
]


# ---------------------------------------------------------------- figures
def percentiles(seconds: List[float]) -> Tuple[float, float]:
    """(p50, p95) in milliseconds: the median and the nearest-rank 95th percentile."""
    ordered = sorted(seconds)
    return statistics.median(ordered) * 1e3, ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1e3


def timed(function, rounds: int) -> List[float]:
    """Seconds each of ``rounds`` calls of ``function(i)`` took."""
    timings = []
    for i in range(rounds):
        start = time.perf_counter()
        function(i)
        timings.append(time.perf_counter() - start)
    return timings


def latency_figures(timings: List[float]) -> Dict[str, float]:
    p50, p95 = percentiles(timings)
    return {"runs": len(timings), "p50_ms": p50, "p95_ms": p95, "max_ms": max(timings) * 1e3}


# ---------------------------------------------------------------- in-process (Alliance only)
def bench_screen(rounds: int) -> Dict[str, object]:
    """The safety screen alone: its build, short and mixed messages, a 2,000-character one, a 112 kB one.

    Why: it runs on every message before anything else may answer, so its
    cost is paid by every turn, and a huge paste must not stall the server.
    """
    from bot.understanding.safety_screen import SafetyScreen  # imports TensorFlow: after main() quietened it

    started = time.perf_counter()
    tracemalloc.start()
    screen = SafetyScreen()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    figures: Dict[str, object] = {"build_s": time.perf_counter() - started, "build_peak_mb": peak / 1e6}
    for message in MESSAGES:
        screen.screen(message)
    figures["short"] = latency_figures(timed(lambda i: screen.screen(MESSAGES[i % len(MESSAGES)]),
                                             rounds * len(MESSAGES)))
    figures["long_2000"] = latency_figures(timed(lambda i: screen.analyse(LONG_2000), rounds))
    big = "my therapist is late again. " * 4000
    start = time.perf_counter()
    screen.screen(big)
    figures["huge"] = {"chars": len(big), "ms": (time.perf_counter() - start) * 1e3}
    return figures


def pipeline_config(name: str) -> Dict[str, object]:
    """A component's settings as config.yml gives them, so the bench times what runs."""
    import yaml

    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    entry = next(step for step in config["pipeline"] if step["name"] == name)
    return {key: value for key, value in entry.items() if key != "name"}


def bench_nlu(model: Path, rounds: int) -> Dict[str, object]:
    """The whole NLU pipeline in-process (no HTTP), then the safety decision on its own.

    Why both: the pipeline is what a message costs before any dialogue; the
    decision (screen, message cues, the classifier's crisis share) is the
    part this project adds to it, timed on the classifier's real output.
    """
    from rasa.core.agent import load_agent
    from rasa.shared.nlu.training_data.message import Message
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    from bot.understanding.screen_component import DECISION, SafetyScreenComponent

    # Rasa's in-process default logs every parse at debug level: thousands of lines here
    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    warnings.filterwarnings("ignore", category=DeprecationWarning)  # Rasa's "once" for UserWarning came first
    loop = asyncio.new_event_loop()
    agent = loop.run_until_complete(load_agent(model_path=str(model)))
    decision = SafetyScreenComponent(pipeline_config("bot.understanding.screen_component.SafetyScreenComponent"))
    figures: Dict[str, object] = {}
    for label, texts in (("short", MESSAGES), ("long_2000", [LONG_2000])):
        parsed = [loop.run_until_complete(agent.parse_message(text)) for text in texts]
        figures[f"pipeline_{label}"] = latency_figures(timed(
            lambda i: loop.run_until_complete(agent.parse_message(texts[i % len(texts)])), rounds))
        # the classifier's own reading (before the decision changed it), as the component receives it
        inputs = [(text, result[DECISION]["classifier"], result.get("intent_ranking") or [])
                  for text, result in zip(texts, parsed)]

        def decide(i: int, inputs=inputs) -> None:
            text, intent, ranking = inputs[i % len(inputs)]
            decision.process([Message(data={"text": text, "intent": dict(intent),
                                            "intent_ranking": [dict(r) for r in ranking]})])

        decide(0)
        figures[f"decision_{label}"] = latency_figures(timed(decide, rounds * 3))
    loop.close()
    return figures


# ---------------------------------------------------------------- the two bots
def snapshot_model(into: Path) -> Path:
    """A copy of the trained model, used in-process and by the server alike.

    Why: ``make setup`` on this machine deletes models/*.tar.gz before it
    retrains; a copy keeps one model for the whole run whatever happens there.
    """
    models = sorted((ROOT / "models").glob("*.tar.gz"), key=lambda path: path.stat().st_mtime)
    if not models:
        raise SystemExit("no trained model in models/ (make setup trains one, or is training one now)")
    into.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy2(models[-1], into / models[-1].name))


class BenchServers(Servers):
    """bot.serve.servers.Servers with the Rasa server on the snapshot of the model."""

    def __init__(self, *args, model: Path, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.model = model

    def rasa_command(self) -> List[str]:
        command = super().rasa_command()
        command[command.index("--model") + 1] = str(self.model)
        return command


def free_port(exclude: set) -> int:
    """A port nobody listens on now, outside the ports other work here uses."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port not in TAKEN_PORTS and port not in exclude:
            return port


def rasa_bin() -> str:
    """The venv's rasa (it is not on PATH when make runs us)."""
    return str(Path(sys.executable).parent / "rasa")


def quiet_env() -> Dict[str, str]:
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    return env


def bare_bot() -> Path:
    """The bare ``rasa init`` project with its trained model, built once per rasa version.

    Why cached: ``rasa init`` trains a model (minutes on 2 cores); built in a
    temporary folder and renamed, so an interrupted build is never taken
    for a finished one.
    """
    home = BENCH_DIR / "bare" / f"rasa-{version('rasa')}"
    if (home / "credentials.yml").exists() and any((home / "models").glob("*.tar.gz")):
        return home
    home.parent.mkdir(parents=True, exist_ok=True)
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log = LOG_DIR / "bare-init.log"
    print(f"  building the bare bot: rasa init --no-prompt (trains a model, a few minutes; log in {log})",
          flush=True)
    building = Path(tempfile.mkdtemp(prefix=".init-", dir=home.parent))
    try:
        with log.open("w", encoding="utf-8") as out:
            code = subprocess.call([rasa_bin(), "init", "--no-prompt", "--init-dir", str(building)],
                                   cwd=building, env=quiet_env(), stdout=out, stderr=subprocess.STDOUT,
                                   timeout=3600)
        if code != 0 or not any((building / "models").glob("*.tar.gz")):
            raise SystemExit(f"rasa init failed (exit {code}); see {log}")
        shutil.rmtree(home, ignore_errors=True)
        building.rename(home)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return home


class BareServer:
    """``rasa run`` on the bare project: its REST channel, no action server, in-memory tracker."""

    def __init__(self, home: Path, port: int) -> None:
        self.home = home
        self.port = port
        self.process: Optional[subprocess.Popen] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def spawn(self) -> None:
        """Start without waiting, so that it loads while Alliance starts."""
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        with (LOG_DIR / "bare-rasa.log").open("ab") as log:
            self.process = subprocess.Popen(
                [rasa_bin(), "run", "--enable-api", "--port", str(self.port), "--interface", "127.0.0.1",
                 "--credentials", "credentials.yml", "--model", "models"],
                cwd=self.home, env=quiet_env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait(self) -> None:
        wait_until_up(f"{self.url}/status", 300, self.process)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def alliance_servers(model: Path, data_dir: Path, token: str, taken: set) -> Servers:
    """Alliance as bot.serve.servers starts it, on free ports, with a store of its own.

    Why a fresh SQLite store (the default kind): a thousand bench
    conversations do not belong in the real one, and DATABASE_URL may point
    at a live database.
    """
    rasa_port = free_port(taken)
    action_port = free_port(taken | {rasa_port})
    settings = Settings(host="127.0.0.1", rasa_port=rasa_port, action_port=action_port,
                        auth_token=secrets.token_urlsafe(24))
    return BenchServers(settings, model=model, log_dir=LOG_DIR / "alliance", extra_env={
        "REST_CHANNEL_TOKEN": token, "DATABASE_URL": "", "ALLIANCE_DATA_DIR": str(data_dir)})


# ---------------------------------------------------------------- load over REST
@dataclass
class Target:
    """Where one bot's REST webhook is and how to call it."""

    name: str
    url: str
    headers: Dict[str, str] = field(default_factory=dict)


@dataclass
class Turn:
    seconds: float
    error: Optional[str] = None  # None: answered


def judge(status: int, body: bytes) -> Optional[str]:
    """What went wrong with one turn, or None: a non-200, a body that is not a list, Alliance's apology."""
    if status != 200:
        return f"HTTP {status}"
    try:
        replies = json.loads(body)
    except ValueError:
        return "not JSON"
    if not isinstance(replies, list):
        return "not a list"
    if any(isinstance(reply, dict) and reply.get("text") == OUR_FAULT for reply in replies):
        return "apology"  # the turn failed inside the server (bot.channels.turns)
    return None


async def converse(session, target: Target, turns: List[str], out: List[Turn]) -> None:
    """One conversation, a fresh sender id, its turns in order (each waits for the reply)."""
    import aiohttp

    sender = f"bench-{uuid.uuid4().hex}"
    for text in turns:
        start = time.perf_counter()
        try:
            async with session.post(target.url, json={"sender": sender, "message": text},
                                    headers=target.headers) as response:
                body = await response.read()
            out.append(Turn(time.perf_counter() - start, judge(response.status, body)))
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            out.append(Turn(time.perf_counter() - start, type(error).__name__))


async def load(target: Target, conversations: int, at_once: int, turns: List[str]) -> Dict[str, object]:
    """``conversations`` conversations, ``at_once`` of them going at any time; latency of answered turns."""
    import aiohttp

    results: List[Turn] = []
    remaining = iter(range(conversations))

    async def worker(session) -> None:
        for _ in remaining:
            await converse(session, target, turns, results)

    timeout = aiohttp.ClientTimeout(total=TURN_TIMEOUT)
    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=0)) as session:
        started = time.perf_counter()
        await asyncio.gather(*(worker(session) for _ in range(at_once)))
        wall = time.perf_counter() - started
    answered = [turn.seconds for turn in results if turn.error is None]
    kinds: Dict[str, int] = {}
    for turn in results:
        if turn.error:
            kinds[turn.error] = kinds.get(turn.error, 0) + 1
    p50, p95 = percentiles(answered) if answered else (None, None)
    return {"conversations": conversations, "at_once": at_once, "turns": len(results),
            "errors": sum(kinds.values()), "error_kinds": kinds, "p50_ms": p50, "p95_ms": p95,
            "max_ms": max(answered) * 1e3 if answered else None,
            "wall_s": wall, "turns_per_s": len(results) / wall}


# ---------------------------------------------------------------- memory, stages
def rss_mb(pid: Optional[int]) -> Optional[float]:
    """VmRSS of a process and all its descendants, in MB, from /proc (no psutil)."""
    if pid is None:
        return None
    children: Dict[int, List[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total_kb, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except OSError:
            pass
    return total_kb / 1024


def latest_stages(path: Path = STAGES) -> Dict[str, Dict[str, object]]:
    """The last run of each ``make test`` stage, as tests/stage.py logged it."""
    latest: Dict[str, Dict[str, object]] = {}
    if not path.exists():
        return latest
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 4:
            try:
                latest[parts[1]] = {"when": parts[0], "seconds": float(parts[2]), "exit": int(parts[3])}
            except ValueError:
                continue
    return latest


# ---------------------------------------------------------------- the side-by-side run
PHASES = ("sequential", "concurrent", "burst")
#: (phase, figure, comparison, bound on the ratio Alliance/bare), from issue 15
TARGETS = [
    ("sequential", "p50_ms", "<=", 1.3), ("sequential", "p95_ms", "<=", 1.5),
    ("concurrent", "p50_ms", "<=", 1.3), ("concurrent", "p95_ms", "<=", 1.5),
    ("concurrent", "turns_per_s", ">=", 0.8),
    ("burst", "p95_ms", "<=", 1.5),
]


def plan(quick: bool) -> Dict[str, Tuple[int, int]]:
    """(conversations, at once) per phase; every conversation is the whole 20-turn CONVERSATION."""
    if quick:
        return {"sequential": (1, 1), "concurrent": (8, 8), "burst": (12, 12)}
    return {"sequential": (3, 1), "concurrent": (16, 8), "burst": (50, 50)}


def round_trips(model: Path, work: Path, quick: bool) -> Dict[str, object]:
    """Both bots up at once, the same phases on each, Alliance first and bare first in turn.

    Why alternate: other work on a shared machine comes and goes; running
    each phase on both bots back to back, in alternating order, keeps a
    passing load from landing on one bot only.
    """
    home = bare_bot()
    token = secrets.token_urlsafe(24)
    data_dir = work / "data"
    shutil.rmtree(LOG_DIR / "alliance", ignore_errors=True)
    (LOG_DIR / "bare-rasa.log").unlink(missing_ok=True)
    bare = BareServer(home, free_port(set()))
    alliance = alliance_servers(model, data_dir, token, {bare.port})
    figures: Dict[str, object] = {"alliance": {}, "bare": {}, "memory": {}}
    try:
        print("  starting both servers (a minute or two)", flush=True)
        bare.spawn()
        alliance.start()
        bare.wait()
        targets = {
            "alliance": Target("alliance", f"{alliance.rasa_url}/webhooks/rest/webhook",
                               {"Authorization": f"Bearer {token}"}),
            "bare": Target("bare", f"{bare.url}/webhooks/rest/webhook"),
        }
        for name, target in targets.items():  # first turns load lazily: not timed
            asyncio.run(load(target, 1, 1, CONVERSATION))
        pids = {"alliance": (alliance.rasa.pid, alliance.actions.pid), "bare": (bare.process.pid, None)}
        for name, (server, actions) in pids.items():
            figures["memory"][name] = {"server_start_mb": rss_mb(server), "actions_start_mb": rss_mb(actions)}
        order = ["alliance", "bare"]
        for phase, (conversations, at_once) in plan(quick).items():
            for name in order:
                print(f"  {phase}: {name}, {conversations} conversation(s) of {len(CONVERSATION)} turns, "
                      f"{at_once} at once", flush=True)
                figures[name][phase] = asyncio.run(load(targets[name], conversations, at_once, CONVERSATION))
                server, actions = pids[name]
                figures["memory"][name].update(server_load_mb=rss_mb(server), actions_load_mb=rss_mb(actions))
            order.reverse()
    finally:
        alliance.stop()
        bare.stop()
    return figures


def ratios(trips: Dict[str, object]) -> List[Dict[str, object]]:
    """Alliance/bare for every latency and throughput figure, with the target where issue 15 sets one."""
    bounds = {(phase, key): (op, bound) for phase, key, op, bound in TARGETS}
    rows = []
    for phase in PHASES:
        for key in ("p50_ms", "p95_ms", "turns_per_s", "wall_s"):
            if phase == "sequential" and key in ("turns_per_s", "wall_s"):
                continue
            ours, theirs = trips["alliance"][phase][key], trips["bare"][phase][key]
            ratio = ours / theirs if ours is not None and theirs else None
            op, bound = bounds.get((phase, key), (None, None))
            met = None if op is None else (ratio is not None and (ratio <= bound if op == "<=" else ratio >= bound))
            rows.append({"phase": phase, "figure": key, "alliance": ours, "bare": theirs, "ratio": ratio,
                         "target": f"{op} {bound}" if op else None, "met": met})
    errors = trips["alliance"]["burst"]["errors"]
    rows.append({"phase": "burst", "figure": "errors", "alliance": errors, "bare": trips["bare"]["burst"]["errors"],
                 "ratio": None, "target": "0 errors", "met": errors == 0})
    return rows


# ---------------------------------------------------------------- printing
UNITS = {"p50_ms": ("p50", "ms"), "p95_ms": ("p95", "ms"), "turns_per_s": ("throughput", "turns/s"),
         "wall_s": ("wall time", "s"), "errors": ("errors", "")}


MEMORY_ROWS = (("server_start_mb", "Rasa server, after warm-up"), ("server_load_mb", "Rasa server, after the load"),
               ("actions_start_mb", "action server, after warm-up"), ("actions_load_mb", "action server, after load"))


def phase_title(phase: str, run: Dict[str, object]) -> str:
    conversations, at_once = run["conversations"], run["at_once"]
    turns = run["turns"] // conversations
    if phase == "sequential":
        return f"one at a time ({conversations} x {turns} turns)"
    if phase == "concurrent":
        return f"{at_once} at once ({conversations} x {turns} turns)"
    return f"all at once ({conversations} x {turns} turns)"


def number(value: object, unit: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):
        return f"{value}"
    return f"{value:.0f} {unit}" if unit == "ms" and value >= 100 else f"{value:.1f} {unit}".strip()


def print_report(figures: Dict[str, object]) -> None:
    """Readable tables of everything in ``figures``."""
    screen, nlu, trips = figures["screen"], figures["nlu"], figures["round_trips"]
    print()
    print(f"Alliance beside a bare `rasa init` bot: rasa {figures['rasa']}, {figures['machine']['cores']} cores, "
          f"load average {figures['machine']['load_start']:.2f} at start, {figures['machine']['load_end']:.2f} at end"
          f"{' (--quick)' if figures['quick'] else ''}")
    print()
    print(f"{'In-process, Alliance only':<48}{'p50':>11}{'p95':>11}")
    print(f"  safety screen build: {screen['build_s']:.2f} s, peak {screen['build_peak_mb']:.1f} MB allocated")
    lines = [("safety screen, short/mixed", screen["short"]), ("safety screen, 2,000 characters", screen["long_2000"]),
             ("safety decision, short/mixed", nlu["decision_short"]),
             ("safety decision, 2,000 characters", nlu["decision_long_2000"]),
             ("NLU pipeline, short/mixed", nlu["pipeline_short"]),
             ("NLU pipeline, 2,000 characters", nlu["pipeline_long_2000"])]
    for label, run in lines:
        label = f"{label} ({run['runs']} runs)"
        print(f"  {label:<46}{run['p50_ms']:>8.2f} ms{run['p95_ms']:>8.2f} ms")
    print(f"  safety screen on a {screen['huge']['chars'] // 1000} kB message: {screen['huge']['ms']:.0f} ms")
    print()
    print(f"{'Over REST, the same turns to both':<34}{'Alliance':>15}{'bare':>15}{'ratio':>8}   target")
    last_phase = None
    for row in figures["ratios"]:
        phase = row["phase"]
        if phase != last_phase:
            print(f"  {phase_title(phase, trips['alliance'][phase])}")
            last_phase = phase
        label, unit = UNITS[row["figure"]]
        ratio = "-" if row["ratio"] is None else f"{row['ratio']:.2f}"
        verdict = "" if row["met"] is None else ("met" if row["met"] else "not met")
        target = row["target"] or ""
        print(f"    {label:<30}{number(row['alliance'], unit):>15}{number(row['bare'], unit):>15}"
              f"{ratio:>8}   {target:<10}{verdict}".rstrip())
    for name in ("alliance", "bare"):
        for phase in PHASES:
            kinds = trips[name][phase]["error_kinds"]
            if kinds:
                print(f"  {name}, {phase}: errors {', '.join(f'{k} x{v}' for k, v in sorted(kinds.items()))}")
    print("  Alliance: action server on, a fresh SQLite store. Bare: in-memory tracker, no action server.")
    print()
    memory = trips["memory"]
    print(f"{'Memory (VmRSS, process and children)':<34}{'Alliance':>15}{'bare':>15}")
    for key, label in MEMORY_ROWS:
        ours, theirs = number(memory["alliance"].get(key), "MB"), number(memory["bare"].get(key), "MB")
        print(f"  {label:<32}{ours:>15}{theirs:>15}")
    print()
    stages = figures["stages"]
    if not stages:
        print(f"make test stages: none logged yet in {STAGES.relative_to(ROOT)} (run make test)")
    else:
        print(f"make test stages, last run of each ({STAGES.relative_to(ROOT)})")
        for name, run in stages.items():
            outcome = "ok" if run["exit"] == 0 else f"exit {run['exit']}"
            print(f"  {name:<16}{run['seconds']:>8.0f} s   {outcome:<8}{run['when']}")
    print()
    print(f"Figures in {figures['json']}")


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, for trying the bench out")
    parser.add_argument("--cluster", action="store_true",
                        help="two replicas behind nginx against one, on the same load (nothing else)")
    args = parser.parse_args(argv)
    os.chdir(ROOT)  # config.yml names the spaCy model by a relative path
    # before anything imports TensorFlow (the screen, Rasa): its start-up notices are noise here
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    # third-party deprecation notices, as make silences them (Makefile: PYTHONWARNINGS, SQLAlchemy's notice)
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    exit_on_hangup()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if args.cluster:
        from tests.bench_cluster import bench_cluster, print_cluster_report

        cluster = bench_cluster(args.quick)
        (BENCH_DIR / "cluster.json").write_text(json.dumps(cluster, indent=2, default=str) + "\n", encoding="utf-8")
        print_cluster_report(cluster)
        return 0
    figures: Dict[str, object] = {"when": datetime.now().astimezone().isoformat(timespec="seconds"),
                                  "quick": args.quick, "rasa": version("rasa"),
                                  "machine": {"cores": os.cpu_count(), "load_start": os.getloadavg()[0]}}
    work = Path(tempfile.mkdtemp(prefix="alliance-bench-"))  # the model's copy, Alliance's store
    try:
        model = snapshot_model(work / "models")
        print(f"  timing the safety screen and the NLU pipeline in-process ({model.name})", flush=True)
        figures["model"] = model.name
        figures["screen"] = bench_screen(rounds=50 if args.quick else 300)
        figures["nlu"] = bench_nlu(model, rounds=30 if args.quick else 100)
        gc.collect()  # the in-process model goes before the servers load theirs
        figures["round_trips"] = round_trips(model, work, args.quick)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures["machine"]["load_end"] = os.getloadavg()[0]
    figures["ratios"] = ratios(figures["round_trips"])
    figures["stages"] = latest_stages()
    out = BENCH_DIR / "latest.json"
    figures["json"] = str(out.relative_to(ROOT))
    out.write_text(json.dumps(figures, indent=2, default=str) + "\n", encoding="utf-8")
    print_report(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
