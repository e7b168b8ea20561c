"""Getis-Ord Gi* hot spots on grid cells and on polygons, with FDR on by default.

For a value ``x_j`` per location, binary weights ``w_ij`` (1 for a neighbour,
including the location itself: that is what makes it Gi* rather than Gi),
``n`` locations, mean ``x̄`` and (population) standard deviation ``s``::

    W_i  = Σ_j w_ij
    Gi*  = (Σ_j w_ij x_j − x̄ W_i) / (s √((n W_i − W_i²) / (n − 1)))

which is the analytical z-score ``Zs`` of :class:`esda.G_Local` with
``star=True`` and binary weights (the tests hold the two within 1e-9). On a grid
the neighbour sums are a correlation of the count raster with a footprint (3 × 3
for queen contiguity, a disc for a distance band), done with
:func:`scipy.ndimage.correlate` (FFT for big footprints); on polygons they are a
sparse matrix product. Cells outside the study-area ``mask`` take no part: they are
not counted in ``n``, the mean or the variance, and are nobody's neighbour.

p-values are two-sided from the normal distribution. With ``fdr_on`` (the
default) the Benjamini–Hochberg procedure adjusts them across all locations, and
the classes use the adjusted values: ``hot_99``/``cold_99`` at ``p_fdr ≤ 0.01``,
``*_95`` at ``≤ 0.05`` and ``*_90`` at ``≤ 0.10``, so that at each confidence
level the expected share of false hot/cold spots among those flagged is at most
1 − confidence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from scipy import ndimage, signal, sparse

from layers.progress import Progress, check
from workstation.analysis.grid import Grid
from workstation.analysis.results import (
    HOTSPOT_CLASSES,
    AnalysisResult,
    GridResult,
    benjamini_hochberg,
    hotspot_codes,
    two_sided_p,
)

CLASS_NAMES = np.asarray(HOTSPOT_CLASSES, dtype=object)
NEIGHBOURHOODS: tuple[str, ...] = ("queen", "rook", "distance")
CONTIGUITIES: tuple[str, ...] = ("queen", "rook")
#: footprints with more cells than this are summed by FFT
FFT_FOOTPRINT_CELLS = 625
#: the average neighbourhood total below which z-scores are flagged as unreliable
SMALL_NEIGHBOURHOOD_TOTAL = 5.0


def footprint(
    neighbourhood: str, cell_m: float, distance_m: float | None = None
) -> np.ndarray:
    """Boolean neighbourhood footprint (odd square, centre = the cell itself).

    ``"queen"``: the 3 × 3 block; ``"rook"``: the cross of 5; ``"distance"``: every
    cell whose centre is within ``distance_m`` of the cell's centre.
    """
    if neighbourhood == "queen":
        return np.ones((3, 3), dtype=bool)
    if neighbourhood == "rook":
        return np.array([[0, 1, 0], [1, 1, 1], [0, 1, 0]], dtype=bool)
    if neighbourhood == "distance":
        if distance_m is None or not (distance_m > 0 and math.isfinite(distance_m)):
            raise ValueError("a distance-band neighbourhood needs distance_m > 0")
        r = math.floor(distance_m / cell_m + 1e-9)
        off = np.arange(-r, r + 1) * cell_m
        dx, dy = np.meshgrid(off, off)
        # a hair of tolerance so a centre exactly on the band counts, as in libpysal
        return np.hypot(dx, dy) <= distance_m * (1 + 1e-12)
    raise ValueError(
        f"unknown neighbourhood {neighbourhood!r}; choose one of "
        + ", ".join(NEIGHBOURHOODS)
    )


def neighbour_sums(values: np.ndarray, fp: np.ndarray) -> np.ndarray:
    """Σ over the footprint around each cell, zero beyond the edges."""
    if fp.sum() <= FFT_FOOTPRINT_CELLS:
        return ndimage.correlate(
            values, fp.astype(float), mode="constant", cval=0.0, origin=0
        )
    out = signal.fftconvolve(values, fp[::-1, ::-1].astype(float), mode="same")
    if np.all(values == np.round(values)):
        out = np.round(out)  # integer inputs: remove FFT round-off
    return out


def gistar_z(
    values: np.ndarray, neighbour_sum: np.ndarray, weight_sum: np.ndarray, n: int
) -> np.ndarray:
    """Gi* z-scores from neighbour sums and neighbour counts (binary weights).

    ``values`` are the valid locations' values (their mean and variance enter),
    ``neighbour_sum`` and ``weight_sum`` are per location. NaN where undefined
    (all values equal, or a neighbourhood that covers every location).
    """
    x = np.asarray(values, dtype=float)
    xbar = x.sum() / n
    var = (x * x).sum() / n - xbar * xbar
    s = math.sqrt(var) if var > 0 else 0.0
    wi = np.asarray(weight_sum, dtype=float)
    denom_sq = (n * wi - wi * wi) / (n - 1) if n > 1 else np.zeros_like(wi)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (np.asarray(neighbour_sum, dtype=float) - xbar * wi) / (
            s * np.sqrt(denom_sq)
        )
    z[~np.isfinite(z)] = np.nan
    return z


def _classes_and_p(
    z: np.ndarray, fdr_on: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(p, p_fdr, class codes into HOTSPOT_CLASSES)."""
    p = two_sided_p(z)
    p_fdr = benjamini_hochberg(p)
    return p, p_fdr, hotspot_codes(z, p_fdr if fdr_on else p)


def _summary(codes: np.ndarray) -> dict[str, int]:
    n = np.bincount(codes.ravel(), minlength=len(HOTSPOT_CLASSES))
    return {c: int(n[i]) for i, c in enumerate(HOTSPOT_CLASSES)}


def _fdr_text(fdr_on: bool, fdr: float, n_sig: int, n_tests: int) -> str:
    if fdr_on:
        return (
            f"p-values (two-sided, normal) were adjusted for {n_tests:,} tests by the "
            "Benjamini–Hochberg false discovery rate procedure; classes use the "
            "adjusted values (99 % at ≤ 0.01, 95 % at ≤ 0.05, 90 % at ≤ 0.10). "
            f"{n_sig:,} location(s) are significant at a false discovery rate of "
            f"{fdr:g}."
        )
    return (
        "FDR correction was switched OFF: classes use unadjusted two-sided p-values "
        f"over {n_tests:,} tests, so about 10 % of locations with no real clustering "
        "would still be flagged at the 90 % level by chance alone. "
        f"{n_sig:,} location(s) have an FDR-adjusted p ≤ {fdr:g}."
    )


def _small_count_warnings(x: np.ndarray, nbr_total: np.ndarray, unit: str) -> list[str]:
    out: list[str] = []
    total = float(x.sum())
    mean_nbr = float(np.nanmean(nbr_total)) if nbr_total.size else 0.0
    if total < 30:
        out.append(
            f"Only {total:g} events in the study area: too few for a reliable "
            "hot spot analysis."
        )
    if mean_nbr < SMALL_NEIGHBOURHOOD_TOTAL:
        zero_share = float((x == 0).mean()) if x.size else 0.0
        out.append(
            f"Small counts: the average neighbourhood holds {mean_nbr:.2g} events "
            f"and {zero_share:.0%} of {unit} are empty. Gi* z-scores rest on a "
            "normal approximation that is poor for sparse counts; use larger "
            "cells, a wider neighbourhood or a longer period."
        )
    return out


def _cold_spot_warning(x: np.ndarray, wi: np.ndarray, n: int) -> list[str]:
    """Say so when even an empty neighbourhood cannot be a significant cold spot."""
    empty = gistar_z(x, np.zeros_like(wi), wi, n)
    lowest = float(np.nanmin(empty)) if np.isfinite(empty).any() else 0.0
    if lowest > -1.6448536269514722:  # z at two-sided p = 0.10
        return [
            "No location can be a cold spot here: even a neighbourhood with no "
            f"events scores only z = {lowest:.2f}, because events are concentrated "
            "in few places. Read the absence of cold spots as a property of skewed "
            "counts, not as evidence that no place is quieter than average."
        ]
    return []


@dataclass(frozen=True, kw_only=True)
class HotspotResult(GridResult):
    """Gi* per grid cell: (ny, nx) arrays; NaN (and ``not_significant``) outside the mask."""

    counts: np.ndarray
    z: np.ndarray
    p: np.ndarray
    p_fdr: np.ndarray
    hotspot_class: np.ndarray
    neighbourhood: str
    distance_m: float | None
    fdr: float
    fdr_on: bool
    summary: dict[str, int]
    p_perm: np.ndarray | None = None

    def cell_columns(self) -> dict[str, np.ndarray]:
        cols = {
            "count": self.counts,
            "gi_z": self.z,
            "p_value": self.p,
            "p_fdr": self.p_fdr,
            "hotspot_class": self.hotspot_class,
            "significant": np.nan_to_num(self.p_fdr, nan=1.0) <= self.fdr,
        }
        if self.p_perm is not None:
            cols["p_perm"] = self.p_perm
        return cols


@dataclass(frozen=True, kw_only=True)
class PolygonHotspotResult(AnalysisResult):
    """Gi* per polygon, in the order of the polygons given."""

    polygons: gpd.GeoSeries
    values: np.ndarray
    z: np.ndarray
    p: np.ndarray
    p_fdr: np.ndarray
    hotspot_class: np.ndarray
    contiguity: str
    fdr: float
    fdr_on: bool
    summary: dict[str, int]
    p_perm: np.ndarray | None = None

    def to_geodataframe(self) -> gpd.GeoDataFrame:
        cols = {
            "count": self.values,
            "gi_z": self.z,
            "p_value": self.p,
            "p_fdr": self.p_fdr,
            "hotspot_class": self.hotspot_class,
            "significant": np.nan_to_num(self.p_fdr, nan=1.0) <= self.fdr,
        }
        if self.p_perm is not None:
            cols["p_perm"] = self.p_perm
        return gpd.GeoDataFrame(
            cols,
            geometry=self.polygons.reset_index(drop=True),
            crs=self.polygons.crs,
        )


def cells_within(grid: Grid, polygons: gpd.GeoSeries | np.ndarray) -> np.ndarray:
    """Bool (ny, nx) mask of cells whose centre lies in any of the polygons."""
    geoms = np.asarray(polygons.values if hasattr(polygons, "values") else polygons)
    cx, cy = grid.centres()
    pts = shapely.points(cx.ravel(), cy.ravel())
    tree = shapely.STRtree(geoms)
    hit, _ = tree.query(pts, predicate="intersects")
    mask = np.zeros(grid.size, dtype=bool)
    mask[hit] = True
    return mask.reshape(grid.shape)


def _check_fdr(fdr: float) -> float:
    fdr = float(fdr)
    if not (0 < fdr < 1):
        raise ValueError(f"the false discovery rate must be between 0 and 1, got {fdr}")
    return fdr


def getis_ord_hotspots(
    counts: np.ndarray,
    grid: Grid,
    *,
    neighbourhood: str = "queen",
    distance_m: float | None = None,
    fdr: float = 0.05,
    fdr_on: bool = True,
    mask: np.ndarray | None = None,
    event_counts: np.ndarray | None = None,
    permutations: int = 0,
    seed: int = 12345,
    progress: Progress | None = None,
) -> HotspotResult:
    """Gi* hot and cold spots of counts (or harm-weighted sums) per grid cell.

    Parameters
    ----------
    counts
        (ny, nx) values per cell, e.g. ``grid.counts(x, y)`` or harm sums.
    grid
        The lattice the counts are on.
    neighbourhood
        ``"queen"`` (the 3 × 3 block, default), ``"rook"`` or ``"distance"``
        (cells whose centres are within ``distance_m``). The cell itself is always
        included (Gi*).
    distance_m
        Band for ``neighbourhood="distance"``, metres.
    fdr
        False discovery rate for the ``significant`` flag and the summary.
    fdr_on
        Adjust p-values by Benjamini–Hochberg before classifying (default on).
    mask
        Optional bool (ny, nx): True for cells in the study area (e.g. inside the
        force boundary). Cells outside take no part at all.
    event_counts
        When ``counts`` are weighted (harm), the plain number of events per cell,
        so the small-count warning judges events, not weights.
    permutations, seed
        With ``permutations > 0``, also a two-sided conditional-permutation p per
        cell (``p_perm``; :func:`workstation.analysis.lisa.gistar_permutation_p`),
        which does not lean on the normal approximation. Classes still use the
        analytical p.
    progress
        Optional progress; raises :class:`~layers.progress.Cancelled` when asked.
    """
    fdr = _check_fdr(fdr)
    x = np.asarray(counts, dtype=float)
    if x.shape != grid.shape:
        raise ValueError(f"counts shape {x.shape} is not the grid's {grid.shape}")
    if not np.all(np.isfinite(x)):
        raise ValueError("counts must be finite numbers")
    if neighbourhood not in NEIGHBOURHOODS:
        raise ValueError(
            f"unknown neighbourhood {neighbourhood!r}; choose one of "
            + ", ".join(NEIGHBOURHOODS)
        )
    check(progress, 0.0, "neighbourhoods")
    fp = footprint(neighbourhood, grid.cell_m, distance_m)
    m = np.ones(grid.shape, dtype=bool) if mask is None else np.asarray(mask, bool)
    if m.shape != grid.shape:
        raise ValueError(f"mask shape {m.shape} is not the grid's {grid.shape}")
    n = int(m.sum())
    if n < 3:
        raise ValueError(f"Gi* needs at least 3 cells in the study area, got {n}")
    xv = np.where(m, x, 0.0)
    nbr = neighbour_sums(xv, fp)
    check(progress, 0.4, "neighbour counts")
    wi = neighbour_sums(m.astype(float), fp)
    check(progress, 0.7, "z-scores")
    z_valid = gistar_z(x[m], nbr[m], wi[m], n)
    z = np.full(grid.shape, np.nan)
    z[m] = z_valid
    p, p_fdr, codes = _classes_and_p(z, fdr_on)
    codes[~m] = HOTSPOT_CLASSES.index("not_significant")
    classes = CLASS_NAMES[codes]
    p_perm = None
    if permutations:
        from workstation.analysis.lisa import gistar_permutation_p, grid_weights

        check(progress, 0.75, "permutations")
        w = grid_weights(m, fp) + sparse.identity(n, format="csr")
        _, pp = gistar_permutation_p(x[m], w, permutations=permutations, seed=seed)
        p_perm = np.full(grid.shape, np.nan)
        p_perm[m] = pp
    check(progress, 0.95, "summarising")

    if event_counts is None:
        warnings = _small_count_warnings(x[m], nbr[m], "cells")
    else:
        ev = np.where(m, np.asarray(event_counts, dtype=float), 0.0)
        if ev.shape != grid.shape:
            raise ValueError(f"event_counts shape {ev.shape} is not {grid.shape}")
        warnings = _small_count_warnings(ev[m], neighbour_sums(ev, fp)[m], "cells")
    if np.isnan(z_valid).all():
        warnings.append("Every cell has the same value: Gi* is undefined.")
    else:
        warnings += _cold_spot_warning(x[m], wi[m], n)
    n_sig = int(np.sum(np.nan_to_num(p_fdr, nan=1.0) <= fdr))
    summary = _summary(codes[m])
    hood = {
        "queen": "the cell and its 8 queen neighbours",
        "rook": "the cell and its 4 rook neighbours",
        "distance": f"every cell whose centre is within {distance_m:g} m"
        if distance_m
        else "",
    }[neighbourhood]
    area = (
        f"{n:,} cells inside the study-area mask (cells outside take no part)"
        if mask is not None
        else f"all {n:,} cells of the rectangle (no study-area mask: empty cells "
        "beyond the area where events can occur, such as open country or water, "
        "lower the mean and make busy places look hotter)"
    )
    note = (
        f"Getis-Ord Gi* on {grid.cell_m:g} m cells ({grid.nx} × {grid.ny}, "
        f"origin ({grid.x0:.1f}, {grid.y0:.1f}), {grid.crs}), using {area}. Each "
        f"cell's neighbourhood is {hood}, with binary weights; the z-score compares "
        "the neighbourhood total with what the study-area mean would give. "
        + _fdr_text(fdr_on, fdr, n_sig, n)
        + _perm_text(permutations, seed)
        + " Hot spots are places with more recorded events than the area average, "
        "not necessarily more risk per resident; recording practice and snapped "
        "police.uk locations shape counts at fine scales."
    )
    params = {
        "cell_m": grid.cell_m,
        "neighbourhood": neighbourhood,
        "distance_m": distance_m,
        "fdr": fdr,
        "fdr_on": fdr_on,
        "masked": mask is not None,
        "n_cells": n,
        "grid": grid.to_dict(),
        "permutations": permutations,
        "seed": seed if permutations else None,
    }
    return HotspotResult(
        params=params,
        method_note=note,
        warnings=tuple(warnings),
        grid=grid,
        mask=None if mask is None else m,
        counts=x,
        z=z,
        p=p,
        p_fdr=p_fdr,
        hotspot_class=classes,
        neighbourhood=neighbourhood,
        distance_m=distance_m,
        fdr=fdr,
        fdr_on=fdr_on,
        summary=summary,
        p_perm=p_perm,
    )


def _perm_text(permutations: int, seed: int) -> str:
    if not permutations:
        return ""
    return (
        f" p_perm is a two-sided conditional-permutation p-value ({permutations} "
        f"draws of the neighbours' values from the other locations, seed {seed}; "
        "ties count as extreme), free of the normal approximation; classes use the "
        "analytical p."
    )


def contiguity_matrix(
    polygons: gpd.GeoSeries | np.ndarray, contiguity: str = "queen"
) -> sparse.csr_matrix:
    """Binary contiguity (queen: share a point; rook: share an edge) with self, CSR.

    Built with an STR tree and exact shapely predicates. Queen neighbours touch or
    overlap; rook neighbours share a boundary segment of positive length.
    """
    if contiguity not in CONTIGUITIES:
        raise ValueError(
            f"unknown contiguity {contiguity!r}; choose one of {', '.join(CONTIGUITIES)}"
        )
    geoms = np.asarray(polygons.values if hasattr(polygons, "values") else polygons)
    n = len(geoms)
    tree = shapely.STRtree(geoms)
    i, j = tree.query(geoms, predicate="intersects")
    keep = i != j
    i, j = i[keep], j[keep]
    if contiguity == "rook" and len(i):
        shared = shapely.intersection(
            shapely.boundary(geoms[i]), shapely.boundary(geoms[j])
        )
        keep = shapely.length(shared) > 0
        i, j = i[keep], j[keep]
    rows = np.r_[i, np.arange(n)]
    cols = np.r_[j, np.arange(n)]
    w = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    w.data[:] = 1.0  # duplicates collapse to one
    return w


def getis_ord_polygons(
    values: np.ndarray,
    polygons: gpd.GeoSeries,
    *,
    contiguity: str = "queen",
    fdr: float = 0.05,
    fdr_on: bool = True,
    event_counts: np.ndarray | None = None,
    distance_m: float | None = None,
    k: int | None = None,
    permutations: int = 0,
    seed: int = 12345,
    progress: Progress | None = None,
) -> PolygonHotspotResult:
    """Gi* hot and cold spots of a value per polygon (e.g. counts per LSOA).

    Neighbours are the polygons that share a point (``"queen"``) or an edge
    (``"rook"``), whose centroids lie within ``distance_m`` (``"distance"``) or
    the ``k`` nearest centroids (``"knn"``), plus the polygon itself. See
    :func:`getis_ord_hotspots` (also for ``permutations``).
    """
    fdr = _check_fdr(fdr)
    x = np.asarray(values, dtype=float).reshape(-1)
    if len(x) != len(polygons):
        raise ValueError(
            f"{len(x)} values for {len(polygons)} polygons: they must match"
        )
    if not np.all(np.isfinite(x)):
        raise ValueError("values must be finite numbers")
    if len(x) < 3:
        raise ValueError(f"Gi* needs at least 3 polygons, got {len(x)}")
    check(progress, 0.0, "neighbours")
    if contiguity in CONTIGUITIES:
        w = contiguity_matrix(polygons, contiguity)
    else:
        from workstation.analysis.lisa import polygon_weights

        w = polygon_weights(polygons, contiguity, distance_m=distance_m, k=k)
        w = (w + sparse.identity(len(x), format="csr")).tocsr()
    check(progress, 0.6, "z-scores")
    nbr = w @ x
    wi = np.asarray(w.sum(axis=1)).reshape(-1)
    z = gistar_z(x, nbr, wi, len(x))
    p, p_fdr, codes = _classes_and_p(z, fdr_on)
    classes = CLASS_NAMES[codes]
    p_perm = None
    if permutations:
        from workstation.analysis.lisa import gistar_permutation_p

        _, p_perm = gistar_permutation_p(x, w, permutations=permutations, seed=seed)
    ev = x if event_counts is None else np.asarray(event_counts, dtype=float)
    warnings = _small_count_warnings(ev, w @ ev, "areas")
    islands = int(np.sum(wi == 1))
    if islands:
        warnings.append(
            f"{islands} area(s) have no neighbour ({contiguity}): their Gi* compares "
            "the area with the mean on its own."
        )
    n_sig = int(np.sum(np.nan_to_num(p_fdr, nan=1.0) <= fdr))
    hood = {
        "queen": "queen contiguity (neighbours share a boundary point)",
        "rook": "rook contiguity (neighbours share a boundary edge)",
        "distance": f"distance-band neighbours (centroids within {distance_m} m)",
        "knn": f"the {k} nearest neighbours (by centroid)",
    }.get(contiguity, contiguity)
    note = (
        f"Getis-Ord Gi* on {len(x):,} areas with {hood}, the area itself "
        "included, binary weights. "
        + _fdr_text(fdr_on, fdr, n_sig, len(x))
        + _perm_text(permutations, seed)
        + " Areas differ in size and population: a hot spot of counts is not a "
        "hot spot of risk; consider rates per 1,000 residents."
    )
    params = {
        "contiguity": contiguity,
        "distance_m": distance_m,
        "k": k,
        "fdr": fdr,
        "fdr_on": fdr_on,
        "n_areas": len(x),
        "permutations": permutations,
        "seed": seed if permutations else None,
    }
    return PolygonHotspotResult(
        params=params,
        method_note=note,
        warnings=tuple(warnings),
        polygons=gpd.GeoSeries(polygons),
        values=x,
        z=z,
        p=p,
        p_fdr=p_fdr,
        hotspot_class=classes,
        contiguity=contiguity,
        fdr=fdr,
        fdr_on=fdr_on,
        summary=_summary(codes),
        p_perm=p_perm,
    )
