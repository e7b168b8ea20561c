"""Start and stop a throw-away PostgreSQL server (tests and benchmarks).

initdb refuses to run as root, so as root the cluster is made and run as the
``postgres`` user that Debian's package creates. The server listens only on a Unix
socket inside its temporary directory (no TCP port) and is removed when stopped.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote


class ServerUnavailable(RuntimeError):
    """The server binaries or a user to run them as are missing."""


def bindir() -> Path | None:
    """The folder of initdb/pg_ctl/postgres, or None when not installed."""
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
    root: Path
    port: int
    user: str
    bindir: Path
    run_user: str | None

    def conninfo(self, dbname: str = "postgres") -> str:
        return f"host={self.root} port={self.port} user={self.user} dbname={dbname}"

    def uri(self, dbname: str = "postgres") -> str:
        host = quote(str(self.root), safe="")
        return f"postgresql://{self.user}@{host}:{self.port}/{dbname}"

    def stop(self) -> None:
        _run_as(
            self.run_user,
            [
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.root / "data"),
                "-m",
                "fast",
                "-w",
                "stop",
            ],
        )
        shutil.rmtree(self.root, ignore_errors=True)


def _run_as(user: str | None, cmd: list[str]) -> subprocess.CompletedProcess:
    if user is not None:
        cmd = ["runuser", "-u", user, "--", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def start_server() -> PgServer:
    """initdb + pg_ctl start in a new temporary folder; call ``stop()`` after."""
    bins = bindir()
    if bins is None:
        raise ServerUnavailable(
            "PostgreSQL server binaries (initdb, postgres) are not installed; "
            "run scripts/system-deps.sh"
        )
    run_user = None
    root = Path(tempfile.mkdtemp(prefix="workstation-pg-"))
    if os.geteuid() == 0:
        import pwd

        try:
            pw = pwd.getpwnam("postgres")
        except KeyError as exc:
            shutil.rmtree(root, ignore_errors=True)
            raise ServerUnavailable(
                "running as root and there is no 'postgres' user for initdb"
            ) from exc
        run_user = "postgres"
        os.chown(root, pw.pw_uid, pw.pw_gid)
        root.chmod(0o755)
    data = root / "data"
    res = _run_as(
        run_user,
        [
            str(bins / "initdb"),
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
        raise RuntimeError(f"initdb failed: {res.stderr.strip()}")
    port = 6000 + os.getpid() % 2000
    opts = (
        f"-k {root} -p {port} -c listen_addresses='' -c fsync=off "
        "-c synchronous_commit=off -c max_connections=40"
    )
    res = _run_as(
        run_user,
        [
            str(bins / "pg_ctl"),
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
        raise RuntimeError(f"pg_ctl start failed: {res.stderr.strip()} {log}")
    return PgServer(
        root=root, port=port, user="workstation", bindir=bins, run_user=run_user
    )
