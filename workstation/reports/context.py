"""What every section of a report reads: the project's layers and the windows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import shapely

from layers.kinds import LayerKind
from layers.layer import Layer
from layers.project import Project
from layers.validation import DataError
from workstation.reports.compare import Window

_PERIOD = re.compile(r"^(\d{1,3})\s*(?:d|days?)?$")


def parse_period(text: str) -> int | str:
    """``"14d"``, ``"14 days"`` or ``"14"`` -> 14 (days), ``"month"`` -> ``"month"``."""
    t = str(text).strip().lower()
    if t == "month":
        return "month"
    m = _PERIOD.match(t)
    if not m or not 1 <= int(m.group(1)) <= 366:
        raise DataError(
            f"period {text!r} is not a number of days such as 14d or 28d, or 'month'",
            column="--period",
        )
    return int(m.group(1))


def is_dated(layer: Layer) -> bool:
    """Whether a layer has times finer than a month (hour-of-week, days, Knox)."""
    return layer.is_temporal and layer.time_precision != "month" and len(layer) > 0


@dataclass
class Context:
    """The project, its event layers and the assessment's windows.

    ``period`` is the window of the dated layers (``days`` ending at the midnight
    after their last event, or at ``end``); ``month`` is the latest calendar
    month of the month-precision layers, which cannot be cut into days.
    """

    project: Project
    events: list[Layer]
    boundaries: list[Layer]
    assets: list[Layer]
    areas: Layer | None
    period: Window
    month: Window | None
    tz: str
    notes: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    results: dict[str, Any] = field(default_factory=dict)

    def window_of(self, layer: Layer) -> Window:
        """The assessment window that applies to ``layer``."""
        if is_dated(layer) or self.month is None:
            return self.period
        return self.month

    def previous_of(self, layer: Layer) -> Window:
        w = self.window_of(layer)
        if not is_dated(layer) and self.month is not None:
            prev_end = w.start
            prev_start = (prev_end - pd.Timedelta(days=1)).replace(day=1)
            return Window(prev_start, prev_end)
        return w.shifted()

    def outlines(self) -> list[Any]:
        """Polygons to draw for orientation (wards, else the smallest layer)."""
        lay = self.areas or (self.boundaries[0] if self.boundaries else None)
        return list(lay.frame.geometry.values) if lay is not None else []

    def study_area(self) -> Any:
        """The union of the largest-area boundary layer (the force area)."""
        if not self.boundaries:
            return None
        lay = min(self.boundaries, key=len)
        return shapely.union_all(np.asarray(lay.frame.geometry.values))


def _end_of(layers: list[Layer], tz: str) -> pd.Timestamp:
    last = max(int(lyr.times_ns[-1]) for lyr in layers)
    t = pd.Timestamp(last, unit="ns", tz="UTC").tz_convert(tz)
    return (t.tz_localize(None).normalize() + pd.Timedelta(days=1)).tz_localize(tz)


def build_context(
    project: Project,
    period: int | str = 14,
    *,
    areas: str | None = None,
    end: pd.Timestamp | None = None,
) -> Context:
    """The context of a report; DataError when the project has no events."""
    tz = project.metadata.timezone or "Europe/London"
    events = [
        lyr
        for lyr in project.layers_of(LayerKind.CRIME, LayerKind.DEMAND)
        if lyr.is_temporal and len(lyr)
    ]
    if not events:
        raise DataError("the project has no dated crime or calls layer to assess")
    bnds = project.layers_of(LayerKind.BOUNDARY)
    area_layer = _pick_areas(bnds, areas)
    dated = [lyr for lyr in events if is_dated(lyr)]
    months = [lyr for lyr in events if not is_dated(lyr)]
    month = None
    if months:
        last = max(int(lyr.times_ns[-1]) for lyr in months)
        t = pd.Timestamp(last, unit="ns", tz="UTC").tz_convert(tz)
        m0 = pd.Timestamp(year=t.year, month=t.month, day=1).tz_localize(tz)
        month = Window(m0, (m0 + pd.DateOffset(months=1)))
    if end is not None:
        stop = pd.Timestamp(end)
        stop = stop.tz_localize(tz) if stop.tzinfo is None else stop.tz_convert(tz)
    elif dated:
        stop = _end_of(dated, tz)
    else:
        stop = month.end if month is not None else _end_of(events, tz)
    if not dated and month is not None and end is None:
        window = month  # months only: the latest month is the period
    elif period == "month":
        start = (stop - pd.Timedelta(days=1)).replace(day=1)
        start = pd.Timestamp(year=start.year, month=start.month, day=1).tz_localize(tz)
        window = Window(start, stop)
    else:
        window = Window(stop - pd.Timedelta(days=int(period)), stop)
    return Context(
        project=project,
        events=events,
        boundaries=bnds,
        assets=project.layers_of(LayerKind.ASSET),
        areas=area_layer,
        period=window,
        month=month,
        tz=tz,
    )


def _pick_areas(bnds: list[Layer], name: str | None) -> Layer | None:
    if name:
        for lyr in bnds:
            if name in (lyr.id, lyr.name):
                return lyr
        raise DataError(
            f"no boundary layer named {name!r}; the project has: "
            + (", ".join(lyr.name for lyr in bnds) or "none"),
            column="--areas",
        )
    if not bnds:
        return None
    # the default: the boundary layer with 10-100 areas (wards), else the most
    good = [lyr for lyr in bnds if 10 <= len(lyr) <= 100]
    return good[0] if good else max(bnds, key=len)


def layer_source(layer: Layer, tz: str = "Europe/London") -> str:
    """One line naming a layer, its files, rows and time range."""
    prov = layer.provenance or {}
    files = [
        str(f.get("path", "")) for f in prov.get("files", []) if isinstance(f, dict)
    ]
    names = ", ".join(f.rsplit("/", 1)[-1] for f in files[:3])
    if len(files) > 3:
        names += f" and {len(files) - 3} more files"
    text = f"{layer.name} ({layer.kind.value}, {len(layer):,} rows"
    if layer.is_temporal and len(layer):
        t0 = pd.Timestamp(int(layer.times_ns[0]), unit="ns", tz="UTC").tz_convert(tz)
        t1 = pd.Timestamp(int(layer.times_ns[-1]), unit="ns", tz="UTC").tz_convert(tz)
        text += f", {t0:%b %Y} to {t1:%b %Y}, {layer.time_precision} precision"
    text += ")"
    if names:
        text += f" from {names}"
    if prov.get("synthetic"):
        text += "; synthetic demo data"
    return text
