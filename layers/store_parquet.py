"""A partitioned store of layers too large for one project file: GeoParquet by force and month.

Layout (hive partitioning, readable by pyarrow, Dask, DuckDB, GDAL and QGIS)::

    STORE/store.json                                  the manifest (this module writes it)
    STORE/LAYER/force=SLUG/month=YYYY-MM/PART.parquet  GeoParquet, one file per source file
    STORE/_rejects/PART.csv                           the rows each source file could not load

Each part keeps the layer's canonical columns and geometry (WKB, GeoParquet 1.x metadata) plus
three plain columns that aggregations read without decoding geometry: ``x`` and ``y`` (metres in
the store's CRS) and ``t_ns`` (int64 UTC nanoseconds). The manifest records rows per partition and
the read report of every source file, so ``loaded + rejected = rows`` holds for the whole store.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from layers.kinds import LayerKind
from layers.layer import Layer, times_to_ns
from layers.validation import DataError

STORE_FORMAT = 1
MANIFEST = "store.json"
#: columns every part carries for fast aggregation (besides the layer's own)
FAST_COLUMNS = ("x", "y", "t_ns")
_FORCE_COLUMNS = ("falls_within", "reported_by")


@dataclass(frozen=True)
class Partition:
    """One GeoParquet file: the rows of one source file for one force and month."""

    force: str
    month: str
    path: str  # relative to the store root
    rows: int
    source: str


@dataclass
class StoreLayer:
    """A layer held in a store: its description and its partitions, not its rows."""

    root: Path
    name: str
    kind: LayerKind
    crs: str
    time_precision: str | None
    timezone: str
    partitions: list[Partition] = field(default_factory=list)
    reports: list[dict[str, Any]] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(p.rows for p in self.partitions)

    @property
    def rows_total(self) -> int:
        return sum(int(r.get("rows_total", 0)) for r in self.reports)

    @property
    def rows_rejected(self) -> int:
        return sum(int(r.get("rows_rejected", 0)) for r in self.reports)

    @property
    def forces(self) -> list[str]:
        return sorted({p.force for p in self.partitions})

    @property
    def months(self) -> list[str]:
        return sorted({p.month for p in self.partitions})

    def select(
        self, forces: Iterable[str] | None = None, months: Iterable[str] | None = None
    ) -> list[Partition]:
        """The partitions of the given forces and months (all by default)."""
        fs = None if forces is None else set(forces)
        ms = None if months is None else set(months)
        return [
            p
            for p in self.partitions
            if (fs is None or p.force in fs) and (ms is None or p.month in ms)
        ]

    def path_of(self, part: Partition) -> Path:
        return self.root / part.path

    def read(
        self,
        columns: list[str] | None = None,
        *,
        forces: Iterable[str] | None = None,
        months: Iterable[str] | None = None,
    ) -> gpd.GeoDataFrame | pd.DataFrame:
        """The rows of the selected partitions in memory (small selections only)."""
        parts = self.select(forces, months)
        frames = [read_part(self.path_of(p), columns) for p in parts]
        if not frames:
            raise DataError(f"no rows in the store for layer {self.name!r}")
        out = pd.concat(frames, ignore_index=True)
        if isinstance(frames[0], gpd.GeoDataFrame):
            out = gpd.GeoDataFrame(out, geometry="geometry", crs=self.crs)
        return out

    def to_layer(
        self,
        *,
        forces: Iterable[str] | None = None,
        months: Iterable[str] | None = None,
    ) -> Layer:
        """A normal in-memory layer of the selected partitions (for drill-down)."""
        frame = self.read(forces=forces, months=months)
        frame = frame.drop(columns=[c for c in FAST_COLUMNS if c in frame])
        frame = frame.drop(columns=["force", "month"], errors="ignore")
        frame = frame.sort_values("occurred_at", kind="stable").reset_index(drop=True)
        frame["occurred_at"] = frame["occurred_at"].dt.tz_convert(self.timezone)
        return Layer(
            name=self.name,
            kind=self.kind,
            frame=gpd.GeoDataFrame(frame, geometry="geometry", crs=self.crs),
            time_precision=self.time_precision,
            provenance={"store": str(self.root), "partitions": len(frame)},
        )


def read_part(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """One part: a GeoDataFrame when its geometry is asked for, else a plain frame."""
    if columns is not None and "geometry" not in columns:
        return pq.read_table(path, columns=list(columns)).to_pandas()
    return gpd.read_parquet(path, columns=columns)


def slug(text: str) -> str:
    """A folder-safe form of a force name ("Avon and Somerset" -> "avon-and-somerset")."""
    s = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    return s or "unknown"


def force_of(frame: pd.DataFrame, fallback: str) -> pd.Series:
    """The force of each row: police.uk's "Falls within" (or "Reported by"), else ``fallback``."""
    out = pd.Series(fallback, index=frame.index, dtype=object)
    for col in reversed(_FORCE_COLUMNS):
        if col in frame:
            vals = frame[col].astype("string").str.strip()
            out = out.where(vals.isna() | (vals == ""), vals)
    return out.astype(str)


def write_layer_parts(
    layer: Layer, root: Path, part_id: str, *, source: str, fallback_force: str
) -> list[Partition]:
    """Write one read source as parts of ``root/LAYER/force=/month=``; returns them."""
    frame = layer.frame
    if len(frame) == 0:
        return []
    geoms = frame.geometry
    out = frame.copy()
    out["x"] = geoms.x.to_numpy(dtype=float)
    out["y"] = geoms.y.to_numpy(dtype=float)
    out["t_ns"] = times_to_ns(frame["occurred_at"])
    out["force"] = force_of(frame, fallback_force)
    local = frame["occurred_at"].dt.tz_convert(layer.frame["occurred_at"].dt.tz)
    out["month"] = local.dt.strftime("%Y-%m")
    parts: list[Partition] = []
    for (force, month), grp in out.groupby(["force", "month"], sort=True):
        rel = Path(slug(layer.name)) / f"force={slug(force)}" / f"month={month}"
        (root / rel).mkdir(parents=True, exist_ok=True)
        target = rel / f"{part_id}.parquet"
        _atomic_parquet(grp.reset_index(drop=True), root / target)
        parts.append(
            Partition(str(force), str(month), target.as_posix(), len(grp), source)
        )
    return parts


def _atomic_parquet(frame: gpd.GeoDataFrame, path: Path) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".parquet.tmp")
    os.close(fd)
    try:
        frame.to_parquet(tmp, index=False, compression="zstd")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


# ---------------------------------------------------------------------------
# the manifest
# ---------------------------------------------------------------------------
def is_store(path: str | Path) -> bool:
    p = Path(path)
    return p.is_dir() and (p / MANIFEST).is_file()


def write_manifest(root: Path, layers: list[StoreLayer]) -> Path:
    data = {
        "format": "analyst-workstation-store",
        "version": STORE_FORMAT,
        "layers": [
            {
                "name": lyr.name,
                "kind": lyr.kind.value,
                "crs": lyr.crs,
                "time_precision": lyr.time_precision,
                "timezone": lyr.timezone,
                "rows": lyr.rows,
                "rows_total": lyr.rows_total,
                "rows_rejected": lyr.rows_rejected,
                "partitions": [asdict(p) for p in lyr.partitions],
                "reports": lyr.reports,
            }
            for lyr in layers
        ],
    }
    target = root / MANIFEST
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    os.replace(tmp, target)
    return target


def open_store(path: str | Path) -> list[StoreLayer]:
    """The layers of a store, from its manifest; a clear error when it is not one."""
    root = Path(path)
    target = root / MANIFEST
    if not target.is_file():
        raise DataError(f"not a workstation store (no {MANIFEST})", source=root)
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
        if data.get("format") != "analyst-workstation-store":
            raise ValueError("not a workstation store manifest")
        if int(data.get("version", 0)) > STORE_FORMAT:
            raise DataError(
                f"the store was written by a newer version (format {data['version']})",
                source=target,
            )
        return [_layer_from(root, d) for d in data["layers"]]
    except DataError:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        raise DataError(f"damaged store manifest ({exc})", source=target) from exc


def _layer_from(root: Path, d: dict[str, Any]) -> StoreLayer:
    parts = [Partition(**p) for p in d["partitions"]]
    for p in parts:
        if not (root / p.path).is_file():
            raise DataError(f"store partition {p.path} is missing", source=root)
    return StoreLayer(
        root=root,
        name=str(d["name"]),
        kind=LayerKind(d["kind"]),
        crs=str(d["crs"]),
        time_precision=d.get("time_precision"),
        timezone=str(d.get("timezone") or "Europe/London"),
        partitions=parts,
        reports=list(d.get("reports", [])),
    )


def store_layer(path: str | Path, name: str | None = None) -> StoreLayer:
    """The layer ``name`` of a store (its only or first point layer by default)."""
    layers = open_store(path)
    if name:
        for lyr in layers:
            if name in (lyr.name, slug(lyr.name)):
                return lyr
        names = ", ".join(repr(lyr.name) for lyr in layers)
        raise DataError(
            f"no layer {name!r} in the store (layers: {names})", source=path
        )
    if not layers:
        raise DataError("the store holds no layer", source=path)
    return layers[0]


def month_bounds_ns(months: list[str], tz: str) -> np.ndarray:
    """UTC nanoseconds of the start of each month and of the month after the last."""
    periods = pd.PeriodIndex(months, freq="M")
    edges = [*periods.to_timestamp(), (periods[-1] + 1).to_timestamp()]
    local = pd.DatetimeIndex(edges).tz_localize(tz)
    return local.tz_convert("UTC").as_unit("ns").asi8
