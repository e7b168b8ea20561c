"""The Dask cluster that large stores are read and aggregated on.

By default an embedded ``LocalCluster`` of worker processes on this machine (nothing to install or
start, bound to 127.0.0.1); with ``scheduler="tcp://HOST:PORT"`` an existing ``dask.distributed``
cluster. Either way the same tasks run and the same numbers come back.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from layers.validation import DataError


def default_workers() -> int:
    """One single-threaded worker process per core (numpy kernels hold the GIL)."""
    return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def dask_client(
    scheduler: str | None = None, *, workers: int | None = None
) -> Iterator[object]:
    """A ``distributed.Client``: to ``scheduler`` if given, else to a new local cluster.

    The local cluster is closed on exit; a cluster given by address is left running.
    """
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise DataError(
                f"cannot reach the Dask scheduler at {scheduler} ({exc})"
            ) from exc
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=workers or default_workers(),
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",  # None would still take :8787
        silence_logs=40,
    )
    try:
        with Client(cluster) as client:
            yield client
    finally:
        cluster.close()


def describe(client: object) -> str:
    """How many workers and where, for method notes."""
    info = client.scheduler_info()  # type: ignore[attr-defined]
    n = len(info.get("workers", {}))
    return f"{n} Dask worker(s) at {info.get('address', '?')}"
