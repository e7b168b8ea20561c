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
import dataclasses
import glob
import hashlib
import json
import os
import secrets
import sqlite3
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio

from layers import plans

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from layers.audit import (
    AuditCheck,
    check_entries,
    check_head,
    head_of,
    installation_key,
    log,
    manifest_mac,
    record_break,
    sealed_trail,
    trail_digest,
)
from layers.filtering import FilterState
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.manifest import validate_manifest
from layers.progress import Progress, check
from layers.project import AuditEntry, Project, ProjectMetadata, frame_hash
from layers.validation import DataError, ReadReport, RejectedRow

FORMAT_VERSION = 2  # 2: keyed audit trail, audit head and content hashes
APPLICATION = "Analyst Workstation"
MANIFEST_TABLE = "workstation_project"
REJECTS_TABLE = "workstation_rejects"
ARRAYS_TABLE = "workstation_arrays"
AUDIT_TABLE = "audit"


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
        elif kind == "datetime":
            # GeoPackage DATETIME is UTC ("...Z"); the zone is kept in the manifest
            # and put back on open (GDAL calls a stored +01:00 non-conformant)
            s = (
                s.dt.tz_localize("UTC")
                if dtypes[col].get("tz") is None
                else s.dt.tz_convert("UTC")
            )
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
            values = s.astype("object")
            cats = pd.Index(rec["categories"])
            stray = values.notna() & ~values.isin(cats)
            if stray.any():  # a value the saved categories lack would become empty
                raise ValueError(
                    f"column {col!r} holds {int(stray.sum()):,} value(s) outside its "
                    "saved categories (damaged)"
                )
            s = pd.Categorical(values, categories=cats)
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


def side_hash(layer: Layer) -> str:
    """A hash of what a layer keeps beside its rows: rejected rows and arrays."""
    h = hashlib.sha256()
    rejected = layer.report.rejected if layer.report else []
    rows = [
        [r.source, r.row, r.column, r.value, r.reason, r.count, r.last_row]
        for r in rejected
    ]
    h.update(json.dumps(rows, default=str, ensure_ascii=False).encode("utf-8"))
    for name in sorted(layer.arrays):
        a = np.ascontiguousarray(layer.arrays[name])
        h.update(json.dumps([name, a.dtype.str, list(a.shape)]).encode("utf-8"))
        h.update(a.tobytes())
    return h.hexdigest()[:16]


def save_project(
    project: Project, path: str | Path, *, progress: Progress | None = None
) -> Path:
    """Write the project to ``path`` atomically (temporary file + ``os.replace``).

    The leftovers of earlier saves whose writer died are removed first. The audit
    trail is written as it was sealed: a trail found broken on open stays broken
    (with the entry that records where), and a warning is logged.
    """
    path = Path(path)
    if path.suffix.lower() != ".gpkg":
        raise DataError("a project file must end in .gpkg", source=path)
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    clean_leftovers(path)
    project.audit[:] = sealed_trail(project.audit)
    with _SaveLock(folder, path.stem) as tmp:
        _write_project(project, tmp, progress)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        with contextlib.suppress(OSError):
            dfd = os.open(folder, os.O_RDONLY)
            os.fsync(dfd)
            os.close(dfd)
    found = project.audit_check
    if found is not None and found.status == "broken":
        where = found.break_entry or (found.recorded_breaks or [None])[-1]
        log.warning(
            "%s: saved with the audit trail's break carried forward "
            "(entry %s records where it was found)",
            path,
            where,
        )
    project.path = str(path)
    project.mark_dirty(False)
    check(progress, 1.0, "saved")
    return path


def _write_project(project: Project, tmp: Path, progress: Progress | None) -> None:
    from layers import __version__

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
                "content_hash": frame_hash(layer),
                "side_hash": side_hash(layer),
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
    if project.stores:
        manifest["stores"] = _store_records(project, tmp.parent)
    key, key_id = installation_key()  # type: ignore[misc]
    manifest["audit_head"] = {
        **head_of(project.audit),
        "key_id": key_id,
        "trail_digest": trail_digest(project.audit),
    }
    manifest["audit_head"]["mac"] = manifest_mac(manifest, key)
    check(progress, n / (n + 1), "writing manifest and audit trail")
    _write_tables(tmp, project, manifest)


def _store_records(project: Project, folder: Path) -> list[dict[str, Any]]:
    out = []
    for ref in project.stores:
        rec = ref.to_dict()
        with contextlib.suppress(ValueError):  # another drive: no relative path
            rec["relative"] = os.path.relpath(ref.path, folder.resolve())
        out.append(rec)
    return out


def _store_refs(manifest: dict[str, Any], path: Path) -> list:
    """The project's store references; a missing or changed one is logged, never read.

    (Its :meth:`~layers.store_parquet.StoreRef.open` refuses it with the same message.)
    """
    from layers.store_parquet import StoreRef

    refs = []
    for i, rec in enumerate(manifest.get("stores") or []):
        try:
            ref = StoreRef.from_dict(rec)
        except ValueError as exc:
            raise DataError(
                f"the project manifest is damaged: stores[{i}]: {exc}", source=path
            ) from None
        moved = path.parent / str(rec.get("relative") or "")
        if rec.get("relative") and not Path(ref.path).is_dir() and moved.is_dir():
            ref = dataclasses.replace(ref, path=str(moved.resolve()))
        if why := ref.problem():
            log.warning("%s: %s", path, why)
        refs.append(ref)
    return refs


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
                "prev_hash TEXT, entry_hash TEXT, key_id TEXT)"
            )
            con.executemany(
                f"INSERT INTO {AUDIT_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        seq,
                        e.time,
                        e.user,
                        e.action,
                        json.dumps(e.parameters, default=str, ensure_ascii=False),
                        json.dumps(e.input_hashes),
                        e.software_version,
                        e.prev_hash,
                        e.entry_hash,
                        e.key_id,
                    )
                    for seq, e in enumerate(project.audit, start=1)
                ],
            )
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


# -- leftovers of interrupted saves -----------------------------------------------
#: a temporary file with no lock file (made by a version before locks) is taken as
#: dead once it is this old
LEGACY_LEFTOVER_AGE_S = 3600.0


def _lock(fd: int) -> bool:
    """Take the writer's lock on ``fd`` without waiting; False if a live writer has it."""
    if fcntl is None:  # pragma: no cover - Windows: open files cannot be deleted
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class _SaveLock:
    """The temporary file of one save, with a lock file held while it exists.

    The lock (``.NAME.TOKEN.saving.lock``, an OS lock the kernel drops when the
    writer dies) is made before the temporary file and removed after it, so
    :func:`clean_leftovers` can tell a dead writer's files from a live one's.
    """

    def __init__(self, folder: Path, stem: str) -> None:
        token = f"{os.getpid()}-{secrets.token_hex(6)}"
        self.lock = folder / f".{stem}.{token}.saving.lock"
        self.tmp = folder / f".{stem}.{token}.saving.gpkg"
        self.fd = -1

    def __enter__(self) -> Path:
        self.fd = os.open(self.lock, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        _lock(self.fd)
        return self.tmp

    def __exit__(self, *exc: object) -> None:
        for f in _token_files(self.tmp):
            with contextlib.suppress(OSError):
                f.unlink()
        with contextlib.suppress(OSError):
            self.lock.unlink()
        os.close(self.fd)


def _token_files(tmp: Path) -> list[Path]:
    return [tmp, *(tmp.with_name(tmp.name + s) for s in ("-journal", "-wal", "-shm"))]


def clean_leftovers(path: str | Path) -> list[Path]:
    """Remove the temporary files of saves of ``path`` whose writer is gone.

    Returns the files removed. A writer that is still saving keeps its lock, and
    its files are left alone; errors (a read-only folder) are ignored.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    prefix = f".{path.stem}."
    tokens: dict[str, list[Path]] = {}
    for name in glob.glob(glob.escape(str(folder / prefix)) + "*.saving.*"):
        f = Path(name)
        token = f.name[len(prefix) : f.name.rfind(".saving.")]
        if token and "." not in token:
            tokens.setdefault(token, []).append(f)
    removed: list[Path] = []
    for token, files in tokens.items():
        with contextlib.suppress(OSError):
            removed += _clean_token(folder / f"{prefix}{token}.saving.lock", files)
    return removed


def _clean_token(lock: Path, files: list[Path]) -> list[Path]:
    others = [f for f in files if f != lock]
    if not lock.exists():
        newest = max((f.stat().st_mtime for f in others), default=0.0)
        if time.time() - newest < LEGACY_LEFTOVER_AGE_S:
            return []
        fd = None
    else:
        fd = os.open(lock, os.O_RDWR)
        if not _lock(fd):
            os.close(fd)
            return []  # its writer is alive
    removed = []
    try:
        for f in others:
            with contextlib.suppress(FileNotFoundError):
                f.unlink()
                removed.append(f)
        if fd is not None:
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()
                removed.append(lock)
    finally:
        if fd is not None:
            os.close(fd)
    return removed


# -- loading ------------------------------------------------------------------------
def read_manifest(path: str | Path) -> dict[str, Any]:
    """The manifest of a project file, validated; DataError if it is not readable."""
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
        with _readonly(path) as con:
            kind = con.execute(
                "SELECT type FROM sqlite_master WHERE name = ?", (MANIFEST_TABLE,)
            ).fetchone()
            if kind is not None and kind != ("table",):
                raise DataError(
                    f"the manifest is a {kind[0]}, not a table "
                    "(changed outside the application)",
                    source=path,
                )
            row = con.execute(
                f"SELECT value FROM {MANIFEST_TABLE} WHERE key = 'manifest'"
            ).fetchone()
    except UnicodeDecodeError as exc:
        raise DataError(
            "the project manifest is damaged (text that is not UTF-8)", source=path
        ) from exc
    except sqlite3.DatabaseError as exc:
        msg = str(exc)
        if "no such table" in msg:
            raise DataError(
                "a GeoPackage, but not an Analyst Workstation project (no manifest); "
                "import its layers instead",
                source=path,
            ) from exc
        raise DataError(f"the project file is damaged ({msg})", source=path) from exc
    if row is None or not isinstance(row[0], str | bytes):
        raise DataError("the project file has no manifest (damaged)", source=path)
    try:
        manifest = json.loads(row[0])
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataError(
            f"the project manifest is damaged ({getattr(exc, 'msg', exc)})",
            source=path,
        ) from exc
    except RecursionError as exc:
        raise DataError(
            "the project manifest is damaged (nested too deeply)", source=path
        ) from exc
    return validate_manifest(manifest, path, FORMAT_VERSION)


def _reject_fields(r: RejectedRow) -> tuple:
    return (r.source, r.row, r.column, r.value, r.reason, r.count, r.last_row)


@contextlib.contextmanager
def _readonly(path: Path) -> Iterator[sqlite3.Connection]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield con
    finally:
        con.close()


def _check_layer_tables(
    con: sqlite3.Connection, records: list[dict[str, Any]], path: Path
) -> None:
    """Refuse a layer table that is not a plain table or whose row count differs.

    Done before any row is read, so a view that multiplies rows (or a table grown
    outside the application) is refused at the cost of a ``count(*)``.
    """
    objects = dict(
        con.execute(
            "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')"
        )
    )
    sql = dict(con.execute("SELECT name, coalesce(sql, '') FROM sqlite_master"))
    contents = dict(con.execute("SELECT table_name, data_type FROM gpkg_contents"))
    cached: dict[str, object] = {}
    if "gpkg_ogr_contents" in objects:  # GDAL's row counts, which size its reads
        cached = dict(
            con.execute("SELECT table_name, feature_count FROM gpkg_ogr_contents")
        )
    for rec in records:
        table, name = rec["table"], rec["name"]
        where = f"layer {name!r} (table {table})"
        if table not in objects:
            raise DataError(f"{where} is missing (damaged)", source=path)
        if objects[table] != "table" or sql[table].upper().startswith("CREATE VIRTUAL"):
            raise DataError(
                f"{where} is a {objects[table]}, not a table: refused unread "
                "(changed outside the application)",
                source=path,
            )
        if contents.get(table) != "features":
            raise DataError(
                f"{where} is not registered as features (damaged)", source=path
            )
        (count,) = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()
        if count != rec["rows"]:
            raise DataError(
                f"{where} has {count:,} rows, the manifest says {rec['rows']:,}: "
                "refused (damaged or changed outside the application)",
                source=path,
            )
        if cached.get(table) not in (None, count):
            raise DataError(
                f"{where}: the GeoPackage's cached row count says "
                f"{str(cached[table])[:20]}, the table has {count:,} (damaged)",
                source=path,
            )


def _read_side_tables(
    path: Path, records: list[dict[str, Any]]
) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Check the layer tables, then read rejects, arrays and the audit trail."""
    try:
        with _readonly(path) as con:
            _check_layer_tables(con, records, path)
            for table in (REJECTS_TABLE, ARRAYS_TABLE, AUDIT_TABLE):
                kind = con.execute(
                    "SELECT type FROM sqlite_master WHERE name = ?", (table,)
                ).fetchone()
                if kind != ("table",):
                    raise DataError(
                        f"the table {table} is missing (damaged)", source=path
                    )
            counted = "count" in {
                r[1] for r in con.execute(f"PRAGMA table_info({REJECTS_TABLE})")
            }  # counted rejects (files written before them have one row each)
            rejects = con.execute(
                f"SELECT layer_id, file, row, column_name, value, reason"
                f"{', count, last_row' if counted else ', 1, NULL'} FROM {REJECTS_TABLE} "
                "ORDER BY rowid"
            ).fetchall()
            arrays = con.execute(
                f"SELECT layer_id, name, dtype, shape, data FROM {ARRAYS_TABLE}"
            ).fetchall()
            cols = {r[1] for r in con.execute(f"PRAGMA table_info({AUDIT_TABLE})")}
            key_col = "key_id" if "key_id" in cols else "''"
            audit = con.execute(
                "SELECT time, user, action, parameters, input_hashes, software_version, "
                f"prev_hash, entry_hash, {key_col} FROM {AUDIT_TABLE} ORDER BY seq"
            ).fetchall()
    except sqlite3.DatabaseError as exc:
        raise DataError(f"the project file is damaged ({exc})", source=path) from exc
    except UnicodeDecodeError as exc:
        raise DataError(
            "the project file is damaged (text that is not UTF-8)", source=path
        ) from exc
    return rejects, arrays, audit


def _rejects_by_layer(rows: list[tuple], path: Path) -> dict[str, list[RejectedRow]]:
    out: dict[str, list[RejectedRow]] = {}
    for i, (lid, file, row, col, val, reason, count, last) in enumerate(rows, start=1):
        if not isinstance(row, int) or not isinstance(reason, str):
            raise DataError(
                f"rejected row {i} of {REJECTS_TABLE} is damaged", source=path
            )
        out.setdefault(str(lid), []).append(
            RejectedRow(
                str(file or ""),
                row,
                str(col or ""),
                str(val or ""),
                reason,
                int(count or 1),
                last,
            )
        )
    return out


def _arrays_by_layer(
    rows: list[tuple], records: list[dict[str, Any]], path: Path
) -> dict[str, dict[str, np.ndarray]]:
    expected = {(r["id"], a) for r in records for a in r.get("arrays", [])}
    out: dict[str, dict[str, np.ndarray]] = {}
    for lid, name, dtype, shape, data in rows:
        where = f"array {name!r} of layer {lid}"
        try:
            dt = np.dtype(dtype)
            dims = json.loads(shape)
            if dt.hasobject or not isinstance(data, bytes):
                raise ValueError("not a plain array")
            if not isinstance(dims, list) or not all(
                isinstance(d, int) and d >= 0 for d in dims
            ):
                raise ValueError("its shape is not a list of sizes")
            arr = np.frombuffer(data, dtype=dt).reshape(dims).copy()
        except (TypeError, ValueError, json.JSONDecodeError) as exc:
            raise DataError(f"{where} is damaged ({exc})", source=path) from exc
        if (lid, name) not in expected:
            raise DataError(f"{where} is not in the manifest (damaged)", source=path)
        out.setdefault(lid, {})[name] = arr
    missing = expected - {(lid, n) for lid, arrs in out.items() for n in arrs}
    if missing:
        lid, name = sorted(missing)[0]
        raise DataError(f"array {name!r} of layer {lid} is missing", source=path)
    return out


def _read_layer(
    path: Path,
    rec: dict[str, Any],
    rejected: dict[str, list[RejectedRow]],
    arrays: dict[str, dict[str, np.ndarray]],
) -> Layer:
    where = f"layer {rec['name']!r} (table {rec['table']})"
    try:
        with warnings.catch_warnings():
            # GDAL's notes on what it read (e.g. an M dimension dropped): the checks
            # below and the content hash decide whether the layer is what was saved
            warnings.simplefilter("ignore", RuntimeWarning)
            warnings.simplefilter("ignore", UserWarning)
            frame = pyogrio.read_dataframe(
                path,
                layer=rec["table"],
                datetime_as_string=True,
                max_features=rec["rows"] or None,  # never allocate beyond the rows
            )
    except Exception as exc:  # GDAL's errors come in many types
        raise DataError(f"{where} cannot be read: {exc}", source=path) from exc
    if len(frame) != rec["rows"]:
        raise DataError(
            f"{where} has {len(frame)} rows, the manifest says {rec['rows']} (damaged)",
            source=path,
        )
    try:
        return _layer_from(frame, rec, rejected, arrays)
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
        raise DataError(f"{where} is damaged ({exc})", source=path) from exc


def _layer_from(
    frame: gpd.GeoDataFrame,
    rec: dict[str, Any],
    rejected: dict[str, list[RejectedRow]],
    arrays: dict[str, dict[str, np.ndarray]],
) -> Layer:
    missing = [c for c in rec["columns"] if c not in frame]
    if missing:
        raise ValueError(f"column {missing[0]!r} is missing")
    if "geometry" in frame and rec["geometry_column"] != "geometry":
        frame = frame.rename_geometry(rec["geometry_column"])
    frame = _restore(frame, rec.get("dtypes", {}))
    cols = [*rec["columns"], frame.geometry.name]
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
            rejected=rejected.get(rec["id"], []),
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
        arrays=arrays.get(rec["id"], {}),
    )
    tc = layer.time_column
    if tc is not None and (
        tc not in frame or not pd.api.types.is_datetime64_any_dtype(frame[tc].dtype)
    ):
        raise ValueError(f"its time column {tc!r} holds no times")
    return layer


def _audit_entries(rows: list[tuple], check: AuditCheck) -> list[AuditEntry]:
    entries = []
    for i, row in enumerate(rows, start=1):
        time_, user, action, params, hashes, version, prev, h, kid = (
            "" if v is None else v for v in row
        )
        try:
            parameters = json.loads(params)
            input_hashes = json.loads(hashes)
            if not isinstance(parameters, dict) or not isinstance(input_hashes, dict):
                raise TypeError
        except (TypeError, ValueError, RecursionError):
            check.problems.append(
                {
                    "where": f"entry {i}",
                    "reason": "its parameters are unreadable (damaged)",
                }
            )
            parameters, input_hashes = {"unreadable": str(params)[:200]}, {}
        entries.append(
            AuditEntry(
                *(str(v) for v in (time_, user, action)),
                parameters,
                input_hashes,
                str(version),
                str(prev),
                str(h),
                str(kid),
            )
        )
    return entries


def _content_hash(layer: Layer, *, side: bool = False) -> str:
    """A layer's content (or side) hash; a value no hash can equal if unhashable."""
    try:
        return side_hash(layer) if side else frame_hash(layer)
    except Exception as exc:  # values a damaged table can hold that hashing refuses
        return f"unhashable: {type(exc).__name__}"


def _check_layers(
    project: Project, records: list[dict[str, Any]], check: AuditCheck
) -> None:
    """Each layer's rows against the content hash the manifest (or trail) recorded."""
    last_seen: dict[str, str] = {}
    for e in project.audit:
        last_seen.update(e.input_hashes)
    for rec in records:
        layer = project.layer(rec["id"])
        expected = rec.get("content_hash") or last_seen.get(rec["id"])
        where = f"layer {rec['name']!r} (table {rec['table']})"
        if expected is None:
            check.notes.append(f"{where} has no recorded content hash to check")
        elif _content_hash(layer) != expected:
            check.problems.append(
                {
                    "where": where,
                    "reason": "its rows differ from those recorded "
                    "(edited outside the application)",
                }
            )
        if rec.get("side_hash") and _content_hash(layer, side=True) != rec["side_hash"]:
            check.problems.append(
                {
                    "where": where,
                    "reason": "its rejected rows or arrays differ from those saved "
                    "(edited outside the application)",
                }
            )


def load_project(path: str | Path, *, progress: Progress | None = None) -> Project:
    """Open a project file. Raises :class:`DataError` for damaged or newer files.

    The trail, its head and every layer's content are checked; the result is
    ``project.audit_check``. New problems get an entry in the trail saying where
    they were found (kept if the project is saved) and a logged warning.
    """
    path = Path(path)
    clean_leftovers(path)
    manifest = read_manifest(path)
    records = manifest.get("layers", [])
    rejects, arrays, audit = _read_side_tables(path, records)
    rejected = _rejects_by_layer(rejects, path)
    arrays_by_layer = _arrays_by_layer(arrays, records, path)
    project = Project(ProjectMetadata.from_dict(manifest.get("metadata", {})))
    n = max(len(records), 1)
    for i, rec in enumerate(records):
        check(progress, i / n, f"reading {rec['name']}")
        layer = _read_layer(path, rec, rejected, arrays_by_layer)
        try:
            project.add_layer(layer)
        except Exception as exc:  # pyproj's errors when the CRS cannot be used
            raise DataError(
                f"layer {rec['name']!r} cannot be placed in the project ({exc})",
                source=path,
            ) from exc
    found = AuditCheck()
    project.audit = _audit_entries(audit, found)
    found.entries_in_file = len(project.audit)
    try:
        check_entries(project.audit, found)
        check_head(manifest, project.audit, found)
    except DataError:
        raise  # the key cannot be used: say so
    except Exception as exc:  # values a damaged trail holds that checking refuses
        found.problems.append(
            {"where": "trail", "reason": f"cannot be checked ({type(exc).__name__})"}
        )
    _check_layers(project, records, found)
    project.stores = _store_refs(manifest, path)
    project.audit_check = found
    plans.read_table(path, project)
    if manifest.get("filter"):
        try:
            project.filter.set_state(FilterState.from_dict(manifest["filter"]))
        except Exception as exc:  # shapely's GEOSException for a damaged area, ...
            raise DataError(
                f"the saved filter is damaged ({type(exc).__name__}: {exc})",
                source=path,
            ) from exc
    project.metadata = ProjectMetadata.from_dict(manifest.get("metadata", {}))
    if found.status == "broken":
        record_break(project, path)
        log.warning("%s: the audit trail is broken: %s", path, found.details())
    elif found.status == "unverified":
        log.warning(
            "%s: the audit trail cannot be verified here: %s", path, found.details()
        )
    project.path = str(path)
    project.mark_dirty(False)
    check(progress, 1.0, "opened")
    return project
