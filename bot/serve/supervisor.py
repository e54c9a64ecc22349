"""Keep the assistant up: a crashed action server or Rasa server is started again.

Why: when the action server died, ``make run`` used to stop everything, and
every conversation, crisis replies included, was refused until someone
restarted it by hand. Now each process that stops is started again after a
back-off (at once, then 1 s, 2 s, 4 s ... at most 30 s; counted afresh once it
has stayed up for a minute), with one line in the log each time. While the
action server is down, the Rasa server still answers a crisis itself
(``bot/replies/nlg.py``) and anything else with "something went wrong on our side"
(``bot/channels/turns.py``); conversations live in the database, so a
restarted Rasa server carries on where each one was.
"""
from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, Optional

#: Seconds before the second restart in a row; doubled each time after.
FIRST_DELAY = 1.0
#: The longest wait between restarts.
LONGEST_DELAY = 30.0
#: A process up this long has recovered: its next crash is restarted at once.
SETTLED_AFTER = 60.0


def delay_before(restarts_in_a_row: int) -> float:
    """Back-off before a restart: 0 for the first, then 1, 2, 4 ... capped."""
    if restarts_in_a_row <= 0:
        return 0.0
    return min(LONGEST_DELAY, FIRST_DELAY * 2 ** (restarts_in_a_row - 1))


@dataclass
class Watched:
    """One process: how to read it and how to start it again."""

    current: Callable[[], Optional[subprocess.Popen]]
    spawn: Callable[[], subprocess.Popen]
    restarts_in_a_row: int = 0
    started_at: float = 0.0
    stopped_at: Optional[float] = None
    wait: float = field(default=0.0)


class Supervisor:
    """Call :meth:`check` every second or so; it restarts what stopped."""

    def __init__(self, processes: Dict[str, Watched], log: Callable[[str], None] = print,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.processes = processes
        self.log = log
        self.clock = clock
        self.restarts = 0

    @classmethod
    def of(cls, servers, log: Callable[[str], None] = print) -> "Supervisor":
        """The action server (when it runs) and the Rasa server of a :class:`bot.serve.servers.Servers`."""
        return cls(watch_servers(servers), log)

    def check(self) -> None:
        now = self.clock()
        for name, watched in self.processes.items():
            process = watched.current()
            if process is None:
                continue
            if process.poll() is None:
                if watched.restarts_in_a_row and now - watched.started_at >= SETTLED_AFTER:
                    watched.restarts_in_a_row = 0
                continue
            if watched.stopped_at is None:
                watched.stopped_at = now
                watched.wait = delay_before(watched.restarts_in_a_row)
                self.log(f"The {name} stopped (exit code {process.returncode}); starting it again"
                         + (f" in {watched.wait:.0f} s." if watched.wait else " now."))
            if now - watched.stopped_at >= watched.wait:
                watched.spawn()
                watched.restarts_in_a_row += 1
                watched.started_at = now
                watched.stopped_at = None
                self.restarts += 1
                self.log(f"The {name} was started again (restart {watched.restarts_in_a_row} in a row).")


def watch_servers(servers, suffix: str = "") -> Dict[str, Watched]:
    """The Rasa server and the action server (when it runs) of one :class:`bot.serve.servers.Servers`.

    ``suffix`` names a replica ("Rasa server 2") when a cluster watches several.
    """
    processes = {f"Rasa server{suffix}": Watched(lambda: servers.rasa, servers.spawn_rasa)}
    if servers.with_actions:
        processes[f"action server{suffix}"] = Watched(lambda: servers.actions, servers.spawn_actions)
    return processes
