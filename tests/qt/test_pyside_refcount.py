"""Guard against the PySide6 6.12.0 bug where Signal.emit() leaks a reference to True.

With that release every emit from Python dropped one reference to ``True``; a
session of the workstation (or the Qt test suite) then aborted with
"bool_dealloc: deallocating True or False" when the interpreter shut down.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal(object)
    flag = Signal(bool)


def test_signal_emit_keeps_bool_refcounts(qtbot):
    e = _Emitter()
    got = []
    e.plain.connect(got.append)
    e.flag.connect(got.append)
    gc.collect()
    before = sys.getrefcount(True)
    for _ in range(500):
        e.plain.emit(1)
        e.flag.emit(True)
    got.clear()
    gc.collect()
    # the bug drops one reference per emit (500 here); other threads of the test
    # session (a Dask cluster closing) move the count by a few, so allow 50
    assert sys.getrefcount(True) >= before - 50
