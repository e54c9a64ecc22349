"""Redis for the cluster: Rasa's ``RedisLockStore`` keeps each conversation's lock here.

Why: Rasa handles one conversation's turns one at a time by a ticket lock.
The default lock lives in the process, so two replicas would each take
their own, and two turns of one person could run at once, out of order.
With the lock in Redis, every replica waits for the same one.

Nothing is saved to disk (the locks are only for turns under way). The
configuration (deploy/redis.conf, plus the port, the directory and the
password from the environment) goes to redis-server on its standard input.
"""
from __future__ import annotations

from pathlib import Path
from typing import List

from bot.cluster.debian import redis_server
from bot.cluster.service import Service
from bot.common.settings import ROOT

TEMPLATE = ROOT / "deploy" / "redis.conf"
#: Rasa's lock store database (its default is 1)
LOCK_DB = 1


class Redis(Service):
    name = "redis"

    def __init__(self, home: Path, port: int, password: str, log_dir: Path) -> None:
        super().__init__(log_dir)
        self.home = Path(home)
        self.port = port
        self.password = password

    def prepare(self) -> None:
        if redis_server() is None:
            raise RuntimeError("Redis is not installed (Debian package 'redis-server')")
        self.home.mkdir(parents=True, exist_ok=True)

    def command(self) -> List[str]:
        return [redis_server(), "-"]

    def stdin(self) -> bytes:
        quoted = '"' + self.password.replace("\\", "\\\\").replace('"', '\\"') + '"'
        config = TEMPLATE.read_text(encoding="utf-8") + (
            f"\nport {self.port}\ndir {self.home}\nrequirepass {quoted}\n")
        return config.encode()

    def client(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, password=self.password, db=LOCK_DB,
                           socket_timeout=2)

    def ready(self) -> bool:
        import redis

        try:
            return bool(self.client().ping())
        except redis.RedisError:
            return False
