"""``make shell``: chat with Alliance in the terminal.

Starts the action server and the Rasa server, then talks to them over the
``shell`` channel (bot.channels.rest.AllianceShellInput): the REST rules with
a token made for this one run, so nobody else on the machine can post as you,
and a conversation filed as ``shell:<your login>``. Buttons are numbered;
type the number (or the words). Ctrl-C, Ctrl-D or /stop ends it.
"""
from __future__ import annotations

import getpass
import json
import re
import secrets
import sys
import urllib.error
import urllib.request
from typing import Any, Dict, List, Optional

from bot.serve.servers import exit_on_hangup, for_this_machine, start_or_explain

TOKEN_ENV = "ALLIANCE_SHELL_TOKEN"


def shell_name() -> str:
    """The login name, reduced to what a conversation id may hold."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "local"
    return re.sub(r"[^A-Za-z0-9._@+-]", "-", name)[:64].strip("-.") or "local"


def show(replies: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Print the replies; return the buttons of the last one that had any."""
    buttons: List[Dict[str, Any]] = []
    for reply in replies:
        if reply.get("text"):
            print(f"\nAlliance: {reply['text']}")
        if reply.get("buttons"):
            buttons = reply["buttons"]
            for number, button in enumerate(buttons, 1):
                print(f"  [{number}] {button.get('title')}")
    return buttons


def chosen(typed: str, buttons: List[Dict[str, Any]]) -> str:
    """A button's payload for its number, else the words as typed."""
    if typed.isdigit() and 1 <= int(typed) <= len(buttons):
        return str(buttons[int(typed) - 1].get("payload") or buttons[int(typed) - 1].get("title"))
    return typed


def post(url: str, token: str, sender: str, text: str) -> List[Dict[str, Any]]:
    request = urllib.request.Request(url, data=json.dumps({"sender": sender, "message": text}).encode(),
                                     headers={"Content-Type": "application/json",
                                              "Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:  # a 4xx carries a calm sentence
        return [{"text": json.loads(error.read() or b"{}").get("message", f"(error {error.code})")}]


def main(argv: Optional[List[str]] = None) -> int:
    exit_on_hangup()
    servers = for_this_machine()
    token = secrets.token_urlsafe(24)
    servers.extra_env[TOKEN_ENV] = token
    print("Starting the assistant (this takes ~30 s)...", flush=True)
    if not start_or_explain(servers, servers.start, "the servers"):
        return 1
    url = f"{servers.rasa_url}/webhooks/shell/webhook"
    sender = shell_name()
    print(f"Connected as shell:{sender}. Type your message; /stop or Ctrl-D to leave.")
    buttons: List[Dict[str, Any]] = []
    try:
        while True:
            try:
                typed = input("\nYou: ").strip()
            except EOFError:
                break
            if typed == "/stop":
                break
            if typed:
                buttons = show(post(url, token, sender, chosen(typed, buttons))) or []
    except KeyboardInterrupt:
        pass
    finally:
        servers.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
