"""``make run``: start the action server and the Rasa server, say where to connect.

A server that stops is started again (bot/serve/supervisor.py); Ctrl-C stops both.
Logs go to build/logs/.
"""
from __future__ import annotations

import os
import signal
import sys
import time
from typing import Dict

from bot.serve.servers import LOG_DIR, for_this_machine, start_or_explain
from bot.store.commands import purge_now
from bot.serve.supervisor import Supervisor

PURGE_EVERY = 24 * 3600


def purge_and_report() -> None:
    """Retention runs while the assistant runs; a failure is reported, not fatal."""
    try:
        removed = purge_now()
        print(f"Retention: purged {removed['conversations_events']} old conversation events "
              f"and {removed['people']} long-unseen people.", flush=True)
    except Exception as error:  # noqa: BLE001 - the assistant keeps running; the operator is told
        print(f"Retention purge failed ({error}); run `make purge` by hand.", file=sys.stderr, flush=True)


def stop_on_signals() -> Dict[str, bool]:
    """SIGTERM and SIGHUP end the run as Ctrl-C does, so the servers are stopped, not orphaned."""
    stop = {"now": False}
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda *_: stop.update(now=True))
    return stop


def until_stopped(supervisor: Supervisor, stop: Dict[str, bool]) -> None:
    """Restart what dies and purge what is past retention, until Ctrl-C or a signal.

    One loop for ``make run`` and ``make run-cluster``: they differ in what is
    supervised, not in how.
    """
    purge_and_report()
    last_purge = time.monotonic()
    try:
        while not stop["now"]:
            supervisor.check()
            if time.monotonic() - last_purge > PURGE_EVERY:
                purge_and_report()
                last_purge = time.monotonic()
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    print("\nStopping...", flush=True)


def main() -> int:
    stop = stop_on_signals()
    configured = bool(os.environ.get("RASA_AUTH_TOKEN", "").strip())
    servers = for_this_machine()
    print("Starting the action server and the Rasa server (this takes ~30 s)...", flush=True)
    if not start_or_explain(servers, servers.start, "the servers"):
        return 1
    rest = (f"POST {servers.rasa_url}/webhooks/rest/webhook with Authorization: Bearer $REST_CHANNEL_TOKEN"
            if servers.rest_token else "off (set REST_CHANNEL_TOKEN in .env to turn it on)")
    print(
        "\nAlliance is running.\n"
        f"  web chat:       {servers.rasa_url}/webhooks/widget/chat/\n"
        f"  REST channel:   {rest}\n"
        f"  socket.io:      {servers.rasa_url}/socket.io\n"
        f"  HTTP API:       {servers.rasa_url}/status?token="
        f"{'<RASA_AUTH_TOKEN from .env>' if configured else servers.settings.auth_token + '  (one-off; set RASA_AUTH_TOKEN in .env)'}\n"
        f"  action server:  {servers.actions_url}/health\n"
        f"  logs:           {LOG_DIR}\n"
        "Press Ctrl-C to stop.",
        flush=True,
    )
    supervisor = Supervisor.of(servers, log=lambda line: print(f"{line} Logs: {LOG_DIR}", flush=True))
    until_stopped(supervisor, stop)
    servers.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
