"""PostgreSQL for the cluster: one database for the tracker store and the project's store.

The data directory is build/cluster/postgres/data (kept between runs). The
server listens on 127.0.0.1 only and asks for a password there
(scram-sha-256); its Unix socket is in a directory only the server's user
can open, where it trusts that user: through it the cluster sets the role's
password on every start from the environment (``CLUSTER_DB_PASSWORD``, or a
one-off one), so no password is ever written to disk.

PostgreSQL refuses to run as root: as root, the server runs as Debian's
``postgres`` user, which then owns the data directory.
"""
from __future__ import annotations

import os
import pwd
import signal
import subprocess
from pathlib import Path
from typing import List, Optional
from urllib.parse import quote

from bot.cluster.debian import postgres_bin_dir
from bot.cluster.service import Service

ROLE = "alliance"
DATABASE = "alliance"


class Postgres(Service):
    name = "postgres"
    stop_signal = signal.SIGINT  # "fast" shutdown: running transactions are rolled back

    def __init__(self, home: Path, port: int, password: str, log_dir: Path) -> None:
        super().__init__(log_dir)
        self.home = Path(home)
        self.data = self.home / "data"
        self.socket_dir = self.home / "socket"
        self.port = port
        self.password = password
        self.bin_dir = postgres_bin_dir()

    @property
    def url(self) -> str:
        """What the replicas and action servers connect to (over TCP, with the password)."""
        return f"postgresql://{ROLE}:{quote(self.password, safe='')}@127.0.0.1:{self.port}/{DATABASE}"

    def user(self) -> Optional[str]:
        return "postgres" if os.geteuid() == 0 else None

    def _own(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        if self.user():
            owner = pwd.getpwnam(self.user())
            os.chown(path, owner.pw_uid, owner.pw_gid)

    def prepare(self) -> None:
        if self.bin_dir is None:
            raise RuntimeError("PostgreSQL is not installed (Debian package 'postgresql')")
        self._own(self.home)
        self._own(self.socket_dir)
        os.chmod(self.socket_dir, 0o700)
        if not (self.data / "PG_VERSION").exists():
            kwargs = {"user": self.user(), "group": self.user(), "extra_groups": []} if self.user() else {}
            done = subprocess.run([str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", ROLE, "-E", "UTF8",
                                   "--auth-local=trust", "--auth-host=scram-sha-256"],
                                  capture_output=True, timeout=120, **kwargs)
            if done.returncode != 0:
                raise RuntimeError(f"initdb failed: {done.stderr.decode(errors='replace')[-1500:]}")

    def command(self) -> List[str]:
        return [str(self.bin_dir / "postgres"), "-D", str(self.data), "-p", str(self.port),
                "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={self.socket_dir}",
                "-c", "unix_socket_permissions=0700", "-c", "password_encryption=scram-sha-256"]

    def _local(self, dbname: str = "postgres"):
        import psycopg2

        return psycopg2.connect(host=str(self.socket_dir), port=self.port, user=ROLE, dbname=dbname,
                                connect_timeout=2)

    def ready(self) -> bool:
        import psycopg2

        try:
            self._local().close()
            return True
        except psycopg2.OperationalError:
            return False

    def wait_ready(self, timeout: float = 60) -> None:
        super().wait_ready(timeout)
        self.configure()

    def configure(self) -> None:
        """This run's password on the role, and the database, over the trusted local socket."""
        connection = self._local()
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER ROLE {ROLE} PASSWORD %s", (self.password,))
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,))
                if cursor.fetchone() is None:
                    cursor.execute(f"CREATE DATABASE {DATABASE}")
        finally:
            connection.close()
