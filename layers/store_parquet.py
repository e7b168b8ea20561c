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

import hashlib
import json
import os
import re
import tempfile
import uuid
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
    #: (xmin, ymin, xmax, ymax) of its located rows; None when unknown (older stores)
    bbox: tuple[float, float, float, float] | None = None

    def meets(self, bounds: tuple[float, float, float, float] | None) -> bool:
        """Whether it may hold rows inside ``bounds`` (True when either is unknown)."""
        if bounds is None or self.bbox is None:
            return True
        x0, y0, x1, y1 = self.bbox
        return not (
            x1 < bounds[0] or x0 > bounds[2] or y1 < bounds[1] or y0 > bounds[3]
        )


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
    #: the hash of the manifest this layer was read from ("" if not read from one)
    manifest_hash: str = ""

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
            vals = _stripped(frame[col])
            out = out.where(vals.isna() | (vals == ""), vals)
    return out.astype(str)


def _stripped(values: pd.Series) -> pd.Series:
    """Text with its blanks stripped; a categorical one through its few categories."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        cats = np.asarray(values.cat.categories.astype(str).str.strip(), dtype=object)
        codes = values.cat.codes.to_numpy()
        out = np.where(codes >= 0, cats.take(np.clip(codes, 0, None)), None)
        return pd.Series(out, index=values.index, dtype="string")
    return values.astype("string").str.strip()


def write_layer_parts(
    layer: Layer, root: Path, part_id: str, *, source: str, fallback_force: str
) -> list[Partition]:
    """Write one read source as parts of ``root/LAYER/force=/month=``; returns them.

    The rows go to Arrow once and each (force, month) is a slice of that table, written with
    one schema for every part (see :func:`_canonical`) and GeoParquet metadata made once per
    CRS, so a small file costs a few milliseconds rather than a GeoDataFrame round trip.
    """
    frame = layer.frame
    if len(frame) == 0:
        return []
    force = force_of(frame, fallback_force).to_numpy()
    local = frame["occurred_at"]
    month = local.dt.strftime("%Y-%m").to_numpy(dtype=object)
    table = _arrow_rows(frame)
    keys = pd.DataFrame({"force": force, "month": month})
    order = np.lexsort((month, force))
    table, keys = table.take(order), keys.iloc[order].reset_index(drop=True)
    change = np.r_[
        True,
        (keys["force"].to_numpy()[1:] != keys["force"].to_numpy()[:-1])
        | (keys["month"].to_numpy()[1:] != keys["month"].to_numpy()[:-1]),
    ]
    starts = np.flatnonzero(change)
    stops = np.r_[starts[1:], len(keys)]
    parts: list[Partition] = []
    xs, ys = table["x"].to_numpy(), table["y"].to_numpy()
    for a, b in zip(starts, stops, strict=True):
        f, m = str(keys.at[a, "force"]), str(keys.at[a, "month"])
        rel = Path(slug(layer.name)) / f"force={slug(f)}" / f"month={m}"
        (root / rel).mkdir(parents=True, exist_ok=True)
        target = rel / f"{part_id}.parquet"
        _atomic_table(table.slice(a, b - a), root / target)
        box = _bbox(xs[a:b], ys[a:b])
        parts.append(Partition(f, m, target.as_posix(), int(b - a), source, box))
    return parts


def _bbox(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float] | None:
    ok = np.isfinite(x) & np.isfinite(y)
    if not ok.any():
        return None
    return (
        float(x[ok].min()),
        float(y[ok].min()),
        float(x[ok].max()),
        float(y[ok].max()),
    )


def _arrow_rows(frame: gpd.GeoDataFrame) -> Any:
    """The layer's rows as one Arrow table with the fast columns and GeoParquet metadata.

    Force and month are not columns: the hive folders (``force=``/``month=``) say them, so a
    reader of the folder (pyarrow, geopandas, Dask, DuckDB) sees one ``force`` and one
    ``month`` column rather than a clash between the file's and the folder's.
    """
    import pyarrow as pa
    import shapely

    gcol = frame.geometry.name
    attrs = pd.DataFrame(frame.drop(columns=[gcol, "month"], errors="ignore"))
    table = pa.Table.from_pandas(attrs, preserve_index=False)
    geoms = np.asarray(frame.geometry.array)
    x, y = shapely.get_x(geoms), shapely.get_y(geoms)
    extra = {
        "geometry": pa.array(shapely.to_wkb(geoms), pa.binary()),
        "x": pa.array(x, pa.float64()),
        "y": pa.array(y, pa.float64()),
        "t_ns": pa.array(times_to_ns(frame["occurred_at"]), pa.int64()),
    }
    for name, arr in extra.items():
        table = table.append_column(name, arr)
    types = sorted(set(frame.geometry.geom_type.dropna()))
    return _canonical(table, _geo_metadata(frame.crs, tuple(types), gcol))


#: GeoParquet "geo" metadata by (CRS, geometry types): PROJJSON is built once per worker
_GEO_META: dict[tuple[str, tuple[str, ...], str], bytes] = {}


def _geo_metadata(crs: Any, types: tuple[str, ...], column: str) -> bytes:
    key = (str(crs), types, column)
    if key not in _GEO_META:
        meta = {
            "version": "1.0.0",
            "primary_column": column,
            "columns": {
                column: {
                    "encoding": "WKB",
                    "geometry_types": list(types),
                    "crs": None if crs is None else crs.to_json_dict(),
                }
            },
        }
        _GEO_META[key] = json.dumps(meta).encode("utf-8")
    return _GEO_META[key]


def _canonical(table: Any, geo: bytes) -> Any:
    """One schema for every part of a layer, whatever values one file happened to hold.

    Categories become dictionaries with int32 indices, text becomes ``string`` and a column
    with no values at all (Arrow's null type) becomes ``string``, so a dataset of thousands of
    parts reads with one schema (pyarrow, Dask, DuckDB) instead of failing to unify them.
    """
    import pyarrow as pa

    fields = []
    for f in table.schema:
        t = f.type
        if pa.types.is_dictionary(t):
            t = pa.dictionary(pa.int32(), pa.string())
        elif pa.types.is_large_string(t) or pa.types.is_null(t):
            t = pa.string()
        fields.append(pa.field(f.name, t))
    meta = dict(table.schema.metadata or {})
    meta[b"geo"] = geo
    return table.cast(pa.schema(fields)).replace_schema_metadata(meta)


def _atomic_table(table: Any, path: Path) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".parquet.tmp")
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


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
        raw = target.read_bytes()
        data = json.loads(raw.decode("utf-8"))
        digest = _digest(raw)
        if data.get("format") != "analyst-workstation-store":
            raise ValueError("not a workstation store manifest")
        if int(data.get("version", 0)) > STORE_FORMAT:
            raise DataError(
                f"the store was written by a newer version (format {data['version']})",
                source=target,
            )
        return [_layer_from(root, d, digest) for d in data["layers"]]
    except DataError:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        raise DataError(f"damaged store manifest ({exc})", source=target) from exc


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:32]


def manifest_hash(path: str | Path) -> str:
    """The hash of a store's manifest (changes whenever an import changes the store)."""
    target = Path(path) / MANIFEST
    try:
        return _digest(target.read_bytes())
    except OSError as exc:
        raise DataError(
            f"the store cannot be read ({exc.strerror or exc})", source=path
        ) from exc


def _layer_from(root: Path, d: dict[str, Any], digest: str = "") -> StoreLayer:
    parts = [
        Partition(**{**p, "bbox": None if p.get("bbox") is None else tuple(p["bbox"])})
        for p in d["partitions"]
    ]
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
        manifest_hash=digest,
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


# ---------------------------------------------------------------------------
# a project's reference to a store layer
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class StoreRef:
    """A project's reference to one layer of a store: where it is and what it held.

    The project file keeps this instead of the rows. :meth:`open` refuses a store that is
    missing or whose manifest changed since the reference was made (another import, an edit),
    so a saved analysis is never silently re-run on other data.

    Parameters
    ----------
    path
        The store's folder (absolute).
    layer
        The layer's name in the store.
    manifest_hash
        :func:`manifest_hash` of the store when the reference was made.
    name
        The name the project shows (the layer's name by default).
    id
        A stable id in the project, as :attr:`layers.layer.Layer.id`.
    rows
        Rows of the layer when the reference was made (for display without opening it).
    style, visible
        Display settings the window keeps with the reference.
    """

    path: str
    layer: str
    manifest_hash: str
    name: str = ""
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    rows: int = 0
    style: dict[str, Any] = field(default_factory=dict, compare=False)
    visible: bool = True

    @classmethod
    def of(cls, layer: StoreLayer, *, name: str | None = None) -> StoreRef:
        """A reference to ``layer`` as it is now (its manifest hash recomputed)."""
        return cls(
            path=str(Path(layer.root).resolve()),
            layer=layer.name,
            manifest_hash=manifest_hash(layer.root),
            name=name or layer.name,
            rows=layer.rows,
        )

    @property
    def display_name(self) -> str:
        return self.name or self.layer

    def problem(self) -> str | None:
        """Why the store cannot be used as referred to, in one line; None if it can."""
        root = Path(self.path)
        where = f"store {self.path} (layer {self.layer!r})"
        if not root.is_dir():
            return f"{where} is missing"
        if not (root / MANIFEST).is_file():
            return f"{where} is not a workstation store any more (no {MANIFEST})"
        now = manifest_hash(root)
        if now != self.manifest_hash:
            return (
                f"{where} has changed since the project referred to it (manifest "
                f"{self.manifest_hash[:12]}, now {now[:12]}): refused; add it again "
                "to use the store as it is now"
            )
        return None

    def open(self) -> StoreLayer:
        """The store layer, after checking the store is the one referred to."""
        why = self.problem()
        if why:
            raise DataError(why, source=self.path)
        layer = store_layer(self.path, self.layer)
        if layer.manifest_hash != self.manifest_hash:  # changed between check and read
            raise DataError(
                f"store {self.path} changed while it was opened", source=self.path
            )
        return layer

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Any) -> StoreRef:
        """A reference from a project manifest; ValueError naming the bad field."""
        if not isinstance(d, dict):
            raise ValueError("a store reference should be an object")
        for key in ("path", "layer", "manifest_hash", "id"):
            if not isinstance(d.get(key), str) or not d[key]:
                raise ValueError(f"store reference field {key!r} should be text")
        if not re.fullmatch(r"[0-9a-f]{16,64}", d["manifest_hash"]):
            raise ValueError("store reference field 'manifest_hash' is not a hash")
        rows, style = d.get("rows", 0), d.get("style", {})
        if not isinstance(rows, int) or isinstance(rows, bool) or rows < 0:
            raise ValueError("store reference field 'rows' should be a count")
        if not isinstance(style, dict):
            raise ValueError("store reference field 'style' should be an object")
        return cls(
            path=d["path"],
            layer=d["layer"],
            manifest_hash=d["manifest_hash"],
            name=str(d.get("name") or ""),
            id=d["id"],
            rows=rows,
            style=style,
            visible=bool(d.get("visible", True)),
        )


def month_bounds_ns(months: list[str], tz: str) -> np.ndarray:
    """UTC nanoseconds of the start of each month and of the month after the last."""
    periods = pd.PeriodIndex(months, freq="M")
    edges = [*periods.to_timestamp(), (periods[-1] + 1).to_timestamp()]
    local = pd.DatetimeIndex(edges).tz_localize(tz)
    return local.tz_convert("UTC").as_unit("ns").asi8
