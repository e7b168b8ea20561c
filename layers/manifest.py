"""The project manifest's schema: a small explicit validator.

:func:`validate_manifest` checks every value :func:`layers.store.load_project` uses
(type, allowed values, cross-references) before anything is read, so a damaged or
hostile manifest is refused with one line naming the field, never a bare
``TypeError`` from deep inside the loader.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from layers.kinds import TIME_PRECISIONS, LayerKind
from layers.validation import DataError

_TABLE = re.compile(r"^layer_[1-9][0-9]{0,5}$")
_NUMERIC = re.compile(
    r"^(u?int(8|16|32|64)|U?Int(8|16|32|64)|float(32|64)|Float(32|64))$"
)
_PLAIN_DTYPES = {"timedelta", "bool", "boolean", "string", "json"}
_HEX = re.compile(r"^[0-9a-f]{16,128}$")


class _Bad(Exception):
    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")


def _want(
    value: Any, types: type | tuple[type, ...], where: str, *, none: bool = False
) -> Any:
    if value is None and none:
        return value
    ok = isinstance(value, types) and not (
        isinstance(value, bool)
        and bool not in (types if isinstance(types, tuple) else (types,))
    )
    if not ok:
        names = (
            types.__name__
            if isinstance(types, type)
            else "/".join(t.__name__ for t in types)
        )
        raise _Bad(
            where,
            f"should be {names}{' or null' if none else ''}, not {type(value).__name__}",
        )
    return value


def _str_list(value: Any, where: str) -> list[str]:
    _want(value, list, where)
    for i, v in enumerate(value):
        _want(v, str, f"{where}[{i}]")
    return value


def _metadata(meta: Any) -> None:
    from layers.project import MARKINGS

    _want(meta, dict, "metadata")
    for key in ("title", "author", "marking_descriptor", "crs", "timezone", "notes"):
        if key in meta:
            _want(meta[key], str, f"metadata.{key}")
    if "marking" in meta and meta["marking"] not in MARKINGS:
        raise _Bad(
            "metadata.marking", f"{meta['marking']!r} is not a protective marking"
        )
    ext = meta.get("extent")
    if ext is not None:
        _want(ext, list, "metadata.extent")
        if len(ext) != 4 or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in ext
        ):
            raise _Bad("metadata.extent", "should be four numbers")
    if "timezone" in meta:
        _zone(meta["timezone"], "metadata.timezone")
    if "crs" in meta:
        _crs(meta["crs"], "metadata.crs")


def _zone(name: str, where: str) -> None:
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise _Bad(where, f"{name!r} is not a time zone") from exc


def _crs(text: str, where: str) -> None:
    import pyproj

    try:
        pyproj.CRS.from_user_input(text)
    except pyproj.exceptions.CRSError as exc:
        raise _Bad(
            where, f"{text[:60]!r} is not a coordinate reference system"
        ) from exc


def _dtypes(value: Any, columns: list[str], where: str) -> None:
    _want(value, dict, where)
    for col, rec in value.items():
        w = f"{where}[{col!r}]"
        if col not in columns:
            raise _Bad(w, "is not one of the layer's columns")
        _want(rec, dict, w)
        kind = _want(rec.get("dtype"), str, f"{w}.dtype")
        if kind == "category":
            _str_list(rec.get("categories"), f"{w}.categories")
        elif kind == "datetime":
            tz = _want(rec.get("tz"), str, f"{w}.tz", none=True)
            if tz is not None:
                _zone(tz, f"{w}.tz")
        elif kind not in _PLAIN_DTYPES and not _NUMERIC.match(kind):
            raise _Bad(f"{w}.dtype", f"{kind[:40]!r} is not a column type")


def _report(value: Any, where: str) -> None:
    if value is None:
        return
    _want(value, dict, where)
    for key in ("rows_total", "rows_loaded"):
        if key in value:
            _want(value[key], int, f"{where}.{key}")
    for key in ("warnings", "notes"):
        if key in value:
            _str_list(value[key], f"{where}.{key}")
    if "source" in value:
        _want(value["source"], str, f"{where}.source")


def _layer(rec: Any, i: int) -> None:
    w = f"layers[{i}]"
    _want(rec, dict, w)
    for key in ("id", "table", "name", "kind", "geometry_column"):
        _want(rec.get(key), str, f"{w}.{key}")
    if not _TABLE.match(rec["table"]):
        raise _Bad(f"{w}.table", f"{rec['table'][:40]!r} is not a layer table name")
    kinds = [k.value for k in LayerKind]
    if rec["kind"] not in kinds:
        raise _Bad(
            f"{w}.kind",
            f"{rec['kind'][:40]!r} is not a layer kind ({', '.join(kinds)})",
        )
    if rec.get("time_precision") not in (None, *TIME_PRECISIONS):
        raise _Bad(
            f"{w}.time_precision",
            f"{rec.get('time_precision')!r} is not a time precision",
        )
    tc = _want(rec.get("time_column"), str, f"{w}.time_column", none=True)
    _want(rec.get("visible", True), bool, f"{w}.visible")
    for key in ("style", "provenance"):
        _want(rec.get(key), dict, f"{w}.{key}", none=True)
    columns = _str_list(rec.get("columns"), f"{w}.columns")
    if len(set(columns)) != len(columns) or rec["geometry_column"] in columns:
        raise _Bad(f"{w}.columns", "names a column twice")
    if tc is not None and tc not in columns:
        raise _Bad(f"{w}.time_column", f"{tc[:40]!r} is not one of the layer's columns")
    _dtypes(rec.get("dtypes", {}), columns, f"{w}.dtypes")
    _report(rec.get("report"), f"{w}.report")
    rows = _want(rec.get("rows"), int, f"{w}.rows")
    if rows < 0:
        raise _Bad(f"{w}.rows", "is negative")
    _str_list(rec.get("arrays", []), f"{w}.arrays")
    if rec.get("crs") is not None:
        _crs(_want(rec["crs"], str, f"{w}.crs"), f"{w}.crs")
    for key in ("content_hash", "side_hash"):
        h = _want(rec.get(key), str, f"{w}.{key}", none=True)
        if h is not None and not _HEX.match(h):
            raise _Bad(f"{w}.{key}", "is not a hash")


def validate_manifest(manifest: Any, path: str | Path, version: int) -> dict[str, Any]:
    """``manifest`` if it is a well-formed manifest of format <= ``version``.

    Raises :class:`DataError` naming the file and the first bad field.
    """
    try:
        _want(manifest, dict, "manifest")
        v = manifest.get("format_version")
        if not isinstance(v, int) or isinstance(v, bool):
            raise _Bad("format_version", f"should be a whole number, not {v!r:.40}")
        if v > version:
            raise DataError(
                f"made by a newer Analyst Workstation (project format {v}; this version "
                f"reads up to {version}): update the application to open it",
                source=path,
            )
        if v < 1:
            raise _Bad("format_version", f"{v} is not a project format")
        _metadata(manifest.get("metadata", {}))
        _want(manifest.get("filter"), dict, "filter", none=True)
        _want(manifest.get("audit_head"), dict, "audit_head", none=True)
        layers = _want(manifest.get("layers", []), list, "layers")
        for i, rec in enumerate(layers):
            _layer(rec, i)
        for key in ("id", "table"):
            values = [rec[key] for rec in layers]
            if len(set(values)) != len(values):
                raise _Bad(f"layers[].{key}", "the same value appears twice")
    except _Bad as exc:
        raise DataError(
            f"the project manifest is damaged: {exc}", source=path
        ) from None
    return manifest
