"""Settings from the environment, with ``.env`` loaded first (python-dotenv).

Every other module asks this one, so there is one place that knows the
defaults and one place that refuses to start without a secret.
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from dotenv import load_dotenv

ROOT = Path(__file__).resolve().parent.parent.parent

load_dotenv(ROOT / ".env", override=False)


@dataclass(frozen=True)
class Settings:
    """What the servers need to start."""

    host: str
    rasa_port: int
    action_port: int
    auth_token: str


def _port(name: str, default: int) -> int:
    value = os.environ.get(name, str(default))
    try:
        port = int(value)
    except ValueError as exc:
        raise SystemExit(f"{name} must be a port number, not {value!r}") from exc
    if not 0 < port < 65536:
        raise SystemExit(f"{name} must be between 1 and 65535, not {port}")
    return port


def load() -> Settings:
    """Read the settings; make up a one-off API token when none is configured."""
    token = os.environ.get("RASA_AUTH_TOKEN", "").strip()
    if not token or token == "change-me-to-a-long-random-string":
        token = secrets.token_urlsafe(24)
    settings = Settings(
        host=os.environ.get("ALLIANCE_HOST", "127.0.0.1"),
        rasa_port=_port("RASA_PORT", 5005),
        action_port=_port("ACTION_PORT", 5055),
        auth_token=token,
    )
    return settings
