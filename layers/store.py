"""The project file: one GeoPackage with a table per layer, a manifest and an audit trail.

Layout (all in one ``.gpkg`` that QGIS and ogr2ogr can also open):

- one feature table per layer (``layer_1``, ``layer_2``, ...; geometry + columns);
- ``workstation_project``: one row per key, JSON values; key ``manifest`` holds the
  format version, the layers (id, table, name, kind, provenance, style, report
  summary, column dtypes, time zone) in drawing order, project metadata, filter
  state and map extent;
- ``workstation_rejects``: every rejected input row of every layer (file, row,
  column, value, reason), so the rejected-rows report survives a save;
- ``workstation_arrays``: named numpy arrays that belong to a layer (e.g. rasters);
- ``audit``: append-only trail (time, user, action, parameters, input layer hashes,
  software version) with a hash chain, so an edited or removed entry is detected.

Saving writes a temporary file in the same folder, flushes it to disk and
``os.replace``s it over the old file, so a crash mid-save never harms the last good
file. Datetimes are stored as GeoPackage DATETIME (UTC, millisecond precision) and
restored in their time zone.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import tempfile
import warnings
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio

from layers import plans
from layers.filtering import FilterState
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.progress import Progress, check
from layers.project import AuditEntry, Project, ProjectMetadata
from layers.validation import DataError, ReadReport, RejectedRow

FORMAT_VERSION = 1
APPLICATION = "Analyst Workstation"
MANIFEST_TABLE = "workstation_project"
REJECTS_TABLE = "workstation_rejects"
ARRAYS_TABLE = "workstation_arrays"
AUDIT_TABLE = "audit"
_GENESIS = "0" * 64


# -- saving -----------------------------------------------------------------------
def _dtype_record(series: pd.Series) -> dict[str, Any]:
    dt = series.dtype
    if isinstance(dt, pd.CategoricalDtype):
        return {"dtype": "category", "categories": [str(c) for c in dt.categories]}
    if isinstance(dt, pd.DatetimeTZDtype):
        return {"dtype": "datetime", "tz": str(dt.tz)}
    if pd.api.types.is_datetime64_dtype(dt):
        return {"dtype": "datetime", "tz": None}
    if pd.api.types.is_timedelta64_dtype(dt):
        return {"dtype": "timedelta"}
    if pd.api.types.is_bool_dtype(dt):
        return {"dtype": "boolean" if isinstance(dt, pd.BooleanDtype) else "bool"}
    if pd.api.types.is_integer_dtype(dt):
        return {"dtype": str(dt)}  # int64 / Int64 / int32 ...
    if pd.api.types.is_float_dtype(dt):
        return {"dtype": str(dt)}
    if pd.api.types.is_string_dtype(dt):
        return {"dtype": "string"}
    return {"dtype": "json"}


def _to_storable(
    frame: gpd.GeoDataFrame, dtypes: dict[str, dict[str, Any]]
) -> gpd.GeoDataFrame:
    out = {}
    for col in frame.columns:
        if col == frame.geometry.name:
            continue
        s = frame[col]
        kind = dtypes[col]["dtype"]
        if kind == "category":
            s = s.astype("object").where(s.notna(), None)
        elif kind == "datetime" and dtypes[col].get("tz") is None:
            s = s.dt.tz_localize("UTC")
        elif kind == "timedelta":
            s = s.dt.total_seconds()
        elif kind == "boolean":
            s = s.astype("float64")
        elif kind.startswith(("Int", "UInt")):
            s = s.astype("float64")
        elif kind == "json":
            s = s.map(lambda v: None if v is None else json.dumps(v, default=str))
        out[col] = s
    df = pd.DataFrame(out, index=frame.index)
    return gpd.GeoDataFrame(df, geometry=frame.geometry.values, crs=frame.crs)


def _restore(frame: pd.DataFrame, dtypes: dict[str, dict[str, Any]]) -> pd.DataFrame:
    for col, rec in dtypes.items():
        if col not in frame:
            continue
        kind = rec["dtype"]
        s = frame[col]
        if kind == "category":
            s = pd.Categorical(s.astype("object"), categories=rec["categories"])
        elif kind == "datetime":
            s = pd.to_datetime(s, utc=True, format="ISO8601")
            s = s.dt.tz_convert(rec["tz"]) if rec.get("tz") else s.dt.tz_localize(None)
        elif kind == "timedelta":
            s = pd.to_timedelta(s, unit="s")
        elif kind == "bool":
            s = s.astype(bool)
        elif kind == "boolean":
            s = s.astype("boolean")
        elif kind == "json":
            s = s.map(
                lambda v: (
                    None
                    if v is None or (isinstance(v, float) and np.isnan(v))
                    else json.loads(v)
                )
            )
        elif kind == "string":
            s = s.astype("object").where(s.notna(), None)
            s = (
                s.astype(pd.StringDtype(na_value=np.nan))
                if pd.__version__ >= "3"
                else s
            )
        else:
            s = s.astype(kind)
        frame[col] = s
    return frame


def _audit_hash(prev: str, entry: AuditEntry) -> str:
    body = json.dumps(
        [
            prev,
            entry.time,
            entry.user,
            entry.action,
            entry.parameters,
            entry.input_hashes,
            entry.software_version,
        ],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def save_project(
    project: Project, path: str | Path, *, progress: Progress | None = None
) -> Path:
    """Write the project to ``path`` atomically (temporary file + ``os.replace``)."""
    from layers import __version__

    path = Path(path)
    if path.suffix.lower() != ".gpkg":
        raise DataError("a project file must end in .gpkg", source=path)
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmpname = tempfile.mkstemp(
        prefix=f".{path.stem}.", suffix=".saving.gpkg", dir=folder
    )
    os.close(fd)
    tmp = Path(tmpname)
    tmp.unlink()  # GDAL wants to create it
    try:
        layer_records = []
        n = max(len(project.layers), 1)
        for i, layer in enumerate(project.layers):
            check(progress, i / (n + 1), f"saving {layer.name}")
            table = f"layer_{i + 1}"
            frame = layer.frame
            dtypes = {
                c: _dtype_record(frame[c])
                for c in frame.columns
                if c != frame.geometry.name
            }
            storable = _to_storable(frame, dtypes)
            geom_types = set(frame.geometry.geom_type.dropna().unique())
            geometry_type = geom_types.pop() if len(geom_types) == 1 else "Unknown"
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                pyogrio.write_dataframe(
                    storable,
                    tmp,
                    layer=table,
                    driver="GPKG",
                    geometry_type=geometry_type if len(frame) else "Unknown",
                    promote_to_multi=False,
                    layer_options={"SPATIAL_INDEX": "YES"},
                )
            layer_records.append(
                {
                    "id": layer.id,
                    "table": table,
                    "name": layer.name,
                    "kind": layer.kind.value,
                    "time_column": layer.time_column,
                    "time_precision": layer.time_precision,
                    "visible": layer.visible,
                    "style": layer.style,
                    "provenance": layer.provenance,
                    "report": layer.report.to_dict() if layer.report else None,
                    "columns": list(frame.columns.drop(frame.geometry.name)),
                    "geometry_column": frame.geometry.name,
                    "dtypes": dtypes,
                    "crs": frame.crs.to_string() if frame.crs is not None else None,
                    "rows": len(frame),
                    "arrays": sorted(layer.arrays),
                }
            )
        if not project.layers:
            # an empty project still needs a valid GeoPackage
            pyogrio.write_dataframe(
                gpd.GeoDataFrame(
                    {"id": pd.Series([], dtype="int64")},
                    geometry=[],
                    crs=project.metadata.crs,
                ),
                tmp,
                layer="workstation_empty",
                driver="GPKG",
                geometry_type="Point",
            )
        manifest = {
            "application": APPLICATION,
            "format_version": FORMAT_VERSION,
            "software_version": __version__,
            "metadata": project.metadata.to_dict(),
            "filter": project.filter.state.to_dict(),
            "layers": layer_records,
        }
        check(progress, n / (n + 1), "writing manifest and audit trail")
        _write_tables(tmp, project, manifest)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        with contextlib.suppress(OSError):
            dfd = os.open(folder, os.O_RDONLY)
            os.fsync(dfd)
            os.close(dfd)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    project.path = str(path)
    project.mark_dirty(False)
    check(progress, 1.0, "saved")
    return path


def _register(con: sqlite3.Connection, table: str, description: str) -> None:
    con.execute(
        "INSERT OR REPLACE INTO gpkg_contents (table_name, data_type, identifier, description, "
        "last_change) VALUES (?, 'attributes', ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
        (table, table, description),
    )


def _write_tables(path: Path, project: Project, manifest: dict[str, Any]) -> None:
    con = sqlite3.connect(path)
    try:
        with con:
            con.execute(
                f"CREATE TABLE {MANIFEST_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
            )
            con.execute(
                f"INSERT INTO {MANIFEST_TABLE} VALUES ('manifest', ?)",
                (json.dumps(manifest, default=str, ensure_ascii=False),),
            )
            _register(
                con, MANIFEST_TABLE, "Analyst Workstation project manifest (JSON)"
            )
            con.execute(
                f"CREATE TABLE {REJECTS_TABLE} (layer_id TEXT, file TEXT, row INTEGER, "
                "column_name TEXT, value TEXT, reason TEXT, count INTEGER, "
                "last_row INTEGER)"
            )
            for layer in project.layers:
                if layer.report and layer.report.rejected:
                    con.executemany(
                        f"INSERT INTO {REJECTS_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [(layer.id, *_reject_fields(r)) for r in layer.report.rejected],
                    )
            _register(con, REJECTS_TABLE, "Rows rejected on import, with reasons")
            con.execute(
                f"CREATE TABLE {ARRAYS_TABLE} (layer_id TEXT, name TEXT, dtype TEXT, shape TEXT, data BLOB)"
            )
            for layer in project.layers:
                for name, arr in layer.arrays.items():
                    a = np.ascontiguousarray(arr)
                    con.execute(
                        f"INSERT INTO {ARRAYS_TABLE} VALUES (?, ?, ?, ?, ?)",
                        (
                            layer.id,
                            name,
                            a.dtype.str,
                            json.dumps(list(a.shape)),
                            a.tobytes(),
                        ),
                    )
            _register(con, ARRAYS_TABLE, "Arrays (e.g. rasters) belonging to layers")
            con.execute(
                f"CREATE TABLE {AUDIT_TABLE} (seq INTEGER PRIMARY KEY, time TEXT, user TEXT, "
                "action TEXT, parameters TEXT, input_hashes TEXT, software_version TEXT, "
                "prev_hash TEXT, entry_hash TEXT)"
            )
            prev = _GENESIS
            for seq, e in enumerate(project.audit, start=1):
                h = _audit_hash(prev, e)
                con.execute(
                    f"INSERT INTO {AUDIT_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        seq,
                        e.time,
                        e.user,
                        e.action,
                        json.dumps(e.parameters, default=str, ensure_ascii=False),
                        json.dumps(e.input_hashes),
                        e.software_version,
                        prev,
                        h,
                    ),
                )
                prev = h
            # append-only: the trail refuses edits and deletions once written
            con.execute(
                f"CREATE TRIGGER audit_no_update BEFORE UPDATE ON {AUDIT_TABLE} "
                "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
            )
            con.execute(
                f"CREATE TRIGGER audit_no_delete BEFORE DELETE ON {AUDIT_TABLE} "
                "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
            )
            _register(con, AUDIT_TABLE, "Append-only audit trail")
            plans.write_table(con, project, _register)
    finally:
        con.close()


# -- loading ------------------------------------------------------------------------
def read_manifest(path: str | Path) -> dict[str, Any]:
    """The manifest of a project file; DataError if it is not a readable project."""
    path = Path(path)
    if not path.exists():
        raise DataError("no such project file", source=path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise DataError(
            f"cannot read project file: {exc.strerror}", source=path
        ) from exc
    if head != b"SQLite format 3\x00":
        raise DataError(
            "not a GeoPackage project file (damaged, or another kind of file)",
            source=path,
        )
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute(
                f"SELECT value FROM {MANIFEST_TABLE} WHERE key = 'manifest'"
            ).fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        msg = str(exc)
        if "no such table" in msg:
            raise DataError(
                "a GeoPackage, but not an Analyst Workstation project (no manifest); "
                "import its layers instead",
                source=path,
            ) from exc
        raise DataError(f"the project file is damaged ({msg})", source=path) from exc
    if row is None:
        raise DataError("the project file has no manifest (damaged)", source=path)
    try:
        manifest = json.loads(row[0])
    except json.JSONDecodeError as exc:
        raise DataError(
            f"the project manifest is damaged ({exc.msg})", source=path
        ) from exc
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise DataError(
            "the project manifest has no format version (damaged)", source=path
        )
    if version > FORMAT_VERSION:
        raise DataError(
            f"made by a newer Analyst Workstation (project format {version}; this version "
            f"reads up to {FORMAT_VERSION}): update the application to open it",
            source=path,
        )
    return manifest


def _reject_fields(r: RejectedRow) -> tuple:
    return (r.source, r.row, r.column, r.value, r.reason, r.count, r.last_row)


def load_project(path: str | Path, *, progress: Progress | None = None) -> Project:
    """Open a project file. Raises :class:`DataError` for damaged or newer files."""
    path = Path(path)
    manifest = read_manifest(path)
    project = Project(ProjectMetadata.from_dict(manifest.get("metadata", {})))
    records = manifest.get("layers", [])
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            counted = "count" in {
                r[1] for r in con.execute(f"PRAGMA table_info({REJECTS_TABLE})")
            }  # counted rejects (files written before them have one row each)
            rejects = con.execute(
                f"SELECT layer_id, file, row, column_name, value, reason"
                f"{', count, last_row' if counted else ', 1, NULL'} FROM {REJECTS_TABLE} ORDER BY rowid"
            ).fetchall()
            arrays = con.execute(
                f"SELECT layer_id, name, dtype, shape, data FROM {ARRAYS_TABLE}"
            ).fetchall()
            audit = con.execute(
                f"SELECT time, user, action, parameters, input_hashes, software_version, prev_hash, "
                f"entry_hash FROM {AUDIT_TABLE} ORDER BY seq"
            ).fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DataError(f"the project file is damaged ({exc})", source=path) from exc
    by_layer: dict[str, list[RejectedRow]] = {}
    for lid, file, row, col, val, reason, count, last in rejects:
        by_layer.setdefault(lid, []).append(
            RejectedRow(
                file, int(row), col or "", val or "", reason, int(count or 1), last
            )
        )
    arrays_by_layer: dict[str, dict[str, np.ndarray]] = {}
    for lid, name, dtype, shape, data in arrays:
        arrays_by_layer.setdefault(lid, {})[name] = (
            np.frombuffer(data, dtype=np.dtype(dtype)).reshape(json.loads(shape)).copy()
        )
    n = max(len(records), 1)
    for i, rec in enumerate(records):
        check(progress, i / n, f"reading {rec.get('name')}")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                frame = pyogrio.read_dataframe(
                    path, layer=rec["table"], datetime_as_string=True
                )
        except Exception as exc:
            raise DataError(
                f"layer {rec.get('name')!r} (table {rec.get('table')}) cannot be read: {exc}",
                source=path,
            ) from exc
        if len(frame) != rec.get("rows", len(frame)):
            raise DataError(
                f"layer {rec.get('name')!r} has {len(frame)} rows, the manifest says {rec['rows']} (damaged)",
                source=path,
            )
        if "geometry" in frame and rec.get("geometry_column", "geometry") != "geometry":
            frame = frame.rename_geometry(rec["geometry_column"])
        frame = _restore(frame, rec.get("dtypes", {}))
        cols = [c for c in rec.get("columns", []) if c in frame] + [frame.geometry.name]
        frame = gpd.GeoDataFrame(
            frame[cols], geometry=frame.geometry.name, crs=rec.get("crs") or frame.crs
        )
        rep = None
        if rec.get("report") is not None:
            rd = rec["report"]
            rep = ReadReport(
                rd.get("source", ""),
                rows_total=int(rd.get("rows_total", 0)),
                rows_loaded=int(rd.get("rows_loaded", 0)),
                rejected=by_layer.get(rec["id"], []),
                warnings=list(rd.get("warnings", [])),
                notes=list(rd.get("notes", [])),
            )
        layer = Layer(
            name=rec["name"],
            kind=LayerKind(rec["kind"]),
            frame=frame,
            time_precision=rec.get("time_precision"),
            provenance=rec.get("provenance") or {},
            report=rep,
            style=rec.get("style") or {},
            id=rec["id"],
            time_column=rec.get("time_column"),
            visible=bool(rec.get("visible", True)),
            arrays=arrays_by_layer.get(rec["id"], {}),
        )
        project.add_layer(layer)
    prev = _GENESIS
    broken = False
    for time, user, action, params, hashes, version, prev_hash, entry_hash in audit:
        entry = AuditEntry(
            time, user, action, json.loads(params), json.loads(hashes), version
        )
        if prev_hash != prev or _audit_hash(prev, entry) != entry_hash:
            broken = True
        prev = entry_hash
        project.audit.append(entry)
    project.audit_intact = not broken  # type: ignore[attr-defined]
    plans.read_table(path, project)
    if manifest.get("filter"):
        try:
            project.filter.set_state(FilterState.from_dict(manifest["filter"]))
        except (KeyError, ValueError, TypeError) as exc:
            raise DataError(
                f"the saved filter is damaged ({exc})", source=path
            ) from exc
    project.metadata = ProjectMetadata.from_dict(manifest.get("metadata", {}))
    project.path = str(path)
    project.mark_dirty(False)
    check(progress, 1.0, "opened")
    return project
