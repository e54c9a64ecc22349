"""The whole cluster: PostgreSQL, Redis, N replicas (Rasa + its action server), nginx in front.

Each replica is a :class:`bot.serve.servers.Servers`, started exactly as ``make
run`` starts one, with deploy/endpoints.yml (Redis lock store) and the
cluster's database. Everything is spawned at once and then waited for: on
2 cores, loading two models side by side is what takes the time.

Migrations run once, here, before any replica starts (one migration step,
so no replica ever serves on an old schema); ``upgrade`` also takes a
PostgreSQL advisory lock, because another machine's ``make run-cluster`` or
``make migrate`` may run at the same moment (bot/store/migrate.py).

One supervisor (bot/serve/supervisor.py) watches every process, the helpers too:
a replica that dies is started again the way ``make run`` restarts its
servers, while nginx sends its traffic to the others.
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Mapping, Optional

from bot.cluster.nginx import Nginx
from bot.cluster.postgres import Postgres
from bot.cluster.redis import LOCK_DB, Redis
from bot.serve.servers import Servers, wait_until_up
from bot.common.settings import ROOT, Settings
from bot.serve.supervisor import Supervisor, Watched, watch_servers

HOME = ROOT / "build" / "cluster"
ENDPOINTS = ROOT / "deploy" / "endpoints.yml"
#: seconds a turn may hold its conversation's lock (Rasa's TICKET_LOCK_LIFETIME; its default is 60).
#: A replica killed mid-turn leaves its lock behind: the conversation's next turn waits this long at most.
#: It must stay above the slowest turn, or two turns of one conversation could overlap.
LOCK_LIFETIME = 30


@dataclass(frozen=True)
class Ports:
    nginx: int
    postgres: int
    redis: int
    rasa: List[int]
    actions: List[int]

    @classmethod
    def from_base(cls, base: int, replicas: int) -> "Ports":
        """nginx on ``base``; Rasa on base+5, +6 ...; action servers on base+55, +56 ...; PostgreSQL +32; Redis +79."""
        return cls(nginx=base, postgres=base + 32, redis=base + 79,
                   rasa=[base + 5 + i for i in range(replicas)], actions=[base + 55 + i for i in range(replicas)])


def secret(env: Mapping[str, str], name: str) -> str:
    """A secret from the environment (.env), else a one-off one for this run."""
    return env.get(name, "").strip() or secrets.token_urlsafe(24)


class Cluster:
    def __init__(self, ports: Ports, auth_token: str, home: Path = HOME, host: str = "127.0.0.1",
                 env: Optional[Mapping[str, str]] = None, extra_env: Optional[Dict[str, str]] = None,
                 listen: str = "127.0.0.1") -> None:
        """``host``: where the replicas listen (loopback: only nginx reaches them); ``listen``: nginx's address."""
        env = os.environ if env is None else env
        self.home = Path(home)
        self.ports = ports
        self.log_dir = self.home / "logs"
        self.postgres = Postgres(self.home / "postgres", ports.postgres, secret(env, "CLUSTER_DB_PASSWORD"),
                                 self.log_dir)
        self.redis = Redis(self.home / "redis", ports.redis, secret(env, "REDIS_PASSWORD"), self.log_dir)
        self.nginx = Nginx(self.home / "nginx", listen, ports.nginx,
                           [f"{host}:{port}" for port in ports.rasa], self.log_dir)
        shared = {
            "DATABASE_URL": self.postgres.url,
            "REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(ports.redis),
            "REDIS_PASSWORD": self.redis.password, "REDIS_DB": str(LOCK_DB),
            "TICKET_LOCK_LIFETIME": env.get("TICKET_LOCK_LIFETIME", "").strip() or str(LOCK_LIFETIME),
        }
        if not env.get("WIDGET_ALLOWED_ORIGINS", "").strip():  # the page is served through nginx
            shared["WIDGET_ALLOWED_ORIGINS"] = f"http://localhost:{ports.nginx},http://127.0.0.1:{ports.nginx}"
        shared.update(extra_env or {})
        self.replicas = [
            Servers(Settings(host=host, rasa_port=rasa, action_port=actions, auth_token=auth_token),
                    log_dir=self.log_dir / f"replica-{number}", extra_env=dict(shared), endpoints=ENDPOINTS)
            for number, (rasa, actions) in enumerate(zip(ports.rasa, ports.actions), 1)
        ]

    @property
    def url(self) -> str:
        """Where people, webhooks and clients connect: nginx."""
        return self.nginx.url

    @property
    def database_url(self) -> str:
        return self.postgres.url

    def start(self) -> "Cluster":
        """Start everything, migrations once before the replicas; returns when every part answers."""
        from bot.store.migrate import upgrade

        self.postgres.spawn()
        self.redis.spawn()
        self.postgres.wait_ready()
        self.redis.wait_ready()
        upgrade(self.postgres.url)
        for replica in self.replicas:
            replica.spawn_actions()
            replica.spawn_rasa()
        self.nginx.start()
        for replica in self.replicas:
            wait_until_up(f"{replica.actions_url}/health", 180, replica.actions)
        for replica in self.replicas:
            wait_until_up(f"{replica.rasa_url}/status?token={replica.settings.auth_token}", 400, replica.rasa)
        return self

    def supervisor(self, log: Callable[[str], None] = print) -> Supervisor:
        """One supervisor for every process of the cluster."""
        processes: Dict[str, Watched] = {
            "PostgreSQL server": Watched(lambda: self.postgres.process, self.postgres.spawn),
            "Redis server": Watched(lambda: self.redis.process, self.redis.spawn),
            "nginx": Watched(lambda: self.nginx.process, self.nginx.spawn),
        }
        for number, replica in enumerate(self.replicas, 1):
            processes.update(watch_servers(replica, f" {number}"))
        return Supervisor(processes, log)

    def stop(self) -> None:
        self.nginx.stop()
        for replica in self.replicas:
            replica.stop()
        self.redis.stop()
        self.postgres.stop()

    def __enter__(self) -> "Cluster":
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()
