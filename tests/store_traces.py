"""Looking for what should be gone: every table's rows, and SQLite's raw bytes."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, List

import sqlalchemy as sa


def traces_in_tables(url: str, needles: Iterable[str]) -> List[str]:
    """'table: needle' for every row of every table that still holds a needle."""
    found = []
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            for table_name in sa.inspect(connection).get_table_names():
                table = sa.Table(table_name, sa.MetaData(), autoload_with=connection)
                for row in connection.execute(sa.select(table)):
                    text = " ".join(str(value) for value in row)
                    found += [f"{table_name}: {needle}" for needle in needles if needle in text]
    finally:
        engine.dispose()
    return found


def traces_in_sqlite_files(url: str, needles: Iterable[str]) -> List[str]:
    """Needles anywhere in the database file or its journals, free pages included."""
    path = Path(sa.engine.make_url(url).database)
    found = []
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-journal")):
        if file.exists():
            raw = file.read_bytes()
            found += [f"{file.name}: {needle}" for needle in needles if needle.encode() in raw]
    return found
