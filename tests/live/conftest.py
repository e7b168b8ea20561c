"""A real PostgreSQL (with PostGIS) started by the tests in a temporary directory.

initdb refuses to run as root, so as root the cluster is made and run as the
``postgres`` user that Debian's package creates. The server listens only on a Unix
socket inside the temporary directory (no TCP port), and is stopped at the end.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


def _bindir() -> Path | None:
    try:
        out = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, check=True
        ).stdout.strip()
        if (Path(out) / "initdb").exists() and (Path(out) / "postgres").exists():
            return Path(out)
    except (OSError, subprocess.CalledProcessError):
        pass
    for cand in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(cand) / "initdb").exists() and (Path(cand) / "postgres").exists():
            return Path(cand)
    return None


@dataclass
class PgServer:
    socket_dir: Path
    port: int
    user: str

    def conninfo(self, dbname: str = "postgres") -> str:
        return (
            f"host={self.socket_dir} port={self.port} user={self.user} dbname={dbname}"
        )

    def uri(self, dbname: str = "postgres") -> str:
        from urllib.parse import quote

        return f"postgresql://{self.user}@{quote(str(self.socket_dir), safe='')}:{self.port}/{dbname}"


def _run_as(user: str | None, cmd: list[str]) -> subprocess.CompletedProcess:
    if user is not None:
        cmd = ["runuser", "-u", user, "--", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    bindir = _bindir()
    if bindir is None:
        pytest.skip(
            "PostgreSQL server binaries (initdb, postgres) are not installed; "
            "run scripts/system-deps.sh"
        )
    run_user = None
    if os.geteuid() == 0:
        run_user = "postgres"
        try:
            import pwd

            pw = pwd.getpwnam(run_user)
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user for initdb")
    root = Path(tempfile.mkdtemp(prefix="workstation-pg-"))
    data = root / "data"
    if run_user is not None:
        os.chown(root, pw.pw_uid, pw.pw_gid)
        root.chmod(0o755)
    res = _run_as(
        run_user,
        [
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "workstation",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C",
        ],
    )
    if res.returncode:
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"initdb failed: {res.stderr.strip()}")
    port = 5432 + (os.getpid() % 2000) + 1000
    opts = (
        f"-k {root} -p {port} -c listen_addresses='' -c fsync=off -c max_connections=40"
    )
    res = _run_as(
        run_user,
        [
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            opts,
            "-l",
            str(root / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        ],
    )
    if res.returncode:
        log = (root / "server.log").read_text(errors="replace")[-2000:]
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"pg_ctl start failed: {res.stderr.strip()} {log}")
    try:
        yield PgServer(socket_dir=root, port=port, user="workstation")
    finally:
        _run_as(
            run_user,
            [str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
        )
        shutil.rmtree(root, ignore_errors=True)


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
