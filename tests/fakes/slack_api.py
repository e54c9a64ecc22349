"""A local stand-in for Slack's Web API, so the Slack channel is tested over real HTTP.

Speaks the wire format the channel uses (``POST /api/<method>``, form or JSON
body, ``Authorization: Bearer``, ``{"ok": ...}`` answers with HTTP 200 as Slack
does) and records every call for assertions. Point the bot at it with
``SLACK_API_URL=<fake.url>``.
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional
from urllib.parse import parse_qs


class FakeSlackAPI:
    """``with FakeSlackAPI(token) as api:`` ... ``api.calls("chat.postMessage")``."""

    def __init__(self, token: str) -> None:
        self.token = token
        self._calls: List[Dict[str, Any]] = []
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/"

    def calls(self, method: Optional[str] = None) -> List[Dict[str, Any]]:
        with self._changed:
            return [c for c in self._calls if method is None or c["method"] == method]

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

    def _answer(self, method: str, params: Dict[str, Any], auth: str) -> Dict[str, Any]:
        if auth != f"Bearer {self.token}":
            return {"ok": False, "error": "invalid_auth" if auth else "not_authed"}
        if method == "auth.test":
            return {"ok": True, "url": "https://alliance-test.slack.com/", "team": "Test", "user": "alliance",
                    "team_id": "T0TEST", "user_id": "UBOT", "bot_id": "B0TEST"}
        if method == "chat.postMessage":
            if not params.get("channel"):
                return {"ok": False, "error": "channel_not_found"}
            if not params.get("text") and not params.get("blocks"):
                return {"ok": False, "error": "no_text"}
            ts = f"{time.time():.6f}"
            return {"ok": True, "channel": params["channel"], "ts": ts,
                    "message": {"type": "message", "text": params.get("text", ""), "ts": ts, "bot_id": "B0TEST"}}
        return {"ok": False, "error": "unknown_method"}

    def _handler(self) -> type:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                media = (self.headers.get("Content-Type") or "").split(";")[0].strip()
                if media == "application/json":
                    params = json.loads(raw or b"{}")
                else:
                    params = {k: v[-1] for k, v in parse_qs(raw.decode()).items()}
                    if isinstance(params.get("blocks"), str):  # form posts carry blocks as JSON text
                        params["blocks"] = json.loads(params["blocks"])
                path = self.path.split("?")[0]
                method = path[len("/api/"):] if path.startswith("/api/") else ""
                auth = self.headers.get("Authorization", "")
                answer = fake._answer(method, params, auth)
                with fake._changed:
                    fake._calls.append({"method": method, "params": params, "auth": auth, "ok": answer["ok"]})
                    fake._changed.notify_all()
                body = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        return Handler

    def __enter__(self) -> "FakeSlackAPI":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
