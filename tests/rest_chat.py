"""A person talking to the real Rasa server over the REST channel."""
from __future__ import annotations

import json
import urllib.request
import uuid
from typing import Any, Dict, List

from bot.servers import Servers


def post_json(url: str, body: Dict[str, Any]) -> Any:
    request = urllib.request.Request(url, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


class Person:
    """One sender id; ``say`` returns the joined reply texts."""

    def __init__(self, servers: Servers, prefix: str = "e2e") -> None:
        self.servers = servers
        self.sender = f"{prefix}-{uuid.uuid4().hex}"

    def replies(self, text: str) -> List[Dict[str, Any]]:
        return post_json(f"{self.servers.rasa_url}/webhooks/rest/webhook", {"sender": self.sender, "message": text})

    def say(self, text: str) -> str:
        return "\n".join(r.get("text", "") for r in self.replies(text))

    def tracker(self) -> Dict[str, Any]:
        url = (f"{self.servers.rasa_url}/conversations/{self.sender}/tracker"
               f"?token={self.servers.settings.auth_token}")
        with urllib.request.urlopen(url, timeout=60) as response:
            return json.loads(response.read())

    def slots(self) -> Dict[str, Any]:
        return self.tracker()["slots"]
