"""Shared fixtures: real rasa-sdk trackers, the domain, the safety screen."""
from __future__ import annotations

import os
import uuid
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


def responses_of(dispatcher: CollectingDispatcher) -> List[Optional[str]]:
    """The domain responses an action sent, in order."""
    return [message.get("response") for message in dispatcher.messages]


@pytest.fixture()
def store(tmp_path, monkeypatch):
    """A real, migrated SQLite store that the actions find through DATABASE_URL."""
    from bot.store.database import dispose_all
    from bot.store.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'alliance.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    upgrade(url)
    yield url
    dispose_all()


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
    from bot.understanding.safety_screen import default_screen

    return default_screen()


@contextmanager
def running_servers(tmp_path_factory, name: str, rasa_port: int, action_port: int, token: str,
                    credentials_text: Optional[str] = None, extra_env: Optional[Dict[str, str]] = None):
    """The real action server and Rasa server for one test module; logs printed on failure.

    Ports can be moved with TEST_<NAME>_RASA_PORT / TEST_<NAME>_ACTION_PORT.
    """
    from bot.serve.servers import Servers
    from bot.common.settings import Settings

    prefix = f"TEST_{name.upper()}_"
    settings = Settings(host="127.0.0.1",
                        rasa_port=int(os.environ.get(prefix + "RASA_PORT", rasa_port)),
                        action_port=int(os.environ.get(prefix + "ACTION_PORT", action_port)),
                        auth_token=token)
    credentials = None
    if credentials_text is not None:
        credentials = tmp_path_factory.mktemp(name) / "credentials.yml"
        credentials.write_text(credentials_text)
    from tests.rest_chat import REST_TOKEN

    env = dict(extra_env or {})
    env.setdefault("REST_CHANNEL_TOKEN", REST_TOKEN)
    if "DATABASE_URL" not in env:  # each module gets a database of its own
        env.setdefault("ALLIANCE_DATA_DIR", str(tmp_path_factory.mktemp(f"{name}-data")))
    running = Servers(settings, log_dir=tmp_path_factory.mktemp(f"{name}-logs"),
                      extra_env=env, credentials=credentials)
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


# -- databases ------------------------------------------------------------
def _free_port() -> int:
    """A loopback port nobody listens on now (a leftover server must not turn the tests into skips)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]

@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server for the whole run. CI sets ALLIANCE_REQUIRE_POSTGRES=1:
    then a server that cannot start fails the tests instead of skipping them."""
    from tests.postgres_server import PostgresServer

    server = PostgresServer(int(os.environ.get("TEST_POSTGRES_PORT") or _free_port()))
    try:
        server.start()
    except Exception as error:  # noqa: BLE001 - any failure to start means the same here
        server.stop()
        message = f"PostgreSQL could not start: {error}\n{server.log_tail()}"
        if os.environ.get("ALLIANCE_REQUIRE_POSTGRES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield server
    finally:
        from bot.store.database import dispose_all

        dispose_all()
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A fresh, migrated database of each kind; every store test runs on both."""
    from bot.store.migrate import upgrade

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'alliance.db'}"
    else:
        url = request.getfixturevalue("postgres").create_database("t_" + uuid.uuid4().hex[:12])
    upgrade(url)
    yield url
    from bot.store.database import dispose_all

    dispose_all()


@pytest.fixture(scope="session")
def doors(tmp_path_factory):
    """One Alliance with all five channels on (tests/doors.py), shared by the identity and fuzz tests."""
    from tests import doors as d
    from tests.fakes.slack_api import FakeSlackAPI
    from tests.fakes.telegram_api import FakeTelegramAPI

    rasa_port = int(os.environ.get("TEST_DOORS_RASA_PORT", d.RASA_PORT))
    with FakeTelegramAPI(d.TELEGRAM_TOKEN, d.TELEGRAM_NAME) as telegram, FakeSlackAPI(d.SLACK_TOKEN) as slack:
        env = d.environment(telegram.url, slack.url, rasa_port)
        with running_servers(tmp_path_factory, "doors", rasa_port, d.ACTION_PORT, d.API_TOKEN,
                             extra_env=env) as servers:
            yield servers, telegram, slack
