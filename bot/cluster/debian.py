"""Where Debian's PostgreSQL, Redis and nginx binaries are, and which packages are missing.

Why Debian's packages: they come from the one package source every machine
here reaches, and ``deploy/install-packages.sh`` (and ``.ci/run``) installs
them the same way everywhere. None of them runs as a system service: the
cluster starts each binary itself, as the current user, with its
configuration and data under build/cluster/.
"""
from __future__ import annotations

import glob
import shutil
from pathlib import Path
from typing import List, Optional


def postgres_bin_dir() -> Optional[Path]:
    """Debian keeps the server binaries out of PATH, under /usr/lib/postgresql/<version>/bin."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("postgres")
    return Path(on_path).resolve().parent if on_path else None


def redis_server() -> Optional[str]:
    return shutil.which("redis-server") or _exists("/usr/bin/redis-server")


def nginx() -> Optional[str]:
    return shutil.which("nginx") or _exists("/usr/sbin/nginx")


def _exists(path: str) -> Optional[str]:
    return path if Path(path).exists() else None


def missing_packages() -> List[str]:
    """The Debian packages the cluster needs that are not installed."""
    missing = []
    if postgres_bin_dir() is None:
        missing.append("postgresql")
    if redis_server() is None:
        missing.append("redis-server")
    if nginx() is None:
        missing.append("nginx")
    return missing
