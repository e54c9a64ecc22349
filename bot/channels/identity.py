"""Conversation ids are made by the server, from the channel and what it verified.

The id a conversation is stored under decides whose messages, slots, saved
scripts and export a request reaches. So no client picks it: each channel
builds it from the identity it has checked (Telegram's signed webhook, Slack's
signature, a token the server issued to one browser, the REST channel's bearer
token), and prefixes it with the channel's name. ``telegram:42`` and
``rest:42`` are different people, and a REST client cannot name a Telegram chat.

Web sessions are ``<128 random bits>.<HMAC tag>``: the server can tell a token
it issued from one a page made up, without keeping a table (replicas share
nothing but the secret). The conversation id is ``web:<random part>``.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
from typing import Optional

CHANNELS = ("rest", "web", "telegram", "slack", "shell")
SECRET_ENV = "WIDGET_SESSION_SECRET"
#: what a REST or shell client may put after ``rest:``: a name, not a path or a URL
_SENDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}")
_SLACK_ID = re.compile(r"[A-Z0-9]{1,32}")
_WEB_TOKEN = re.compile(r"([A-Za-z0-9_-]{22,64})\.([A-Za-z0-9_-]{43})")


def valid_sender(sender: object) -> bool:
    """A client-chosen name for the REST and shell channels: 1-128 of ``A-Za-z0-9._@+-``."""
    return isinstance(sender, str) and bool(_SENDER.fullmatch(sender))


def conversation_id(channel: str, *parts: object) -> str:
    """``channel:part[:part]``; refuses unknown channels and parts that could smuggle a separator."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    texts = [str(part) for part in parts]
    if not texts or any(not text or ":" in text or len(text) > 128 or not text.isprintable()
                        or any(c.isspace() for c in text) for text in texts):
        raise ValueError(f"bad identity for {channel}: {texts!r}")
    return ":".join([channel, *texts])


def telegram_id(chat_id: object) -> Optional[str]:
    """``telegram:<chat>`` for an integer chat id (Telegram's own), else None."""
    if isinstance(chat_id, bool) or not isinstance(chat_id, int):
        return None
    return conversation_id("telegram", chat_id)


def slack_id(team: object, user: object) -> Optional[str]:
    """``slack:<team>:<user>`` for Slack's upper-case ids, else None."""
    if not all(isinstance(part, str) and _SLACK_ID.fullmatch(part) for part in (team, user)):
        return None
    return conversation_id("slack", team, user)


def chat_of(conversation: str, channel: str) -> str:
    """The channel's own address back from a conversation id (``telegram:42`` -> ``42``)."""
    prefix = channel + ":"
    return conversation[len(prefix):] if conversation.startswith(prefix) else conversation


class WebSessions:
    """Issues and checks the browser's session tokens (HMAC-SHA256 over 128 random bits)."""

    def __init__(self, secret: Optional[str] = None) -> None:
        self.secret = (secret or _default_secret()).encode("utf-8")

    def _tag(self, random_part: str) -> str:
        digest = hmac.new(self.secret, b"alliance-web-session:" + random_part.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def issue(self) -> str:
        random_part = secrets.token_urlsafe(16)  # 128 bits
        return f"{random_part}.{self._tag(random_part)}"

    def conversation(self, token: object) -> Optional[str]:
        """``web:<random part>`` for a token this server issued, else None."""
        if not isinstance(token, str):
            return None
        match = _WEB_TOKEN.fullmatch(token)  # fullmatch: `$` would let a final newline through
        if not match or not hmac.compare_digest(match.group(2), self._tag(match.group(1))):
            return None
        return conversation_id("web", match.group(1))


def _default_secret() -> str:
    """``WIDGET_SESSION_SECRET``, else one derived from the API token, else one for this process.

    Derived, not reused: a web token never reveals the API token. With
    neither set, sessions last as long as the server process.
    """
    own = os.environ.get(SECRET_ENV, "").strip()
    if own:
        return own
    api = os.environ.get("RASA_AUTH_TOKEN", "").strip()
    if api and api != "change-me-to-a-long-random-string":
        return hmac.new(api.encode(), b"alliance-widget-session-secret", hashlib.sha256).hexdigest()
    return secrets.token_hex(32)
