"""Slack: Rasa's :class:`SlackInput`, fixed where it breaks and made safe to echo text.

What changes against rasa 3.6's channel, and why:

* ``Content-Type: application/json; charset=utf-8`` is read as JSON (rasa
  compares the header exactly and silently drops such events);
* a bad or stale signature (older than 5 minutes) gets 401, not 400;
* the ``url_verification`` challenge is answered as ``{"challenge": ...}``;
* Slack's retries of an event already taken (same ``event_id``) are acknowledged
  and not answered twice. A retry of an event we never saw *is* answered:
  for a crisis message, silence is worse than a duplicate;
* what Slack escaped in a person's text (``&amp; &lt; &gt;``) is unescaped for
  the NLU, and everything we post is escaped again, so a person's words echoed
  back cannot become mentions or links;
* buttons are posted as Block Kit; no ``as_user`` (new Slack apps reject it);
* the Web API base URL comes from ``SLACK_API_URL`` (tests, private proxies);
* the conversation is ``slack:<team>:<user>`` (bot.channels.identity): the
  workspace and the person Slack signed for, never a bare user id that
  another channel could also use. (Rasa's ``conversation_granularity`` per
  channel or thread is not offered: one person, one conversation.);
* a typed ``/intent{...}`` is text, and a button's value is used only if the
  assistant offered it in this conversation (bot.channels.typed_text);
* a person sending faster than ``RATE_PER_SECOND`` is asked, once every few
  seconds, to slow down; a signed request of the wrong shape gets 400;
* works when created through ``from_credentials`` (as rasa does) and through
  the constructor; tokens may come from credentials.yml or the environment.

Enable it in credentials.yml::

    bot.channels.slack.AllianceSlackInput:
      slack_token: ${SLACK_TOKEN}
      slack_signing_secret: ${SLACK_SIGNING_SECRET}

Events API and Interactivity request URL: ``https://<host>/webhooks/slack/webhook``.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import re
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.channels import limits, typed_text
from bot.channels.identity import chat_of, slack_id
from bot.channels.turns import our_fault, take_turn

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://slack.com/api/"
ENV_CREDENTIALS = {"slack_token": "SLACK_TOKEN", "slack_signing_secret": "SLACK_SIGNING_SECRET",
                   "slack_channel": "SLACK_CHANNEL"}
# Options for every post: no unfurling of links a person typed, no @name parsing.
POST_OPTIONS = {"link_names": False, "unfurl_links": False, "unfurl_media": False}
SECTION_CHARS = 2000  # Block Kit allows 3000 per section; escaping can grow text.
BUTTON_TITLE_CHARS = 75
SEEN_EVENTS = 10_000
# Message subtypes that are still a person writing; others (edits, joins, bots) are not.
USER_SUBTYPES = {None, "file_share", "thread_broadcast"}
_LINK = re.compile(r"<((?:https?|mailto):[^|>\s]+)(?:\|([^>]*))?>")


def escape(text: Text) -> Text:
    """Slack's three control characters as entities: markup shows as typed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: Text) -> Text:
    """Undo Slack's escaping of what a person typed."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def api_url() -> Text:
    """``SLACK_API_URL`` with the trailing slash slack_sdk's urljoin needs."""
    url = os.environ.get("SLACK_API_URL", "").strip() or DEFAULT_API_URL
    return url if url.endswith("/") else url + "/"


def _media_type(request: Request) -> Text:
    """``application/json; charset=utf-8`` -> ``application/json``."""
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _blocks(text: Text, buttons: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
    """Escaped mrkdwn sections, then the buttons, five to a row."""
    parts = [text[i:i + SECTION_CHARS] for i in range(0, len(text), SECTION_CHARS)] or [" "]
    blocks: List[Dict[Text, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": escape(part), "verbatim": True}}
        for part in parts
    ]
    elements = [
        {"type": "button", "action_id": f"alliance_button_{i}", "value": str(button["payload"])[:2000],
         "text": {"type": "plain_text", "text": str(button["title"])[:BUTTON_TITLE_CHARS], "emoji": True}}
        for i, button in enumerate(buttons) if button.get("payload") and button.get("title")
    ]
    for start in range(0, len(elements), 5):
        blocks.append({"type": "actions", "elements": elements[start:start + 5]})
    return blocks


class AllianceSlackBot(SlackBot):
    """Posts escaped text and Block Kit buttons through a configurable Web API URL."""

    def __init__(self, token: Text, slack_channel: Optional[Text] = None, thread_id: Optional[Text] = None,
                 proxy: Optional[Text] = None, base_url: Optional[Text] = None) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(token, proxy=proxy, base_url=base_url or api_url())

    def _recipient(self, recipient_id: Text) -> Text:
        """The Slack channel of this message, else the person (``slack:T1:U2`` -> ``U2``)."""
        return self.slack_channel or chat_of(recipient_id, "slack").rsplit(":", 1)[-1]

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        recipient = self._recipient(recipient_id)
        for part in text.strip().split("\n\n"):
            await self._post_message(channel=recipient, text=escape(part), **POST_OPTIONS)

    async def send_text_with_buttons(self, recipient_id: Text, text: Text,
                                     buttons: List[Dict[Text, Any]], **kwargs: Any) -> None:
        recipient = self._recipient(recipient_id)
        await self._post_message(channel=recipient, text=escape(text), blocks=_blocks(text, buttons),
                                 **POST_OPTIONS)


class AllianceSlackInput(SlackInput):
    """Rasa's Slack input channel with the fixes listed in the module docstring."""

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "AllianceSlackInput":
        credentials = dict(credentials or {})
        for key, env in ENV_CREDENTIALS.items():
            if not credentials.get(key) and os.environ.get(env):
                credentials[key] = os.environ[env]
        return super().from_credentials(credentials)  # type: ignore[return-value]

    def __init__(self, *args: Any, api_url: Optional[Text] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The plain constructor leaves these None and rasa then crashes on headers.get(None).
        self.retry_reason_header = self.retry_reason_header or "x-slack-retry-reason"
        self.retry_num_header = self.retry_num_header or "x-slack-retry-num"
        self.api_url = api_url
        self._seen = limits.SeenOnce(SEEN_EVENTS)
        self.rate = limits.ConversationRate()

    def get_output_channel(self, channel: Optional[Text] = None,
                           thread_id: Optional[Text] = None) -> OutputChannel:
        return AllianceSlackBot(self.slack_token, channel or self.slack_channel, thread_id, self.proxy,
                                self.api_url)

    @staticmethod
    def _event_metadata(body: Dict[Text, Any]) -> Dict[Text, Any]:
        event = body.get("event") or {}
        users = list(body.get("authed_users") or [])
        if not users and body.get("authorizations"):
            users.append(body["authorizations"][0].get("user_id"))
        return {"out_channel": event.get("channel"), "users": users,
                "thread_id": event.get("thread_ts", event.get("ts"))}

    @staticmethod
    def _interaction_metadata(payload: Dict[Text, Any]) -> Dict[Text, Any]:
        message = payload.get("message") or {}
        user = (payload.get("user") or {}).get("id")
        return {"out_channel": (payload.get("channel") or {}).get("id"), "users": [user] if user else [],
                "thread_id": message.get("thread_ts", message.get("ts"))}

    def get_metadata(self, request: Request) -> Dict[Text, Any]:
        media = _media_type(request)
        if media == "application/json":
            return self._event_metadata(request.json or {})
        if media == "application/x-www-form-urlencoded":
            return self._interaction_metadata(json.loads(request.form.get("payload", "{}")))
        return {}

    def _user_text(self, text: Text, bot_users: List[Text]) -> Text:
        """The words as typed: bot mention dropped, links to their label, entities undone."""
        text = self._sanitize_user_message(text, bot_users)
        return unescape(_LINK.sub(lambda m: m.group(2) or m.group(1), text)).strip()

    def _dispatch(self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]], text: Text,
                  sender_id: Optional[Text], metadata: Dict[Text, Any]) -> HTTPResponse:
        """Hand the message to Rasa in the background: Slack wants its answer within 3 s."""
        if sender_id is None:
            return response.text("no team or user to answer", status=400)
        thread_id = metadata.get("thread_id") if self.use_threads else None
        out = self.get_output_channel(metadata.get("out_channel"), thread_id)
        if not self.rate.allow(sender_id):
            if self.rate.warn(sender_id):
                self._in_background(out.send_text_message(sender_id, limits.slow_down(None)))
            return response.text("")

        async def turn() -> None:
            said = await typed_text.user_text(request.app.ctx.agent, sender_id, text[:limits.MAX_TEXT_CHARS])
            await take_turn(on_new_message, said, out, sender_id, self.name(), metadata,
                            our_fault(out, sender_id))

        self._in_background(turn())
        return response.text("")

    def _in_background(self, work: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(work)
        self._background_tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task) -> None:
        self._background_tasks.discard(task)
        if not task.cancelled() and task.exception():
            logger.error("Slack message failed", exc_info=task.exception())

    def _duplicate(self, request: Request, key: Optional[Text]) -> Optional[HTTPResponse]:
        if self._seen.first_time(key):
            return None
        logger.info("Slack retry #%s of %s ignored: already answered",
                    request.headers.get(self.retry_num_header), key)
        return response.text("", headers={"X-Slack-No-Retry": "1"})

    def _on_event(self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]],
                  body: Dict[Text, Any]) -> HTTPResponse:
        if body.get("type") == "url_verification":
            return response.json({"challenge": body.get("challenge")})
        event = body.get("event") or {}
        metadata = self._event_metadata(body)
        if not self._is_user_message(body) or event.get("subtype") not in USER_SUBTYPES:
            return response.text("not a user message")
        if not self._is_supported_channel(body, metadata):
            return response.text("channel not supported")
        if event.get("type") == "message" and not self._is_direct_message(body) and any(
                f"<@{user}>" in event["text"] for user in metadata["users"] if user):
            return response.text("answered as app_mention")  # Slack sends both for one message
        duplicate = self._duplicate(request, body.get("event_id"))
        if duplicate:
            return duplicate
        sender = slack_id(body.get("team_id") or event.get("team"), event.get("user"))
        return self._dispatch(request, on_new_message, self._user_text(event["text"], metadata["users"]),
                              sender, metadata)

    def _on_interaction(self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]],
                        payload: Dict[Text, Any]) -> HTTPResponse:
        if not self._is_interactive_message(payload):
            return response.text("interaction not supported")
        action = payload["actions"][0]
        text = self._get_interactive_response(action)
        if text is None:  # a link button: nothing to say to the bot
            return response.text("")
        user = (payload.get("user") or {}).get("id")
        duplicate = self._duplicate(request, f"{user}:{action.get('action_ts')}" if action.get("action_ts") else None)
        if duplicate:
            return duplicate
        metadata = self._interaction_metadata(payload)
        team = (payload.get("team") or {}).get("id") or (payload.get("user") or {}).get("team_id")
        return self._dispatch(request, on_new_message, str(text), slack_id(team, user), metadata)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        slack_webhook = Blueprint("slack_webhook", __name__)

        @slack_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @slack_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.is_request_from_slack_authentic(request):
                return response.text("bad or stale X-Slack-Signature", status=401)
            media = _media_type(request)
            try:
                if media == "application/json":
                    body = json.loads(request.body or b"{}")
                    if isinstance(body, dict):
                        return self._on_event(request, on_new_message, body)
                elif media == "application/x-www-form-urlencoded":
                    payload = json.loads(request.form.get("payload", "{}"))
                    if isinstance(payload, dict):
                        return self._on_interaction(request, on_new_message, payload)
            except Exception as error:  # noqa: BLE001 -- signed but of a shape we do not read: 400, not 500
                logger.warning("Malformed Slack request (%s)", type(error).__name__)
            return response.text("unsupported request", status=400)

        return slack_webhook
