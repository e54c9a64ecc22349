"""Alembic environment: our tables only; Rasa's ``events`` table is Rasa's."""
from __future__ import annotations

from alembic import context

from bot.store.database import engine_for
from bot.store.migrate import only_our_tables
from bot.store.models import Base

config = context.config


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_object=only_our_tables,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _configure(connection)
else:
    with engine_for(config.attributes.get("database_url")).begin() as fresh:
        _configure(fresh)
