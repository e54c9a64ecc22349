"""The Telegram channel: Rasa's stock one, made to work with aiogram 2.15 and safe to expose.

Why not ``rasa.core.channels.telegram.TelegramInput`` as shipped:

* it sets the webhook with ``asyncio.run`` on a throw-away event loop, and
  the aiohttp session made there is reused by the server, so every update
  is answered ``500 Event loop is closed``. Here the bot and its session are
  made lazily inside the server's loop, and the webhook is set when the
  server has started;
* anyone who knows the URL could post updates in a person's name. When
  ``TELEGRAM_WEBHOOK_SECRET`` is set it is registered with Telegram and every
  update must carry it in ``X-Telegram-Bot-Api-Secret-Token`` (else 403);
* an error while answering became a 500, and Telegram redelivers those for
  hours. Here it is logged (type and traceback lines, never the message
  text) and answered 200;
* it asked ``getMe`` on every update; here once;
* the conversation was the raw chat id, so ``42`` on Telegram and ``42`` on
  REST were one person. Here it is ``telegram:<chat>`` (bot.channels.identity);
* an update already taken (same ``update_id``) is acknowledged and dropped:
  a replayed webhook call is not a second turn;
* an update of the wrong shape (a chat id that is not a number, a ``from``
  that is not an object...) is answered 200 and dropped before it reaches the
  assistant, and a chat sending faster than ``RATE_PER_SECOND`` is asked,
  once every few seconds, to slow down.

What a person may send:

* text, and the caption of a photo or file, goes to the assistant;
* ``/start`` and ``/restart`` are a greeting (``/greet``). Neither resets the
  conversation: a crisis must not be forgotten by a command (erasing one's
  data, "delete my data", is the way to start from nothing);
* a button press (inline keyboard, ``callback_query``) sends the button's
  payload, e.g. ``/state_safe``, if the assistant offered it in this chat
  (a modified client can send any callback data). Typing, or pressing on a
  reply keyboard, the exact title of a button we just offered sends its
  payload too; any other ``/...`` is read as text (bot.channels.typed_text);
* an *edited* message is read as a new message: ignoring it could miss
  words added about safety, which matters more than an extra reply;
* a sticker, voice note, photo without caption, location... gets a calm
  "I can only read text" and never reaches the assistant, so the
  conversation is exactly where it was;
* group chats get a note to talk privately (a group would share one
  conversation), and nothing else.

credentials.yml (values from the environment)::

    bot.channels.telegram.AllianceTelegramInput:
      access_token: ${TELEGRAM_TOKEN}
      verify: ${TELEGRAM_BOT_NAME}
      webhook_url: ${TELEGRAM_WEBHOOK_URL}

Optional environment: ``TELEGRAM_WEBHOOK_SECRET`` (1-256 of ``A-Za-z0-9_-``)
and ``TELEGRAM_API_URL`` (default https://api.telegram.org, e.g. a local
Bot API server or the test fake).
"""
from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
import re
import traceback
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from aiogram import Bot
from aiogram.bot.api import TelegramAPIServer
from aiogram.utils.exceptions import BadRequest, TelegramAPIError
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import limits, typed_text
from bot.channels.identity import chat_of, telegram_id
from bot.channels.metadata import clean_metadata
from bot.channels.turns import take_turn
from bot.common import wording

logger = logging.getLogger(__name__)

API_URL_ENV = "TELEGRAM_API_URL"
SECRET_ENV = "TELEGRAM_WEBHOOK_SECRET"
DEFAULT_API_URL = "https://api.telegram.org"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
MAX_TEXT = 4096  # Telegram refuses longer messages
MAX_CHATS_REMEMBERED = 10_000
UPDATES_REMEMBERED = 10_000
GREET = "/greet"

_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_COMMAND = re.compile(r"^/(\w+)(?:@\w+)?(?:\s+.*)?$", re.DOTALL)


def _chunks(text: str) -> List[str]:
    """Paragraphs as separate messages (as Rasa does), none over Telegram's limit."""
    parts = [p for p in text.strip().split("\n\n") if p.strip()]
    return [p[i:i + MAX_TEXT] for p in parts for i in range(0, len(p), MAX_TEXT)]


def _title_key(text: str) -> str:
    return " ".join(text.split()).casefold()


class AllianceTelegramOutput(TelegramOutput):
    """Sends through a configurable Bot API server and remembers the buttons offered."""

    def __init__(self, access_token: Optional[Text], server: TelegramAPIServer) -> None:
        Bot.__init__(self, access_token, server=server)  # no network, no session yet
        self.offered: "OrderedDict[str, Dict[str, str]]" = OrderedDict()

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        """Rasa addresses the conversation (``telegram:42``); Telegram wants the chat (``42``)."""
        await super().send_response(chat_of(recipient_id, "telegram"), message)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for part in _chunks(text):
            await self.send_message(recipient_id, part)

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
                                     button_type: Optional[Text] = "inline", **kwargs: Any) -> None:
        """Remember title -> payload, so a typed or reply-keyboard title works like a press."""
        flat = [b for item in buttons for b in (item if isinstance(item, list) else [item])]
        self._remember(str(recipient_id), {_title_key(b["title"]): b["payload"] for b in flat
                                           if b.get("title") and b.get("payload")})
        try:
            await super().send_text_with_buttons(recipient_id, text[:MAX_TEXT], buttons,
                                                 button_type=button_type, **kwargs)
        except BadRequest as error:
            # A keyboard Telegram refuses must not cost the person the text (it may be the crisis reply).
            logger.warning("Telegram refused a keyboard (%s); sending the text alone", error)
            await self.send_text_message(recipient_id, text)

    def _remember(self, chat: str, titles: Dict[str, str]) -> None:
        self.offered.pop(chat, None)
        self.offered[chat] = titles
        while len(self.offered) > MAX_CHATS_REMEMBERED:
            self.offered.popitem(last=False)

    async def close_session(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


class AllianceTelegramInput(TelegramInput):
    """Telegram webhook: lazy bot in the server loop, secret header, never a 500."""

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "AllianceTelegramInput":
        if not credentials or not credentials.get("access_token"):
            cls.raise_missing_credentials_exception()
        return cls(str(credentials["access_token"]), credentials.get("verify"), credentials.get("webhook_url"))

    def __init__(self, access_token: Optional[Text], verify: Optional[Text], webhook_url: Optional[Text],
                 debug_mode: bool = False) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode=False)
        self.api_url = os.environ.get(API_URL_ENV, "").strip() or DEFAULT_API_URL
        self.secret = os.environ.get(SECRET_ENV, "").strip() or None
        if self.secret and not _SECRET.fullmatch(self.secret):
            raise ValueError(f"{SECRET_ENV} must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        self._out: Optional[AllianceTelegramOutput] = None
        self._name_ok: Optional[bool] = None
        self._name_check: Optional[asyncio.Lock] = None  # made in the server's loop
        self._updates_seen = limits.SeenOnce(UPDATES_REMEMBERED)
        self.rate = limits.ConversationRate()

    def get_output_channel(self) -> AllianceTelegramOutput:
        """One bot for the server's life; its HTTP session is opened on first use, in the server loop."""
        if self._out is None:
            self._out = AllianceTelegramOutput(self.access_token, TelegramAPIServer.from_base(self.api_url))
        return self._out

    async def set_webhook(self) -> None:
        """Register the webhook (and the secret) with Telegram; a failure is logged, not fatal."""
        if not self.webhook_url:
            logger.warning("No Telegram webhook_url: Telegram will not send updates here")
            return
        params: Dict[str, Any] = {"url": self.webhook_url, "allowed_updates": json.dumps(ALLOWED_UPDATES)}
        if self.secret:
            params["secret_token"] = self.secret
        else:
            logger.warning("%s is not set: anyone who knows the webhook URL can post updates", SECRET_ENV)
        try:
            await self.get_output_channel().request("setWebhook", params)
            await self._bot_name_matches()
        except TelegramAPIError as error:
            logger.error("Could not set the Telegram webhook: %s", error)

    async def _bot_name_matches(self) -> bool:
        if not self.verify:
            return True
        if self._name_check is None:
            self._name_check = asyncio.Lock()
        async with self._name_check:  # the start-up check and the first updates can arrive together
            if self._name_ok is None:
                me = await self.get_output_channel().get_me()
                self._name_ok = (me.username or "").casefold() == str(self.verify).lstrip("@").casefold()
                if not self._name_ok:
                    logger.error("The Telegram token belongs to @%s, not to %s: updates are ignored",
                                 me.username, self.verify)
        return self._name_ok

    def _authorised(self, request: Request) -> bool:
        if not self.secret:
            return True
        given = request.headers.get(SECRET_HEADER, "")
        return hmac.compare_digest(given.encode("utf-8", "replace"), self.secret.encode())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        telegram = Blueprint("alliance_telegram", __name__)

        @telegram.listener("after_server_start")
        async def register(_app: Any, _loop: Any) -> None:
            await self.set_webhook()

        @telegram.listener("before_server_stop")
        async def close(_app: Any, _loop: Any) -> None:
            await self.get_output_channel().close_session()

        @telegram.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @telegram.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self._authorised(request):
                return response.text("forbidden", status=403)
            try:
                update = request.json
            except InvalidUsage:
                update = None
            if not isinstance(update, dict):
                return response.text("not a Telegram update", status=400)
            update_id = update.get("update_id")
            if type(update_id) is int and not self._updates_seen.first_time(update_id):  # bools are not ids
                return response.text("success")  # a replay: already taken
            try:
                await self._handle(update, on_new_message, request.app.ctx.agent)
            except Exception as error:  # noqa: BLE001 -- a 500 would make Telegram redeliver it
                logger.error("Telegram update %s failed with %s; answered 200 so it is not redelivered\n%s",
                             update.get("update_id"), type(error).__name__,
                             "".join(traceback.format_tb(error.__traceback__)))
            return response.text("success")

        return telegram

    async def _handle(self, update: Dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]],
                      agent: Any = None) -> None:
        read = _read_update(update)
        if read is None:
            return  # an update kind we did not ask for, or one of the wrong shape
        chat_id, chat_type, text, person, callback_id = read
        if not await self._bot_name_matches():
            return
        out = self.get_output_channel()
        if callback_id is not None:
            await out.answer_callback_query(callback_id)  # stops the spinner on the button
        if chat_type != "private":
            if text and text.startswith("/"):
                await out.send_message(chat_id, wording.text("utter_channel_private_only"))
            return
        language = person.get("language_code") if isinstance(person.get("language_code"), str) else "en"
        if not text or not text.strip():
            await out.send_message(chat_id, wording.text("utter_channel_not_text", language))
            return
        conversation = telegram_id(chat_id)
        if not self.rate.allow(conversation):
            if self.rate.warn(conversation):
                await out.send_message(chat_id, limits.slow_down(language))
            return
        text = self._user_text(str(chat_id), text[:limits.MAX_TEXT_CHARS], from_button=callback_id is not None)
        text = await typed_text.user_text(agent, conversation, text, issued={GREET})
        metadata = clean_metadata({"locale": language})
        try:
            await out.send_chat_action(chat_id, "typing")
        except TelegramAPIError:
            pass  # only a courtesy
        await take_turn(on_new_message, text, out, conversation, self.name(), metadata,
                        lambda: out.send_message(chat_id, limits.OUR_FAULT))

    def _user_text(self, chat_id: str, text: str, from_button: bool) -> str:
        """What the assistant is told: a payload for a button, ``/greet`` for ``/start``."""
        if from_button:
            return text
        offered = self.get_output_channel().offered.get(chat_id, {})
        if _title_key(text) in offered:
            return offered[_title_key(text)]
        command = _COMMAND.match(text.strip())
        if command and command.group(1).lower() in ("start", "restart"):
            return GREET
        return text


def _read_update(update: Dict[str, Any]) -> Optional[tuple]:
    """``(chat id, chat type, text, sender, callback id)`` from a well-formed update, else None."""
    callback = update.get("callback_query")
    if callback is not None:
        if not isinstance(callback, dict) or not isinstance(callback.get("from"), dict):
            return None
        person = callback["from"]
        message = callback.get("message")
        if message is None:
            message = {"chat": {"id": person.get("id"), "type": "private"}}
        text = callback.get("data")
        callback_id = callback.get("id")
        if not isinstance(callback_id, str):
            return None
    else:
        message = update.get("message") or update.get("edited_message")
        if not isinstance(message, dict):
            return None
        person = message.get("from") if isinstance(message.get("from"), dict) else {}
        text = message.get("text") or message.get("caption")
        callback_id = None
    chat = message.get("chat") if isinstance(message, dict) else None
    if not isinstance(chat, dict):
        return None
    chat_id, chat_type = chat.get("id"), chat.get("type", "private")
    if isinstance(chat_id, bool) or not isinstance(chat_id, int) or not isinstance(chat_type, str):
        return None
    if text is not None and not isinstance(text, str):
        return None
    return chat_id, chat_type, text, person, callback_id
