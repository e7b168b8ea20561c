"""A small national data set and a real Dask cluster (worker processes on 127.0.0.1)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from layers.synthetic_national import write_national_data

FORCES = ["West Yorkshire", "Cambridgeshire", "Cumbria", "Gwent", "City of London"]


@pytest.fixture(scope="session")
def national_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("national")
    write_national_data(out, rows=30_000, months=14, forces=FORCES, seed=5)
    return out


@pytest.fixture(scope="session")
def cluster_client():
    """A LocalCluster of two worker processes, closed at the end of the session."""
    from layers.cluster import dask_client

    with dask_client(workers=2) as client:
        yield client


@pytest.fixture(scope="session")
def store(national_dir, cluster_client, tmp_path_factory):
    from layers.store_import import import_to_store

    root = tmp_path_factory.mktemp("store")
    layer, skipped = import_to_store([national_dir], root, client=cluster_client)
    return layer, skipped


@pytest.fixture
def scheduler_by_hand(tmp_path):
    """`dask scheduler` and `dask worker` started as separate processes, as a user would."""
    dask = shutil.which("dask") or str(Path(sys.executable).with_name("dask"))
    sfile = tmp_path / "scheduler.json"
    common = ["--no-dashboard"]
    sched = subprocess.Popen(
        [
            dask,
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--scheduler-file",
            str(sfile),
            *common,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    procs = [sched]
    try:
        deadline = time.monotonic() + 60
        while not sfile.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(sfile.read_text())["address"]
        worker = subprocess.Popen(
            [
                dask,
                "worker",
                address,
                "--nworkers",
                "2",
                "--nthreads",
                "1",
                "--host",
                "127.0.0.1",
                *common,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        procs.append(worker)
        from distributed import Client

        with Client(address, timeout="30s") as c:
            c.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
