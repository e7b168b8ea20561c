"""The real engine: worker processes on 127.0.0.1 killed mid-job; the job finishes or says why."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import dask
import pytest

from layers import readers
from layers.store_import import import_to_store
from layers.store_parquet import MANIFEST, open_store


class _Killer:
    """SIGKILL the process of a worker as soon as one is running a task."""

    def __init__(self, client) -> None:
        self.client = client
        self.pids = client.run(os.getpid)
        self.killed: list[int] = []
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not self.killed:
            busy = [w for w, tasks in self.client.processing().items() if tasks]
            if busy and busy[0] in self.pids:
                os.kill(self.pids[busy[0]], signal.SIGKILL)
                self.killed.append(self.pids[busy[0]])
            time.sleep(0.005)

    def __enter__(self) -> _Killer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.thread.join()


def _leftovers(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.slow
def test_an_import_survives_a_killed_worker_on_a_cluster_started_by_hand(
    national_dir, scheduler_by_hand, tmp_path
):
    """`dask scheduler` + `dask worker --nworkers 2`: one worker killed, every row kept once."""
    from distributed import Client

    root = tmp_path / "store"
    with Client(scheduler_by_hand, timeout="30s") as client:
        with _Killer(client) as killer:
            layer, _ = import_to_store([national_dir], root, client=client)
    assert killer.killed, "no worker was busy to kill"
    memory = readers.read(national_dir, name="Street crime")
    assert layer.rows == len(memory.frame)
    assert layer.rows_total == memory.report.rows_total
    assert layer.rows + layer.rows_rejected == layer.rows_total
    files = sorted(root.rglob("*.parquet"))
    assert len(files) == len(layer.partitions)  # each part once, none orphaned
    assert not _leftovers(root)


def test_a_job_that_keeps_losing_its_worker_fails_with_one_clear_line(
    national_dir, tmp_path, capsys
):
    """No retries allowed: the import stops, says why in one line (exit 2), writes no manifest."""
    from distributed import Client, LocalCluster

    from workstation.cli import main

    root = tmp_path / "store"
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=50,
        ) as cluster,
        Client(cluster) as client,
    ):
        with _Killer(client) as killer:
            args = ["import", str(national_dir), "--store", str(root)]
            code = main([*args, "--scheduler", cluster.scheduler_address])
    assert killer.killed, "no worker was busy to kill"
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and "Traceback" not in err[0], err
    assert "died" in err[0] and "manifest is unchanged" in err[0]
    assert not (root / MANIFEST).exists()  # nothing half-registered
    with pytest.raises(Exception, match="not a workstation store"):
        open_store(root)
