"""A watched folder of CAD exports as a live source (watchdog).

Each delimited text file (``.csv``, ``.tsv``, ``.txt``) in the folder is read as it
grows: only complete lines after the part already read, so a file's rows are never
counted twice. A file still being written is waited for: nothing is read until it
has not changed for ``settle_s`` seconds, and a last line without its newline is
read only once the file has been still for ``eof_s``. Hidden, ``~`` and
``.part``/``.tmp`` files are ignored (writers that write a temporary name and then
rename it are seen when the final name appears). A file that shrinks or whose start
changes was replaced: it is read again from the top, with a warning, and calls with
an id already received are kept once by the live layer.
"""

from __future__ import annotations

import hashlib
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from layers.live.base import Batch, LiveSource, Validator
from layers.validation import DataError

SUFFIXES = (".csv", ".tsv", ".txt")
_IGNORED_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial")
_HASH_CAP = 1 << 20  # bytes of a file's start that identify it


@dataclass
class _FileState:
    offset: int = 0  # bytes read (always just after a newline, or the file's end)
    line: int = 1  # the row number (as the calls reader counts) of the next row
    header: bytes = b""
    head_hash: str = ""
    size: int = -1
    mtime_ns: int = -1
    changed_at: float = 0.0  # monotonic time the size or mtime last changed
    dirty: bool = False  # changed since last read


def _wanted(path: Path) -> bool:
    name = path.name
    return (
        path.suffix.lower() in SUFFIXES
        and not name.startswith((".", "~"))
        and not name.lower().endswith(_IGNORED_SUFFIXES)
    )


def _head_hash(path: Path, n: int) -> str:
    with path.open("rb") as fh:
        return hashlib.sha256(fh.read(min(n, _HASH_CAP))).hexdigest()


class FolderSource(LiveSource):
    """New lines of the exports in ``folder``.

    Parameters
    ----------
    folder
        The folder the CAD system writes to.
    settle_s
        A file is read only after this long without a change.
    eof_s
        A final line with no newline is read after this long without a change.
    poll_s
        Rescan interval when no file event arrives (also the fallback where the
        file system gives no events, e.g. some network shares).
    recursive
        Watch sub-folders too.
    validator
        Shared :class:`Validator` (mapping overrides, time zone, grades).
    """

    def __init__(
        self,
        folder: str | Path,
        *,
        settle_s: float = 1.0,
        eof_s: float = 5.0,
        poll_s: float = 2.0,
        recursive: bool = False,
        validator: Validator | None = None,
    ) -> None:
        super().__init__(poll_s=poll_s)
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise DataError("no such folder to watch", source=self.folder)
        self.name = self.folder.name or str(self.folder)
        self.settle_s, self.eof_s = float(settle_s), float(eof_s)
        self.recursive = recursive
        self.validator = validator or Validator()
        self._files: dict[Path, _FileState] = {}
        self._event = threading.Event()
        self._observer: Any = None
        self.warnings: list[str] = []

    # -- watching ------------------------------------------------------------
    def _watch(self) -> None:
        if self._observer is not None:
            return
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        wake = self._event

        class _Wake(FileSystemEventHandler):
            def on_any_event(self, event: Any) -> None:
                wake.set()

        obs = Observer()
        obs.schedule(_Wake(), str(self.folder), recursive=self.recursive)
        obs.daemon = True
        obs.start()
        self._observer = obs

    def stop(self) -> None:
        super().stop()
        self._event.set()  # end a wait at once

    def close(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(5)
            self._observer = None

    def wait(self, timeout: float) -> bool:
        self._watch()
        pending = any(
            st.offset < st.size for st in self._files.values() if st.size >= 0
        )
        if pending:  # a file waits to settle: look again soon
            timeout = min(timeout, max(0.05, self.settle_s / 4))
        got = self._event.wait(timeout)
        self._event.clear()
        return got

    @property
    def cursor(self) -> dict[str, Any]:
        return {
            str(p.relative_to(self.folder)): {"bytes": st.offset, "next_line": st.line}
            for p, st in self._files.items()
        }

    def skip_existing(self) -> None:
        """Treat what the files hold now as read: only lines added later come."""
        for path in self._paths():
            data = path.read_bytes()
            cut = data.rfind(b"\n") + 1
            nl = data.find(b"\n")
            st = _FileState(
                offset=cut,
                line=1 + sum(1 for ln in data[:cut].splitlines() if ln.strip()),
                header=data[: nl + 1] if nl >= 0 else b"",
                head_hash=_head_hash(path, cut),
            )
            stat = path.stat()
            st.size, st.mtime_ns = stat.st_size, stat.st_mtime_ns
            self._files[path] = st

    # -- reading -------------------------------------------------------------
    def _paths(self) -> list[Path]:
        it = self.folder.rglob("*") if self.recursive else self.folder.iterdir()
        return sorted(p for p in it if p.is_file() and _wanted(p))

    def poll(self) -> list[Batch]:
        """Read the settled new lines of every file."""
        self._watch()
        out = []
        now = time.monotonic()
        for path in self._paths():
            try:
                stat = path.stat()
            except OSError:
                continue  # removed meanwhile
            st = self._files.setdefault(path, _FileState())
            if (stat.st_size, stat.st_mtime_ns) != (st.size, st.mtime_ns):
                # how long ago it changed, from its modification time
                age = max(0.0, time.time() - stat.st_mtime_ns / 1e9)
                st.size, st.mtime_ns, st.changed_at = (
                    stat.st_size,
                    stat.st_mtime_ns,
                    now - age,
                )
                st.dirty = True
            if not st.dirty or now - st.changed_at < self.settle_s:
                continue
            st.dirty = False
            final = now - st.changed_at >= self.eof_s
            batch = self._read_new(path, st, final=final)
            if batch is not None:
                out.append(batch)
            if not final and st.offset < st.size:
                st.dirty = True  # an unfinished last line: look again at eof_s
        return out

    def _replaced(self, path: Path, st: _FileState) -> bool:
        return st.size < st.offset or (
            st.offset > 0 and _head_hash(path, st.offset) != st.head_hash
        )

    def _read_new(self, path: Path, st: _FileState, *, final: bool) -> Batch | None:
        if self._replaced(path, st):
            self.warnings.append(
                f"{path.name} was replaced or rewritten: read again from the start "
                "(calls with an id already received are kept once)"
            )
            st.offset, st.line, st.header = 0, 1, b""
        with path.open("rb") as fh:
            fh.seek(st.offset)
            data = fh.read(st.size - st.offset)
        cut = data.rfind(b"\n") + 1
        if final and cut < len(data):
            cut = len(data)  # the writer has stopped: the last line is whole
        if cut == 0:
            return None
        chunk = data[:cut]
        first_line = st.line
        if not st.header:
            nl = chunk.find(b"\n")
            st.header = chunk[: nl + 1] if nl >= 0 else chunk + b"\n"
            chunk = chunk[nl + 1 :] if nl >= 0 else b""
            first_line = 2
        # rows are numbered as the calls reader numbers a whole file: blank lines
        # are not rows (header = row 1)
        n_lines = sum(1 for ln in chunk.splitlines() if ln.strip())
        st.offset += cut
        st.line = first_line + n_lines
        st.head_hash = _head_hash(path, st.offset)
        if n_lines == 0:
            return None
        keys = list(range(first_line, first_line + n_lines))
        name = str(path.relative_to(self.folder))
        with tempfile.TemporaryDirectory(prefix="workstation-live-") as tmp:
            part = Path(tmp) / f"part{path.suffix.lower()}"
            part.write_bytes(st.header + chunk)
            frame, report = self.validator.file(part, source=name, keys=keys)
        return Batch(frame, report, {name: {"bytes": st.offset, "next_line": st.line}})
