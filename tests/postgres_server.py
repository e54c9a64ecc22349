"""A real PostgreSQL server for the tests, started from Debian's binaries.

It runs in a throw-away directory on a loopback port with trust auth, so the
tests need no set-up and leave nothing behind. PostgreSQL refuses to run as
root; as root we hand the directory to the ``postgres`` user and run the
server as that user.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import List, Optional

USER = "alliance"


def _bin_dir() -> Optional[Path]:
    """Debian keeps the server binaries out of PATH, under /usr/lib/postgresql/<version>/bin."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                      key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


class PostgresServer:
    def __init__(self, port: int) -> None:
        self.port = port
        self.bin_dir = _bin_dir()
        self.base = Path(tempfile.mkdtemp(prefix="alliance-pg-"))
        self.data = self.base / "data"
        self.log = self.base / "server.log"

    def _as_server_user(self, command: List[str]) -> List[str]:
        return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command

    def _run(self, *command: str) -> None:
        subprocess.run(self._as_server_user(list(command)), check=True, capture_output=True, timeout=120)

    def start(self) -> "PostgresServer":
        if self.bin_dir is None:
            raise RuntimeError("PostgreSQL is not installed (Debian package 'postgresql')")
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chmod(self.base, 0o755)
            os.chown(self.base, owner.pw_uid, owner.pw_gid)
        self._run(str(self.bin_dir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", USER,
                  "-E", "UTF8", "--no-sync")
        options = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                  "-o", options, "-w", "-t", "60", "start")
        return self

    def create_database(self, name: str) -> str:
        """A fresh, empty database; returns its SQLAlchemy URL."""
        import psycopg2

        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user=USER, dbname="postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        connection.close()
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        if self.bin_dir is not None and self.data.exists():
            subprocess.run(self._as_server_user([str(self.bin_dir / "pg_ctl"), "-D", str(self.data),
                                                 "-m", "fast", "-w", "stop"]), capture_output=True, timeout=120)
        shutil.rmtree(self.base, ignore_errors=True)

    def log_tail(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-3000:]
        except OSError:
            return ""
