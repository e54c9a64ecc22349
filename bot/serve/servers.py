"""Start and stop the action server and the Rasa server together.

Used by ``make run`` (through :mod:`bot.serve.run`), by the end-to-end tests and by
the evaluation, so that all of them run the assistant the same way.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, Dict, List, Optional

from bot.common.settings import ROOT, Settings

MODELS_DIR = ROOT / "models"
LOG_DIR = ROOT / "build" / "logs"


def _bin(name: str) -> str:
    """A console script of the venv that runs us (rasa is not on PATH otherwise)."""
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name


def exit_on_hangup() -> None:
    """Turn SIGTERM/SIGHUP into SystemExit so that ``finally`` blocks stop the servers.

    The servers run in sessions of their own (so that Ctrl-C reaches only
    us); without this, a closed terminal would leave them running.
    """
    def _exit(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _exit)


def wait_until_up(url: str, timeout: float, process: Optional[subprocess.Popen] = None) -> None:
    """Poll ``url`` until it answers 200; fail early if the process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f}s")


class Servers:
    """The action server and the Rasa server as child processes."""

    def __init__(self, settings: Settings, log_dir: Path = LOG_DIR, with_actions: bool = True,
                 extra_env: Optional[Dict[str, str]] = None,
                 credentials: Optional[Path] = None, endpoints: Optional[Path] = None) -> None:
        self.settings = settings
        # the replicas of `make run-cluster` use deploy/endpoints.yml (Redis lock store)
        self.endpoints = Path(endpoints) if endpoints else ROOT / "endpoints.yml"
        # None: written at start from this run's environment (bot.serve.credentials),
        # so a channel is on exactly when its secret is in extra_env or the environment.
        self.credentials = Path(credentials) if credentials else None
        self.log_dir = log_dir
        self.with_actions = with_actions
        self.extra_env = extra_env or {}
        self.actions: Optional[subprocess.Popen] = None
        self.rasa: Optional[subprocess.Popen] = None

    @property
    def rasa_url(self) -> str:
        return f"http://{self.settings.host}:{self.settings.rasa_port}"

    @property
    def database_url(self) -> str:
        """The database both servers use (DATABASE_URL or the SQLite file), as they see it."""
        from bot.store.database import database_url

        return database_url(self._env())

    @property
    def rest_token(self) -> Optional[str]:
        """The REST channel's bearer token for this run (None: the channel is off)."""
        return self._env().get("REST_CHANNEL_TOKEN", "").strip() or None

    @property
    def actions_url(self) -> str:
        return f"http://{self.settings.host}:{self.settings.action_port}"

    def _env(self) -> Dict[str, str]:
        env = dict(os.environ)
        env.update(self.extra_env)
        env["ACTION_PORT"] = str(self.settings.action_port)
        env["RASA_AUTH_TOKEN"] = self.settings.auth_token
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        # Rasa's telemetry and its Sentry crash reports would send data off the machine.
        env["RASA_TELEMETRY_ENABLED"] = "false"
        # Rasa calls the action server over pooled keep-alive connections that
        # aiohttp keeps for 15 s; Sanic closes an idle one after 5 s, so under
        # load a call could go out on a connection being closed ("Cannot write
        # to closing transport", one turn lost in `make bench`'s 50 x 20). The
        # servers keep idle connections longer than the client does, so the
        # client is always the one to close them.
        env.setdefault("SANIC_KEEP_ALIVE_TIMEOUT", "75")
        if not env.get("WIDGET_ALLOWED_ORIGINS", "").strip():
            port = self.settings.rasa_port
            env["WIDGET_ALLOWED_ORIGINS"] = f"http://localhost:{port},http://127.0.0.1:{port}"
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        return env

    def _spawn(self, name: str, command: List[str]) -> subprocess.Popen:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_dir / f"{name}.log", "ab")
        return subprocess.Popen(command, cwd=ROOT, env=self._env(), stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)

    def spawn_actions(self) -> subprocess.Popen:
        """Start the action server without waiting for it (the supervisor's restart)."""
        self.actions = self._spawn("actions", [
            sys.executable, "-m", "rasa_sdk", "--actions", "actions",
            "--port", str(self.settings.action_port),
        ])
        return self.actions

    def start_actions(self) -> None:
        wait_until_up(f"{self.actions_url}/health", 120, self.spawn_actions())

    def rasa_command(self) -> List[str]:
        """The ``rasa run`` command line (``bot.serve.rasa_server``: rasa with two per-turn costs taken out).

        The token goes in as ``--auth-token=…``: a token that starts with "-"
        (one random token in 64 does) would otherwise be read as an option
        and the server would not start.
        """
        return [
            sys.executable, "-m", "bot.serve.rasa_server", "run", "--enable-api",
            f"--auth-token={self.settings.auth_token}",
            "--port", str(self.settings.rasa_port),
            "--interface", self.settings.host,
            "--credentials", str(self.credentials or self.log_dir / "credentials.yml"),
            "--endpoints", str(self.endpoints),
            "--model", str(MODELS_DIR),
            "--cors", "*",
        ]

    def spawn_rasa(self) -> subprocess.Popen:
        """Start the Rasa server without waiting for it (the supervisor's restart)."""
        if self.credentials is None:
            from bot.serve.credentials import write_runtime_credentials

            write_runtime_credentials(self._env(), self.log_dir / "credentials.yml")
        self.rasa = self._spawn("rasa", self.rasa_command())
        return self.rasa

    def start_rasa(self) -> None:
        wait_until_up(f"{self.rasa_url}/status?token={self.settings.auth_token}", 300, self.spawn_rasa())

    def start(self) -> "Servers":
        from bot.store.migrate import upgrade

        upgrade(self.database_url)  # the schema is current before anyone writes
        if self.with_actions:
            self.start_actions()
        self.start_rasa()
        return self

    @staticmethod
    def _stop(process: Optional[subprocess.Popen]) -> None:
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def stop_actions(self) -> None:
        self._stop(self.actions)

    def stop(self) -> None:
        self._stop(self.rasa)
        self._stop(self.actions)

    def __enter__(self) -> "Servers":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def for_this_machine() -> Servers:
    """The servers as ``make run`` and ``make shell`` start them: settings and channels from the environment."""
    from bot.common import settings

    return Servers(settings.load())


def start_or_explain(servers: Servers, start: Callable[[], None], what: str) -> bool:
    """Run ``start``; on failure stop everything and say where the logs are."""
    from sqlalchemy.exc import OperationalError

    try:
        start()
        return True
    except OperationalError as exc:
        servers.stop()
        where = sa_url_without_password(servers.database_url)
        print(f"Could not start {what}: the database at {where} cannot be reached "
              f"({str(exc.orig).strip().splitlines()[0]}). Check DATABASE_URL.", file=sys.stderr)
        return False
    except (RuntimeError, TimeoutError) as exc:
        servers.stop()
        print(f"Could not start {what}: {exc}. See the logs in {LOG_DIR}.", file=sys.stderr)
        return False


def sa_url_without_password(url: str) -> str:
    """A database URL safe to print."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
