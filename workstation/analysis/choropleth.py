"""Counts and rates per polygon of a point layer inside the current filter (no Qt).

A choropleth of "burglaries per LSOA" or "calls per 1,000 residents" is a point
in polygon count over the rows that pass the filter. The polygon of every row is
found once per (boundary layer, point layer) pair with a shapely STRtree
(:func:`polygon_of_points`, the same rule as
:func:`workstation.analysis.grid.counts_per_polygon`: a point on a shared edge
belongs to the first polygon that touches it) and kept; after that, the counts
for any filter are one ``np.bincount`` over the filtered rows, so a map can
recount on every filter change. Results are also memoised per rows and weights.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

import numpy as np
import shapely

from layers.layer import Layer
from workstation.analysis.grid import rate_per_1000

_CACHE_SIZE = 32
_cache: OrderedDict[tuple, np.ndarray] = OrderedDict()
_ASSIGN_SIZE = 8
_assignments: OrderedDict[tuple, np.ndarray] = OrderedDict()
_lock = threading.Lock()


def _assign_key(boundary_layer: Layer, point_layer: Layer) -> tuple:
    return (
        boundary_layer.id,
        id(boundary_layer.frame),
        len(boundary_layer.frame),
        point_layer.id,
        id(point_layer.frame),
        len(point_layer.frame),
    )


def has_polygon_index(boundary_layer: Layer, point_layer: Layer) -> bool:
    """Whether :func:`polygon_of_points` is already known for this pair (cheap)."""
    with _lock:
        return _assign_key(boundary_layer, point_layer) in _assignments


def polygon_of_points(boundary_layer: Layer, point_layer: Layer) -> np.ndarray:
    """Row of the polygon holding each row of ``point_layer`` (-1 outside all).

    Computed once per pair of layers (STRtree query, thread-safe, may run in a
    worker) and cached; a point on an edge shared by two polygons goes to the
    first of them, as in :func:`~workstation.analysis.grid.counts_per_polygon`.
    """
    key = _assign_key(boundary_layer, point_layer)
    with _lock:
        hit = _assignments.get(key)
        if hit is not None:
            _assignments.move_to_end(key)
            return hit
    xy = point_layer.xy
    out = np.full(len(xy), -1, dtype=np.int64)
    geoms = np.asarray(boundary_layer.frame.geometry.values)
    ok = np.flatnonzero(np.isfinite(xy[:, 0]) & np.isfinite(xy[:, 1]))
    if len(geoms) and len(ok):
        pts = shapely.points(xy[ok, 0], xy[ok, 1])
        tree = shapely.STRtree(geoms)
        pi, gi = tree.query(pts, predicate="intersects")
        order = np.lexsort((gi, pi))
        pi, gi = pi[order], gi[order]
        first = np.r_[True, pi[1:] != pi[:-1]] if len(pi) else np.zeros(0, bool)
        out[ok[pi[first]]] = gi[first]
    out.setflags(write=False)
    with _lock:
        _assignments[key] = out
        if len(_assignments) > _ASSIGN_SIZE:
            _assignments.popitem(last=False)
    return out


def _positions_key(positions: np.ndarray | None) -> str:
    if positions is None:
        return "all"
    pos = np.ascontiguousarray(positions, dtype=np.int64)
    if len(pos) and pos[-1] - pos[0] + 1 == len(pos):
        # a contiguous run (a time window on a time-sorted layer): cheap key
        return f"run:{int(pos[0])}:{len(pos)}"
    return "h:" + hashlib.blake2b(pos.tobytes(), digest_size=16).hexdigest()


def _weights_key(weights: np.ndarray | str | None) -> str:
    if weights is None:
        return "none"
    if isinstance(weights, str):
        return f"col:{weights}"
    w = np.ascontiguousarray(weights, dtype=float)
    return "w:" + hashlib.blake2b(w.tobytes(), digest_size=16).hexdigest()


def polygon_counts(
    boundary_layer: Layer,
    point_layer: Layer,
    positions: np.ndarray | None = None,
    weights: np.ndarray | str | None = None,
) -> np.ndarray:
    """Number of ``point_layer`` rows (at ``positions``) inside each polygon.

    Parameters
    ----------
    boundary_layer
        Layer of polygons, in the same working CRS as ``point_layer``.
    point_layer
        Layer of points (crime, calls for service).
    positions
        Row positions of ``point_layer`` to count (for example
        ``project.filter.slice_for(point_layer)``); all rows when ``None``.
    weights
        Optional weight per row of ``point_layer`` (an array over all rows, or
        the name of a numeric column such as ``"harm"``); the result is then the
        sum of weights per polygon.

    Returns
    -------
    numpy.ndarray
        float64 array, one value per polygon in ``boundary_layer`` row order. A
        point on an edge shared by two polygons is counted once.
    """
    if (
        boundary_layer.crs is not None
        and point_layer.crs is not None
        and not boundary_layer.crs.equals(point_layer.crs)
    ):
        raise ValueError(
            f"layers {boundary_layer.name!r} and {point_layer.name!r} are in "
            "different coordinate systems"
        )
    key = (
        boundary_layer.id,
        id(boundary_layer.frame),
        point_layer.id,
        id(point_layer.frame),
        _positions_key(positions),
        _weights_key(weights),
    )
    with _lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit.copy()
    w_all = None
    if isinstance(weights, str):
        if weights not in point_layer.frame:
            raise ValueError(
                f"layer {point_layer.name!r} has no column {weights!r} to weight by"
            )
        w_all = point_layer.frame[weights].to_numpy(dtype=float, na_value=np.nan)
        w_all = np.nan_to_num(w_all, nan=0.0)
    elif weights is not None:
        w_all = np.asarray(weights, dtype=float)
        if len(w_all) != len(point_layer):
            raise ValueError(
                f"{len(w_all)} weights for {len(point_layer)} rows of "
                f"{point_layer.name!r}"
            )
    n_poly = len(boundary_layer.frame)
    where = polygon_of_points(boundary_layer, point_layer)
    if positions is not None:
        pos = np.asarray(positions, dtype=np.int64)
        where = where[pos]
        w = None if w_all is None else w_all[pos]
    else:
        w = w_all
    inside = where >= 0
    out = np.bincount(
        where[inside],
        weights=None if w is None else w[inside],
        minlength=n_poly,
    ).astype(float)
    with _lock:
        _cache[key] = out
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return out.copy()


def polygon_rates_per_1000(
    boundary_layer: Layer,
    point_layer: Layer,
    positions: np.ndarray | None = None,
    weights: np.ndarray | str | None = None,
    population_column: str = "population",
) -> np.ndarray:
    """Rows of ``point_layer`` per 1,000 residents of each polygon.

    The population comes from ``population_column`` of ``boundary_layer``; a
    polygon with a missing or zero population gets NaN (drawn as "no data"),
    never zero or infinity.
    """
    if population_column not in boundary_layer.frame:
        raise ValueError(
            f"layer {boundary_layer.name!r} has no {population_column!r} column; "
            "join a population table to the boundaries to map rates"
        )
    pop = boundary_layer.frame[population_column].to_numpy(dtype=float, na_value=np.nan)
    counts = polygon_counts(boundary_layer, point_layer, positions, weights)
    return rate_per_1000(counts, pop)


def clear_cache() -> None:
    """Forget memoised counts and polygon indexes (tests, or after data change)."""
    with _lock:
        _cache.clear()
        _assignments.clear()
