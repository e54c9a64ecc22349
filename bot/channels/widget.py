"""The website chat widget's channel: socket.io, made safe to open to browsers.

Built on the pieces of :mod:`rasa.core.channels.socketio` (its output
channel and socket blueprint) with the handlers written here, because the
stock ones let the page choose the conversation id and accept sockets from
every origin:

* **the server issues the session.** ``session_request`` gets back a token
  made by :class:`bot.channels.identity.WebSessions` (128 random bits and an
  HMAC tag); a page that presents a token the server did not issue gets a new
  one. The conversation is ``web:<random part>``, bound to the socket on the
  server, and whatever ``session_id`` a later message carries is ignored;
* only pages from ``WIDGET_ALLOWED_ORIGINS`` (comma-separated) may open a
  socket, so another site cannot script a conversation in a visitor's name;
* a frame that is not ``{"message": str}`` gets a calm reply and nothing else,
  a frame over ``MAX_BODY_BYTES`` is refused by engine.io, a conversation
  sending too fast is asked to slow down, a typed ``/intent{...}`` is text;
* ``stored_data_request`` answers with ``stored_data``: everything kept about
  this browser's conversation (the same export as "export my data");
* the widget page itself (``bot/web/``) is served from the same Sanic app, at
  ``GET /webhooks/widget/chat/``, so page and socket share one origin;
* of the metadata a page sends, only a well-formed ``locale`` (``en-AU``) is
  kept: the NLU pipeline reads it to pick the crisis lines of the country.

Enable it in credentials.yml::

    bot.channels.widget.AllianceWidgetInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true
"""
from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import limits, typed_text
from bot.channels.engineio_guard import GuardedSocketIO
from bot.channels.identity import WebSessions
from bot.channels.metadata import clean_metadata
from bot.channels.turns import take_turn
from bot.common import wording

logger = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
ORIGINS_ENV = "WIDGET_ALLOWED_ORIGINS"
DEFAULT_ORIGINS = "http://localhost:5005,http://127.0.0.1:5005"

# The only files served: nothing in the URL is ever joined onto a disk path.
ASSETS = {
    "index.html": "text/html; charset=utf-8",
    "widget.js": "text/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
    "vendor/socket.io.min.js": "text/javascript; charset=utf-8",
}

SECURITY_HEADERS = {
    # Scripts and styles only from the files above, the socket only to us:
    # a message that slipped into the DOM as markup could still not run.
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    # Quick exit must not tell the next site where the person came from,
    # and the browser's cache should not keep the chat page.
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}



def allowed_origins(value: Optional[str] = None) -> List[str]:
    """The origins allowed to open a socket, from ``value`` or the environment."""
    raw = os.environ.get(ORIGINS_ENV, DEFAULT_ORIGINS) if value is None else value
    return [origin.strip().rstrip("/") for origin in raw.split(",") if origin.strip()]


def _deny_all(_origin: Optional[str]) -> bool:
    return False


class AllianceWidgetInput(SocketIOInput):
    """Socket.io for the website widget: server-issued sessions, own origins only, page alongside."""

    @classmethod
    def name(cls) -> Text:
        return "widget"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # python-engineio reads the origins on every request. An empty list
        # would turn its check off entirely, so "nobody" is a function that says no.
        sio = GuardedSocketIO(async_mode="sanic", cors_allowed_origins=allowed_origins() or _deny_all,
                          max_http_buffer_size=limits.MAX_BODY_BYTES)
        self.sio = sio
        blueprint = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        sessions = WebSessions()
        rate = limits.ConversationRate()
        app: Dict[str, Any] = {}

        @blueprint.listener("before_server_start")
        async def keep_app(server: Any, _loop: Any) -> None:
            app["server"] = server  # its agent is loaded by another listener, read it per message

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        async def conversation_of(sid: Text) -> Optional[str]:
            try:
                return (await sio.get_session(sid, namespace=self.namespace)).get("conversation")
            except KeyError:  # the socket is gone
                return None

        async def say(sid: Text, text: str) -> None:
            await sio.emit(self.bot_message_evt, {"text": text}, room=sid, namespace=self.namespace)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, *args: Any) -> None:
            data = args[0] if len(args) == 1 else None  # a frame may carry no argument, or several
            token = data.get("session_id") if isinstance(data, dict) else None
            conversation = sessions.conversation(token)
            if conversation is None:
                token = sessions.issue()
                conversation = sessions.conversation(token)
            previous = await conversation_of(sid)
            if previous and previous != conversation:
                sio.leave_room(sid, previous, namespace=self.namespace)
            await sio.save_session(sid, {"conversation": conversation}, namespace=self.namespace)
            sio.enter_room(sid, conversation, namespace=self.namespace)
            await sio.emit("session_confirm", token, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, *args: Any) -> Optional[str]:
            data = args[0] if len(args) == 1 else None  # a frame may carry no argument, or several
            conversation = await conversation_of(sid)
            if conversation is None:
                await say(sid, wording.text("utter_channel_still_connecting"))
                return "no_session"
            text = data.get("message") if isinstance(data, dict) else None
            if not isinstance(text, str):
                await say(sid, limits.NOT_READABLE)
                return "not_readable"
            metadata = clean_metadata(data.get(self.metadata_key))
            if not rate.allow(conversation):
                if rate.warn(conversation):
                    await say(sid, limits.slow_down(metadata.get("locale")))
                return "slow_down"
            text = await typed_text.user_text(getattr(app["server"].ctx, "agent", None), conversation, text[:limits.MAX_TEXT_CHARS])
            answered = await take_turn(on_new_message, text, SocketIOOutput(sio, self.bot_message_evt), conversation,
                                       self.name(), metadata, lambda: say(sid, limits.OUR_FAULT))
            return None if answered else "failed"

        @sio.on("stored_data_request", namespace=self.namespace)
        async def stored_data_request(sid: Text, *_: Any) -> None:
            conversation = await conversation_of(sid)
            data = await asyncio.get_running_loop().run_in_executor(None, _export, conversation) \
                if conversation else None
            await sio.emit("stored_data", data or {"conversation": []}, room=sid, namespace=self.namespace)

        _add_page_routes(blueprint)
        return blueprint


def _export(conversation: str) -> Optional[Dict[str, Any]]:
    """What the store keeps about ``conversation`` (None when the store cannot be read)."""
    from sqlalchemy.exc import SQLAlchemyError

    from bot.store import people
    from bot.store.database import session_scope

    try:
        with session_scope() as session:
            return people.export(session, conversation)
    except SQLAlchemyError:
        logger.exception("Could not read the store for a widget export")
        return None


def _asset(name: str) -> HTTPResponse:
    body = (WEB_DIR / name).read_bytes()
    return response.raw(body, content_type=ASSETS[name], headers=dict(SECURITY_HEADERS))


def _add_page_routes(blueprint: Blueprint) -> None:
    """``/chat/`` is the page; relative links in it load the assets below it."""

    @blueprint.route("/chat", methods=["GET"], strict_slashes=True)
    async def widget_page_redirect(request: Request) -> HTTPResponse:
        return response.redirect(request.path + "/")

    @blueprint.route("/chat/", methods=["GET"], strict_slashes=True)
    async def widget_page(_: Request) -> HTTPResponse:
        return _asset("index.html")

    @blueprint.route("/chat/<name:path>", methods=["GET"], strict_slashes=True)
    async def widget_asset(_: Request, name: str) -> HTTPResponse:
        if name not in ASSETS:
            return response.text("Not found", status=404)
        return _asset(name)
