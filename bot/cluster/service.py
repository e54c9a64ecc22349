"""A helper process of the cluster (PostgreSQL, Redis, nginx): spawn, probe, stop.

Each runs in the foreground as our child (no daemon, no pid file to trust),
in a session of its own so that Ctrl-C reaches only the cluster, with its
output in build/cluster/logs/<name>.log. ``spawn`` does not wait, so the
supervisor can restart it and the cluster can start everything at once.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from typing import List, Optional


class Service:
    """Subclasses give ``name``, ``command()`` and ``ready()``; ``prepare()`` and ``stdin()`` are optional."""

    name = "service"
    #: the signal that makes this program shut down cleanly
    stop_signal = signal.SIGTERM

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = Path(log_dir)
        self.process: Optional[subprocess.Popen] = None

    def command(self) -> List[str]:
        raise NotImplementedError

    def ready(self) -> bool:
        """One probe: does it answer now?"""
        raise NotImplementedError

    def prepare(self) -> None:
        """Write configuration, create directories (before every spawn)."""

    def stdin(self) -> Optional[bytes]:
        """What to feed the program on its standard input (Redis reads its configuration there)."""
        return None

    def user(self) -> Optional[str]:
        """Another user to run as (PostgreSQL refuses root); None: the current user."""
        return None

    def spawn(self) -> subprocess.Popen:
        self.prepare()
        self.log_dir.mkdir(parents=True, exist_ok=True)
        feed, user = self.stdin(), self.user()
        as_user = {"user": user, "group": user, "extra_groups": []} if user else {}
        with open(self.log_dir / f"{self.name}.log", "ab") as log:
            self.process = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.PIPE if feed is not None else subprocess.DEVNULL,
                                            start_new_session=True, **as_user)
        if feed is not None:
            self.process.stdin.write(feed)
            self.process.stdin.close()
        return self.process

    def wait_ready(self, timeout: float = 60) -> None:
        """Probe until it answers; fail early, with the log's end, if the process exited."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with code {self.process.returncode}:\n{self.log_tail()}")
            if self.ready():
                return
            time.sleep(0.2)
        raise TimeoutError(f"{self.name} did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def start(self, timeout: float = 60) -> None:
        self.spawn()
        self.wait_ready(timeout)

    def stop(self) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, self.stop_signal)
            process.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass

    def log_tail(self, chars: int = 2000) -> str:
        try:
            return (self.log_dir / f"{self.name}.log").read_text(errors="replace")[-chars:]
        except OSError:
            return ""
