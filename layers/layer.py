"""The layer: one GeoDataFrame in the working CRS plus what it is and where it came from."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from layers.kinds import REQUIRED_COLUMNS, TIME_PRECISIONS, LayerKind
from layers.validation import ReadReport

TIME_COLUMN = "occurred_at"


def times_to_ns(values: pd.Series | pd.DatetimeIndex) -> np.ndarray:
    """Int64 nanoseconds since the epoch, UTC, from tz-aware (or UTC-naive) datetimes.

    Missing times become the smallest int64 (they sort first and never fall in a
    window). Works whatever the series' datetime resolution (pandas 3 may use us).
    """
    s = pd.Series(values) if not isinstance(values, pd.Series) else values
    if len(s) == 0:
        return np.zeros(0, dtype=np.int64)
    if not pd.api.types.is_datetime64_any_dtype(s.dtype):
        s = pd.to_datetime(s, utc=True)
    if getattr(s.dt, "tz", None) is not None:
        s = s.dt.tz_convert("UTC").dt.tz_localize(None)
    arr = s.to_numpy(dtype="datetime64[ns]")
    return arr.view(np.int64).copy()


def ns_to_timestamp(ns: int, tz: str = "UTC") -> pd.Timestamp:
    return pd.Timestamp(int(ns), unit="ns", tz="UTC").tz_convert(tz)


@dataclass(eq=False)
class Layer:
    """A named, typed GeoDataFrame with a stable id.

    The frame is in the project's working CRS (metres). Temporal layers are sorted
    by ``occurred_at`` (stable), with a reset index, so row positions are stable
    handles used by the filter and the selection. Treat the frame as read-only:
    make a new layer to change rows.
    """

    name: str
    kind: LayerKind
    frame: gpd.GeoDataFrame
    time_precision: str | None = None
    provenance: dict[str, Any] = field(default_factory=dict)
    report: ReadReport | None = None
    style: dict[str, Any] = field(default_factory=dict)
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    time_column: str | None = None
    visible: bool = True
    #: named arrays that belong to the layer but not to its rows (e.g. a KDE raster);
    #: saved in the project file beside the frame.
    arrays: dict[str, np.ndarray] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.kind = LayerKind(self.kind)
        if not isinstance(self.frame, gpd.GeoDataFrame):
            raise TypeError("Layer.frame must be a GeoDataFrame")
        missing = [c for c in REQUIRED_COLUMNS[self.kind] if c not in self.frame]
        if missing:
            raise ValueError(
                f"layer {self.name!r} ({self.kind.value}) lacks required column(s): "
                + ", ".join(missing)
            )
        if self.time_column is None and TIME_COLUMN in self.frame:
            self.time_column = TIME_COLUMN
        if (
            self.time_precision is not None
            and self.time_precision not in TIME_PRECISIONS
        ):
            raise ValueError(f"unknown time precision {self.time_precision!r}")
        if self.time_column is not None:
            if self.time_precision is None:
                self.time_precision = "second"
            ns = times_to_ns(self.frame[self.time_column])
            if len(ns) > 1 and np.any(np.diff(ns) < 0):
                order = np.argsort(ns, kind="stable")
                self.frame = self.frame.iloc[order].reset_index(drop=True)
                ns = ns[order]
            elif not isinstance(self.frame.index, pd.RangeIndex) or (
                len(self.frame) and self.frame.index[0] != 0
            ):
                self.frame = self.frame.reset_index(drop=True)
            self._times_ns = ns
        else:
            self._times_ns = None
            if not isinstance(self.frame.index, pd.RangeIndex):
                self.frame = self.frame.reset_index(drop=True)
        self._cache: dict[str, Any] = {}

    # -- derived, cached ---------------------------------------------------
    @property
    def times_ns(self) -> np.ndarray | None:
        """Sorted int64 UTC nanoseconds of ``occurred_at`` (None for untimed layers)."""
        return self._times_ns

    @property
    def is_temporal(self) -> bool:
        return self._times_ns is not None

    @property
    def crs(self):
        return self.frame.crs

    def __len__(self) -> int:
        return len(self.frame)

    @property
    def xy(self) -> np.ndarray:
        """(n, 2) float64 coordinates of points (representative points otherwise)."""
        if "xy" not in self._cache:
            geom = self.frame.geometry
            if len(geom) == 0:
                xy = np.zeros((0, 2))
            elif (geom.geom_type == "Point").all():
                xy = np.column_stack([geom.x.to_numpy(), geom.y.to_numpy()])
            else:
                rp = geom.representative_point()
                xy = np.column_stack([rp.x.to_numpy(), rp.y.to_numpy()])
            self._cache["xy"] = xy
        return self._cache["xy"]

    def category_codes(self, column: str = "category") -> tuple[np.ndarray, list[str]]:
        """Integer codes and the category names for fast masks (-1 for missing)."""
        key = f"codes:{column}"
        if key not in self._cache:
            cat = pd.Categorical(self.frame[column].astype("object"))
            self._cache[key] = (
                np.asarray(cat.codes, dtype=np.int32),
                [str(c) for c in cat.categories],
            )
        return self._cache[key]

    @property
    def categories(self) -> list[str]:
        if "category" not in self.frame:
            return []
        return self.category_codes()[1]

    def cached(self, key: str, compute):
        """Memoise a derived array on the layer (the frame is read-only)."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def time_range(self) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        ns = self._times_ns
        if ns is None or len(ns) == 0:
            return None
        valid = ns[ns != np.iinfo(np.int64).min]
        if len(valid) == 0:
            return None
        tz = self.timezone
        return ns_to_timestamp(valid[0], tz), ns_to_timestamp(valid[-1], tz)

    @property
    def timezone(self) -> str:
        if self.time_column is None:
            return "UTC"
        tz = getattr(self.frame[self.time_column].dt, "tz", None)
        return str(tz) if tz is not None else "UTC"

    def bounds(self) -> tuple[float, float, float, float] | None:
        if len(self.frame) == 0:
            return None
        b = self.frame.total_bounds
        if not np.all(np.isfinite(b)):
            return None
        return tuple(float(v) for v in b)

    def describe(self) -> dict[str, Any]:
        """The per-layer record of ``workstation info --json``."""
        tr = self.time_range()
        rep = self.report
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind.value,
            "rows_loaded": len(self.frame),
            "rows_rejected": rep.rows_rejected if rep else 0,
            "rejected_by_reason": rep.by_reason() if rep else {},
            "time_min": tr[0].isoformat() if tr else None,
            "time_max": tr[1].isoformat() if tr else None,
            "time_precision": self.time_precision,
            "crs": self.crs.to_string() if self.crs is not None else None,
            "bounds": self.bounds(),
            "columns": [c for c in self.frame.columns if c != "geometry"],
            "provenance": self.provenance,
        }
