"""A local stand-in for Telegram's Bot API, so the Telegram channel is tested over real HTTP.

Speaks the wire format aiogram 2 uses (``POST /bot<token>/<method>``, form or
JSON body, ``{"ok": true, "result": ...}`` answers, Telegram's error shape
and status codes) and records every call for assertions. Point the bot at it
with ``TELEGRAM_API_URL=<fake.url>``.
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import parse_qs

JSON_FIELDS = ("reply_markup", "allowed_updates", "entities")


class FakeTelegramAPI:
    """``with FakeTelegramAPI(token, "AllianceTestBot") as api:`` ... ``api.calls("sendMessage")``."""

    def __init__(self, token: str, username: str) -> None:
        self.token = token
        self.username = username
        self.bot_id = int(token.split(":")[0])
        self._calls: List[Dict[str, Any]] = []
        self._failures: Dict[str, Tuple[int, str]] = {}
        self._message_id = 0
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def calls(self, method: Optional[str] = None, chat_id: Any = None) -> List[Dict[str, Any]]:
        """Recorded calls as ``{"method", "params"}``, optionally of one method and chat."""
        with self._changed:
            return [c for c in self._calls if (method is None or c["method"] == method)
                    and (chat_id is None or str(c["params"].get("chat_id")) == str(chat_id))]

    def wait_for(self, check: Callable[[List[Dict[str, Any]]], bool], timeout: float = 60) -> List[Dict[str, Any]]:
        """Block until ``check(all calls)`` holds; the calls, or AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not check(list(self._calls)):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out; calls so far: {json.dumps(self._calls)[-3000:]}")
                self._changed.wait(left)
            return list(self._calls)

    def fail_next(self, method: str, status: int = 403, description: str = "Forbidden: bot was blocked by the user") -> None:
        """The next call of ``method`` gets Telegram's error answer instead."""
        with self._changed:
            self._failures[method] = (status, description)

    def _answer(self, method: str, params: Dict[str, Any]) -> Tuple[int, Dict[str, Any]]:
        with self._changed:
            failure = self._failures.pop(method, None)
        if failure:
            return failure[0], {"ok": False, "error_code": failure[0], "description": failure[1]}
        bot = {"id": self.bot_id, "is_bot": True, "first_name": "Alliance", "username": self.username}
        if method == "getMe":
            return 200, {"ok": True, "result": dict(bot, can_join_groups=False, supports_inline_queries=False)}
        if method in ("setWebhook", "deleteWebhook", "sendChatAction", "answerCallbackQuery"):
            return 200, {"ok": True, "result": True}
        if method == "getWebhookInfo":
            return 200, {"ok": True, "result": {"url": "", "has_custom_certificate": False, "pending_update_count": 0}}
        if method == "sendMessage":
            if not params.get("chat_id"):
                return 400, {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}
            if not str(params.get("text", "")).strip():
                return 400, {"ok": False, "error_code": 400, "description": "Bad Request: message text is empty"}
            if len(str(params["text"])) > 4096:
                return 400, {"ok": False, "error_code": 400, "description": "Bad Request: message is too long"}
            with self._changed:
                self._message_id += 1
                message_id = self._message_id
            chat_id = int(params["chat_id"])
            return 200, {"ok": True, "result": {
                "message_id": message_id, "from": bot, "date": int(time.time()), "text": params["text"],
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"}}}
        return 404, {"ok": False, "error_code": 404, "description": "Not Found"}

    def _handler(self) -> type:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 -- http.server's name
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
                token, _, method = self.path.lstrip("/").partition("/")
                if token != f"bot{fake.token}":
                    return self._send(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
                params = _params(self.headers.get("Content-Type", ""), body)
                with fake._changed:
                    fake._calls.append({"method": method, "params": params})
                    fake._changed.notify_all()
                self._send(*fake._answer(method, params))

            def _send(self, status: int, payload: Dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        return Handler

    def __enter__(self) -> "FakeTelegramAPI":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def _params(content_type: str, body: str) -> Dict[str, Any]:
    """Form or JSON parameters, with the JSON-serialised fields (keyboards) decoded."""
    if content_type.startswith("application/json"):
        params = json.loads(body or "{}")
    else:
        params = {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}
    for field in JSON_FIELDS:
        if isinstance(params.get(field), str):
            try:
                params[field] = json.loads(params[field])
            except ValueError:
                pass
    return params
