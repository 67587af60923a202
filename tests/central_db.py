"""Central's database for tests: a SQLite file, and a fresh database on a real PostgreSQL
server (a throwaway cluster, see sync_helpers.throwaway_postgres). Import the fixtures."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.sync_helpers import throwaway_postgres

_db_count = itertools.count()


@pytest.fixture(scope="module")
def pg_server() -> Iterator[str]:
    """A real PostgreSQL server for the tests of one module."""
    with throwaway_postgres() as url:
        yield url


def new_pg_database(server: str) -> str:
    """A new empty database on the server; its URL."""
    name = f"central_{os.getpid()}_{next(_db_count)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return server.replace("/postgres?", f"/{name}?")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Central's database: a SQLite file, and the same models on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'c.sqlite'}"
        return
    yield new_pg_database(request.getfixturevalue("pg_server"))
