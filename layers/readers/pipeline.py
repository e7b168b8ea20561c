"""The steps every source shares, run once around each reader.

:func:`run` is how :func:`layers.readers.read` calls a source's reader: archives are
checked before anything is inflated, library warnings (GDAL, shapely, numpy) are
caught into the read report instead of reaching stderr, and the layer that comes
back has control characters taken out of its text and at most
:data:`~layers.readers.tables.MAX_COLUMNS` columns.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from layers.layer import Layer
from layers.progress import Progress, check
from layers.readers.tables import check_archive, check_columns
from layers.validation import ReadReport

#: C0 controls (TAB, LF, CR among them), DEL, C1 controls and the bidirectional
#: embedding, override and isolate controls: each becomes a space in text values.
CONTROL_PATTERN = r"[\x00-\x1f\x7f-\x9f\x{202a}-\x{202e}\x{2066}-\x{2069}]"
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

#: Where library warnings point to their own files: left out of the report.
_LIBRARY_PATH = re.compile(r"\s*\(?(?:/[^\s:()]+)+\.(?:py|so|c|cpp)(?::\d+)?\)?")


@contextlib.contextmanager
def bulk_objects() -> Iterator[None]:
    """Pause the cyclic garbage collector while a reader makes objects in bulk.

    Hundreds of thousands of shapely points or strings made in one go set off
    full collections of the whole heap again and again (0.4 s of 0.5 s for
    200,000 points); a reader makes no reference cycles worth collecting.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@dataclass(frozen=True)
class ReadRequest:
    """What a source's reader is asked for: the readers' common keywords."""

    paths: list[Path]
    mapping: dict[str, Any] | None = None
    columns: list[str] | None = None
    target_crs: str | None = None
    timezone: str | None = None
    name: str | None = None
    progress: Progress | None = None

    @classmethod
    def of(cls, paths: list[Path] | Path | str, options: dict[str, Any]) -> ReadRequest:
        """The request for ``paths``, taking its keywords out of ``options``.

        What is left in ``options`` is the source's own (``grades`` for calls).
        """
        plist = [paths] if isinstance(paths, str | Path) else list(paths)
        known = {k: options.pop(k) for k in _REQUEST_KEYS if k in options}
        return cls([Path(x) for x in plist], **known)

    def options(self) -> dict[str, Any]:
        """The request's keywords, as a source's ``read`` takes them."""
        return {k: getattr(self, k) for k in _REQUEST_KEYS}


_REQUEST_KEYS = ("mapping", "columns", "target_crs", "timezone", "name", "progress")


def source_reader(impl: Callable[..., Layer]) -> Callable[..., Layer]:
    """A source module's public ``read`` from its ``impl(request, **extra)``.

    Every reader takes the same keywords (``mapping``, ``columns``,
    ``target_crs``, ``timezone``, ``name``, ``progress``) and runs with numeric
    overflow in hostile input made missing values and the garbage collector
    paused (:func:`bulk_objects`); ``impl``'s docstring is the reader's.
    """

    @functools.wraps(impl)
    def read(paths: list[Path] | Path | str, **options: Any) -> Layer:
        req = ReadRequest.of(paths, options)
        with (
            np.errstate(over="ignore", invalid="ignore", divide="ignore"),
            bulk_objects(),
        ):
            return impl(req, **options)

    read.__name__ = read.__qualname__ = "read"
    return read


@dataclass
class Flags:
    """The first reason each row is rejected for (empty: loaded so far).

    Every check of a source flags the rows it refuses; a row keeps the first
    reason it got. :meth:`report_to` puts the rejected rows in the read report
    with their file, row number, column, value and reason.
    """

    reason: np.ndarray
    column: np.ndarray
    value: np.ndarray
    rejected: np.ndarray

    @classmethod
    def of(cls, n: int) -> Flags:
        """No row of ``n`` rejected."""
        text = (np.full(n, "", dtype=object) for _ in range(3))
        return cls(*text, np.zeros(n, dtype=bool))

    def ok(self) -> np.ndarray:
        """The rows not rejected so far."""
        return ~self.rejected

    def flag(self, mask: np.ndarray, why: str, col: str, values: Any) -> None:
        """Reject the rows of ``mask`` not rejected yet; ``values`` is an array
        of the rows' values or a callable giving them for some positions.
        """
        new = np.asarray(mask, dtype=bool) & ~self.rejected
        if not new.any():
            return
        self.rejected |= new
        self.reason[new] = why
        self.column[new] = col
        if callable(values):
            self.value[np.flatnonzero(new)] = values(np.flatnonzero(new))
        else:
            vals = np.asarray(values, dtype=object)
            self.value[new] = vals[new] if vals.shape == self.reason.shape else ""

    def report_to(self, report: ReadReport, rows: np.ndarray, files: Any) -> None:
        """Each rejected row, in order, into ``report`` (``files``: each row's file,
        an array or a categorical, read only at the rejected rows).
        """
        for i in np.flatnonzero(self.rejected):
            report.reject(
                int(rows[i]), str(self.column[i]), self.value[i], str(self.reason[i]),
                source=str(files[i]),
            )  # fmt: skip


#: A source's verdict on a file: confidence 0..1 and the guessed mapping.
Verdict = tuple[float, dict[str, Any]]


def sniffer(
    sniff: Callable[[Path, list[str] | None, str | None], Verdict],
) -> Callable[..., Verdict]:
    """A source module's ``sniff(path, columns, sample)``, which never raises.

    ``path`` arrives as a :class:`~pathlib.Path`; anything the sniff raises
    (a file it cannot open, a layout it does not expect) is "does not fit".
    """

    @functools.wraps(sniff)
    def guarded(
        path: Path | str, columns: list[str] | None, sample: str | None
    ) -> Verdict:
        try:
            return sniff(Path(path), columns, sample)
        except Exception:  # sniffing must never raise
            return 0.0, {}

    return guarded


def finish(
    kind: Any,
    frame: Any,
    provenance: dict[str, Any],
    report: ReadReport,
    *,
    name: str,
    progress: Progress | None,
    time_precision: str | None = None,
) -> Layer:
    """The layer a source made, its provenance stamped with when it was read."""
    provenance["read_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    layer = Layer(
        name=name, kind=kind, frame=frame, provenance=provenance, report=report,
        time_precision=time_precision,
    )  # fmt: skip
    check(progress, 1.0, "done")
    return layer


def archives_in(paths: list[Path]) -> list[Path]:
    """The zip files among ``paths`` and inside the folders among them."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += [f for f in sorted(p.rglob("*")) if f.is_file() and _is_zip(f)]
        elif _is_zip(p):
            out.append(p)
    return out


def check_archives(paths: list[Path]) -> None:
    """Refuse, before anything is inflated, any zip among or inside ``paths``."""
    for archive in archives_in(paths):
        check_archive(archive)


def _is_zip(p: Path) -> bool:
    try:
        return p.is_file() and zipfile.is_zipfile(p)
    except OSError:
        return False


def run(
    read: Callable[..., Layer], req: ReadRequest | list[Path], **options: Any
) -> Layer:
    """Call a reader with the shared steps before and after it.

    Parameters
    ----------
    read
        A source module's ``read(paths, **options)``.
    req
        The files, folders or zips of one source, and the reader's keywords (or
        the paths alone, the keywords in ``options``).

    Returns
    -------
    Layer
        As the reader made it, its text cleaned and its report holding the
        warnings libraries raised while it read.
    """
    extra = dict(options)  # a source's own keywords (grades for calls)
    if not isinstance(req, ReadRequest):
        req = ReadRequest.of(req, extra)
    paths = req.paths
    check_archives(paths)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with (
            np.errstate(over="ignore", invalid="ignore", divide="ignore"),
            bulk_objects(),
        ):
            layer = read(paths, **req.options(), **extra)
    check_columns(len(layer.frame.columns), paths[0])
    if layer.report is None:
        layer.report = ReadReport(str(paths[0]))
    for w in caught:
        layer.report.warn(library_warning(w.category.__name__, str(w.message)))
    clean_layer_text(layer)
    return layer


def library_warning(category: str, message: str) -> str:
    """A library's warning as one line of the read report, without its file paths."""
    text = _LIBRARY_PATH.sub("", " ".join(message.split())).strip()
    return f"while reading, a library warned ({category}): {text}"


def clean_layer_text(layer: Layer) -> None:
    """Replace control characters in the layer's text columns (and name) by spaces.

    Adds one warning to the layer's report naming the columns and counting the
    rows affected; nothing when the text is clean.
    """
    frame = layer.frame
    geom = frame.geometry.name
    touched: dict[str, int] = {}
    rows = np.zeros(len(frame), dtype=bool)
    for col in frame.columns:
        if col == geom:
            continue
        cleaned, hit = clean_text_column(frame[col])
        if hit is not None:
            frame[col] = cleaned
            touched[col] = int(hit.sum())
            rows |= hit
    if touched:
        layer._cache.clear()
    if _CONTROL_RE.search(layer.name or ""):
        layer.name = _CONTROL_RE.sub(" ", layer.name)
    if touched and layer.report is not None:
        cols = ", ".join(f"{c!r} ({n:,})" for c, n in touched.items())
        layer.report.warn(
            f"control characters (line breaks, tabs, bidirectional or other "
            f"controls) in {int(rows.sum()):,} row(s) were replaced by spaces, in "
            f"column(s) {cols}"
        )


def clean_text_column(values: pd.Series) -> tuple[pd.Series, np.ndarray | None]:
    """``values`` with control characters made spaces, and the rows that had any.

    Categoricals are cleaned per category; text through pyarrow's regex kernels.
    Returns ``(values, None)`` when nothing needed cleaning (or the column holds no
    text).
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        return _clean_categorical(values)
    if not (pd.api.types.is_string_dtype(values.dtype) or values.dtype == object):
        return values, None
    arr = _arrow_chunks(values)  # pyarrow-backed text: no copy
    if arr is None:
        try:
            arr = pa.array(
                values.to_numpy(dtype=object), type=pa.string(), from_pandas=True
            )
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return _clean_objects(values)
    if not _suspect_bytes(arr):
        return values, None
    hit = pc.match_substring_regex(arr, CONTROL_PATTERN)
    if not pc.any(hit).as_py():
        return values, None
    mask = hit.to_numpy(zero_copy_only=False)
    mask = np.asarray(pd.array(mask, dtype="boolean").fillna(False), dtype=bool)
    fixed = pc.replace_substring_regex(arr, CONTROL_PATTERN, " ")
    out = values.copy()
    out.iloc[np.flatnonzero(mask)] = np.asarray(
        fixed.filter(pa.array(mask)).to_pylist(), dtype=object
    )
    return out, mask


def _arrow_chunks(values: pd.Series) -> pa.ChunkedArray | None:
    """The pyarrow text behind a column, as it is (no cast, no copy), or None."""
    dtype = values.dtype
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
        return None
    arr = pa.array(values)
    return arr if isinstance(arr, pa.ChunkedArray) else pa.chunked_array([arr])


def _suspect_bytes(arr: pa.Array | pa.ChunkedArray) -> bool:
    """False when no byte of the text can start a control character.

    C0 controls and DEL are single bytes; C1 controls are UTF-8 ``C2 80``-``C2 9F``
    and the bidi controls ``E2 80 AA``-``E2 81 A9``: text with none of the bytes
    below 0x20, 0x7F, 0xC2 or 0xE2 (most identifiers, codes and English text)
    needs no regex.
    """
    chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    for chunk in chunks:
        data = chunk.buffers()[2]
        if data is None:
            continue
        raw = np.frombuffer(data, dtype=np.uint8)
        if (
            (raw < 0x20).any() or (raw == 0x7F).any() or (raw == 0xC2).any()
            or (raw == 0xE2).any()
        ):  # fmt: skip
            return True
    return False


def _clean_categorical(values: pd.Series) -> tuple[pd.Series, np.ndarray | None]:
    cats = values.cat.categories
    if not (pd.api.types.is_string_dtype(cats.dtype) or cats.dtype == object):
        return values, None
    text = [str(c) for c in cats]
    bad = np.array([bool(_CONTROL_RE.search(t)) for t in text], dtype=bool)
    if not bad.any():
        return values, None
    codes = values.cat.codes.to_numpy()
    hit = (codes >= 0) & bad[np.maximum(codes, 0)]
    new = np.array([_CONTROL_RE.sub(" ", t) for t in text], dtype=object)
    keep = ~np.asarray(values.isna())
    data = np.full(len(values), None, dtype=object)
    data[keep] = new[codes[keep]]
    out = pd.Series(pd.Categorical(data), index=values.index, name=values.name)
    return out, hit


def _clean_objects(values: pd.Series) -> tuple[pd.Series, np.ndarray | None]:
    objs = values.to_numpy(dtype=object)
    hit = np.array(
        [isinstance(v, str) and bool(_CONTROL_RE.search(v)) for v in objs], dtype=bool
    )
    if not hit.any():
        return values, None
    out = values.copy()
    idx = np.flatnonzero(hit)
    out.iloc[idx] = [_CONTROL_RE.sub(" ", objs[i]) for i in idx]
    return out, hit


class CancelOnly:
    """Lets a worker thread see a cancel request; progress is shown by the reading
    thread alone (so it stays monotonic and on one thread).
    """

    def __init__(self, parent: Progress | None) -> None:
        self._parent = parent

    @property
    def cancelled(self) -> bool:
        """True once the reading thread's progress is cancelled."""
        return bool(self._parent is not None and self._parent.cancelled)

    def update(self, fraction: float, message: str = "") -> None:
        """Show nothing (the reading thread shows progress)."""
        return None
