"""Sender ids in logs only as pseudonyms.

A pseudonym is a keyed hash: the same person gets the same tag in the Rasa
and action-server logs of one deployment (so a problem can be followed),
but the tag cannot be turned back into a Telegram chat id or Slack user
without the key. The key is ``ALLIANCE_LOG_KEY``, else the API token, else
a random one for this process.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets

_FALLBACK_KEY = secrets.token_bytes(16)


def _key() -> bytes:
    configured = os.environ.get("ALLIANCE_LOG_KEY") or os.environ.get("RASA_AUTH_TOKEN")
    return configured.encode() if configured else _FALLBACK_KEY


def pseudonym(sender_id: object) -> str:
    digest = hmac.new(_key(), str(sender_id).encode("utf-8", "replace"), hashlib.sha256).hexdigest()
    return f"person-{digest[:12]}"
