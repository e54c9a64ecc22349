"""A local stand-in for Telegram's Bot API, so the Telegram channel is tested over real HTTP.

Speaks the wire format aiogram 2 uses (``POST /bot<token>/<method>``, form or
JSON body, ``{"ok": true, "result": ...}`` answers, Telegram's error shape
and status codes) and records every call for assertions. Point the bot at it
with ``TELEGRAM_API_URL=<fake.url>``.
"""
from __future__ import annotations

import threading
import time
from typing import Any, Dict, List, Mapping, Optional, Tuple

from tests.fakes.recording import RecordingAPI, parse_params

JSON_FIELDS = ("reply_markup", "allowed_updates", "entities")


class FakeTelegramAPI(RecordingAPI):
    """``with FakeTelegramAPI(token, "AllianceTestBot") as api:`` ... ``api.calls("sendMessage")``."""

    def __init__(self, token: str, username: str) -> None:
        self.token = token
        self.username = username
        self.bot_id = int(token.split(":")[0])
        self._failures: Dict[str, Tuple[int, str]] = {}
        self._message_id = 0
        self._lock = threading.Lock()
        super().__init__()

    def calls(self, method: Optional[str] = None, chat_id: Any = None) -> List[Dict[str, Any]]:
        """Recorded calls as ``{"method", "params"}``, optionally of one method and chat."""
        return [c for c in self.recorded() if (method is None or c["method"] == method)
                and (chat_id is None or str(c["params"].get("chat_id")) == str(chat_id))]

    def fail_next(self, method: str, status: int = 403, description: str = "Forbidden: bot was blocked by the user") -> None:
        """The next call of ``method`` gets Telegram's error answer instead."""
        with self._lock:
            self._failures[method] = (status, description)

    def _answer(self, method: str, params: Dict[str, Any]) -> Tuple[int, Dict[str, Any]]:
        with self._lock:
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
            with self._lock:
                self._message_id += 1
                message_id = self._message_id
            chat_id = int(params["chat_id"])
            return 200, {"ok": True, "result": {
                "message_id": message_id, "from": bot, "date": int(time.time()), "text": params["text"],
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"}}}
        return 404, {"ok": False, "error_code": 404, "description": "Not Found"}

    def handle(self, path: str, headers: Mapping[str, str], body: str) -> Tuple[int, Dict[str, Any]]:
        token, _, method = path.lstrip("/").partition("/")
        if token != f"bot{self.token}":
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        params = parse_params(headers.get("Content-Type", ""), body, JSON_FIELDS)
        self.record({"method": method, "params": params})
        return self._answer(method, params)
