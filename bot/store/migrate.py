"""Bring the store's schema up to date (Alembic), as ``make run`` does before start.

There is no alembic.ini: the configuration is built here, so the one place
that knows the database URL (``database``) stays the only one.

Several replicas may start at the same moment against one PostgreSQL
database (``make run-cluster``, or one ``make run`` per machine). Two Alembic
runs on an empty database would both try to create the same tables and one
would fail. So on PostgreSQL the upgrade first takes a transaction-level
advisory lock: the second run waits for the first to commit, then finds the
schema at head and does nothing. The lock goes with the transaction, so a
run that dies cannot leave it held. SQLite needs nothing: ``BEGIN IMMEDIATE``
(``database._begin_immediate``) already serialises writers of one file.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from alembic import command
from alembic.config import Config

from bot.store.database import database_url, engine_for

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: the advisory lock's key: any constant the database's other users do not take ("Alliance" in ASCII)
MIGRATION_LOCK = 0x416C6C69616E6365


def only_our_tables(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic ``include_object``: a table in the database but not in our models (Rasa's ``events``) is not ours."""
    return not (type_ == "table" and reflected and compare_to is None)


def alembic_config(url: Optional[str] = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["database_url"] = url or database_url()
    return config


def upgrade(url: Optional[str] = None) -> None:
    """Apply every migration not yet applied (safe to run on every start)."""
    config = alembic_config(url)
    with engine_for(config.attributes["database_url"]).begin() as connection:
        if connection.dialect.name == "postgresql":
            # held until this transaction ends; a concurrent upgrade waits here
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def pending_changes(url: Optional[str] = None) -> list:
    """Differences between the models and the migrated database (empty when in step)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from bot.store.models import Base

    with engine_for(url or database_url()).connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": only_our_tables, "compare_type": True})
        return compare_metadata(context, Base.metadata)
