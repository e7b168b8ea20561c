"""Places every source shares: file provenance and settling a file's CRS.

A file that declares no coordinate system, or declares longitude/latitude while its
numbers are metres, is settled here for every reader; geometries are moved to the
working CRS vertex by vertex through :func:`layers.crs.to_working`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pyproj
import shapely

from layers.crs import (
    BNG,
    BNG_BOX,
    WGS84,
    TransformInfo,
    choose_working_crs,
    to_working,
)
from layers.validation import DataError


def file_record(
    path: Path, encoding: str | None = None, delimiter: str | None = None
) -> dict[str, Any]:
    """Provenance record of one input file: path, SHA-256, size, encoding, delimiter."""
    h = hashlib.sha256()
    size = 0
    p = Path(path)
    files = sorted(q for q in p.rglob("*") if q.is_file()) if p.is_dir() else [p]
    for f in files:
        with f.open("rb") as fh:
            for chunk in iter(lambda fh=fh: fh.read(1 << 20), b""):
                h.update(chunk)
                size += len(chunk)
    return {
        "path": str(p),
        "sha256": h.hexdigest(),
        "bytes": size,
        "encoding": encoding,
        "delimiter": delimiter,
    }


def is_lonlat_crs(crs: Any) -> bool:
    """True for WGS84 geographic coordinates in either axis order (EPSG:4326, CRS84)."""
    if crs is None:
        return False
    try:
        c = pyproj.CRS.from_user_input(crs)
        return bool(c.equals(pyproj.CRS(WGS84), ignore_axis_order=True))
    except pyproj.exceptions.CRSError:
        return False


def guess_crs(bounds: np.ndarray) -> str | None:
    """A CRS for a file that declares none: lon/lat or BNG metres by their range."""
    x0, y0, x1, y1 = (float(v) for v in bounds)
    if not np.all(np.isfinite([x0, y0, x1, y1])):
        return None
    if -180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90:
        return WGS84
    bx0, by0, bx1, by1 = BNG_BOX
    if bx0 <= x0 <= x1 <= bx1 and by0 <= y0 <= y1 <= by1 and x1 > 1000:
        return BNG
    return None


def settle_crs(
    gdf: gpd.GeoDataFrame, source: Any, given: Any, notes: list[str]
) -> gpd.GeoDataFrame:
    """The frame with a CRS its coordinates fit (DataError naming the file if none).

    ``given`` (the user's ``source_crs``) always wins. A file that declares no CRS
    gets lon/lat or BNG by its coordinates' range. A file that declares (or, as
    GeoJSON without a ``crs`` member does, implies) longitude/latitude while its
    coordinates are far outside degrees is read as BNG when they fit BNG metres
    (ArcGIS and QGIS exports of BNG data often drop the ``crs`` member), and is
    refused otherwise. What was assumed is appended to ``notes``.
    """
    name = Path(str(source)).name
    if given:
        return gdf.set_crs(given, allow_override=True)
    bounds = np.asarray(gdf.total_bounds, dtype=float)
    finite = bool(len(gdf)) and bool(np.all(np.isfinite(bounds)))
    if gdf.crs is None:
        guessed = guess_crs(bounds) if finite else WGS84
        if guessed is None:
            raise DataError(
                "the file declares no coordinate system and its coordinates are "
                "neither longitude/latitude nor British National Grid metres; "
                "give mapping['source_crs']",
                source=source,
            )
        notes.append(
            f"{name}: no coordinate system declared; coordinates look "
            f"like {guessed} and were read as such"
        )
        return gdf.set_crs(guessed, allow_override=True)
    if finite and is_lonlat_crs(gdf.crs) and guess_crs(bounds) != WGS84:
        x0, y0, x1, y1 = bounds
        if guess_crs(bounds) == BNG:
            notes.append(
                f"{name}: declares longitude/latitude but its coordinates "
                f"({x0:.0f}, {y0:.0f} to {x1:.0f}, {y1:.0f}) are British National "
                "Grid metres; read as EPSG:27700"
            )
            return gdf.set_crs(BNG, allow_override=True)
        raise DataError(
            f"declares longitude/latitude but its coordinates run from "
            f"({x0:.6g}, {y0:.6g}) to ({x1:.6g}, {y1:.6g}), which are not degrees; "
            "give mapping['source_crs']",
            source=source,
        )
    return gdf


def reproject_geometries(
    geoms: np.ndarray, source_crs: Any, target_crs: str
) -> tuple[np.ndarray, np.ndarray, TransformInfo]:
    """Transform shapely geometries vertex by vertex with :func:`layers.crs.to_working`.

    So polygons and points go through the same transformation (OSTN15 for WGS84 to
    BNG). Returns (geometries, bad, info) where ``bad`` marks geometries with a
    vertex the transformation could not place (outside its area).
    """
    src = WGS84 if is_lonlat_crs(source_crs) else pyproj.CRS(source_crs).to_string()
    geoms = np.asarray(geoms, dtype=object)
    bad = np.zeros(len(geoms), dtype=bool)
    coords, index = shapely.get_coordinates(geoms, return_index=True)
    if not len(coords):
        return (
            geoms.copy(),
            bad,
            TransformInfo(src, pyproj.CRS(target_crs).to_string(), "none", 0.0),
        )
    x, y, info = to_working(coords[:, 0], coords[:, 1], src, target_crs)
    moved = np.column_stack([np.asarray(x, float), np.asarray(y, float)])
    nan_rows = ~np.isfinite(moved).all(axis=1)
    if nan_rows.any():
        # a vertex the transformation cannot place marks its geometry; its
        # vertices are parked at 0, 0 so rings stay closed (it is rejected anyway)
        bad[np.unique(index[nan_rows])] = True
        moved[np.isin(index, np.flatnonzero(bad))] = 0.0
    out = shapely.set_coordinates(geoms.copy(), moved)
    return out, bad, info


def lonlat_points(geoms: np.ndarray, crs: Any) -> tuple[np.ndarray, np.ndarray]:
    """Longitude/latitude of each geometry's representative point (NaN if none)."""
    pts = shapely.point_on_surface(np.asarray(geoms, dtype=object))
    x = shapely.get_x(pts)
    y = shapely.get_y(pts)
    if is_lonlat_crs(crs):
        return np.asarray(x, float), np.asarray(y, float)
    tr = pyproj.Transformer.from_crs(crs, WGS84, always_xy=True)
    lon, lat = tr.transform(np.asarray(x, float), np.asarray(y, float))
    return np.asarray(lon, float), np.asarray(lat, float)


def to_working_geometries(
    geoms: np.ndarray, reason: np.ndarray, crs: Any, target_crs: str | None
) -> tuple[np.ndarray, str, TransformInfo]:
    """The geometries not yet rejected, moved to the working CRS.

    The working CRS is ``target_crs``, or (when None) the one chosen from where
    the geometries are (:func:`layers.crs.choose_working_crs`). A geometry the
    transformation cannot place gets the reason "out of area" in ``reason``
    (changed in place). Returns (geometries, working CRS, transformation).
    """
    ok = reason == ""
    if target_crs is not None:
        working = target_crs
    elif ok.any():
        working = choose_working_crs(*lonlat_points(geoms[ok], crs))
    else:
        working = BNG
    out = np.full(len(geoms), None, dtype=object)
    if not ok.any():
        _, _, tinfo = to_working(np.zeros(0), np.zeros(0), WGS84, working)
        return out, working, tinfo
    moved, bad, tinfo = reproject_geometries(geoms[ok], crs, working)
    idx = np.flatnonzero(ok)
    out[idx] = moved
    reason[idx[bad]] = "out of area"
    return out, working, tinfo


def flat_geometries(
    geoms: np.ndarray, missing_reason: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Geometries without Z, the reason per row ("" when there is one), and the
    rows that have one (missing and empty geometries get ``missing_reason``).
    """
    geoms = np.asarray(geoms, dtype=object)
    reason = np.full(len(geoms), "", dtype=object)
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    reason[missing] = missing_reason
    out = geoms.copy()
    live = ~missing
    out[live] = shapely.force_2d(geoms[live])
    return out, reason, live


def polygonal_parts(geom: Any) -> Any:
    """The polygons of a geometry (one Polygon or a MultiPolygon), or None."""
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [
        g
        for g in shapely.get_parts(geom)
        if g.geom_type in ("Polygon", "MultiPolygon") and not g.is_empty
    ]
    if not parts:
        return None
    polys = []
    for p in parts:
        polys.extend(shapely.get_parts(p) if p.geom_type == "MultiPolygon" else [p])
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


def target_crs_text(target_crs: str) -> str:
    """The working CRS asked for, as text (BNG as ``EPSG:27700``); a CRS that is
    unknown or not projected in metres is refused.
    """
    try:
        target = pyproj.CRS.from_user_input(target_crs)
    except pyproj.exceptions.CRSError as exc:
        raise DataError(f"unknown target CRS {target_crs!r}: {exc}") from exc
    if target.equals(pyproj.CRS(BNG)):
        return BNG
    if not target.is_projected:
        raise DataError(f"target CRS {target_crs!r} is not a projected CRS in metres")
    return target.to_string()
