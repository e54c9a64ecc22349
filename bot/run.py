"""``make run``: start the action server and the Rasa server, say where to connect.

Ctrl-C stops both. Logs go to build/logs/.
"""
from __future__ import annotations

import os
import signal
import sys
import time

from bot import settings as settings_module
from bot.credentials import write_runtime_credentials
from bot.servers import LOG_DIR, Servers


def main() -> int:
    configured = bool(os.environ.get("RASA_AUTH_TOKEN", "").strip())
    settings = settings_module.load()
    servers = Servers(settings, credentials=write_runtime_credentials())
    print("Starting the action server and the Rasa server (this takes ~30 s)...", flush=True)
    try:
        servers.start()
    except (RuntimeError, TimeoutError) as exc:
        servers.stop()
        print(f"Could not start: {exc}. See the logs in {LOG_DIR}.", file=sys.stderr)
        return 1
    print(
        "\nAlliance is running.\n"
        f"  web chat:       {servers.rasa_url}/webhooks/widget/chat/\n"
        f"  REST channel:   POST {servers.rasa_url}/webhooks/rest/webhook\n"
        f"  socket.io:      {servers.rasa_url}/socket.io\n"
        f"  HTTP API:       {servers.rasa_url}/status?token="
        f"{'<RASA_AUTH_TOKEN from .env>' if configured else settings.auth_token + '  (one-off; set RASA_AUTH_TOKEN in .env)'}\n"
        f"  action server:  {servers.actions_url}/health\n"
        f"  logs:           {LOG_DIR}\n"
        "Press Ctrl-C to stop.",
        flush=True,
    )
    stop = {"now": False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
    signal.signal(signal.SIGHUP, lambda *_: stop.update(now=True))
    try:
        while not stop["now"]:
            for name, process in (("actions", servers.actions), ("rasa", servers.rasa)):
                if process is not None and process.poll() is not None:
                    print(f"The {name} server stopped (code {process.returncode}); see {LOG_DIR}.")
                    stop["now"] = True
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    print("\nStopping...", flush=True)
    servers.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
