"""``make shell``: chat with Alliance in the terminal.

Starts the action server, then Rasa's own interactive shell against the same
model and endpoints (so the crisis NLG and the actions behave as on any
channel). Ctrl-C or /stop ends both.
"""
from __future__ import annotations

import subprocess
import sys

from bot import settings as settings_module
from bot.credentials import write_runtime_credentials
from bot.servers import LOG_DIR, Servers, _bin, exit_on_hangup


def main() -> int:
    settings = settings_module.load()
    exit_on_hangup()
    servers = Servers(settings, credentials=write_runtime_credentials())
    print("Starting the action server...", flush=True)
    try:
        servers.start_actions()
    except (RuntimeError, TimeoutError) as exc:
        servers.stop()
        print(f"Could not start the action server: {exc}. See {LOG_DIR}.", file=sys.stderr)
        return 1
    try:
        return subprocess.call(
            [_bin("rasa"), "shell", "--model", "models", "--endpoints", "endpoints.yml",
             "--credentials", str(servers.credentials), "--port", str(settings.rasa_port)],
            env=servers._env(),
        )
    except (KeyboardInterrupt, SystemExit):
        return 0
    finally:
        servers.stop()


if __name__ == "__main__":
    sys.exit(main())
