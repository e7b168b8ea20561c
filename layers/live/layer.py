"""The live DEMAND layer: it grows batch by batch, and its spatial index grows with it.

Rows are appended in arrival order to growable numpy arrays (what the map, the
timeline and the hour grid draw) and to an R-tree (``rtree``, which takes inserts;
shapely's STRtree would have to be rebuilt on every batch). A :class:`~layers.layer.Layer`
(sorted by time, as every other layer) is made on demand for analysis and saving.
A call id seen before, in this feed or in the history the layer was given, is kept
once and the later copy reported.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import rtree

from layers.kinds import LayerKind
from layers.layer import Layer, times_to_ns
from layers.live.base import Batch
from layers.validation import ReadReport, RejectedRow

DUPLICATE = "duplicate call id (already received)"
IN_HISTORY = "duplicate call id (already in the history)"


@dataclass(frozen=True)
class Appended:
    """What one append did: rows added, duplicates reported, total rows now."""

    added: int
    duplicates: int
    rejected: int
    total: int


class _Grow:
    """A 1-d numpy array with amortised O(1) appends."""

    def __init__(self, dtype: Any, capacity: int = 1024) -> None:
        self._a = np.empty(capacity, dtype=dtype)
        self.n = 0

    def extend(self, values: np.ndarray) -> None:
        need = self.n + len(values)
        if need > len(self._a):
            cap = max(need, 2 * len(self._a))
            new = np.empty(cap, dtype=self._a.dtype)
            new[: self.n] = self._a[: self.n]
            self._a = new
        self._a[self.n : need] = values
        self.n = need

    @property
    def values(self) -> np.ndarray:
        return self._a[: self.n]


class LiveLayer:
    """A growing DEMAND layer fed by a :class:`~layers.live.base.LiveSource`.

    Parameters
    ----------
    name
        The layer's name in the project.
    crs
        The working CRS; None takes the first batch's.
    known_ids
        Call ids already held elsewhere (the history): a live row with one of them is
        reported as a duplicate, not added.
    layer_id
        Keep this id for the made layer (so a saved project keeps pointing at it).
    """

    def __init__(
        self,
        name: str = "Live calls",
        *,
        crs: str | None = None,
        known_ids: Iterable[str] = (),
        layer_id: str | None = None,
    ) -> None:
        self.name = name
        self.crs = crs
        self.report = ReadReport(name)
        self.provenance: dict[str, Any] = {"reader": "live"}
        self._known = {str(i) for i in known_ids}
        self._seen: set[str] = set()
        self._chunks: list[gpd.GeoDataFrame] = []
        self._x = _Grow(np.float64)
        self._y = _Grow(np.float64)
        self._t = _Grow(np.int64)
        self._grade = _Grow(np.int8)
        self._index = rtree.index.Index()
        self._lock = threading.RLock()
        self._layer: Layer | None = None
        self._layer_id = layer_id
        self.version = 0

    # -- growing ---------------------------------------------------------
    def append(self, batch: Batch) -> Appended:
        """Add a batch's accepted rows (less duplicates); merge its report."""
        with self._lock:
            frame = batch.frame
            self.report.rows_total += batch.report.rows_total
            self.report.rejected.extend(batch.report.rejected)
            for w in batch.report.warnings:
                self.report.warn(w)
            keep, dups = self._dedupe(frame)
            frame = frame.loc[keep].reset_index(drop=True) if len(frame) else frame
            self.report.rejected.extend(dups)
            if len(frame):
                self._add(frame)
            self.report.rows_loaded = self._x.n
            return Appended(
                added=len(frame),
                duplicates=len(dups),
                rejected=batch.report.rows_rejected,
                total=self._x.n,
            )

    def _dedupe(self, frame: gpd.GeoDataFrame) -> tuple[np.ndarray, list[RejectedRow]]:
        keep = np.ones(len(frame), dtype=bool)
        dups: list[RejectedRow] = []
        if "call_id" not in frame or not len(frame):
            return keep, dups
        ids = frame["call_id"].astype("object").to_numpy()
        rows = frame["source_row"].to_numpy() if "source_row" in frame else ids
        src = frame["source_file"].to_numpy() if "source_file" in frame else ids
        for i, cid in enumerate(ids):
            if cid is None or (isinstance(cid, float) and np.isnan(cid)):
                continue
            key = str(cid)
            if key in self._known or key in self._seen:
                keep[i] = False
                why = IN_HISTORY if key in self._known else DUPLICATE
                dups.append(RejectedRow(str(src[i]), rows[i], "call_id", key, why))
            else:
                self._seen.add(key)
        return keep, dups

    def _add(self, frame: gpd.GeoDataFrame) -> None:
        if self.crs is None and frame.crs is not None:
            self.crs = frame.crs.to_string()
        elif frame.crs is not None and not frame.crs.equals(self.crs):
            frame = frame.to_crs(self.crs)
        x = frame.geometry.x.to_numpy(dtype=np.float64)
        y = frame.geometry.y.to_numpy(dtype=np.float64)
        start = self._x.n
        self._x.extend(x)
        self._y.extend(y)
        self._t.extend(times_to_ns(frame["occurred_at"]))
        if "grade" in frame:
            g = pd.array(frame["grade"], dtype="Int64").fillna(0).to_numpy(np.int8)
        else:
            g = np.zeros(len(frame), dtype=np.int8)
        self._grade.extend(g)
        if start == 0 and len(x) > 1000:  # first load: bulk-load the R-tree
            self._index = rtree.index.Index(
                (i, (xi, yi, xi, yi), None)
                for i, (xi, yi) in enumerate(zip(x.tolist(), y.tolist(), strict=True))
            )
        else:
            for i, (xi, yi) in enumerate(zip(x.tolist(), y.tolist(), strict=True)):
                self._index.insert(start + i, (xi, yi, xi, yi))
        self._chunks.append(frame)
        self._layer = None
        self.version += 1

    # -- reading ---------------------------------------------------------
    def __len__(self) -> int:
        return self._x.n

    def arrays(self) -> dict[str, np.ndarray]:
        """Views (in arrival order) of x, y, UTC times (ns) and grade (0 = none)."""
        with self._lock:
            return {
                "x": self._x.values,
                "y": self._y.values,
                "times_ns": self._t.values,
                "grade": self._grade.values,
            }

    def query_bbox(
        self, xmin: float, ymin: float, xmax: float, ymax: float
    ) -> np.ndarray:
        """Arrival positions of the rows inside a box (through the R-tree)."""
        with self._lock:
            hits = self._index.intersection((xmin, ymin, xmax, ymax))
            return np.sort(np.fromiter(hits, dtype=np.int64))

    def frame(self) -> gpd.GeoDataFrame:
        """Every row received, in arrival order."""
        with self._lock:
            if not self._chunks:
                return gpd.GeoDataFrame(
                    {
                        "occurred_at": pd.Series([], dtype="datetime64[ns, UTC]"),
                        "category": pd.Series([], dtype="str"),
                    },
                    geometry=gpd.GeoSeries([], crs=self.crs),
                )
            if len(self._chunks) > 1:
                merged = pd.concat(self._chunks, ignore_index=True)
                self._chunks = [gpd.GeoDataFrame(merged, geometry="geometry")]
            return self._chunks[0]

    def layer(self) -> Layer:
        """A DEMAND :class:`Layer` of the rows so far (sorted by time, as every layer)."""
        with self._lock:
            if self._layer is None:
                kw = {"id": self._layer_id} if self._layer_id else {}
                self._layer = Layer(
                    name=self.name,
                    kind=LayerKind.DEMAND,
                    frame=self.frame().copy(),
                    time_precision="second",
                    provenance={**self.provenance, "live": True},
                    report=self.report,
                    **kw,
                )
                self._layer_id = self._layer.id
            return self._layer


def carry_derived(layer: Layer, prev: Layer | None) -> int:
    """Give ``layer`` the derived arrays of ``prev`` plus those of its new rows.

    ``layer`` is a later made layer of the same feed. When it starts with ``prev``'s
    rows (same times, in order: no row came out of time order), its coordinates,
    category codes and hours of the week are ``prev``'s extended by the new rows'
    (worked out on those rows only), instead of over every row again. Returns how
    many rows were carried over (0: nothing carried, compute as for any layer).
    """
    from layers.filtering import hour_of_week

    if prev is None or prev is layer or not len(prev) or not layer.is_temporal:
        return 0
    n0 = len(prev)
    if (
        len(layer) < n0
        or prev.times_ns is None
        or list(prev.frame.columns) != list(layer.frame.columns)
        or not np.array_equal(layer.times_ns[:n0], prev.times_ns)
    ):
        return 0
    new = Layer(
        name=layer.name,
        kind=layer.kind,
        frame=layer.frame.iloc[n0:].reset_index(drop=True),
        time_precision=layer.time_precision,
    )
    cache = prev._cache
    if "xy" in cache:
        layer._cache["xy"] = np.vstack([cache["xy"], new.xy])
    if "hour_of_week" in cache:
        layer._cache["hour_of_week"] = np.concatenate(
            [cache["hour_of_week"], hour_of_week(new)]
        )
    key = "codes:category"
    if key in cache and "category" in layer.frame:
        codes, names = cache[key]
        more, more_names = new.category_codes()
        where = {c: i for i, c in enumerate(names)}
        if all(c in where for c in more_names):  # else worked out again, sorted
            lut = np.array([where[c] for c in more_names] + [-1], dtype=np.int32)
            layer._cache[key] = (np.concatenate([codes, lut[more]]), names)
    return n0
