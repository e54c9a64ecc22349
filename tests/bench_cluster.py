"""``make bench CLUSTER=1`` (``python -m tests.bench --cluster``): two replicas against one, same load.

Why against one replica of the same cluster, not against ``make run``: the
only thing that changes is the number of replicas; nginx, PostgreSQL and
the Redis lock are in both runs. The two runs are one after the other, each
on a fresh database, so they never share the machine with each other.

What to expect on this 2-core machine: a Rasa replica is one Python
process with one event loop, so under load it keeps about one core busy,
and a second replica can use the second core (the first quick run: 1.9x).
That is the whole gain one machine can give: every further replica, the
action servers, PostgreSQL and nginx share the same two cores, so two
replicas can never do better than double here, and the target is
correctness (no turn lost or doubled when a replica dies,
tests/test_cluster.py). The report prints the measured ratio and says so.
"""
from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Dict

from bot.cluster.cluster import Cluster, Ports
from bot.cluster.debian import missing_packages
from tests.bench import CONVERSATION, Target, load, rss_mb

#: nginx on this port, the rest of the cluster above it (bot.cluster.cluster.Ports)
BASE_PORT = 22700


def one_run(replicas: int, phases: Dict[str, tuple], base: int) -> Dict[str, object]:
    """A fresh cluster of ``replicas``, the phases through nginx, then stopped."""
    home = Path(tempfile.mkdtemp(prefix="alliance-bench-cluster-"))
    os.chmod(home, 0o755)  # PostgreSQL runs as its own user when we are root
    token = secrets.token_urlsafe(24)
    cluster = Cluster(Ports.from_base(base, replicas), secrets.token_urlsafe(24), home=home, env={},
                      extra_env={"REST_CHANNEL_TOKEN": token})
    figures: Dict[str, object] = {"replicas": replicas}
    try:
        print(f"  starting a cluster of {replicas} replica(s)", flush=True)
        cluster.start()
        target = Target(f"{replicas} replica(s)", f"{cluster.url}/webhooks/rest/webhook",
                        {"Authorization": f"Bearer {token}"})
        for _ in range(replicas):  # first turns load lazily on each replica: not timed
            asyncio.run(load(target, replicas, replicas, CONVERSATION[:3]))
        for phase, (conversations, at_once) in phases.items():
            print(f"  {phase}: {replicas} replica(s), {conversations} x {len(CONVERSATION)} turns, "
                  f"{at_once} at once", flush=True)
            figures[phase] = asyncio.run(load(target, conversations, at_once, CONVERSATION))
        figures["rasa_mb"] = [rss_mb(replica.rasa.pid) for replica in cluster.replicas]
    finally:
        cluster.stop()
        shutil.rmtree(home, ignore_errors=True)
    return figures


def bench_cluster(quick: bool, base: int = BASE_PORT) -> Dict[str, object]:
    """One replica, then two, on the same load; throughput, latency, errors of each."""
    missing = missing_packages()
    if missing:
        raise SystemExit(f"--cluster needs Debian's {', '.join(missing)} (bash deploy/install-packages.sh)")
    phases = {"concurrent": (8, 8), "burst": (12, 12)} if quick else {"concurrent": (16, 8), "burst": (50, 50)}
    return {"one": one_run(1, phases, base), "two": one_run(2, phases, base), "cores": os.cpu_count()}


def print_cluster_report(figures: Dict[str, object]) -> None:
    one, two = figures["one"], figures["two"]
    print()
    print(f"{'Cluster over nginx, the same turns':<36}{'1 replica':>14}{'2 replicas':>14}{'ratio':>8}")
    for phase in ("concurrent", "burst"):
        run = one[phase]
        print(f"  {phase}: {run['conversations']} x {run['turns'] // run['conversations']} turns, "
              f"{run['at_once']} at once")
        for key, label, unit in (("turns_per_s", "throughput", "turns/s"), ("p50_ms", "p50", "ms"),
                                 ("p95_ms", "p95", "ms"), ("errors", "errors", "")):
            a, b = one[phase][key], two[phase][key]
            ratio = f"{b / a:.2f}" if isinstance(a, (int, float)) and a and b is not None and key != "errors" else "-"
            shown = [("-" if v is None else f"{v:.0f} {unit}" if unit == "ms" else f"{v:.1f} {unit}".strip()
                      if isinstance(v, float) else f"{v}") for v in (a, b)]
            print(f"    {label:<32}{shown[0]:>14}{shown[1]:>14}{ratio:>8}")
    memory = ", ".join(f"{mb:.0f} MB" for mb in two["rasa_mb"] if mb)
    print(f"  Rasa replicas' memory with 2: {memory}")
    print(f"  On {figures['cores']} cores: a replica is one Python process with one event loop (about one core")
    print("  busy), so a second one can use the second core, and that is all one machine gives: replicas,")
    print("  action servers, PostgreSQL and nginx share these cores, so more replicas cannot add more here,")
    print("  and 2x is the ceiling. The target is correctness (no turn lost or doubled when a replica dies:")
    print("  tests/test_cluster.py); throughput beyond this needs more cores or machines.")
