"""A local stand-in for Slack's Web API, so the Slack channel is tested over real HTTP.

Speaks the wire format the channel uses (``POST /api/<method>``, form or JSON
body, ``Authorization: Bearer``, ``{"ok": ...}`` answers with HTTP 200 as Slack
does) and records every call for assertions. Point the bot at it with
``SLACK_API_URL=<fake.url>``.
"""
from __future__ import annotations

import time
from typing import Any, Dict, List, Mapping, Optional, Tuple

from tests.fakes.recording import RecordingAPI, parse_params


class FakeSlackAPI(RecordingAPI):
    """``with FakeSlackAPI(token) as api:`` ... ``api.calls("chat.postMessage")``."""

    url_path = "/api/"

    def __init__(self, token: str) -> None:
        self.token = token
        super().__init__()

    def calls(self, method: Optional[str] = None) -> List[Dict[str, Any]]:
        return [c for c in self.recorded() if method is None or c["method"] == method]

    def handle(self, path: str, headers: Mapping[str, str], body: str) -> Tuple[int, Dict[str, Any]]:
        params = parse_params(headers.get("Content-Type") or "", body, ("blocks",))
        path = path.split("?")[0]
        method = path[len("/api/"):] if path.startswith("/api/") else ""
        auth = headers.get("Authorization", "")
        answer = self._answer(method, params, auth)
        self.record({"method": method, "params": params, "auth": auth, "ok": answer["ok"]})
        return 200, answer

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
