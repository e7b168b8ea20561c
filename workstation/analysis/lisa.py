"""Local Moran's I (LISA) and permutation p-values for Gi*, on grids and polygons.

Local Moran's I of location ``i`` (Anselin 1995), with ``z`` the values standardised
by their mean and (population) standard deviation and ``w`` row-standardised
weights without the location itself::

    I_i = (n − 1) z_i Σ_j w_ij z_j / Σ_k z_k²

Its sign and the sign of ``z_i`` give the quadrant: high-high (a high value among
high neighbours), low-low, high-low and low-high (spatial outliers).

Inference is by **conditional permutation**: location ``i`` keeps its value and
its neighbours' values are drawn at random, without replacement, from the other
``n − 1`` locations. The draws are those of :func:`esda.crand.crand` (the same
seed gives the same draws, so ``p_sim`` equals ``esda.Moran_Local(...).p_sim``
and ``esda.G_Local(..., star=True).p_sim`` exactly; the tests hold that), but the
statistics are computed here in vectorised chunks, without numba. ``p_sim`` is
esda's pseudo p-value, counted in the tail the observed value lies in
(``(min(#≥, #≤) + 1) / (permutations + 1)``); simulated values that tie with the
observed one (frequent with counts) count in both tails, where esda breaks ties
by floating-point rounding, so with ties ``p_sim`` is never below esda's.

A pseudo p-value cannot go below ``1 / (permutations + 1)``, which is too coarse
for a false discovery rate over thousands of cells (with 999 permutations and
900 cells, Benjamini–Hochberg at 5 % cannot flag anything). So the LISA classes
use ``p_value``, the two-sided normal p of ``z_sim`` (the observed I against the
mean and standard deviation of its own permutation distribution; esda's
``2 × p_z_sim``), adjusted by Benjamini–Hochberg across locations by default;
``p_sim`` is reported beside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from scipy import sparse
from scipy.spatial import cKDTree

from layers.progress import Progress, check
from workstation.analysis.grid import Grid
from workstation.analysis.results import (
    AnalysisResult,
    GridResult,
    benjamini_hochberg,
    two_sided_p,
)

__all__ = [
    "LISA_CLASSES",
    "LisaPolygonResult",
    "LisaResult",
    "conditional_permutation_p",
    "grid_weights",
    "local_moran",
    "local_moran_grid",
    "local_moran_polygons",
    "polygon_weights",
]

#: LISA classes, in display order.
LISA_CLASSES: tuple[str, ...] = (
    "high_high",
    "low_low",
    "high_low",
    "low_high",
    "not_significant",
)
#: display colours (GeoDa's)
LISA_COLOURS: dict[str, str] = {
    "high_high": "#e31a1c",
    "low_low": "#1f78b4",
    "high_low": "#fb9a99",
    "low_high": "#a6cee3",
    "not_significant": "#f0f0f0",
}
POLYGON_WEIGHTS: tuple[str, ...] = ("queen", "rook", "distance", "knn")
DEFAULT_PERMUTATIONS = 999
DEFAULT_SEED = 12345
#: locations per chunk of the permutation engine (memory: chunk × perms × k)
_CHUNK = 256


# ---------------------------------------------------------------------------
# weights
# ---------------------------------------------------------------------------
def grid_weights(mask: np.ndarray, footprint: np.ndarray) -> sparse.csr_matrix:
    """Binary weights between the cells in ``mask`` (row-major), self excluded.

    ``footprint`` is an odd square bool array centred on the cell (as
    :func:`workstation.analysis.hotspots.footprint`).
    """
    m = np.asarray(mask, dtype=bool)
    ny, nx = m.shape
    order = np.full(m.shape, -1, dtype=np.int64)
    order[m] = np.arange(int(m.sum()))
    r = footprint.shape[0] // 2
    rows, cols = [], []
    rr, cc = np.nonzero(m)
    for dr, dc in zip(*np.nonzero(footprint), strict=True):
        dr, dc = int(dr) - r, int(dc) - r
        if dr == 0 and dc == 0:
            continue
        r2, c2 = rr + dr, cc + dc
        ok = (r2 >= 0) & (r2 < ny) & (c2 >= 0) & (c2 < nx)
        ok[ok] &= m[r2[ok], c2[ok]]
        rows.append(order[rr[ok], cc[ok]])
        cols.append(order[r2[ok], c2[ok]])
    n = int(m.sum())
    i = np.concatenate(rows) if rows else np.zeros(0, np.int64)
    j = np.concatenate(cols) if cols else np.zeros(0, np.int64)
    return sparse.csr_matrix((np.ones(len(i)), (i, j)), shape=(n, n))


def polygon_weights(
    polygons: gpd.GeoSeries | np.ndarray,
    kind: str = "queen",
    *,
    distance_m: float | None = None,
    k: int | None = None,
) -> sparse.csr_matrix:
    """Binary weights between polygons, self excluded (CSR).

    ``"queen"``/``"rook"``: contiguity; ``"distance"``: centroids within
    ``distance_m`` (libpysal ``DistanceBand``); ``"knn"``: the ``k`` nearest
    centroids (libpysal ``KNN``; not symmetric).
    """
    from workstation.analysis.hotspots import contiguity_matrix

    geoms = np.asarray(polygons.values if hasattr(polygons, "values") else polygons)
    n = len(geoms)
    if kind in ("queen", "rook"):
        w = contiguity_matrix(geoms, kind).tolil()
        w.setdiag(0)
        w = w.tocsr()
        w.eliminate_zeros()
        return w
    cent = shapely.get_coordinates(shapely.centroid(geoms))
    tree = cKDTree(cent)
    if kind == "distance":
        if distance_m is None or not (distance_m > 0 and math.isfinite(distance_m)):
            raise ValueError("distance-band weights need a distance > 0 metres")
        pairs = tree.query_pairs(float(distance_m), output_type="ndarray")
        i = np.r_[pairs[:, 0], pairs[:, 1]]
        j = np.r_[pairs[:, 1], pairs[:, 0]]
    elif kind == "knn":
        if k is None or k < 1 or k >= n:
            raise ValueError(f"k-nearest-neighbour weights need 1 <= k < {n}, got {k}")
        _, idx = tree.query(cent, k=k + 1)
        i = np.repeat(np.arange(n), k)
        j = idx[:, 1:].reshape(-1)
    else:
        raise ValueError(
            f"unknown weights {kind!r}; choose one of {', '.join(POLYGON_WEIGHTS)}"
        )
    return sparse.csr_matrix((np.ones(len(i)), (i, j)), shape=(n, n))


def _row_standardise(w: sparse.csr_matrix) -> sparse.csr_matrix:
    card = np.asarray(w.sum(axis=1)).reshape(-1)
    inv = np.divide(1.0, card, out=np.zeros_like(card), where=card > 0)
    return sparse.diags(inv) @ w


# ---------------------------------------------------------------------------
# the permutation engine
# ---------------------------------------------------------------------------
def _permuted_ids(n: int, max_card: int, permutations: int, seed: int) -> np.ndarray:
    """The draws of esda: each row ``max_card`` ids of ``n - 1``, no replacement."""
    rs = np.random.RandomState(seed)
    out = np.empty((permutations, max_card), dtype=np.int64)
    for p in range(permutations):
        out[p] = rs.choice(n - 1, size=max_card, replace=False)
    return out


def conditional_permutation_p(
    values: np.ndarray,
    w: sparse.csr_matrix,
    observed: np.ndarray,
    *,
    self_weight: np.ndarray | float = 0.0,
    scale: np.ndarray | float = 1.0,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
    progress: Progress | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Conditional-permutation pseudo p-values of a local statistic.

    The statistic of location ``i`` is ``scale_i (Σ_j w_ij v_j + self_i v_i)``
    with ``v`` = ``values`` and ``w`` without the diagonal; under the null the
    neighbours' values are drawn from the other locations (esda's draws for the
    same ``seed``). Returns ``(p_sim, p_two_sided, z_sim)``: esda's directed
    pseudo p (ties counted in both tails), ``min(1, 2 p_sim)`` and the observed
    value standardised by the mean and standard deviation of its permutation
    distribution (esda's ``z_sim``). Locations without neighbours get p = 1 and
    z = 0.
    """
    v = np.asarray(values, dtype=float)
    n = len(v)
    w = sparse.csr_matrix(w)
    card = np.diff(w.indptr)
    max_card = int(card.max()) if n else 0
    p_sim = np.ones(n)
    z_sim = np.zeros(n)
    if n < 2 or max_card == 0:
        return p_sim, p_sim.copy(), z_sim
    if max_card > n - 1:
        raise ValueError("a location has more neighbours than other locations")
    ids = _permuted_ids(n, max_card, permutations, seed)
    # weights padded to max_card per row (CSR order, as esda takes them)
    wpad = np.zeros((n, max_card))
    pos = np.arange(w.nnz) - np.repeat(w.indptr[:-1], card)
    wpad[np.repeat(np.arange(n), card), pos] = w.data
    selfw = np.broadcast_to(np.asarray(self_weight, dtype=float), (n,))
    sc = np.broadcast_to(np.asarray(scale, dtype=float), (n,))
    obs = np.asarray(observed, dtype=float)
    # a draw d of "the other n - 1" is location d below i, location d + 1 from i on
    v_lo = v[ids][:, None, :]
    v_hi = v[np.minimum(ids + 1, n - 1)][:, None, :]
    for c0 in range(0, n, _CHUNK):
        check(progress, c0 / n, "conditional permutations")
        idx = np.arange(c0, min(n, c0 + _CHUNK))
        vals = np.where(ids[:, None, :] < idx[None, :, None], v_lo, v_hi)
        lag = np.einsum("pik,ik->pi", vals, wpad[idx])
        sims = sc[idx] * (lag + selfw[idx] * v[idx])
        # ties (common with counts) are at least as extreme in both tails; esda
        # breaks them by floating-point rounding instead
        tol = 1e-9 * (np.abs(obs[idx]) + np.abs(sims).max(axis=0) + 1e-300)
        n_ge = (sims >= obs[idx] - tol).sum(axis=0)
        n_le = (sims <= obs[idx] + tol).sum(axis=0)
        p_sim[idx] = (np.minimum(n_ge, n_le) + 1.0) / (permutations + 1.0)
        sd = sims.std(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            z_sim[idx] = np.where(sd > 0, (obs[idx] - sims.mean(axis=0)) / sd, 0.0)
    p_sim[card == 0] = 1.0
    z_sim[card == 0] = 0.0
    return p_sim, np.minimum(1.0, 2.0 * p_sim), z_sim


# ---------------------------------------------------------------------------
# local Moran
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class LocalMoran:
    """Local Moran's I of each location, its quadrant and pseudo p-values."""

    i: np.ndarray
    quadrant: np.ndarray  # 1 HH, 2 LH, 3 LL, 4 HL (esda's q)
    p_sim: np.ndarray
    p_value: np.ndarray  # two-sided, from z_sim
    z_sim: np.ndarray
    z: np.ndarray
    lag: np.ndarray
    islands: int


def local_moran(
    values: np.ndarray,
    w: sparse.csr_matrix,
    *,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
    progress: Progress | None = None,
) -> LocalMoran:
    """Local Moran's I with row-standardised ``w`` (binary, no diagonal) and
    conditional permutation inference; the oracle is ``esda.Moran_Local``.
    """
    y = np.asarray(values, dtype=float).reshape(-1)
    n = len(y)
    sd = y.std()
    z = (y - y.mean()) / sd if sd > 0 else np.zeros(n)
    wr = _row_standardise(sparse.csr_matrix(w))
    lag = wr @ z
    den = float((z * z).sum())
    scale = (n - 1) / den if den > 0 else 0.0
    moran_i = scale * z * lag
    quadrant = np.select(
        [(z > 0) & (lag > 0), (z <= 0) & (lag > 0), (z <= 0) & (lag <= 0)],
        [1, 2, 3],
        4,
    )
    if permutations and den > 0:
        p_sim, _, z_sim = conditional_permutation_p(
            z,
            wr,
            moran_i,
            scale=scale * z,
            permutations=permutations,
            seed=seed,
            progress=progress,
        )
    else:
        p_sim, z_sim = np.ones(n), np.zeros(n)
    islands = int(np.sum(np.diff(wr.indptr) == 0))
    p = two_sided_p(z_sim)
    return LocalMoran(moran_i, quadrant, p_sim, p, z_sim, z, lag, islands)


def _classes(lm: LocalMoran, p_used: np.ndarray, alpha: float) -> np.ndarray:
    names = np.array(["", "high_high", "low_high", "low_low", "high_low"], dtype=object)
    out = names[lm.quadrant]
    out[~(np.nan_to_num(p_used, nan=1.0) <= alpha)] = "not_significant"
    return out


def _note(
    what: str, lm: LocalMoran, permutations: int, seed: int, fdr_on: bool, fdr: float
) -> str:
    sig = (
        "p-values were adjusted across locations by the Benjamini–Hochberg false "
        f"discovery rate; a location is significant at p_fdr ≤ {fdr:g}"
        if fdr_on
        else f"FDR correction was OFF: a location is significant at p ≤ {fdr:g}, so "
        f"about {fdr:.0%} of locations with no clustering would be flagged by chance"
    )
    return (
        f"Local Moran's I (LISA, Anselin 1995) on {what}, row-standardised weights. "
        "high_high: a high value among high neighbours (a cluster of high values); "
        "low_low: a cluster of low values; high_low and low_high: spatial outliers "
        "(a location unlike its neighbours). Inference by conditional permutation: "
        f"each location keeps its value and its neighbours are drawn {permutations} "
        f"times from the other locations (seed {seed}, the draws of esda). p_value "
        "is two-sided, from the observed I standardised by the mean and standard "
        "deviation of its permutation distribution (esda's z_sim), because the "
        "pseudo p_sim (one-tailed, also reported) cannot go below "
        f"{1 / (permutations + 1):.3g} and is too coarse for a false discovery "
        f"rate over many locations; {sig}. "
        "A LISA cluster is about values relative to the study-area mean and to the "
        "neighbours; it is not a rate per resident, and a significant location says "
        "its neighbourhood is unusual, not that the location itself is."
    )


@dataclass(frozen=True, kw_only=True)
class LisaResult(GridResult):
    """LISA per grid cell: (ny, nx) arrays, NaN and ``not_significant`` outside the mask."""

    counts: np.ndarray
    lisa_i: np.ndarray
    quadrant: np.ndarray
    p_sim: np.ndarray
    p: np.ndarray
    p_fdr: np.ndarray
    lisa_class: np.ndarray
    fdr: float
    fdr_on: bool
    summary: dict[str, int]

    def cell_columns(self) -> dict[str, np.ndarray]:
        used = self.p_fdr if self.fdr_on else self.p
        return {
            "count": self.counts,
            "lisa_i": self.lisa_i,
            "lisa_q": self.quadrant,
            "p_sim": self.p_sim,
            "p_value": self.p,
            "p_fdr": self.p_fdr,
            "lisa_class": self.lisa_class,
            "significant": np.nan_to_num(used, nan=1.0) <= self.fdr,
        }


def _summary(classes: np.ndarray) -> dict[str, int]:
    return {c: int(np.sum(classes == c)) for c in LISA_CLASSES}


def local_moran_grid(
    counts: np.ndarray,
    grid: Grid,
    *,
    neighbourhood: str = "queen",
    distance_m: float | None = None,
    mask: np.ndarray | None = None,
    fdr: float = 0.05,
    fdr_on: bool = True,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
    progress: Progress | None = None,
) -> LisaResult:
    """Local Moran's I of counts (or harm sums) per grid cell.

    Neighbours are the ``"queen"`` (8), ``"rook"`` (4) or ``"distance"`` band
    cells inside ``mask`` (cells outside take no part at all); see
    :func:`local_moran` for the inference.
    """
    from workstation.analysis.hotspots import footprint

    x = np.asarray(counts, dtype=float)
    if x.shape != grid.shape:
        raise ValueError(f"counts shape {x.shape} is not the grid's {grid.shape}")
    if not 0 < fdr < 1:
        raise ValueError(f"the false discovery rate must be between 0 and 1, got {fdr}")
    m = np.ones(grid.shape, bool) if mask is None else np.asarray(mask, dtype=bool)
    if m.shape != grid.shape:
        raise ValueError(f"mask shape {m.shape} is not the grid's {grid.shape}")
    n = int(m.sum())
    if n < 3:
        raise ValueError(f"LISA needs at least 3 cells in the study area, got {n}")
    check(progress, 0.0, "neighbours")
    w = grid_weights(m, footprint(neighbourhood, grid.cell_m, distance_m))
    lm = local_moran(x[m], w, permutations=permutations, seed=seed, progress=progress)
    p_fdr = benjamini_hochberg(lm.p_value)
    cls = _classes(lm, p_fdr if fdr_on else lm.p_value, fdr)

    def full(vals: np.ndarray, fill: object) -> np.ndarray:
        out = np.full(grid.shape, fill, dtype=np.asarray(vals).dtype)
        out[m] = vals
        return out

    warnings = []
    if lm.islands:
        warnings.append(f"{lm.islands} cell(s) have no neighbour in the study area.")
    if float(x[m].mean()) < 1:
        warnings.append(
            f"Small counts: {float((x[m] == 0).mean()):.0%} of cells are empty; LISA "
            "on sparse counts mostly contrasts empty and non-empty cells. Use larger "
            "cells or a longer period."
        )
    hood = {"queen": "queen (8)", "rook": "rook (4)"}.get(
        neighbourhood, f"distance-band ({distance_m} m)"
    )
    what = (
        f"{n:,} {grid.cell_m:g} m cells ({hood} neighbours"
        + (
            ", inside the study-area mask"
            if mask is not None
            else ", no study-area mask"
        )
        + ")"
    )
    return LisaResult(
        params={
            "statistic": "lisa",
            "cell_m": grid.cell_m,
            "neighbourhood": neighbourhood,
            "distance_m": distance_m,
            "fdr": fdr,
            "fdr_on": fdr_on,
            "permutations": permutations,
            "seed": seed,
            "masked": mask is not None,
            "n_cells": n,
            "grid": grid.to_dict(),
        },
        method_note=_note(what, lm, permutations, seed, fdr_on, fdr),
        warnings=tuple(warnings),
        grid=grid,
        mask=None if mask is None else m,
        counts=x,
        lisa_i=full(lm.i, np.nan),
        quadrant=full(lm.quadrant, 0),
        p_sim=full(lm.p_sim, np.nan),
        p=full(lm.p_value, np.nan),
        p_fdr=full(p_fdr, np.nan),
        lisa_class=full(cls, "not_significant"),
        fdr=fdr,
        fdr_on=fdr_on,
        summary=_summary(cls),
    )


@dataclass(frozen=True, kw_only=True)
class LisaPolygonResult(AnalysisResult):
    """LISA per polygon, in the order of the polygons given."""

    polygons: gpd.GeoSeries
    values: np.ndarray
    lisa_i: np.ndarray
    quadrant: np.ndarray
    p_sim: np.ndarray
    p: np.ndarray
    p_fdr: np.ndarray
    lisa_class: np.ndarray
    fdr: float
    fdr_on: bool
    summary: dict[str, int]

    def to_geodataframe(self) -> gpd.GeoDataFrame:
        used = self.p_fdr if self.fdr_on else self.p
        return gpd.GeoDataFrame(
            {
                "count": self.values,
                "lisa_i": self.lisa_i,
                "lisa_q": self.quadrant,
                "p_sim": self.p_sim,
                "p_value": self.p,
                "p_fdr": self.p_fdr,
                "lisa_class": self.lisa_class,
                "significant": np.nan_to_num(used, nan=1.0) <= self.fdr,
            },
            geometry=self.polygons.reset_index(drop=True),
            crs=self.polygons.crs,
        )


def local_moran_polygons(
    values: np.ndarray,
    polygons: gpd.GeoSeries,
    *,
    weights: str = "queen",
    distance_m: float | None = None,
    k: int | None = None,
    fdr: float = 0.05,
    fdr_on: bool = True,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
    progress: Progress | None = None,
) -> LisaPolygonResult:
    """Local Moran's I of a value per polygon; ``weights`` as :func:`polygon_weights`."""
    x = np.asarray(values, dtype=float).reshape(-1)
    if len(x) != len(polygons):
        raise ValueError(
            f"{len(x)} values for {len(polygons)} polygons: they must match"
        )
    if len(x) < 3:
        raise ValueError(f"LISA needs at least 3 polygons, got {len(x)}")
    if not 0 < fdr < 1:
        raise ValueError(f"the false discovery rate must be between 0 and 1, got {fdr}")
    w = polygon_weights(polygons, weights, distance_m=distance_m, k=k)
    lm = local_moran(x, w, permutations=permutations, seed=seed, progress=progress)
    p_fdr = benjamini_hochberg(lm.p_value)
    cls = _classes(lm, p_fdr if fdr_on else lm.p_value, fdr)
    warnings = []
    if lm.islands:
        warnings.append(
            f"{lm.islands} area(s) have no neighbour under {weights} weights: their "
            "LISA is zero and never significant."
        )
    desc = {
        "queen": "queen contiguity",
        "rook": "rook contiguity",
        "distance": f"centroids within {distance_m:g} m" if distance_m else "",
        "knn": f"the {k} nearest centroids",
    }[weights]
    return LisaPolygonResult(
        params={
            "statistic": "lisa",
            "weights": weights,
            "distance_m": distance_m,
            "k": k,
            "fdr": fdr,
            "fdr_on": fdr_on,
            "permutations": permutations,
            "seed": seed,
            "n_areas": len(x),
        },
        method_note=_note(
            f"{len(x):,} areas ({desc})", lm, permutations, seed, fdr_on, fdr
        )
        + " Areas differ in size and population: consider rates per 1,000 residents.",
        warnings=tuple(warnings),
        polygons=gpd.GeoSeries(polygons),
        values=x,
        lisa_i=lm.i,
        quadrant=lm.quadrant,
        p_sim=lm.p_sim,
        p=lm.p_value,
        p_fdr=p_fdr,
        lisa_class=cls,
        fdr=fdr,
        fdr_on=fdr_on,
        summary=_summary(cls),
    )


def gistar_permutation_p(
    values: np.ndarray,
    w_with_self: sparse.csr_matrix,
    *,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
    progress: Progress | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Conditional-permutation ``(p_sim, p_two_sided)`` of Gi* (binary weights,
    the location itself included); the oracle is ``esda.G_Local(star=True,
    transform="B")``'s ``p_sim``.
    """
    y = np.asarray(values, dtype=float).reshape(-1)
    w = sparse.csr_matrix(w_with_self).tolil()
    selfw = np.asarray(w.diagonal(), dtype=float)
    w.setdiag(0)
    w = w.tocsr()
    w.eliminate_zeros()
    total = float(y.sum())
    if total == 0:
        return np.ones(len(y)), np.ones(len(y))
    observed = (w @ y + selfw * y) / total
    p_sim, p_two, _ = conditional_permutation_p(
        y,
        w,
        observed,
        self_weight=selfw,
        scale=1.0 / total,
        permutations=permutations,
        seed=seed,
        progress=progress,
    )
    return p_sim, p_two
