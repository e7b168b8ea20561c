"""Aggregations of a partitioned store on a Dask cluster: per-partition partial, then combine.

Every function here sends one task per force (all that force's month partitions, read column by
column with pyarrow, never the geometry), gets back a *sparse* partial (the cells that have events
and their sums) and adds the partials into one lattice or cube. The statistics then run on that
aggregate with the same functions as the in-memory path (``getis_ord_hotspots``, the emerging
hot-spot cube), so the in-memory path is the oracle: counts agree exactly, weighted sums to
floating-point summation order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.compute as pc
import pyarrow.parquet as pq

from layers.progress import Progress, check
from layers.store_parquet import Partition, StoreLayer, month_bounds_ns
from workstation.analysis.grid import Grid


@dataclass(frozen=True)
class Selection:
    """Which rows of a store take part: a time window (UTC ns, half-open) and categories."""

    start_ns: int | None = None
    end_ns: int | None = None
    categories: tuple[str, ...] | None = None
    forces: tuple[str, ...] | None = None

    def months(self, layer: StoreLayer) -> list[str] | None:
        """The month partitions that can hold rows of the window (None: all)."""
        if self.start_ns is None and self.end_ns is None:
            return None
        months = layer.months
        edges = month_bounds_ns(months, layer.timezone)
        lo = -np.inf if self.start_ns is None else self.start_ns
        hi = np.inf if self.end_ns is None else self.end_ns
        return [m for i, m in enumerate(months) if edges[i] < hi and edges[i + 1] > lo]


def _tasks(
    layer: StoreLayer,
    sel: Selection,
    keep: Callable[[Partition], bool] | None = None,
) -> list[list[str]]:
    """Partition paths grouped by force: one task each (those ``keep`` accepts)."""
    parts = layer.select(sel.forces, sel.months(layer))
    groups: dict[str, list[str]] = {}
    for p in parts:
        if keep is not None and not keep(p):
            continue
        groups.setdefault(p.force, []).append(str(layer.path_of(p)))
    return [groups[f] for f in sorted(groups)]


def _read(
    path: str, sel: Selection, extra: Iterable[str] = ()
) -> dict[str, np.ndarray]:
    """The fast columns of one part, filtered by the selection."""
    cols = ["x", "y", "t_ns", *extra]
    if sel.categories is not None and "category" not in cols:
        cols.append("category")
    table = pq.read_table(path, columns=cols)
    keep = None
    if sel.start_ns is not None:
        keep = pc.greater_equal(table["t_ns"], sel.start_ns)
    if sel.end_ns is not None:
        m = pc.less(table["t_ns"], sel.end_ns)
        keep = m if keep is None else pc.and_(keep, m)
    if sel.categories is not None:
        m = pc.is_in(table["category"], value_set=_pa_strings(sel.categories))
        keep = m if keep is None else pc.and_(keep, m)
    if keep is not None:
        table = table.filter(keep)
    return {c: table[c].to_numpy(zero_copy_only=False) for c in cols}


def _pa_strings(values: Iterable[str]):
    import pyarrow as pa

    return pa.array(list(values), type=pa.string())


def _weights(
    cols: dict[str, np.ndarray], weights: dict[str, float] | None
) -> np.ndarray | None:
    if weights is None:
        return None
    cats = cols["category"].astype(str)
    return np.array([float(weights.get(c, 0.0)) for c in cats], dtype=float)


def _sparse(idx: np.ndarray, w: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Distinct ids and their sums (or counts)."""
    ids, inv = np.unique(idx, return_inverse=True)
    return ids, np.bincount(inv, weights=w, minlength=len(ids)).astype(float)


def _merge(
    partials: list[tuple[np.ndarray, np.ndarray]],
) -> tuple[np.ndarray, np.ndarray]:
    if not partials:
        return np.zeros(0, np.int64), np.zeros(0)
    ids = np.concatenate([p[0] for p in partials])
    sums = np.concatenate([p[1] for p in partials])
    u, inv = np.unique(ids, return_inverse=True)
    return u, np.bincount(inv, weights=sums, minlength=len(u))


# ---------------------------------------------------------------------------
# tasks (run on workers: plain functions of paths and small arguments)
# ---------------------------------------------------------------------------
def _grid_task(
    paths: list[str], grid: Grid, sel: Selection, weights: dict[str, float] | None
) -> tuple[np.ndarray, np.ndarray]:
    out = []
    for path in paths:
        cols = _read(path, sel, ("category",) if weights else ())
        idx = grid.flat_index(cols["x"], cols["y"])
        ok = idx >= 0
        w = _weights(cols, weights)
        out.append(_sparse(idx[ok], None if w is None else w[ok]))
    return _merge(out)


def _cube_task(
    paths: list[str],
    grid: Grid,
    sel: Selection,
    edges: np.ndarray,
    weights: dict[str, float] | None,
) -> tuple[np.ndarray, np.ndarray]:
    out = []
    n_steps = len(edges) - 1
    for path in paths:
        cols = _read(path, sel, ("category",) if weights else ())
        step = np.searchsorted(edges, cols["t_ns"], side="right") - 1
        cell = grid.flat_index(cols["x"], cols["y"])
        ok = (cell >= 0) & (step >= 0) & (step < n_steps)
        w = _weights(cols, weights)
        key = step[ok].astype(np.int64) * grid.size + cell[ok]
        out.append(_sparse(key, None if w is None else w[ok]))
    return _merge(out)


def grow_bounds(
    bounds: list[float], x: np.ndarray, y: np.ndarray
) -> tuple[list[float], int]:
    """``bounds`` (xmin, ymin, xmax, ymax) grown by the finite points, and their count."""
    ok = np.isfinite(x) & np.isfinite(y)
    if not ok.any():
        return bounds, 0
    grown = [
        min(bounds[0], x[ok].min()),
        min(bounds[1], y[ok].min()),
        max(bounds[2], x[ok].max()),
        max(bounds[3], y[ok].max()),
    ]
    return grown, int(ok.sum())


def _extent_task(
    paths: list[str], sel: Selection
) -> tuple[float, float, float, float, int]:
    bounds = [np.inf, np.inf, -np.inf, -np.inf]
    n = 0
    for path in paths:
        cols = _read(path, sel)
        bounds, k = grow_bounds(bounds, cols["x"], cols["y"])
        n += k
    return (*bounds, n)


def _categories_task(paths: list[str], sel: Selection) -> dict[str, int]:
    out: dict[str, int] = {}
    for path in paths:
        cats = _read(path, sel, ("category",))["category"]
        vals, counts = np.unique(cats.astype(str), return_counts=True)
        for v, c in zip(vals, counts, strict=True):
            out[v] = out.get(v, 0) + int(c)
    return out


# ---------------------------------------------------------------------------
# the public aggregations (run on the client's cluster)
# ---------------------------------------------------------------------------
def _run(
    client: Any, fn, tasks: list[list[str]], *args: Any, progress: Progress | None
):
    from layers.cluster import gather

    futures = client.map(fn, tasks, *[[a] * len(tasks) for a in args], pure=False)

    def done(i: int, _result: Any) -> None:
        check(
            progress, 0.9 * i / max(len(tasks), 1), f"{i} of {len(tasks)} forces done"
        )

    return gather(client, futures, "the aggregation", on_result=done)


def store_extent(
    layer: StoreLayer, client: Any, sel: Selection = Selection()
) -> tuple[tuple[float, float, float, float], int]:
    """Bounds of the selected rows with a location, and how many they are."""
    res = _run(client, _extent_task, _tasks(layer, sel), sel, progress=None)
    if not res or sum(r[4] for r in res) == 0:
        raise ValueError("no event in the store's selection has a location")
    b = np.array([r[:4] for r in res])
    return (b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()), sum(
        r[4] for r in res
    )


def store_categories(
    layer: StoreLayer, client: Any, sel: Selection = Selection()
) -> dict[str, int]:
    """Rows per category in the selection."""
    out: dict[str, int] = {}
    for part in _run(client, _categories_task, _tasks(layer, sel), sel, progress=None):
        for k, v in part.items():
            out[k] = out.get(k, 0) + v
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def grid_counts(
    layer: StoreLayer,
    grid: Grid,
    client: Any,
    *,
    sel: Selection = Selection(),
    weights: dict[str, float] | None = None,
    progress: Progress | None = None,
) -> np.ndarray:
    """(ny, nx) counts (or category-weighted sums) of the selected rows per cell."""
    parts = _run(
        client, _grid_task, _tasks(layer, sel), grid, sel, weights, progress=progress
    )
    ids, sums = _merge(parts)
    out = np.zeros(grid.size)
    out[ids] = sums
    return out.reshape(grid.shape)


def cube_counts(
    layer: StoreLayer,
    grid: Grid,
    client: Any,
    *,
    sel: Selection = Selection(),
    weights: dict[str, float] | None = None,
    progress: Progress | None = None,
) -> tuple[np.ndarray, list[str]]:
    """(months, ny, nx) counts per calendar month (local time) and cell, and the months."""
    # every month from the first to the last, empty or not (as space_time_bins does)
    chosen = sel.months(layer) or layer.months
    span = pd.period_range(min(chosen), max(chosen), freq="M")
    months = [str(p) for p in span]
    edges = month_bounds_ns(months, layer.timezone)
    parts = _run(
        client,
        _cube_task,
        _tasks(layer, sel),
        grid,
        sel,
        edges,
        weights,
        progress=progress,
    )
    ids, sums = _merge(parts)
    cube = np.zeros(len(months) * grid.size)
    cube[ids] = sums
    return cube.reshape(len(months), grid.ny, grid.nx), months


# ---------------------------------------------------------------------------
# kernel density: linear binning per partition, the binned lattices added, one FFT
# ---------------------------------------------------------------------------
def _kde_task(
    paths: list[str],
    grid: Grid,
    lat: Any,
    sel: Selection,
    weights: dict[str, float] | None,
    bandwidth_m: float,
    kernel: str,
) -> tuple[np.ndarray, np.ndarray, Any]:
    from workstation.analysis.kde import _clean_points, binning_terms, event_stats

    ids_all, vals_all, stats = [], [], None
    for path in paths:
        cols = _read(path, sel, ("category",) if weights else ())
        x, y, w, dropped = _clean_points(cols["x"], cols["y"], _weights(cols, weights))
        ids, values = binning_terms(x, y, w, lat, kernel)
        u, inv = np.unique(ids, return_inverse=True)
        ids_all.append(u)
        vals_all.append(
            np.stack([np.bincount(inv, v, minlength=len(u)) for v in values])
        )
        s = event_stats(x, y, w, grid, bandwidth_m, kernel, dropped)
        stats = s if stats is None else stats + s
    if not ids_all:
        return np.zeros(0, np.int64), np.zeros((1, 0)), stats
    ids = np.concatenate(ids_all)
    vals = np.concatenate(vals_all, axis=1)
    u, inv = np.unique(ids, return_inverse=True)
    summed = np.stack([np.bincount(inv, row, minlength=len(u)) for row in vals])
    return u, summed, stats


def _kde_far_task(
    paths: list[str], grid: Grid, sel: Selection, weights: dict[str, float] | None
) -> Any:
    """The events of parts beyond the kernel's reach of the grid: counted, no mass inside.

    Every such event's kernel misses the grid, so its share inside is exactly 0 and it is
    outside: the sums :func:`~workstation.analysis.kde.event_stats` would give, without
    integrating kernels that cannot reach.
    """
    from workstation.analysis.kde import EventStats, _clean_points

    gx0, gy0, gx1, gy1 = grid.bounds
    stats = EventStats(0, 0.0, 0.0, 0, 0)
    for path in paths:
        cols = _read(path, sel, ("category",) if weights else ())
        x, y, w, dropped = _clean_points(cols["x"], cols["y"], _weights(cols, weights))
        outside = int(((x < gx0) | (x > gx1) | (y < gy0) | (y > gy1)).sum())
        stats = stats + EventStats(len(x), float(w.sum()), 0.0, outside, dropped)
    return stats


def _beyond(grid: Grid, reach: float) -> Callable[[Partition], bool]:
    """Whether a part lies wholly farther than ``reach`` (plus a metre) from the grid."""
    gx0, gy0, gx1, gy1 = grid.bounds
    m = reach + 1.0

    def far(p: Partition) -> bool:
        if p.bbox is None:
            return False
        x0, y0, x1, y1 = p.bbox
        return x1 < gx0 - m or x0 > gx1 + m or y1 < gy0 - m or y0 > gy1 + m

    return far


def kde_from_store(
    layer: StoreLayer,
    client: Any,
    *,
    bandwidth_m: float,
    cell_m: float,
    extent: tuple[float, float, float, float] | Grid | None = None,
    sel: Selection = Selection(),
    weights: dict[str, float] | None = None,
    kernel: str = "quartic",
    progress: Progress | None = None,
):
    """Kernel density of the selected rows: the in-memory ``kde_surface(method="binned_fft")``.

    Each force's partitions are linearly binned on the fine lattice on a worker (sparse: only
    the nodes with weight), the lattices are added, and the sum is convolved once by FFT.
    """
    from workstation.analysis.kde import (
        convolve_binned,
        fine_lattice,
        kde_result,
        kernel_reach,
    )

    reach = kernel_reach(bandwidth_m, kernel)
    if isinstance(extent, Grid):
        grid = extent
    elif extent is not None:
        grid = Grid.covering(tuple(extent), cell_m, crs=layer.crs, align=False)
    else:
        (x0, y0, x1, y1), _ = store_extent(layer, client, sel)
        bounds = (x0 - reach, y0 - reach, x1 + reach, y1 + reach)
        grid = Grid.covering(bounds, cell_m, crs=layer.crs, align=True)
    lat = fine_lattice(grid, bandwidth_m, kernel)
    far = _beyond(grid, reach)
    far_stats = _run(
        client,
        _kde_far_task,
        _tasks(layer, sel, far),
        grid,
        sel,
        weights,
        progress=None,
    )
    parts = _run(
        client,
        _kde_task,
        _tasks(layer, sel, lambda p: not far(p)),
        grid,
        lat,
        sel,
        weights,
        bandwidth_m,
        kernel,
        progress=progress,
    )
    parts = [p for p in parts if p[2] is not None]
    if not parts:
        raise ValueError("no event in the store's selection near the extent")
    ids = np.concatenate([p[0] for p in parts])
    vals = np.concatenate([p[1] for p in parts], axis=1)
    binned = [np.bincount(ids, row, minlength=lat.size) for row in vals]
    stats = parts[0][2]
    for p in parts[1:]:
        stats = stats + p[2]
    for extra in far_stats:
        stats = stats + extra
    dens = convolve_binned(binned, lat, grid, bandwidth_m, kernel)
    return kde_result(
        grid,
        dens,
        stats,
        bandwidth_m=bandwidth_m,
        kernel=kernel,
        method="binned_fft",
        method_requested="binned_fft",
        refine=lat.f,
        extent_given=extent is not None,
        weighted=weights is not None,
    )
