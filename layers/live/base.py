"""The live-source interface: batches of validated call rows with an exactly-once cursor.

A source (a PostgreSQL table, a watched folder) yields :class:`Batch` objects. Each
batch has gone through the calls reader's own validation (one adapter function,
:func:`validate_rows`), so a live row is loaded or rejected for exactly the reasons an
imported file's row would be. The cursor (last key seen plus the keys seen in a short
look-back) lives in the source, so a reconnect neither misses nor repeats a row.
"""

from __future__ import annotations

import csv
import tempfile
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from layers.validation import DataError, ReadReport, RejectedRow


@dataclass
class Batch:
    """New rows from a live source, validated.

    Attributes
    ----------
    frame
        Accepted rows in the calls reader's canonical DEMAND columns (working CRS),
        with ``source_file`` (the table or file) and ``source_row`` (its key or line).
    report
        This batch's rejected rows (with reasons) and counts; ``rows_total`` is the
        number of rows received.
    cursor
        The source's cursor after this batch (JSON-able), for the record.
    """

    frame: gpd.GeoDataFrame
    report: ReadReport
    cursor: dict[str, Any] = field(default_factory=dict)

    @property
    def received(self) -> int:
        return self.report.rows_total

    @property
    def rejected(self) -> int:
        return self.report.rows_rejected


@dataclass
class Validator:
    """Validates raw rows with the calls reader, keeping the settings of the first batch.

    The column mapping, source CRS, working CRS and time zone guessed on the first
    batch that loads are fixed for the later ones, so every batch is read the same
    way (a guess on 20 rows could otherwise differ from one on 2,000).
    """

    mapping: dict[str, Any] | None = None
    target_crs: str | None = None
    timezone: str | None = None
    grades: str | dict[str, Any] | None = None
    provenance: dict[str, Any] = field(default_factory=dict)

    def __call__(
        self, rows: pd.DataFrame, *, source: str, keys: Sequence[Any]
    ) -> tuple[gpd.GeoDataFrame, ReadReport]:
        """Validate a table's rows (``keys`` name them in the report)."""
        frame, report, prov = validate_rows(
            rows, source=source, keys=keys, **self._options()
        )
        self._settle(prov)
        return frame, report

    def file(
        self, path: Path, *, source: str, keys: Sequence[Any]
    ) -> tuple[gpd.GeoDataFrame, ReadReport]:
        """Validate a delimited text file (header + one line per key)."""
        frame, report, prov = read_calls_file(
            path, source=source, keys=keys, **self._options()
        )
        self._settle(prov)
        return frame, report

    def _options(self) -> dict[str, Any]:
        return {
            "mapping": self.mapping,
            "target_crs": self.target_crs,
            "timezone": self.timezone,
            "grades": self.grades,
            # after the first batch the mapping is whole: no guess again
            "settled": bool(self.provenance),
        }

    def _settle(self, prov: dict[str, Any]) -> None:
        if prov and not self.provenance:
            self.provenance = prov
            fixed = dict(prov.get("mapping") or {})
            if prov.get("source_crs"):
                fixed["source_crs"] = prov["source_crs"]
            self.mapping = {**fixed, **(self.mapping or {})}
            self.target_crs = self.target_crs or prov.get("crs")
            self.timezone = self.timezone or prov.get("timezone")


def validate_rows(
    rows: pd.DataFrame,
    *,
    source: str,
    keys: Sequence[Any],
    mapping: dict[str, Any] | None = None,
    target_crs: str | None = None,
    timezone: str | None = None,
    grades: str | dict[str, Any] | None = None,
    settled: bool = False,
) -> tuple[gpd.GeoDataFrame, ReadReport, dict[str, Any]]:
    """Run raw rows (a table's batch) through the calls reader.

    Parameters
    ----------
    rows
        Raw values, one row per call, columns as in the source (any dtype).
    source
        What to name in rejected rows (a table, a file).
    keys
        Per row, its handle in the source (a table key, a line number): rejected
        rows and ``source_row`` carry it.
    mapping, target_crs, timezone, grades, settled
        As for :func:`layers.readers.calls.read` (``settled``: ``mapping`` is
        whole, fixed on an earlier batch; the columns are not guessed again).

    Returns
    -------
    frame, report, provenance
        Accepted rows, the batch's report (rows named by ``keys``) and the reader's
        provenance (empty when the whole batch failed).
    """
    keys = list(keys)
    if len(rows) == 0:
        report = ReadReport(source)
        return _empty(target_crs), report, {}
    with tempfile.TemporaryDirectory(prefix="workstation-live-") as tmp:
        path = Path(tmp) / "batch.csv"
        _write_csv(rows, path)
        return read_calls_file(
            path,
            source=source,
            keys=keys,
            mapping=mapping,
            target_crs=target_crs,
            timezone=timezone,
            grades=grades,
            settled=settled,
        )


def read_calls_file(
    path: Path,
    *,
    source: str,
    keys: Sequence[Any],
    mapping: dict[str, Any] | None = None,
    target_crs: str | None = None,
    timezone: str | None = None,
    grades: str | dict[str, Any] | None = None,
    settled: bool = False,
) -> tuple[gpd.GeoDataFrame, ReadReport, dict[str, Any]]:
    """The adapter: the one call of the calls reader in the live code.

    ``path`` is a delimited text file with a header and one data line per entry of
    ``keys`` (data line ``i`` is file row ``i + 2``); rows are renamed to their keys.
    """
    from layers.readers import calls

    report = ReadReport(source)
    report.rows_total = len(keys)
    try:
        layer = calls.read(
            path,
            mapping=mapping,
            target_crs=target_crs,
            timezone=timezone,
            grades=grades,
            name=source,
            settled=settled,
        )
    except DataError as exc:
        # a batch the reader refuses as a whole: every row kept aside, with why
        for key in keys:
            report.rejected.append(
                RejectedRow(source, _row_no(key), exc.column or "", "", exc.reason)
            )
        return _empty(target_crs), report, {}
    file_report = layer.report
    frame = layer.frame
    positions = frame["source_row"].to_numpy(dtype=np.int64) - 2  # header = row 1
    frame["source_file"] = pd.Series([source] * len(frame), dtype="str")
    frame["source_row"] = pd.Series(
        [str(keys[i]) for i in positions], dtype="str", index=frame.index
    )
    for rej in file_report.rejected if file_report else []:
        key = keys[rej.row - 2] if 2 <= rej.row < len(keys) + 2 else rej.row
        report.rejected.append(
            RejectedRow(source, _row_no(key), rej.column, rej.value, rej.reason)
        )
    report.rows_loaded = len(frame)
    # rows the table reader skipped without a word (blank lines) still balance
    report.rows_total = report.rows_loaded + report.rows_rejected
    if file_report is not None:
        report.warnings.extend(file_report.warnings)
    return frame, report, layer.provenance


def _row_no(key: Any) -> Any:
    """A key as a row handle: ints stay ints, the rest become strings."""
    if isinstance(key, int | np.integer):
        return int(key)
    return str(key)


def _write_csv(rows: pd.DataFrame, path: Path) -> None:
    def text(v: Any) -> str:
        if v is None or (isinstance(v, float) and not np.isfinite(v)):
            return ""
        if v is pd.NaT or (not isinstance(v, str) and pd.isna(v) is True):
            return ""
        if hasattr(v, "isoformat"):
            return v.isoformat()
        return str(v)

    cols = [str(c) for c in rows.columns]
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(cols)
        for rec in rows.itertuples(index=False, name=None):
            w.writerow([text(v) for v in rec])


def _empty(crs: str | None) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"occurred_at": pd.Series([], dtype="datetime64[ns, UTC]")},
        geometry=gpd.GeoSeries([], crs=crs),
    )


class LiveSource(ABC):
    """A feed of new calls. Subclasses implement :meth:`poll` and :meth:`wait`.

    ``batches()`` alternates the two: read everything new (``poll``), then sleep
    until the source says there may be more (a NOTIFY, a file event) or the poll
    interval passes. ``stop()`` ends it from another thread; ``pause()`` holds new
    batches back without losing them (the cursor does not move while paused).
    """

    name: str = "live"

    def __init__(self, *, poll_s: float = 5.0) -> None:
        self.poll_s = float(poll_s)
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()

    @abstractmethod
    def poll(self) -> list[Batch]:
        """Every new row since the cursor, as zero or more batches; moves the cursor."""

    @abstractmethod
    def wait(self, timeout: float) -> bool:
        """Block up to ``timeout`` s for a sign of new rows; True if one came."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections and watchers."""

    @property
    def cursor(self) -> dict[str, Any]:
        return {}

    def stop(self) -> None:
        self._stop.set()
        self._running.set()

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def batches(self, *, idle_s: float | None = None) -> Iterator[Batch]:
        """Yield batches until :meth:`stop`, or until ``idle_s`` passes with no row.

        An empty poll yields nothing; ``idle_s`` counts from the last row received
        (or from the start).
        """
        import time

        last = time.monotonic()
        try:
            while not self._stop.is_set():
                self._running.wait()
                if self._stop.is_set():
                    break
                got = False
                for batch in self.poll():
                    if batch.received:
                        got = True
                        yield batch
                now = time.monotonic()
                if got:
                    last = now
                if idle_s is not None and now - last >= idle_s:
                    break
                timeout = self.poll_s
                if idle_s is not None:
                    timeout = min(timeout, max(0.0, idle_s - (now - last)) + 0.01)
                self.wait(timeout)
        finally:
            self.close()
