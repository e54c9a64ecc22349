"""Where the store lives, and the one place that opens sessions.

SQLite under ``build/data`` is the default so that ``make run`` needs no
server; ``DATABASE_URL`` points everything (our tables and Rasa's tracker
events) at PostgreSQL instead. SQLite connections turn on ``secure_delete``
so that erased rows are overwritten, not left readable in free pages, and
an erase ends with ``reclaim`` (see there for why that is needed as well).
"""
from __future__ import annotations

import logging
import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, Mapping, Optional

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.common.settings import ROOT

DEFAULT_DATA_DIR = ROOT / "build" / "data"

logger = logging.getLogger(__name__)

_engines: Dict[str, Engine] = {}
_lock = threading.Lock()


def database_url(env: Optional[Mapping[str, str]] = None) -> str:
    """``DATABASE_URL``, or the SQLite file in ``ALLIANCE_DATA_DIR`` (default build/data)."""
    env = os.environ if env is None else env
    url = env.get("DATABASE_URL", "").strip()
    if url:
        # Heroku-style "postgres://" is what many hosts hand out.
        return "postgresql://" + url[len("postgres://"):] if url.startswith("postgres://") else url
    data_dir = Path(env.get("ALLIANCE_DATA_DIR", "").strip() or DEFAULT_DATA_DIR)
    return f"sqlite:///{data_dir / 'alliance.db'}"


def _on_sqlite_connect(dbapi_connection, _record) -> None:
    # The driver's own transaction handling is switched off so that
    # ``_begin_immediate`` decides how a transaction starts.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA secure_delete = ON")   # erased rows are zeroed on disk
    cursor.execute("PRAGMA foreign_keys = ON")    # scripts go with their person
    cursor.execute("PRAGMA busy_timeout = 10000")  # two processes share the file
    cursor.close()


def _begin_immediate(connection) -> None:
    """Take SQLite's write lock when a transaction starts, not halfway through.

    Two processes (Rasa, the action server) write to one file. A transaction
    that reads first and writes later can meet another writer in a state
    SQLite resolves by failing at once instead of waiting; starting every
    transaction with the lock makes them queue behind ``busy_timeout``.
    """
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def harden(engine: Engine) -> Engine:
    """Per-connection settings every engine on our database needs (Rasa's too)."""
    if engine.dialect.name == "sqlite" and not sa.event.contains(engine, "connect", _on_sqlite_connect):
        sa.event.listen(engine, "connect", _on_sqlite_connect)
        sa.event.listen(engine, "begin", _begin_immediate)
        engine.dispose()  # connections opened before the listeners are dropped
    return engine


def ensure_sqlite_dir(url: str) -> None:
    """The data directory and file exist and are readable by this user only.

    SQLite creates its journal files with the database file's permissions,
    so they are private too.
    """
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return
    path = Path(parsed.database)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def engine_for(url: Optional[str] = None) -> Engine:
    """One engine per URL per process."""
    url = url or database_url()
    with _lock:
        if url not in _engines:
            ensure_sqlite_dir(url)
            _engines[url] = harden(sa.create_engine(url, future=True, pool_pre_ping=True))
        return _engines[url]


def dispose_all() -> None:
    """Close every pooled connection (tests that drop databases need this)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


def reclaim(url: Optional[str] = None) -> bool:
    """Rebuild a SQLite file after an erase so nothing erased survives in it.

    ``secure_delete`` zeroes what a DELETE removes, but when SQLite splits or
    merges B-tree pages it leaves stale copies of moved rows in the unused
    part of a page; those were never "deleted", so they stay readable until
    the page is rewritten. VACUUM writes a fresh file. It needs a moment of
    exclusive access (``busy_timeout`` waits for it); if it cannot get it the
    rows are still gone and the next ``purge`` reclaims. PostgreSQL is left
    to autovacuum (see the README).
    """
    engine = engine_for(url)
    if engine.dialect.name != "sqlite":
        return False
    connection = engine.raw_connection()  # outside SQLAlchemy's BEGIN: VACUUM cannot run in a transaction
    try:
        connection.cursor().execute("VACUUM")
        return True
    except sqlite3.Error as error:
        logger.warning("Could not reclaim the SQLite file after an erase (%s); the next purge will", error)
        return False
    finally:
        connection.close()


@contextmanager
def session_scope(url: Optional[str] = None) -> Iterator[Session]:
    """A unit of work: committed when the block ends, rolled back if it raises."""
    session = sessionmaker(bind=engine_for(url), future=True, expire_on_commit=False)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
