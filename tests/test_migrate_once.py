"""Migrations run once when several replicas start together (bot/store/migrate.py).

Two processes upgrade the same empty PostgreSQL database at the same moment
(a barrier releases both): both must succeed, and the schema must be at head
with one version row. Without the advisory lock one of them fails with
"relation already exists".
"""
from __future__ import annotations

import multiprocessing
import uuid

import sqlalchemy as sa


def _upgrade_after(barrier, url: str, results) -> None:
    try:
        from bot.store.migrate import upgrade

        barrier.wait(timeout=120)
        upgrade(url)
        results.put("ok")
    except BaseException as error:  # noqa: BLE001 - the parent asserts on what happened
        results.put(f"{type(error).__name__}: {error}")


def test_two_replicas_upgrading_one_empty_database_together_both_succeed_once(postgres):
    from alembic.script import ScriptDirectory

    from bot.store.migrate import alembic_config

    url = postgres.create_database("m_" + uuid.uuid4().hex[:12])
    spawn = multiprocessing.get_context("spawn")  # fresh interpreters, as two replicas would be
    barrier, results = spawn.Barrier(2), spawn.Queue()
    processes = [spawn.Process(target=_upgrade_after, args=(barrier, url, results)) for _ in range(2)]
    for process in processes:
        process.start()
    outcomes = sorted(results.get(timeout=180) for _ in processes)
    for process in processes:
        process.join(timeout=60)
    assert outcomes == ["ok", "ok"]

    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            versions = [row[0] for row in connection.execute(sa.text("SELECT version_num FROM alembic_version"))]
            tables = set(sa.inspect(connection).get_table_names())
    finally:
        engine.dispose()
    assert versions == [head]
    assert {"people", "saved_scripts", "alliance_check_ins", "decision_summaries"} <= tables
