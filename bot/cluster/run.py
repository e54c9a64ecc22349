"""``make run-cluster``: the cluster on this machine, until Ctrl-C.

Ports from ``CLUSTER_BASE_PORT`` (default 8000: nginx there, the replicas on
8005/8006, their action servers on 8055/8056, PostgreSQL on 8032, Redis on
8079), ``CLUSTER_REPLICAS`` replicas (default 2); nginx listens on
``ALLIANCE_HOST`` (default 127.0.0.1), the replicas on loopback only. Secrets from the
environment or .env (``RASA_AUTH_TOKEN``, ``CLUSTER_DB_PASSWORD``,
``REDIS_PASSWORD``); each one not set is made up for this run. Data and
logs in build/cluster/. See docs/cluster.md.
"""
from __future__ import annotations

import os
import sys

from bot.common import settings
from bot.cluster.cluster import HOME, Cluster, Ports
from bot.cluster.debian import missing_packages
from bot.serve.run import stop_on_signals, until_stopped


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip() or str(default)
    try:
        return int(value)
    except ValueError as exc:
        raise SystemExit(f"{name} must be a number, not {value!r}") from exc


def main() -> int:
    missing = missing_packages()
    if missing:
        print(f"The cluster needs Debian's {', '.join(missing)}: run `bash deploy/install-packages.sh` as root "
              "(make run-cluster does).", file=sys.stderr)
        return 1
    replicas = _int("CLUSTER_REPLICAS", 2)
    if not 1 <= replicas <= 8:
        raise SystemExit("CLUSTER_REPLICAS must be between 1 and 8")
    configured = bool(os.environ.get("RASA_AUTH_TOKEN", "").strip())
    cluster = Cluster(Ports.from_base(_int("CLUSTER_BASE_PORT", 8000), replicas), settings.load().auth_token,
                      listen=os.environ.get("ALLIANCE_HOST", "").strip() or "127.0.0.1")
    stop = stop_on_signals()
    print(f"Starting PostgreSQL, Redis, {replicas} replicas and nginx (a minute or two)...", flush=True)
    try:
        cluster.start()
    except (RuntimeError, TimeoutError, OSError) as error:
        cluster.stop()
        print(f"Could not start the cluster: {error}\nLogs in {HOME / 'logs'}.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        cluster.stop()
        return 130
    os.environ["DATABASE_URL"] = cluster.database_url  # for the retention purge below
    rest = "on" if os.environ.get("REST_CHANNEL_TOKEN", "").strip() else "off (set REST_CHANNEL_TOKEN in .env)"
    token = "<RASA_AUTH_TOKEN from .env>" if configured else cluster.replicas[0].settings.auth_token + "  (one-off)"
    print(
        "\nAlliance is running as a cluster.\n"
        f"  web chat:       {cluster.url}/webhooks/widget/chat/\n"
        f"  REST channel:   {cluster.url}/webhooks/rest/webhook ({rest})\n"
        f"  HTTP API:       {cluster.url}/status?token={token}\n"
        f"  replicas:       {', '.join(replica.rasa_url for replica in cluster.replicas)}\n"
        f"  PostgreSQL:     127.0.0.1:{cluster.ports.postgres} (data in {cluster.postgres.data})\n"
        f"  Redis:          127.0.0.1:{cluster.ports.redis} (conversation locks)\n"
        f"  logs:           {cluster.log_dir}\n"
        "Press Ctrl-C to stop.", flush=True)
    until_stopped(cluster.supervisor(log=lambda line: print(f"{line} Logs: {cluster.log_dir}", flush=True)), stop)
    cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
