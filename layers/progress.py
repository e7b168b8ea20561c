"""Progress reporting and cancellation for long work (Qt-free)."""

from __future__ import annotations

import sys
from typing import Protocol, runtime_checkable


class Cancelled(Exception):
    """Raised by long work when its progress object asks it to stop."""


@runtime_checkable
class Progress(Protocol):
    """What analysis and readers call at natural steps."""

    @property
    def cancelled(self) -> bool: ...

    def update(self, fraction: float, message: str = "") -> None: ...


class NullProgress:
    """Progress that shows nothing and never cancels."""

    cancelled = False

    def update(self, fraction: float, message: str = "") -> None:
        return None


class CallbackProgress:
    """Progress that forwards to a callback and can be cancelled by setting a flag."""

    def __init__(self, callback=None) -> None:
        self._callback = callback
        self.cancelled = False
        self.fraction = 0.0
        self.message = ""

    def cancel(self) -> None:
        self.cancelled = True

    def update(self, fraction: float, message: str = "") -> None:
        self.fraction = float(min(max(fraction, 0.0), 1.0))
        self.message = message
        if self._callback is not None:
            self._callback(self.fraction, message)


class ConsoleProgress:
    """A tqdm bar on stderr for the command line (silent when stderr is no terminal)."""

    def __init__(self, description: str = "", *, enabled: bool | None = None) -> None:
        from tqdm import tqdm

        if enabled is None:
            enabled = sys.stderr.isatty()
        self._bar = tqdm(
            total=1000,
            desc=description,
            disable=not enabled,
            leave=False,
            bar_format="{desc} {percentage:3.0f}%|{bar}| {postfix}",
        )
        self.cancelled = False
        self._last = 0

    def update(self, fraction: float, message: str = "") -> None:
        n = int(min(max(fraction, 0.0), 1.0) * 1000)
        if n > self._last:
            self._bar.update(n - self._last)
            self._last = n
        if message:
            self._bar.set_postfix_str(message, refresh=False)

    def close(self) -> None:
        self._bar.close()

    def __enter__(self) -> ConsoleProgress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def check(progress: Progress | None, fraction: float, message: str = "") -> None:
    """Report progress and raise :class:`Cancelled` if the caller asked to stop."""
    if progress is None:
        return
    if progress.cancelled:
        raise Cancelled(message or "cancelled")
    progress.update(fraction, message)


class SubProgress:
    """Maps a child task's 0..1 onto a slice [start, stop] of a parent's progress."""

    def __init__(self, parent: Progress | None, start: float, stop: float) -> None:
        self._parent = parent
        self._start = start
        self._span = stop - start

    @property
    def cancelled(self) -> bool:
        return bool(self._parent is not None and self._parent.cancelled)

    def update(self, fraction: float, message: str = "") -> None:
        if self._parent is not None:
            self._parent.update(self._start + self._span * fraction, message)
