"""Background work: keyed jobs on a pool of worker threads with progress and cancel.

Every import, analysis and export in the window runs through :class:`JobRunner`.
A job's function runs on a worker thread and receives ``progress=`` (a
:class:`JobProgress`: ``update(fraction, message)`` and ``.cancelled``). Its
result, failure or progress arrive as Qt signals on the main thread, where alone
the project changes. Submitting a job with a key that is already running cancels
the stale job: its result is thrown away when it ends.

The workers are Python threads (``concurrent.futures.ThreadPoolExecutor``), not
``QThreadPool`` threads: PySide gives a ``QThreadPool`` thread a fresh Python
thread state for every task, and pyproj (used by every reader) then segfaults
when tasks run side by side (reproduced with three concurrent reads). Signals are
still delivered on the main thread through a ``QObject`` that lives there.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from layers.progress import Cancelled
from layers.validation import DataError
from workstation.qt.i18n import translate

log = logging.getLogger(__name__)

#: Progress signals from one job are sent at most this often (seconds).
PROGRESS_INTERVAL_S = 0.05


class JobProgress:
    """The progress object a job's function receives (``Progress`` protocol)."""

    def __init__(self, job: Job, relay: _Relay) -> None:
        self._job = job
        self._relay = relay
        self._cancel = threading.Event()
        self._last = 0.0
        self.fraction = 0.0
        self.message = ""

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def update(self, fraction: float, message: str = "") -> None:
        self.fraction = float(min(max(fraction, 0.0), 1.0))
        if message:
            self.message = message
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL_S or self.fraction >= 1.0:
            self._last = now
            self._relay.progressed.emit(self._job.id, self.fraction, self.message)


@dataclass(eq=False)
class Job:
    """One submitted piece of work (read its state on the main thread)."""

    id: int
    key: str
    title: str
    state: str = "queued"  # queued | running | done | failed | cancelled
    result: Any = None
    error: str | None = None
    started: float = field(default_factory=time.monotonic)
    progress: JobProgress | None = None
    on_done: Callable[[Any], None] | None = None
    on_error: Callable[[str], None] | None = None

    def cancel(self) -> None:
        if self.progress is not None:
            self.progress.cancel()

    @property
    def cancelled(self) -> bool:
        return self.progress is not None and self.progress.cancelled

    @property
    def fraction(self) -> float:
        return self.progress.fraction if self.progress else 0.0

    @property
    def message(self) -> str:
        return self.progress.message if self.progress else ""

    @property
    def active(self) -> bool:
        return self.state in ("queued", "running")


class _Relay(QObject):
    """Lives on the main thread; worker threads emit through it (queued delivery)."""

    started = Signal(int)
    progressed = Signal(int, float, str)
    done = Signal(int, object)
    errored = Signal(int, str, str)  # id, kind ("error" | "cancelled"), message


class _Runnable:
    def __init__(self, job: Job, fn: Callable, args: tuple, kwargs: dict, relay):
        self._job, self._fn, self._args, self._kwargs = job, fn, args, kwargs
        self._relay = relay

    def run(self) -> None:
        job, relay = self._job, self._relay
        if job.cancelled:
            relay.errored.emit(
                job.id, "cancelled", translate("Jobs", "cancelled before it started")
            )
            return
        relay.started.emit(job.id)
        try:
            result = self._fn(*self._args, progress=job.progress, **self._kwargs)
        except Cancelled as exc:
            relay.errored.emit(job.id, "cancelled", str(exc) or "cancelled")
        except DataError as exc:
            relay.errored.emit(job.id, "error", exc.describe())
        except Exception as exc:
            log.error("job %s failed:\n%s", job.key, traceback.format_exc())
            relay.errored.emit(job.id, "error", f"{type(exc).__name__}: {exc}")
        else:
            if job.cancelled:
                relay.errored.emit(job.id, "cancelled", "cancelled")
            else:
                relay.done.emit(job.id, result)


class JobRunner(QObject):
    """Keyed background jobs with progress, cancel and main-thread delivery.

    Signals
    -------
    started(key)
    progressed(key, fraction, message)
    finished(key, result)
    failed(key, message)
    cancelled(key)
    unhandled(key, message)
        A job failed and had no ``on_error`` (the window shows it).
    jobs_changed()
        The set of running jobs changed (the activity widget listens).
    """

    started = Signal(str)
    progressed = Signal(str, float, str)
    finished = Signal(str, object)
    failed = Signal(str, str)
    cancelled = Signal(str)
    unhandled = Signal(str, str)
    jobs_changed = Signal()

    def __init__(self, parent: QObject | None = None, max_threads: int | None = None):
        super().__init__(parent)
        self._workers = max_threads or max(2, min(QThread.idealThreadCount(), 8))
        self._pool = self._new_pool()
        self._closed = False
        self._relay = _Relay(self)
        self._relay.started.connect(self._on_started)
        self._relay.progressed.connect(self._on_progress)
        self._relay.done.connect(self._on_done)
        self._relay.errored.connect(self._on_errored)
        self._ids = itertools.count(1)
        self._jobs: dict[int, Job] = {}
        self._current: dict[str, int] = {}

    def _new_pool(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(self._workers, thread_name_prefix="workstation-job")

    # -- submitting -----------------------------------------------------
    def submit(
        self,
        key: str,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        job_title: str | None = None,
        **kwargs: Any,
    ) -> Job:
        """Run ``fn(*args, progress=..., **kwargs)`` on a worker thread.

        A running job with the same ``key`` is cancelled and its outcome ignored.
        ``on_done(result)`` / ``on_error(message)`` run on the main thread.
        """
        old = self._current.get(key)
        if old is not None and old in self._jobs:
            self._jobs[old].cancel()
        job = Job(
            id=next(self._ids),
            key=key,
            title=job_title or key.split(":", 1)[0].replace("_", " ").capitalize(),
            on_done=on_done,
            on_error=on_error,
        )
        job.progress = JobProgress(job, self._relay)
        self._jobs[job.id] = job
        self._current[key] = job.id
        if self._closed:
            self._pool, self._closed = self._new_pool(), False
        self._pool.submit(_Runnable(job, fn, args, kwargs, self._relay).run)
        self.jobs_changed.emit()
        return job

    def cancel(self, key: str) -> bool:
        """Ask the current job with ``key`` to stop; True if there was one."""
        jid = self._current.get(key)
        job = self._jobs.get(jid) if jid is not None else None
        if job is None or not job.active:
            return False
        job.cancel()
        return True

    def cancel_all(self) -> None:
        for job in list(self._jobs.values()):
            job.cancel()

    def job(self, key: str) -> Job | None:
        jid = self._current.get(key)
        return self._jobs.get(jid) if jid is not None else None

    def running(self) -> list[Job]:
        """Jobs queued or running whose results are still wanted, oldest first."""
        return [
            j
            for j in self._jobs.values()
            if j.active and self._current.get(j.key) == j.id
        ]

    def is_busy(self) -> bool:
        return any(j.active for j in self._jobs.values())

    def wait(self, timeout_s: float = 30.0) -> bool:
        """Process events until every job has ended (for tests and shutdown)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            QCoreApplication.processEvents()
            if not self.is_busy():
                QCoreApplication.processEvents()
                return True
            time.sleep(0.005)
        return False

    def shutdown(self, timeout_s: float = 5.0) -> None:
        self.cancel_all()
        deadline = time.monotonic() + timeout_s
        while self.is_busy() and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.005)
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._closed = True

    # -- delivery (main thread) -------------------------------------------
    def _wanted(self, job: Job) -> bool:
        return self._current.get(job.key) == job.id and not job.cancelled

    def _on_started(self, jid: int) -> None:
        job = self._jobs.get(jid)
        if job is None:
            return
        job.state = "running"
        if self._wanted(job):
            self.started.emit(job.key)

    def _on_progress(self, jid: int, fraction: float, message: str) -> None:
        job = self._jobs.get(jid)
        if job is not None and self._wanted(job):
            self.progressed.emit(job.key, fraction, message)

    def _finish(self, job: Job) -> bool:
        self._jobs.pop(job.id, None)
        wanted = self._current.get(job.key) == job.id
        if wanted:
            del self._current[job.key]
        self.jobs_changed.emit()
        return wanted

    def _on_done(self, jid: int, result: Any) -> None:
        job = self._jobs.get(jid)
        if job is None:
            return
        job.state, job.result = "done", result
        wanted = self._finish(job)
        if job.cancelled:
            job.state = "cancelled"
            if wanted:
                self.cancelled.emit(job.key)
            return
        if not wanted:
            return
        if job.on_done is not None:
            try:
                job.on_done(result)
            except Exception as exc:
                log.error("on_done of %s failed:\n%s", job.key, traceback.format_exc())
                message = f"{type(exc).__name__}: {exc}"
                self.unhandled.emit(job.key, message)
                self.failed.emit(job.key, message)
                return
        self.finished.emit(job.key, result)

    def _on_errored(self, jid: int, kind: str, message: str) -> None:
        job = self._jobs.get(jid)
        if job is None:
            return
        wanted = self._finish(job)
        if kind == "cancelled":
            job.state = "cancelled"
            if wanted:
                self.cancelled.emit(job.key)
            return
        job.state, job.error = "failed", message
        if not wanted or job.cancelled:
            return
        if job.on_error is not None:
            job.on_error(message)
        else:
            self.unhandled.emit(job.key, message)
        self.failed.emit(job.key, message)
