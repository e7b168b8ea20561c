"""A live feed: a source read on a worker thread into a :class:`LiveLayer`.

The feed owns no Qt: views subscribe to :attr:`Feed.batch_added` (a psygnal signal,
emitted on the worker thread; a Qt view re-emits it onto its own thread) and read the
layer's arrays.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from layers.events import Signal
from layers.live.base import Batch, LiveSource
from layers.live.layer import Appended, LiveLayer


@dataclass(frozen=True)
class FeedEvent:
    batch: Batch
    appended: Appended


class Feed:
    """Run ``source`` into ``layer`` on a daemon thread until :meth:`stop`.

    Parameters
    ----------
    source
        Any :class:`LiveSource`.
    layer
        The growing layer (a new one if None).
    idle_s
        Stop by itself after this many seconds without a row (None: never).
    """

    batch_added = Signal(object)  # FeedEvent
    stopped = Signal(object)  # None, or the exception that ended the feed

    def __init__(
        self,
        source: LiveSource,
        layer: LiveLayer | None = None,
        *,
        idle_s: float | None = None,
    ) -> None:
        self.source = source
        self.layer = layer if layer is not None else LiveLayer(source.name)
        self.idle_s = idle_s
        self.error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, name=f"live:{source.name}", daemon=True
        )

    def start(self) -> Feed:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            for batch in self.source.batches(idle_s=self.idle_s):
                appended = self.layer.append(batch)
                self.batch_added.emit(FeedEvent(batch, appended))
        except BaseException as exc:  # reported, never lost in a thread
            self.error = exc
        finally:
            self.stopped.emit(self.error)

    def pause(self) -> None:
        self.source.pause()

    def resume(self) -> None:
        self.source.resume()

    def stop(self, timeout: float = 10.0) -> None:
        self.source.stop()
        self._thread.join(timeout)

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()
