"""The REST channel, locked: a bearer token, ``rest:<sender>`` ids, and a 4xx for bad input.

Rasa's stock ``RestInput`` takes any ``sender`` and ``input_channel`` from
anyone, and answers an empty body, ``[]`` or ``null`` with a 500. This one:

* is only listed in the credentials when ``REST_CHANNEL_TOKEN`` is set
  (bot.serve.credentials), and refuses a request without
  ``Authorization: Bearer <token>`` (401);
* files the conversation under ``rest:<sender>``: the token's holder names
  its own people, and can never reach a Telegram, Slack or web conversation;
* answers a body that is not ``{"sender": str, "message": str}`` with 400,
  a body over ``MAX_BODY_BYTES`` with 413 and a conversation sending faster
  than ``RATE_PER_SECOND`` with 429, each with a calm sentence in
  ``{"error": code, "message": sentence}``;
* reads ``metadata`` only for a well-formed ``locale``;
* treats a typed ``/intent{...}`` as text (bot.channels.typed_text);
* handles a message sent again with the same ``message_id`` once, and answers
  the retry with the replies the first one got (bot.channels.once).

``make shell`` uses the same class under the name ``shell`` with a token made
for that one run, so its conversations are ``shell:<name>``.

Body as before: ``{"sender": "sam", "message": "hi", "metadata": {"locale": "en-AU"}}``, and
optionally ``"message_id": "<1-64 of A-Za-z0-9._->"`` (a retry sends the same one);
the answer is Rasa's list of ``{"recipient_id", "text", "buttons"...}``.
"""
from __future__ import annotations

import functools
import hmac
import json
import logging
import os
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import limits
from bot.channels.identity import conversation_id, valid_sender
from bot.channels.typed_text import user_text
from bot.channels.metadata import clean_metadata
from bot.channels.once import handle_once, valid_message_id
from bot.channels.turns import our_fault, take_turn

logger = logging.getLogger(__name__)

TOKEN_ENV = "REST_CHANNEL_TOKEN"


def refuse(status: int, code: str, message: str, headers: Optional[Dict[str, str]] = None) -> HTTPResponse:
    """A 4xx with a calm sentence a client can show as it is."""
    return response.json({"error": code, "message": message}, status=status, headers=headers)


class AllianceRestInput(InputChannel):
    """``POST /webhooks/rest/webhook`` behind a bearer token."""

    token_env = TOKEN_ENV

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "AllianceRestInput":
        token = str((credentials or {}).get("token") or os.environ.get(cls.token_env, "")).strip()
        return cls(token)

    def __init__(self, token: Optional[str] = None) -> None:
        self.token = (token or "").strip()
        self.rate = limits.ConversationRate()

    def _authorised(self, request: Request) -> bool:
        if not self.token:
            return False  # no token configured: the channel is closed, not open
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            given.strip().encode("utf-8", "replace"), self.token.encode("utf-8"))

    def _read(self, request: Request) -> Any:
        """The message as ``(sender, text, metadata, message_id)``, or the refusal to send back."""
        if len(request.body or b"") > limits.MAX_BODY_BYTES:
            return refuse(413, "too_large", limits.TOO_BIG)
        try:
            body = json.loads(request.body or b"")
        except (ValueError, UnicodeDecodeError):
            return refuse(400, "not_json", limits.NOT_READABLE)
        if not isinstance(body, dict):
            return refuse(400, "not_an_object", limits.NOT_READABLE)
        sender, text = body.get("sender"), body.get("message")
        if not valid_sender(sender):
            return refuse(400, "bad_sender", "The sender must be 1-128 characters of letters, digits and . _ @ + -.")
        if not isinstance(text, str):
            return refuse(400, "bad_message", limits.NOT_READABLE)
        message_id = body.get("message_id")
        if message_id is not None and not valid_message_id(message_id):
            return refuse(400, "bad_message_id", "A message_id must be 1-64 characters of letters, digits and . _ -.")
        return (conversation_id(self.name(), sender), text[:limits.MAX_TEXT_CHARS],
                clean_metadata(body.get("metadata")), message_id)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        channel = Blueprint(f"alliance_{self.name()}", __name__)

        @channel.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @channel.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self._authorised(request):
                return refuse(401, "unauthorised", "This channel needs its bearer token.",
                              headers={"WWW-Authenticate": "Bearer"})
            read = self._read(request)
            if isinstance(read, HTTPResponse):
                return read
            conversation, text, metadata, message_id = read
            if not self.rate.allow(conversation):
                return refuse(429, "slow_down", limits.slow_down(metadata.get("locale")), headers={"Retry-After": "1"})
            text = await user_text(request.app.ctx.agent, conversation, text)
            collector = CollectingOutputChannel()
            handle = functools.partial(handle_once, request.app.ctx.agent) if message_id else on_new_message
            await take_turn(handle, text, collector, conversation, self.name(), metadata,
                            our_fault(collector, conversation), message_id=message_id)
            return response.json(collector.messages)

        return channel


class AllianceShellInput(AllianceRestInput):
    """``make shell``'s channel: the REST rules under ``shell:<name>``, with a token made per run."""

    token_env = "ALLIANCE_SHELL_TOKEN"

    @classmethod
    def name(cls) -> Text:
        return "shell"
