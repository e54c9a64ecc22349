"""Bring the store's schema up to date (Alembic), as ``make run`` does before start.

There is no alembic.ini: the configuration is built here, so the one place
that knows the database URL (``database``) stays the only one.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from alembic import command
from alembic.config import Config

from bot.store.database import database_url, engine_for

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


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
