"""``make shell``: chat with Alliance in the terminal.

Starts the action server, then Rasa's own interactive shell against the same
model and endpoints (so the crisis NLG and the actions behave as on any
channel). Ctrl-C or /stop ends both.
"""
from __future__ import annotations

import subprocess
import sys

from bot.servers import _bin, exit_on_hangup, for_this_machine, start_or_explain


def main() -> int:
    exit_on_hangup()
    servers = for_this_machine()
    print("Starting the action server...", flush=True)
    if not start_or_explain(servers, servers.start_actions, "the action server"):
        return 1
    try:
        return subprocess.call(
            [_bin("rasa"), "shell", "--model", "models", "--endpoints", "endpoints.yml",
             "--credentials", str(servers.credentials), "--port", str(servers.settings.rasa_port)],
            env=servers._env(),
        )
    except (KeyboardInterrupt, SystemExit):
        return 0
    finally:
        servers.stop()


if __name__ == "__main__":
    sys.exit(main())
