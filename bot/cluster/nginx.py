"""nginx in front of the replicas: the one address people and webhooks reach.

deploy/nginx.conf is the template (why each part is there is written in it);
this fills in the listen address and the replicas, writes
build/cluster/nginx/nginx.conf, and runs ``nginx -p <that folder> -c
nginx.conf`` in the foreground (``daemon off``), with its pid file, logs and
temporary files inside that folder.
"""
from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from typing import List, Sequence

from bot.cluster.debian import nginx
from bot.cluster.service import Service
from bot.common.settings import ROOT

TEMPLATE = ROOT / "deploy" / "nginx.conf"


def render(template: str, listen: str, replicas: Sequence[str]) -> str:
    """The template with ``{{LISTEN}}`` and ``{{RASA_SERVERS}}`` filled in ($ is nginx's own syntax)."""
    servers = "\n".join(f"        server {address} max_fails=1 fail_timeout=10s;" for address in replicas)
    return template.replace("{{LISTEN}}", listen).replace("{{RASA_SERVERS}}", servers)


class Nginx(Service):
    name = "nginx"

    def __init__(self, home: Path, host: str, port: int, replicas: Sequence[str], log_dir: Path) -> None:
        super().__init__(log_dir)
        self.home = Path(home)
        self.host = host
        self.port = port
        self.replicas = list(replicas)

    @property
    def url(self) -> str:
        """nginx's address from this machine (``0.0.0.0`` listens everywhere, loopback included)."""
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"http://{host}:{self.port}"

    def prepare(self) -> None:
        if nginx() is None:
            raise RuntimeError("nginx is not installed (Debian package 'nginx')")
        for folder in ("logs", "temp"):
            (self.home / folder).mkdir(parents=True, exist_ok=True)
        text = render(TEMPLATE.read_text(encoding="utf-8"), f"{self.host}:{self.port}", self.replicas)
        (self.home / "nginx.conf").write_text(text, encoding="utf-8")

    def command(self) -> List[str]:
        # -e: the error log before the configuration is read (the default is under /var/log)
        return [nginx(), "-p", str(self.home), "-c", "nginx.conf", "-e", "logs/error.log"]

    def ready(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as answer:
                return answer.status == 200
        except (urllib.error.URLError, ConnectionError, OSError):
            return False
