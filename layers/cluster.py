"""The Dask cluster that large stores are read and aggregated on.

By default an embedded ``LocalCluster`` of worker processes on this machine (nothing to install or
start, bound to 127.0.0.1); with ``scheduler="tcp://HOST:PORT"`` an existing ``dask.distributed``
cluster. Either way the same tasks run and the same numbers come back.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from typing import Any

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


def gather(
    client: Any,
    futures: list[Any],
    what: str,
    *,
    on_result: Callable[[int, Any], None] | None = None,
    advice: str = "no partial result was kept",
) -> list[Any]:
    """The results of ``futures`` as they finish; a lost cluster is one clear DataError.

    A worker that dies is replaced and its tasks re-run by the scheduler (up to its
    ``allowed-failures``); a task that keeps losing its worker, or a scheduler that goes away,
    stops the whole job: the remaining tasks are cancelled and nothing is half-counted.
    """
    from distributed import CancelledError, KilledWorker, as_completed

    results: list[Any] = []
    try:
        for i, fut in enumerate(as_completed(futures), 1):
            results.append(fut.result())
            if on_result is not None:
                on_result(i, results[-1])
    except KilledWorker as exc:
        client.cancel(futures)
        tries = int(exc.allowed_failures) + 1
        last = getattr(exc.last_worker, "address", "?")
        raise DataError(
            f"{what} stopped: the Dask worker running one of its tasks died "
            f"{tries} time{'s' if tries > 1 else ''} (last on {last}); {advice}"
        ) from exc
    except (OSError, TimeoutError, CancelledError) as exc:
        client.cancel(futures)
        raise DataError(
            f"{what} stopped: the Dask cluster was lost ({type(exc).__name__}: {exc}); "
            f"{advice}"
        ) from exc
    return results
