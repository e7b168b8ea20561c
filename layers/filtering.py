"""The one filter every view obeys: time window, categories, area and hours of week."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
import shapely

from layers.events import Signal
from layers.layer import Layer


def _as_utc(ts: Any) -> pd.Timestamp:
    t = pd.Timestamp(ts)
    if t.tzinfo is None:
        raise ValueError(f"time window bounds must be time-zone aware, got {ts!r}")
    return t


@dataclass(frozen=True)
class TimeWindow:
    """Half-open interval ``[start, end)`` of tz-aware instants."""

    start: pd.Timestamp
    end: pd.Timestamp

    def __post_init__(self) -> None:
        s, e = _as_utc(self.start), _as_utc(self.end)
        if e < s:
            raise ValueError(f"time window ends ({e}) before it starts ({s})")
        object.__setattr__(self, "start", s)
        object.__setattr__(self, "end", e)

    @property
    def start_ns(self) -> int:
        return int(self.start.tz_convert("UTC").as_unit("ns").value)

    @property
    def end_ns(self) -> int:
        return int(self.end.tz_convert("UTC").as_unit("ns").value)

    def contains(self, ts: Any) -> bool:
        t = _as_utc(ts)
        return self.start <= t < self.end

    def __str__(self) -> str:
        return f"{self.start.isoformat()} to {self.end.isoformat()}"

    def to_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

    @classmethod
    def from_dict(cls, d: dict[str, str]) -> TimeWindow:
        return cls(pd.Timestamp(d["start"]), pd.Timestamp(d["end"]))


@dataclass(frozen=True)
class FilterState:
    """What is visible. ``None`` for a part means "no restriction"."""

    window: TimeWindow | None = None
    categories: frozenset[str] | None = None
    area: Any = None  # shapely (Multi)Polygon in the working CRS
    hours: frozenset[int] | None = None  # hours of week, 0 = Monday 00:00-01:00

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FilterState):
            return NotImplemented
        if (self.window, self.categories, self.hours) != (
            other.window,
            other.categories,
            other.hours,
        ):
            return False
        if self.area is None or other.area is None:
            return self.area is other.area
        return bool(self.area.equals_exact(other.area, 0.0))

    def __hash__(self) -> int:
        area = self.area.wkb if self.area is not None else None
        return hash((self.window, self.categories, self.hours, area))

    @property
    def is_empty(self) -> bool:
        return (
            self.window is None
            and self.categories is None
            and self.area is None
            and self.hours is None
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "window": self.window.to_dict() if self.window else None,
            "categories": sorted(self.categories)
            if self.categories is not None
            else None,
            "area": shapely.to_wkt(self.area) if self.area is not None else None,
            "hours": sorted(self.hours) if self.hours is not None else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FilterState:
        return cls(
            window=TimeWindow.from_dict(d["window"]) if d.get("window") else None,
            categories=frozenset(d["categories"])
            if d.get("categories") is not None
            else None,
            area=shapely.from_wkt(d["area"]) if d.get("area") else None,
            hours=frozenset(int(h) for h in d["hours"])
            if d.get("hours") is not None
            else None,
        )


def hour_of_week(layer: Layer) -> np.ndarray:
    """Hour of week (0 = Monday 00:00) of each row, in the layer's local time zone."""

    def compute() -> np.ndarray:
        t = layer.frame[layer.time_column]
        how = t.dt.day_of_week.to_numpy(
            dtype=np.int16, na_value=-1
        ) * 24 + t.dt.hour.to_numpy(dtype=np.int16, na_value=0)
        how[t.isna().to_numpy()] = -1
        return how.astype(np.int16)

    return layer.cached("hour_of_week", compute)


def slice_positions(layer: Layer, state: FilterState) -> np.ndarray:
    """Row positions of ``layer`` that pass ``state`` (sorted int64 array)."""
    n = len(layer)
    if not layer.is_temporal:
        return np.arange(n, dtype=np.int64)
    ns = layer.times_ns
    if state.window is not None:
        lo = int(np.searchsorted(ns, state.window.start_ns, side="left"))
        hi = int(np.searchsorted(ns, state.window.end_ns, side="left"))
        lo = max(lo, 0)
    else:
        lo, hi = 0, n
        # rows with no time never pass a window, but pass when there is none
    if hi <= lo:
        return np.zeros(0, dtype=np.int64)
    mask = None
    if state.categories is not None and "category" in layer.frame:
        codes, names = layer.category_codes()
        wanted = np.array(
            [i for i, c in enumerate(names) if c in state.categories], dtype=np.int32
        )
        lut = np.zeros(len(names) + 1, dtype=bool)  # code -1 (missing) -> last
        lut[wanted] = True
        m = lut[codes[lo:hi]]
        mask = m
    if state.hours is not None and layer.time_precision == "second":
        how = hour_of_week(layer)[lo:hi]
        sel = np.zeros(168, dtype=bool)
        sel[[h for h in state.hours if 0 <= h < 168]] = True
        m = np.where(how >= 0, sel[np.clip(how, 0, 167)], False)
        mask = m if mask is None else mask & m
    if state.area is not None:
        xy = layer.xy[lo:hi]
        cand = np.ones(hi - lo, dtype=bool) if mask is None else mask
        inside = np.zeros(hi - lo, dtype=bool)
        # cheap bounding-box test first: only points in the area's box need the
        # exact point-in-polygon test (a lasso usually covers a small part of the data)
        x0, y0, x1, y1 = state.area.bounds
        px, py = xy[:, 0], xy[:, 1]
        cand = cand & (px >= x0) & (px <= x1) & (py >= y0) & (py <= y1)
        idx = np.flatnonzero(cand)
        if len(idx):
            shapely.prepare(state.area)
            inside[idx] = shapely.contains_xy(state.area, px[idx], py[idx])
        mask = inside
    if mask is None:
        return np.arange(lo, hi, dtype=np.int64)
    return np.flatnonzero(mask).astype(np.int64) + lo


class FilterModel:
    """Holds the current :class:`FilterState`; emits ``changed`` only on a real change."""

    changed = Signal(object)

    def __init__(self, state: FilterState | None = None) -> None:
        self._state = state or FilterState()

    @property
    def state(self) -> FilterState:
        return self._state

    def set_state(self, state: FilterState) -> bool:
        if state == self._state:
            return False
        self._state = state
        self.changed.emit(state)
        return True

    def set_window(self, window: TimeWindow | None) -> bool:
        return self.set_state(replace(self._state, window=window))

    def set_categories(self, categories: set[str] | frozenset[str] | None) -> bool:
        cats = frozenset(categories) if categories is not None else None
        return self.set_state(replace(self._state, categories=cats))

    def set_area(self, area: Any) -> bool:
        return self.set_state(replace(self._state, area=area))

    def set_hours(self, hours: set[int] | frozenset[int] | None) -> bool:
        h = frozenset(int(x) for x in hours) if hours is not None else None
        if h is not None and len(h) == 168:
            h = None
        return self.set_state(replace(self._state, hours=h))

    def reset(self) -> bool:
        return self.set_state(FilterState())

    def slice_for(self, layer: Layer, state: FilterState | None = None) -> np.ndarray:
        """Row positions of ``layer`` inside the filter (searchsorted on time)."""
        return slice_positions(layer, state or self._state)
