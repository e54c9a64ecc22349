"""A person talking to the real Rasa server over the REST channel (bearer token, ``rest:<sender>``)."""
from __future__ import annotations

import json
import urllib.request
import uuid
from typing import Any, Dict, List, Optional

from bot.serve.servers import Servers

#: the REST channel's token in the test servers (conftest.running_servers sets it)
REST_TOKEN = "test-rest-channel-token"


def post_json(url: str, body: Any, token: Optional[str] = None) -> Any:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers)
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


class Person:
    """One sender id; ``say`` returns the joined reply texts."""

    def __init__(self, servers: Servers, prefix: str = "e2e") -> None:
        self.servers = servers
        self.sender = f"{prefix}-{uuid.uuid4().hex}"
        self.conversation = f"rest:{self.sender}"

    def replies(self, text: str) -> List[Dict[str, Any]]:
        return post_json(f"{self.servers.rasa_url}/webhooks/rest/webhook", {"sender": self.sender, "message": text},
                         token=self.servers.rest_token)

    def say(self, text: str) -> str:
        return "\n".join(r.get("text", "") for r in self.replies(text))

    def tracker(self) -> Dict[str, Any]:
        url = (f"{self.servers.rasa_url}/conversations/{self.conversation}/tracker"
               f"?token={self.servers.settings.auth_token}")
        with urllib.request.urlopen(url, timeout=60) as response:
            return json.loads(response.read())

    def slots(self) -> Dict[str, Any]:
        return self.tracker()["slots"]
