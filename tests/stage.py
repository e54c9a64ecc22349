"""Run one stage of ``make test`` (lint, train, validate, test stories) and say how it went in one line.

Why: Rasa and its dependencies print hundreds of lines (deprecation notices,
progress bars, a warning for every response that only custom actions send)
that hide the one line that matters. The stage's whole output goes to
``build/logs/<stage>.log``; the terminal gets a line per stage, and on failure
the end of the log. Each run also adds a line to ``build/logs/stages.tsv``
(start time in ISO 8601, stage, seconds, exit code), so that ``make bench``
can show how long each stage took last time.

    python -m tests.stage NAME -- COMMAND...
"""
from __future__ import annotations

import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

LOGS = Path("build/logs")
#: one line per stage run, appended: ISO time, stage, seconds, exit code (tab-separated)
TIMINGS = "stages.tsv"
#: lines of the log shown when a stage fails
TAIL = 40


def record(name: str, started: datetime, seconds: float, code: int) -> None:
    """Append the run to ``stages.tsv``: a history, so that ``make bench`` can show each stage's last time."""
    with (LOGS / TIMINGS).open("a", encoding="utf-8") as out:
        out.write(f"{started.isoformat(timespec='seconds')}\t{name}\t{seconds:.1f}\t{code}\n")


def run(name: str, command: list) -> int:
    LOGS.mkdir(parents=True, exist_ok=True)
    log = LOGS / f"{name}.log"
    when = datetime.now().astimezone()
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        code = subprocess.call(command, stdout=out, stderr=subprocess.STDOUT)
    seconds = time.monotonic() - started
    record(name, when, seconds, code)
    text = log.read_text(encoding="utf-8", errors="replace").splitlines()
    warnings = sum("Warning" in line for line in text)
    if code == 0:
        print(f"{name}: ok in {seconds:.0f} s ({warnings} warnings; full output in {log})", flush=True)
    else:
        print("\n".join(text[-TAIL:]))
        print(f"{name}: FAILED (exit {code}) after {seconds:.0f} s; full output in {log}", flush=True)
    return code


def main(argv: list) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    return run(argv[0], argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
