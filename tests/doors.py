"""One Alliance with every channel on, and a client for each, speaking its real wire format.

Used by the impersonation and injection tests (tests/test_identity.py) and
the fuzz suite (tests/test_fuzz.py). Telegram's and Slack's clouds are the
local fakes in tests/fakes; the widget is reached over real socket.io
(python-socketio's client, long-polling), REST and the shell over HTTP.
"""
from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import random
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any, Dict, List, Optional, Tuple

from bot.serve.servers import Servers

API_TOKEN = "doors-api-" + uuid.uuid4().hex[:8]
REST_TOKEN = "doors-rest-" + uuid.uuid4().hex
SHELL_TOKEN = "doors-shell-" + uuid.uuid4().hex
TELEGRAM_TOKEN = "123456789:AAF" + uuid.uuid4().hex
TELEGRAM_NAME = "AllianceDoorsBot"
TELEGRAM_SECRET = "doors_" + uuid.uuid4().hex
SLACK_TOKEN = "xoxb-doors-" + uuid.uuid4().hex
SLACK_SECRET = "signing-" + uuid.uuid4().hex
SLACK_TEAM = "T0DOORS"
SLACK_BOT_USER = "UBOTDOORS"
RASA_PORT, ACTION_PORT = 21005, 21055

_ids = itertools.count(random.randint(10**6, 10**7))


def environment(telegram_api_url: str, slack_api_url: str, rasa_port: int) -> Dict[str, str]:
    """Every channel's secret, so that all five are on."""
    return {
        "REST_CHANNEL_TOKEN": REST_TOKEN, "ALLIANCE_SHELL_TOKEN": SHELL_TOKEN,
        "TELEGRAM_TOKEN": TELEGRAM_TOKEN, "TELEGRAM_BOT_NAME": TELEGRAM_NAME,
        "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{rasa_port}/webhooks/telegram/webhook",
        "TELEGRAM_API_URL": telegram_api_url, "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET,
        "SLACK_TOKEN": SLACK_TOKEN, "SLACK_SIGNING_SECRET": SLACK_SECRET, "SLACK_API_URL": slack_api_url,
        "WIDGET_ALLOWED_ORIGINS": f"http://127.0.0.1:{rasa_port}",
        # the lowest limit the contract allows (5 a second), so that a flood is one whatever the machine's speed
        "ALLIANCE_RATE_PER_SECOND": "5", "ALLIANCE_RATE_BURST": "10",
    }


def http(url: str, body: Optional[bytes] = None, headers: Optional[Dict[str, str]] = None,
         method: Optional[str] = None, timeout: float = 120) -> Tuple[int, bytes]:
    """(status, body) of one request; an HTTP error is a status, not an exception."""
    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def tracker(servers: Servers, conversation: str) -> Dict[str, Any]:
    """The tracker through Rasa's HTTP API (the operator's way in)."""
    quoted = urllib.parse.quote(conversation, safe=":@+")  # Sanic does not decode %3A in a path
    status, body = http(f"{servers.rasa_url}/conversations/{quoted}/tracker?token={API_TOKEN}")
    assert status == 200, body[:300]
    return json.loads(body)


def user_texts(servers: Servers, conversation: str) -> List[str]:
    return [e.get("text") for e in tracker(servers, conversation)["events"] if e["event"] == "user"]


def wait_for_turns(servers: Servers, conversation: str, count: int, timeout: float = 90) -> List[str]:
    """Poll until the conversation holds ``count`` user turns and the bot has answered the last."""
    deadline = time.monotonic() + timeout
    while True:
        events = tracker(servers, conversation)["events"]
        users = [i for i, e in enumerate(events) if e["event"] == "user"]
        answered = users and any(e["event"] == "action" and e.get("name") == "action_listen"
                                 for e in events[users[-1]:])
        if len(users) >= count and answered:
            return [events[i].get("text") for i in users]
        if time.monotonic() > deadline:
            raise AssertionError(f"{conversation}: {len(users)} turns after {timeout}s, wanted {count}")
        time.sleep(0.3)


# -- REST and the shell -----------------------------------------------------------
class RestPerson:
    """Someone on the REST channel (or the shell's, which follows the same rules)."""

    #: a person sends at most four messages a second: the servers here allow five a second with a burst of
    #: ten, and a long run of quick button taps on a fast machine would otherwise be told to slow down
    PACE_SECONDS = 0.25

    def __init__(self, servers: Servers, sender: str, channel: str = "rest", token: str = REST_TOKEN) -> None:
        self.servers, self.sender, self.channel, self.token = servers, sender, channel, token
        self.conversation = f"{channel}:{sender}"
        self._last_said = 0.0

    def post(self, body: Any, token: Optional[str] = "default") -> Tuple[int, Any]:
        token = self.token if token == "default" else token
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        status, answer = http(f"{self.servers.rasa_url}/webhooks/{self.channel}/webhook", raw, headers)
        try:
            return status, json.loads(answer)
        except ValueError:
            return status, answer

    def say(self, text: str) -> str:
        time.sleep(max(0.0, self._last_said + self.PACE_SECONDS - time.monotonic()))
        self._last_said = time.monotonic()
        status, answer = self.post({"sender": self.sender, "message": text})
        assert status == 200, answer
        return "\n".join(reply.get("text") or "" for reply in answer)


# -- Telegram ------------------------------------------------------------------------
class TelegramPerson:
    """A private chat; ``say`` waits for the webhook, which answers once the turn is done."""

    def __init__(self, servers: Servers, api: Any, chat_id: Optional[int] = None) -> None:
        self.servers, self.api = servers, api
        self.chat_id = chat_id if chat_id is not None else next(_ids)
        self.conversation = f"telegram:{self.chat_id}"

    def update(self, **content: Any) -> Dict[str, Any]:
        person = {"id": abs(self.chat_id), "is_bot": False, "first_name": "Sam", "language_code": "en"}
        message = {"message_id": next(_ids), "date": int(time.time()), "from": person,
                   "chat": {"id": self.chat_id, "type": "private"}, **content}
        return {"update_id": next(_ids), "message": message}

    def post(self, body: Any, secret: Optional[str] = TELEGRAM_SECRET) -> int:
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        return http(f"{self.servers.rasa_url}/webhooks/telegram/webhook", raw, headers)[0]

    def sent(self) -> List[str]:
        return [c["params"].get("text", "") for c in self.api.calls("sendMessage", self.chat_id)]

    def say(self, text: str) -> str:
        before = len(self.sent())
        assert self.post(self.update(text=text)) == 200
        return "\n".join(self.sent()[before:])

    def press(self, data: str) -> str:
        before = len(self.sent())
        query = {"id": str(next(_ids)), "from": {"id": abs(self.chat_id), "is_bot": False, "first_name": "Sam"},
                 "chat_instance": "1", "data": data,
                 "message": {"message_id": next(_ids), "date": int(time.time()),
                             "chat": {"id": self.chat_id, "type": "private"}, "text": "..."}}
        assert self.post({"update_id": next(_ids), "callback_query": query}) == 200
        return "\n".join(self.sent()[before:])


# -- Slack ---------------------------------------------------------------------------
def slack_headers(body: bytes, timestamp: Optional[int] = None, secret: str = SLACK_SECRET) -> Dict[str, str]:
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": f"v0={digest}"}


class SlackPerson:
    """A Slack user in a DM with the bot; Slack's events are answered in the background."""

    def __init__(self, servers: Servers, api: Any, user: Optional[str] = None, team: str = SLACK_TEAM) -> None:
        self.servers, self.api = servers, api
        self.user = user or "U" + uuid.uuid4().hex[:10].upper()
        self.team = team
        self.channel = "D" + uuid.uuid4().hex[:10].upper()
        self.conversation = f"slack:{team}:{self.user}"

    def event(self, text: str) -> Dict[str, Any]:
        ts = f"{time.time():.6f}"
        return {"token": "legacy", "team_id": self.team, "api_app_id": "A0DOORS", "type": "event_callback",
                "event_id": "Ev" + uuid.uuid4().hex[:12].upper(), "event_time": int(time.time()),
                "authorizations": [{"team_id": self.team, "user_id": SLACK_BOT_USER, "is_bot": True}],
                "event": {"type": "message", "channel_type": "im", "text": text, "user": self.user, "ts": ts,
                          "team": self.team, "channel": self.channel, "event_ts": ts}}

    def post(self, body: bytes, content_type: str = "application/json",
             headers: Optional[Dict[str, str]] = None) -> int:
        all_headers = {"Content-Type": content_type, **(slack_headers(body) if headers is None else headers)}
        return http(f"{self.servers.rasa_url}/webhooks/slack/webhook", body, all_headers)[0]

    def posts(self) -> List[str]:
        return [c["params"].get("text", "") for c in self.api.calls("chat.postMessage")
                if c["params"].get("channel") == self.channel]

    def say(self, text: str, quiet: float = 1.5, timeout: float = 90) -> str:
        """Post the event; the bot's posts, once they have stopped coming for ``quiet`` seconds."""
        before = len(self.posts())
        assert self.post(json.dumps(self.event(text)).encode()) == 200
        deadline = time.monotonic() + timeout
        while len(self.posts()) == before:
            assert time.monotonic() < deadline, f"no Slack reply to {text!r} within {timeout}s"
            time.sleep(0.2)
        count = -1
        while count != len(self.posts()):
            count = len(self.posts())
            time.sleep(quiet)
        return "\n".join(self.posts()[before:])


# -- the widget (socket.io) -----------------------------------------------------------
class WebPerson:
    """A browser tab: asks the server for a session, then talks over socket.io."""

    def __init__(self, servers: Servers, session_id: Any = None) -> None:
        import socketio

        self.servers = servers
        self.replies: List[Dict[str, Any]] = []
        self.stored: List[Dict[str, Any]] = []
        self.token: Optional[str] = None
        self._confirmed = threading.Event()
        self.client = socketio.Client(reconnection=False)
        self.client.on("bot_uttered", self.replies.append)
        self.client.on("stored_data", self.stored.append)
        self.client.on("session_confirm", self._confirm)
        self.client.connect(servers.rasa_url, transports=["polling"], socketio_path="socket.io",
                            headers={"Origin": servers.rasa_url}, wait_timeout=30)
        self.client.emit("session_request", {"session_id": session_id})
        assert self._confirmed.wait(30), "no session_confirm"

    def _confirm(self, token: Any) -> None:
        self.token = token
        self._confirmed.set()

    @property
    def conversation(self) -> str:
        return "web:" + str(self.token).split(".", 1)[0]

    def say(self, text: str, timeout: float = 120) -> str:
        before = len(self.replies)
        self.client.call("user_uttered", {"message": text, "session_id": self.token,
                                          "metadata": {"locale": "en-GB"}}, timeout=timeout)
        return "\n".join(r.get("text") or "" for r in self.replies[before:])

    def stored_data(self) -> Dict[str, Any]:
        before = len(self.stored)
        self.client.emit("stored_data_request")
        deadline = time.monotonic() + 30
        while len(self.stored) == before and time.monotonic() < deadline:
            time.sleep(0.1)
        return self.stored[-1]

    def close(self) -> None:
        self.client.disconnect()


#: every way in, for tests that check one thing on each
CHANNELS = ("rest", "shell", "telegram", "slack", "web")


def person_on(doors, channel: str, prefix: str):
    """A new person on ``channel`` of the ``doors`` fixture's Alliance (a web person must be closed)."""
    servers, telegram, slack = doors
    make = {"rest": lambda: RestPerson(servers, f"{prefix}-{uuid.uuid4().hex[:10]}"),
            "shell": lambda: RestPerson(servers, f"{prefix}-{uuid.uuid4().hex[:8]}", "shell", SHELL_TOKEN),
            "telegram": lambda: TelegramPerson(servers, telegram),
            "slack": lambda: SlackPerson(servers, slack),
            "web": lambda: WebPerson(servers)}
    return make[channel]()
