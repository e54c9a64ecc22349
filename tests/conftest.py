"""Shared fixtures: real rasa-sdk trackers, the domain, the safety screen."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    """The real domain.yml, as the action server receives it."""
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture()
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def make_tracker(
    intent: Optional[str] = None,
    text: str = "",
    slots: Optional[Dict[str, Any]] = None,
    events: Optional[List[Dict[str, Any]]] = None,
    active_loop: Optional[str] = None,
    requested_slot: Optional[str] = None,
) -> Tracker:
    """A rasa-sdk Tracker as the action server builds it from Rasa's JSON."""
    all_slots = {"triage": None, "concern": None, "red_flag_seen": False, "country": None,
                 "locale_country": None, "language": "en", "requested_slot": requested_slot}
    all_slots.update(slots or {})
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0} if intent else {},
              "entities": [], "intent_ranking": []}
    return Tracker(
        sender_id="test-person",
        slots=all_slots,
        latest_message=latest,
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


@pytest.fixture(scope="session")
def screen():
    from bot.safety_screen import default_screen

    return default_screen()


@contextmanager
def running_servers(tmp_path_factory, name: str, rasa_port: int, action_port: int, token: str,
                    credentials_text: Optional[str] = None, extra_env: Optional[Dict[str, str]] = None):
    """The real action server and Rasa server for one test module; logs printed on failure.

    Ports can be moved with TEST_<NAME>_RASA_PORT / TEST_<NAME>_ACTION_PORT.
    """
    from bot.servers import Servers
    from bot.settings import Settings

    prefix = f"TEST_{name.upper()}_"
    settings = Settings(host="127.0.0.1",
                        rasa_port=int(os.environ.get(prefix + "RASA_PORT", rasa_port)),
                        action_port=int(os.environ.get(prefix + "ACTION_PORT", action_port)),
                        auth_token=token)
    credentials = None
    if credentials_text is not None:
        credentials = tmp_path_factory.mktemp(name) / "credentials.yml"
        credentials.write_text(credentials_text)
    running = Servers(settings, log_dir=tmp_path_factory.mktemp(f"{name}-logs"),
                      extra_env=extra_env, credentials=credentials)
    try:
        running.start()
    except Exception:
        running.stop()
        for log in running.log_dir.glob("*.log"):
            print(log.read_text(errors="replace")[-4000:])
        raise
    try:
        yield running
    finally:
        running.stop()
