"""Counts per area of a store on a Dask cluster: choropleth counts and the horizon scan's cubes.

The same "per-partition partial, then combine" as :mod:`workstation.analysis.distributed`: one
task per force reads ``x``, ``y``, ``t_ns`` and ``category`` of its parts, assigns each event to
its polygon with the in-memory rule (shapely STRtree, a point on a shared edge goes to the first
polygon that touches it) and returns sparse counts, which the client adds. The in-memory functions
are the oracles: :func:`polygon_counts` equals
:func:`workstation.analysis.choropleth.polygon_counts` and :func:`scan_cubes` equals
:func:`workstation.analysis.scan.area_cubes` on the same rows, count for count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import shapely

from layers.layer import Layer
from layers.progress import Progress
from layers.store_parquet import StoreLayer, month_bounds_ns
from workstation.analysis.distributed import (
    Selection,
    _merge,
    _read,
    _run,
    _sparse,
    _tasks,
    _weights,
    grow_bounds,
)
from workstation.analysis.grid import Grid
from workstation.analysis.scan import _AreaSet, _assign

ALL_ROWS = Selection()


def _geoms(boundary: Layer | Any) -> np.ndarray:
    frame = boundary.frame if isinstance(boundary, Layer) else boundary
    return np.asarray(frame.geometry.values if hasattr(frame, "geometry") else frame)


# ---------------------------------------------------------------------------
# choropleth counts
# ---------------------------------------------------------------------------
def _polygon_task(
    paths: list[str],
    geoms: np.ndarray,
    sel: Selection,
    weights: dict[str, float] | None,
) -> tuple[np.ndarray, np.ndarray]:
    out = []
    for path in paths:
        cols = _read(path, sel, ("category",) if weights else ())
        where = _assign(cols["x"], cols["y"], geoms)
        ok = where >= 0
        w = _weights(cols, weights)
        out.append(_sparse(where[ok], None if w is None else w[ok]))
    return _merge(out)


def polygon_counts(
    layer: StoreLayer,
    boundary: Layer | Any,
    client: Any,
    *,
    sel: Selection = ALL_ROWS,
    weights: dict[str, float] | None = None,
    progress: Progress | None = None,
) -> np.ndarray:
    """Events of the selection (or their category weights) per polygon of ``boundary``.

    ``boundary`` is a layer or a GeoDataFrame of polygons in the store's CRS.

    One value per polygon in row order, float64, as the in-memory
    :func:`~workstation.analysis.choropleth.polygon_counts` gives for the same rows.
    """
    if boundary.crs is not None and not boundary.crs.equals(layer.crs):
        raise ValueError(
            f"layers {getattr(boundary, 'name', 'areas')!r} and {layer.name!r} are in "
            "different coordinate systems"
        )
    geoms = _geoms(boundary)
    (shared,) = client.scatter([geoms], broadcast=True)
    parts = _run(
        client,
        _polygon_task,
        _tasks(layer, sel),
        shared,
        sel,
        weights,
        progress=progress,
    )
    ids, sums = _merge(parts)
    out = np.zeros(len(geoms))
    out[ids] = sums
    return out


# ---------------------------------------------------------------------------
# the horizon scan's cubes
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ScanCubes:
    """Per area type, its areas and the (category, area, month) counts; whole area first."""

    cubes: list[tuple[_AreaSet, np.ndarray]]
    categories: list[str]
    months: list[str]


def _prep_task(paths: list[str], sel: Selection) -> tuple[list[float], int, set[str]]:
    bounds = [np.inf, np.inf, -np.inf, -np.inf]
    n, cats = 0, set()
    for path in paths:
        cols = _read(path, sel, ("category",))
        bounds, k = grow_bounds(bounds, cols["x"], cols["y"])
        n += k
        cats.update(str(c) for c in pd.unique(cols["category"]) if not pd.isna(c))
    return bounds, n, cats


def _scan_task(
    paths: list[str],
    sel: Selection,
    edges: np.ndarray,
    cats: list[str],
    area_geoms: list[np.ndarray],
    grid: Grid | None,
) -> tuple[list[tuple[np.ndarray, np.ndarray]], np.ndarray]:
    """Sparse cube keys per area set and the grid cells that hold any located event."""
    n_per = len(edges) - 1
    sizes = [1, *(len(g) for g in area_geoms)] + ([grid.size] if grid else [])
    per_set: list[list[tuple[np.ndarray, np.ndarray]]] = [[] for _ in sizes]
    used = []
    for path in paths:
        cols = _read(path, sel, ("category",))
        x, y = cols["x"], cols["y"]
        step = np.searchsorted(edges, cols["t_ns"], side="right") - 1
        code = pd.Categorical(cols["category"], categories=cats).codes.astype(np.int64)
        located = np.isfinite(x) & np.isfinite(y)
        indices = [np.where(located, 0, -1)]
        indices += [_assign(x, y, g) for g in area_geoms]
        if grid is not None:
            flat = grid.flat_index(x, y)
            indices.append(flat)
            used.append(np.unique(flat[flat >= 0]))
        ok_ev = (step >= 0) & (step < n_per) & (code >= 0)
        for k, (idx, n_area) in enumerate(zip(indices, sizes, strict=True)):
            good = ok_ev & (idx >= 0)
            key = (code[good] * n_area + idx[good]) * n_per + step[good]
            per_set[k].append(_sparse(key, None))
    cells = np.unique(np.concatenate(used)) if used else np.zeros(0, np.int64)
    return [_merge(p) for p in per_set], cells


def _dense(ids: np.ndarray, sums: np.ndarray, n_cat: int, n_area: int, n_per: int):
    cube = np.zeros(n_cat * n_area * n_per, dtype=np.int64)
    cube[ids.astype(np.int64)] = np.rint(sums).astype(np.int64)
    return cube.reshape(n_cat, n_area, n_per)


def _grid_set(
    grid: Grid, used: np.ndarray, cell_m: float, sparse: tuple, n_cat: int, n_per: int
) -> tuple[_AreaSet, np.ndarray]:
    """The grid cells that hold events as areas (as the in-memory scan lists them)."""
    row, col = np.divmod(used, grid.nx)
    x0 = grid.x0 + col * grid.cell_m
    y0 = grid.y0 + row * grid.cell_m
    aset = _AreaSet(
        f"{cell_m:g} m grid cell",
        [f"E{int(a)}N{int(c)}" for a, c in zip(x0, y0, strict=True)],
        [
            f"{cell_m:g} m cell at E {int(a)}, N {int(c)}"
            for a, c in zip(x0, y0, strict=True)
        ],
        np.column_stack([x0, y0, x0 + cell_m, y0 + cell_m]),
        np.zeros(0, np.int64),
    )
    ids, sums = sparse
    rest, step = np.divmod(ids.astype(np.int64), n_per)
    code, cell = np.divmod(rest, grid.size)
    area = np.searchsorted(used, cell)  # every counted cell is a used one
    key = (code * len(used) + area) * n_per + step
    return aset, _dense(key, sums, n_cat, len(used), n_per)


def scan_cubes(
    layer: StoreLayer,
    areas: list[Layer],
    client: Any,
    *,
    cell_m: float | None = 500.0,
    extent: tuple[float, float, float, float] | None = None,
    sel: Selection = ALL_ROWS,
    progress: Progress | None = None,
) -> ScanCubes:
    """The horizon scan's monthly counts of a store, per area type (whole area, each boundary
    layer, grid cells holding events), as :func:`workstation.analysis.scan.area_cubes` gives
    them in memory with ``period="month"``. The areas' per-event index is not kept (the
    store's events stay in the store): ``_AreaSet.index`` is empty.
    """
    prep = _run(client, _prep_task, _tasks(layer, sel), sel, progress=None)
    if not prep or sum(p[1] for p in prep) == 0:
        raise ValueError("no event in the store's selection has a location")
    b = np.array([p[0] for p in prep])
    bounds = np.array([b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()])
    cats = sorted(set().union(*(p[2] for p in prep)))
    chosen = sel.months(layer) or layer.months
    months = [str(p) for p in pd.period_range(min(chosen), max(chosen), freq="M")]
    edges = month_bounds_ns(months, layer.timezone)
    geoms = [_geoms(a) for a in areas]
    grid = None
    if cell_m:
        grid = Grid.covering(
            tuple(extent) if extent is not None else tuple(bounds), cell_m
        )
    shared = client.scatter(geoms, broadcast=True) if geoms else []
    parts = _run(
        client, _scan_task, _tasks(layer, sel), sel, edges, cats, shared, grid,
        progress=progress,
    )  # fmt: skip
    n_cat, n_per = len(cats), len(months)
    sets = [
        _AreaSet("whole area", ["ALL"], [f"the whole area ({layer.name})"],
                 bounds[None, :], np.zeros(0, np.int64)),
        *(
            _AreaSet(a.name, a.frame["area_code"].astype(str).tolist(),
                     a.frame["area_name"].astype(str).tolist(),
                     np.asarray(shapely.bounds(g), dtype=float), np.zeros(0, np.int64))
            for a, g in zip(areas, geoms, strict=True)
        ),
    ]  # fmt: skip
    cubes = []
    for k, aset in enumerate(sets):
        ids, sums = _merge([p[0][k] for p in parts])
        cubes.append((aset, _dense(ids, sums, n_cat, len(aset.codes), n_per)))
    if grid is not None:
        sparse = _merge([p[0][-1] for p in parts])
        used = np.unique(np.concatenate([p[1] for p in parts]))
        cubes.append(_grid_set(grid, used, cell_m, sparse, n_cat, n_per))
    return ScanCubes(cubes, cats, months)
