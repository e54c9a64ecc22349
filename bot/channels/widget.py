"""The website chat widget's channel: Rasa's socket.io channel, made safe to open to browsers.

Three changes to :class:`rasa.core.channels.socketio.SocketIOInput`, which as
shipped accepts sockets from every origin (``cors_allowed_origins=[]``):

* only pages from the origins in ``WIDGET_ALLOWED_ORIGINS`` (comma-separated)
  may open a socket, so another site cannot script a conversation in a
  visitor's name;
* the widget page itself (``bot/web/``) is served from the same Sanic app, at
  ``GET /webhooks/widget/chat/``, so page and socket share one origin and the
  default allow-list just works for ``make run``;
* of the metadata a page sends, only a well-formed ``locale`` (``en-AU``) is
  passed on: the NLU pipeline reads it to pick the crisis lines of the
  person's country, and nothing else the browser says is trusted.

Enable it in credentials.yml in place of the ``socketio:`` stanza::

    bot.channels.widget.AllianceWidgetInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

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

_LOCALE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,4}$")


def allowed_origins(value: Optional[str] = None) -> List[str]:
    """The origins allowed to open a socket, from ``value`` or the environment."""
    raw = os.environ.get(ORIGINS_ENV, DEFAULT_ORIGINS) if value is None else value
    return [origin.strip().rstrip("/") for origin in raw.split(",") if origin.strip()]


def clean_metadata(metadata: Any) -> Dict[str, str]:
    """Keep a well-formed ``locale`` and drop everything else the page sent."""
    if not isinstance(metadata, dict):
        return {}
    locale = metadata.get("locale")
    if isinstance(locale, str) and len(locale) <= 35 and _LOCALE.match(locale):
        return {"locale": locale}
    return {}


def _deny_all(_origin: Optional[str]) -> bool:
    return False


class AllianceWidgetInput(SocketIOInput):
    """Socket.io for the website widget: own origins only, page served alongside."""

    @classmethod
    def name(cls) -> Text:
        return "widget"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def receive(message: UserMessage) -> Any:
            message.metadata = clean_metadata(message.metadata)
            return await on_new_message(message)

        blueprint = super().blueprint(receive)
        # python-engineio reads this on every request. An empty list would turn
        # its origin check off entirely, so "nobody" is a function that says no.
        self.sio.eio.cors_allowed_origins = allowed_origins() or _deny_all
        _add_page_routes(blueprint)
        return blueprint


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
