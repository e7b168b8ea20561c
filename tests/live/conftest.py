"""A real PostgreSQL (with PostGIS) started by the tests in a temporary directory
(see :mod:`tests.live.pgserver`), stopped at the end of the session."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from tests.live.pgserver import PgServer, ServerUnavailable, start_server


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    try:
        server = start_server()
    except ServerUnavailable as exc:
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_db(pg_server: PgServer) -> Iterator[str]:
    """A fresh database (with PostGIS when installed); yields its conninfo."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:10]
    with psycopg.connect(pg_server.conninfo(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    info = pg_server.conninfo(name)
    with psycopg.connect(info, autocommit=True) as conn:
        avail = conn.execute(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'"
        ).fetchone()
        if avail:
            conn.execute("CREATE EXTENSION postgis")
    yield info
    with psycopg.connect(pg_server.conninfo(), autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            (name,),
        )
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
