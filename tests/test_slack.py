"""The Slack channel end to end: signed Events API payloads in, Web API calls out.

Real action server and Rasa server, with a local fake of Slack's Web API
(tests/fakes/slack_api.py) so that what the bot posts can be checked: the
channel, the escaped text, the Block Kit buttons. Payloads are shaped and
signed the way Slack sends them (v0 HMAC-SHA256 over ``v0:{ts}:{body}``).
"""
from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any, Dict, List, Optional, Tuple

import pytest
from rasa.shared.exceptions import InvalidConfigException
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.channels.slack import AllianceSlackInput, _blocks, escape, unescape
from bot.serve.servers import Servers
from tests.conftest import running_servers
from tests.fakes.slack_api import FakeSlackAPI

pytestmark = pytest.mark.server

TOKEN = "slack-test-" + uuid.uuid4().hex[:8]
SLACK_TOKEN = "xoxb-test-" + uuid.uuid4().hex
SIGNING_SECRET = "signing-" + uuid.uuid4().hex
BOT_USER = "UBOT"
QUIET = 1.5  # seconds without a new post before a turn's replies are taken as complete


@pytest.fixture(scope="module")
def api():
    with FakeSlackAPI(SLACK_TOKEN) as fake:
        yield fake


@pytest.fixture(scope="module")
def servers(api, tmp_path_factory):
    env = {"SLACK_TOKEN": SLACK_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": api.url}
    with running_servers(tmp_path_factory, "slack", 19005, 19055, TOKEN, extra_env=env) as running:
        yield running


def signed_headers(body: bytes, timestamp: Optional[int] = None, secret: str = SIGNING_SECRET) -> Dict[str, str]:
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": f"v0={digest}"}


def deliver(servers: Servers, body: bytes, content_type: str = "application/json",
            headers: Optional[Dict[str, str]] = None) -> Tuple[int, Dict[str, str], str]:
    """POST to the webhook as Slack does; (status, headers, body)."""
    headers = {"Content-Type": content_type, **(headers if headers is not None else signed_headers(body))}
    request = urllib.request.Request(f"{servers.rasa_url}/webhooks/slack/webhook", data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, dict(answer.headers), answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def texts(calls: List[Dict[str, Any]]) -> str:
    return "\n".join(call["params"].get("text", "") for call in calls)


def buttons(call: Dict[str, Any]) -> List[Tuple[str, str]]:
    return [(e["text"]["text"], e["value"]) for block in call["params"].get("blocks", [])
            if block["type"] == "actions" for e in block["elements"]]


class SlackPerson:
    """One Slack user writing to the bot in a DM (or, for mentions, in a channel)."""

    def __init__(self, api: FakeSlackAPI, servers: Servers, channel: Optional[str] = None) -> None:
        self.api, self.servers = api, servers
        self.user = "U" + uuid.uuid4().hex[:10].upper()
        self.channel = channel or "D" + uuid.uuid4().hex[:10].upper()

    def event(self, text: str, kind: str = "message") -> Dict[str, Any]:
        ts = f"{time.time():.6f}"
        event = {"client_msg_id": str(uuid.uuid4()), "type": kind, "text": text, "user": self.user,
                 "ts": ts, "team": "T0TEST", "channel": self.channel, "event_ts": ts}
        if kind == "message":
            event["channel_type"] = "im"
        return {"token": "legacy-verification-token", "team_id": "T0TEST", "api_app_id": "A0TEST",
                "event": event, "type": "event_callback", "event_id": "Ev" + uuid.uuid4().hex[:10].upper(),
                "event_time": int(time.time()), "is_ext_shared_channel": False,
                "authorizations": [{"enterprise_id": None, "team_id": "T0TEST", "user_id": BOT_USER,
                                    "is_bot": True, "is_enterprise_install": False}]}

    def click(self, value: str) -> bytes:
        """A block_actions payload, form-encoded as Slack posts interactions."""
        payload = {"type": "block_actions", "user": {"id": self.user, "username": "person", "team_id": "T0TEST"},
                   "api_app_id": "A0TEST", "token": "legacy-verification-token", "trigger_id": "1.2.abc",
                   "team": {"id": "T0TEST", "domain": "test"}, "channel": {"id": self.channel, "name": "directmessage"},
                   "container": {"type": "message", "message_ts": "1.0", "channel_id": self.channel},
                   "message": {"type": "message", "ts": "1.0", "bot_id": "B0TEST", "text": "..."},
                   "actions": [{"type": "button", "action_id": "alliance_button_0", "block_id": "b",
                                "value": value, "action_ts": f"{time.time():.6f}",
                                "text": {"type": "plain_text", "text": value}}]}
        return urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()

    def posts(self) -> List[Dict[str, Any]]:
        return [c for c in self.api.calls("chat.postMessage") if c["params"].get("channel") == self.channel]

    def send(self, body: bytes, content_type: str = "application/json", **kwargs: Any) -> List[Dict[str, Any]]:
        """Deliver ``body`` and return the posts it caused, once they stop coming."""
        before = len(self.posts())
        status, _, answer = deliver(self.servers, body, content_type, **kwargs)
        assert status == 200, answer
        self.api.wait_for(lambda _: len(self.posts()) > before, timeout=90)
        count = -1
        while count != len(self.posts()):
            count = len(self.posts())
            time.sleep(QUIET)
        return self.posts()[before:]

    def say(self, text: str, kind: str = "message") -> List[Dict[str, Any]]:
        return self.send(json.dumps(self.event(text, kind)).encode())

    def last_text_seen_by_bot(self) -> str:
        url = f"{self.servers.rasa_url}/conversations/slack:T0TEST:{self.user}/tracker?token={TOKEN}"
        with urllib.request.urlopen(url, timeout=60) as answer:
            events = json.loads(answer.read())["events"]
        return [e for e in events if e["event"] == "user"][-1]["text"]


def test_escaping_helpers_and_blocks():
    assert escape("a & <@U1> > b") == "a &amp; &lt;@U1&gt; &gt; b"
    assert unescape(escape("x &lt; <y> & z")) == "x &lt; <y> & z"
    blocks = _blocks("pick <one>", [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}])
    assert blocks[0]["text"] == {"type": "mrkdwn", "text": "pick &lt;one&gt;", "verbatim": True}
    assert [e["value"] for e in blocks[1]["elements"]] == ["/affirm", "/deny"]


def test_channel_builds_from_credentials_env_or_constructor(monkeypatch):
    monkeypatch.setenv("SLACK_TOKEN", "xoxb-env")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "from-env")
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9/api")
    channel = AllianceSlackInput.from_credentials({"slack_token": "xoxb-file"})
    assert (channel.slack_token, channel.slack_signing_secret) == ("xoxb-file", "from-env")
    assert channel.get_output_channel("D1").client.base_url == "http://127.0.0.1:9/api/"
    plain = AllianceSlackInput("xoxb-1", slack_signing_secret="s")
    assert (plain.retry_reason_header, plain.retry_num_header) == ("x-slack-retry-reason", "x-slack-retry-num")
    monkeypatch.delenv("SLACK_SIGNING_SECRET")
    with pytest.raises(InvalidConfigException):
        AllianceSlackInput.from_credentials({"slack_token": "xoxb-file"})


def test_fake_api_speaks_slack_to_slack_sdk(api):
    assert WebClient(SLACK_TOKEN, base_url=api.url).auth_test()["user_id"] == BOT_USER
    with pytest.raises(SlackApiError, match="invalid_auth"):
        WebClient("xoxb-wrong", base_url=api.url).auth_test()


def test_url_verification_challenge_is_answered(servers):
    body = json.dumps({"token": "legacy", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                       "type": "url_verification"}).encode()
    status, _, answer = deliver(servers, body)
    assert status == 200
    assert json.loads(answer) == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}


def test_direct_message_gets_the_greeting_with_block_kit_buttons(api, servers):
    person = SlackPerson(api, servers)
    posts = person.say("hi")
    assert "automated assistant" in texts(posts) and "not a therapist" in texts(posts)
    assert all(call["auth"] == f"Bearer {SLACK_TOKEN}" and call["ok"] for call in posts)
    assert all("as_user" not in call["params"] for call in posts)
    with_buttons = [call for call in posts if buttons(call)]
    assert with_buttons, posts
    assert ("I don't feel understood", "/rupture_misunderstood") in buttons(with_buttons[0])
    section = with_buttons[0]["params"]["blocks"][0]
    assert section["type"] == "section" and "automated assistant" in section["text"]["text"]


def test_app_mention_in_a_channel_is_answered_there(api, servers):
    person = SlackPerson(api, servers, channel="C" + uuid.uuid4().hex[:10].upper())
    posts = person.say(f"<@{BOT_USER}> hi", kind="app_mention")
    assert "automated assistant" in texts(posts)
    assert person.last_text_seen_by_bot() == "hi"


def test_crisis_gets_the_numbers_and_a_button_click_is_understood(api, servers):
    person = SlackPerson(api, servers)
    posts = person.say("honestly i don't see the point of living anymore")
    assert "988" in texts(posts) and "Are you safe right now?" in texts(posts)
    assert ("Yes, I'm safe right now", "/state_safe") in [b for call in posts for b in buttons(call)]
    posts = person.send(person.click("/state_safe"), content_type="application/x-www-form-urlencoded")
    assert "glad you're safe" in texts(posts)


def test_markup_reaches_the_bot_as_typed_and_is_escaped_when_echoed(api, servers):
    person = SlackPerson(api, servers)
    person.say("my therapist keeps missing the point of what i say, she just doesn't get me")
    for answer in ("2", "no", "yes", "yes", "she said I was overreacting", "brushed off"):
        person.say(answer)
    # What Slack sends when someone types: <img src=x onerror=alert(1)> & <@U123> (the mention picked from the
    # list). (Not "<script>": the word reads as "show my scripts", a request the form rightly stops for.)
    posts = person.say("ask me more before deciding &lt;img src=x onerror=alert(1)&gt; &amp; <@U123>")
    assert person.last_text_seen_by_bot() == "ask me more before deciding <img src=x onerror=alert(1)> & <@U123>"
    assert "When you said I was overreacting" in texts(posts)
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;@U123&gt;" in texts(posts)
    everything = json.dumps([call["params"] for call in person.posts()])
    assert "<img" not in everything and "<@U123>" not in everything


def test_a_retry_is_answered_once_and_a_lost_first_try_is_still_answered(api, servers):
    person = SlackPerson(api, servers)
    body = json.dumps(person.event("hi")).encode()
    first = person.send(body)
    assert "automated assistant" in texts(first)
    retry = {**signed_headers(body), "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    status, headers, _ = deliver(servers, body, headers=retry)
    assert status == 200 and headers.get("X-Slack-No-Retry") == "1"
    time.sleep(4)
    assert len(person.posts()) == len(first)
    lost = json.dumps(person.event("hello")).encode()  # first try never arrived: the retry must be answered
    retry = {**signed_headers(lost), "X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_error"}
    assert person.send(lost, headers=retry)


def test_bad_stale_or_missing_signatures_are_refused(api, servers):
    person = SlackPerson(api, servers)
    body = json.dumps(person.event("hi")).encode()
    tampered = json.dumps(person.event("hi there")).encode()
    for content, headers in [
        (body, signed_headers(body, secret="not-the-secret")),
        (body, signed_headers(body, timestamp=int(time.time()) - 6 * 60)),
        (tampered, signed_headers(body)),
        (body, {}),
    ]:
        status, _, _ = deliver(servers, content, headers=headers)
        assert status == 401
    time.sleep(4)
    assert person.posts() == []


def test_json_with_charset_is_accepted(api, servers):
    person = SlackPerson(api, servers)
    posts = person.send(json.dumps(person.event("hi")).encode(), content_type="application/json; charset=utf-8")
    assert "automated assistant" in texts(posts)


def test_the_risk_question_and_its_buttons(api, servers):
    from tests.test_end_to_end import HINT

    person = SlackPerson(api, servers)
    posts = person.say(HINT)
    assert "are you thinking about suicide" in texts(posts)
    offered = [b for call in posts for b in buttons(call)]
    assert [title for title, _ in offered] == ["Yes", "No, I'm safe", "Not sure"]
    posts = person.send(person.click("/affirm"), content_type="application/x-www-form-urlencoded")
    assert "988" in texts(posts) and "Are you safe right now?" in texts(posts)
