"""Emerging hot spot analysis: a space-time cube, Gi* per bin and the 17 ArcGIS patterns.

The method follows ArcGIS Pro's *Emerging Hot Spot Analysis* (Space Time Pattern
Mining toolbox), vectorised over every cell of the cube, except for the trend
test. ArcGIS runs Mann-Kendall on each cell's series of space-time Gi* z-scores;
neighbouring steps share events, so that series is strongly autocorrelated and
the test calls about a fifth of cells significant at 5 % on cubes with no trend
at all (``benchmarks/emerging_null.py``). The default here is a permutation test
that keeps the Gi* statistic but takes its null from the cube itself: whole time
slices are shuffled, the Gi* cube is recomputed and each cell's Mann-Kendall S is
compared with its permutation distribution. The ArcGIS test stays available as
``trend_test="arcgis_gi_mk"``, and Mann-Kendall on the cell's own counts as
``"counts_mk"``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from layers.progress import Progress, SubProgress, check
from workstation.analysis.grid import Grid
from workstation.analysis.results import AnalysisResult
from workstation.analysis.stats import bh_fdr, mann_kendall, two_sided_p

__all__ = [
    "PATTERNS",
    "TREND_TESTS",
    "EmergingResult",
    "classify_patterns",
    "emerging_hotspots",
    "gi_star_cube",
    "space_time_bins",
]

#: The 17 pattern names (ArcGIS's, in snake case), in display order.
PATTERNS: tuple[str, ...] = (
    "new_hot_spot",
    "consecutive_hot_spot",
    "intensifying_hot_spot",
    "persistent_hot_spot",
    "diminishing_hot_spot",
    "sporadic_hot_spot",
    "oscillating_hot_spot",
    "historical_hot_spot",
    "new_cold_spot",
    "consecutive_cold_spot",
    "intensifying_cold_spot",
    "persistent_cold_spot",
    "diminishing_cold_spot",
    "sporadic_cold_spot",
    "oscillating_cold_spot",
    "historical_cold_spot",
    "no_pattern",
)

STEPS = ("month", "week", "day")

#: trend tests: permutation of time slices (default), Mann-Kendall on the
#: cell's counts, and ArcGIS's Mann-Kendall on the Gi* z series
TREND_TESTS: tuple[str, ...] = ("permutation", "counts_mk", "arcgis_gi_mk")
#: permutations of the time slices for ``trend_test="permutation"``
DEFAULT_PERMUTATIONS = 199
_DAY_NS = 86_400 * 10**9


# ---------------------------------------------------------------------------
# time binning
# ---------------------------------------------------------------------------
def _as_local(times: Any, tz: str) -> pd.DatetimeIndex:
    arr = np.asarray(times) if not isinstance(times, pd.Series | pd.Index) else times
    if isinstance(arr, np.ndarray) and arr.dtype.kind in "iu":
        idx = pd.DatetimeIndex(
            pd.to_datetime(arr.astype(np.int64), unit="ns", utc=True)
        )
    else:
        idx = pd.DatetimeIndex(pd.to_datetime(arr, utc=True))
    return idx.tz_convert(tz)


def space_time_bins(
    times: Any, step: str, tz: str = "Europe/London"
) -> tuple[np.ndarray, list[pd.Timestamp]]:
    """Step number of each event (0 = first step) and the start of every step.

    Steps are calendar months, Monday-based weeks or days in the local time zone
    ``tz``; every step from the first event's to the last event's is included,
    empty or not.
    """
    if step not in STEPS:
        raise ValueError(f"step must be one of {', '.join(STEPS)}, got {step!r}")
    local = _as_local(times, tz)
    if len(local) == 0:
        return np.zeros(0, dtype=np.int64), []
    if local.isna().any():
        raise ValueError("some events have no time; remove them before the analysis")
    naive = local.tz_localize(None)
    if step == "month":
        key = (naive.year.to_numpy() * 12 + naive.month.to_numpy() - 1).astype(np.int64)
        k0, k1 = int(key.min()), int(key.max())
        starts = [
            pd.Timestamp(year=k // 12, month=k % 12 + 1, day=1).tz_localize(tz)
            for k in range(k0, k1 + 1)
        ]
    else:
        days = naive.to_numpy().astype("datetime64[D]").astype(np.int64)
        # 1970-01-01 was a Thursday: day 4 is the first Monday
        key = (days - 4) // 7 if step == "week" else days
        k0, k1 = int(key.min()), int(key.max())
        first_day = (lambda k: 4 + 7 * k) if step == "week" else (lambda k: k)
        starts = [
            pd.Timestamp(np.datetime64(first_day(k), "D")).tz_localize(tz)
            for k in range(k0, k1 + 1)
        ]
    return key - k0, starts


# ---------------------------------------------------------------------------
# Gi* on the cube
# ---------------------------------------------------------------------------
def _box3(a: np.ndarray) -> np.ndarray:
    """Sum over each cell's 3x3 (queen + self) block of the last two axes, zero-padded."""
    p = np.zeros((*a.shape[:-2], a.shape[-2] + 2, a.shape[-1] + 2), dtype=float)
    p[..., 1:-1, 1:-1] = a
    rows = p[..., :-2, :] + p[..., 1:-1, :] + p[..., 2:, :]
    return rows[..., :-2] + rows[..., 1:-1] + rows[..., 2:]


def _time_window_sum(a: np.ndarray, k: int) -> np.ndarray:
    """Sum over steps t-k..t+k (axis 0), truncated at the ends of the cube."""
    t = a.shape[0]
    c = np.concatenate([np.zeros((1, *a.shape[1:])), np.cumsum(a, axis=0)], axis=0)
    hi = np.minimum(np.arange(t) + k + 1, t)
    lo = np.maximum(np.arange(t) - k, 0)
    return c[hi] - c[lo]


def gi_star_cube(
    cube: np.ndarray, mask: np.ndarray, neighbourhood_steps: int = 1
) -> np.ndarray:
    """Getis-Ord Gi* z-score of every bin of a (T, ny, nx) cube.

    Each bin's neighbourhood is its queen cells and itself (only cells in
    ``mask``) in the same step and in ``neighbourhood_steps`` steps either side,
    with binary weights. The mean and variance are those of all analysed bins
    (all steps, all masked cells), as ArcGIS does for a space-time cube. Bins of
    cells outside ``mask`` are NaN.
    """
    parts = _gi_parts(cube, mask, neighbourhood_steps)
    if parts is None:
        return np.full(np.shape(cube), np.nan)
    box, mean_w, den, m = parts
    z = _gi_from_parts(box, mean_w, den, m, neighbourhood_steps)
    if not np.any(den > 0):  # every bin has the same value
        z[:, m] = 0.0
    return z


def _gi_parts(
    cube: np.ndarray, mask: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """What Gi* needs that a reordering of the steps does not change.

    ``(box, mean_w, den, mask)``: the spatial 3 x 3 sums of each step, the
    expected neighbourhood sum and the z denominator of each bin. ``None`` when
    there are fewer than two bins.
    """
    x = np.asarray(cube, dtype=float)
    m = np.asarray(mask, dtype=bool)
    xm = np.where(m[None], x, 0.0)
    n_bins = int(m.sum()) * x.shape[0]
    if n_bins < 2:
        return None
    w_space = _box3(m.astype(float))
    w_time = _time_window_sum(np.ones((x.shape[0], 1, 1)), k)
    w = w_space[None] * w_time
    mean = xm.sum() / n_bins
    var = (xm**2).sum() / n_bins - mean**2
    s = math.sqrt(max(var, 0.0))
    den = s * np.sqrt((n_bins * w - w**2) / (n_bins - 1))
    return _box3(xm), mean * w, den, m


def _gi_from_parts(
    box: np.ndarray, mean_w: np.ndarray, den: np.ndarray, m: np.ndarray, k: int
) -> np.ndarray:
    local = _time_window_sum(box, k)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (local - mean_w) / den
    z[:, ~m] = np.nan
    return z


def mann_kendall_s(series: np.ndarray) -> np.ndarray:
    """Mann-Kendall S of each row of a (L, T) array (no tie correction needed)."""
    x = np.asarray(series, dtype=float)
    s = np.zeros(x.shape[0])
    for lag in range(1, x.shape[1]):
        s += np.sign(x[:, lag:] - x[:, :-lag]).sum(axis=1)
    return s


def _mk_s_time_major(z: np.ndarray) -> np.ndarray:
    """Mann-Kendall S of each column of a (T, L) array (fast, contiguous rows)."""
    s = np.zeros(z.shape[1], dtype=np.float32)
    for i in range(z.shape[0] - 1):
        s += np.sign(z[i + 1 :] - z[i]).sum(axis=0)
    return s.astype(float)


def permutation_trend_p(
    cube: np.ndarray,
    mask: np.ndarray,
    neighbourhood_steps: int = 1,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int | None = 0,
    progress: Progress | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Mann-Kendall S of each masked cell's Gi* series and its permutation p.

    The null hypothesis is that the order of the time steps carries no
    information: every permutation reorders whole time slices of the cube (so
    spatial structure and each step's total are kept), recomputes the Gi* cube
    (its mean and variance do not change) and each cell's S. ``p`` is two-sided,
    ``(1 + #{|S_perm| >= |S|}) / (1 + permutations)``, so its smallest value is
    ``1 / (1 + permutations)``.

    Returns
    -------
    (s, p)
        Arrays over the masked cells in row-major order.
    """
    m = np.asarray(mask, dtype=bool)
    t = np.shape(cube)[0]
    parts = _gi_parts(cube, m, neighbourhood_steps)
    if parts is None:
        n = int(m.sum())
        return np.zeros(n), np.ones(n)
    box, mean_w, den, _ = parts
    ids = np.flatnonzero(m.reshape(-1))
    box_l = box.reshape(t, -1)[:, ids]
    mean_l = mean_w.reshape(t, -1)[:, ids]
    with np.errstate(divide="ignore"):
        inv_den = np.where(den > 0, 1.0 / den, 0.0).reshape(t, -1)[:, ids]
    inv_den = inv_den.astype(np.float32)
    mean_l = mean_l.astype(np.float32)

    def s_of(order: np.ndarray) -> np.ndarray:
        local = _time_window_sum(box_l[order], neighbourhood_steps)
        z = (local.astype(np.float32) - mean_l) * inv_den
        return _mk_s_time_major(z)

    s_obs = s_of(np.arange(t))
    rng = np.random.default_rng(seed)
    exceed = np.zeros(len(ids))
    for b in range(permutations):
        if b % 50 == 0:
            check(progress, b / permutations, f"permutation {b} of {permutations}")
        exceed += np.abs(s_of(rng.permutation(t))) >= np.abs(s_obs) - 1e-9
    return s_obs, (1.0 + exceed) / (1.0 + permutations)


def trend_of_cells(
    cube: np.ndarray,
    mask: np.ndarray,
    gi_series: np.ndarray,
    trend_test: str,
    *,
    neighbourhood_steps: int = 1,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int | None = 0,
    progress: Progress | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(s, z, p)`` of each masked cell's trend by the chosen test.

    ``gi_series`` is (T, L), the Gi* z-scores of the masked cells. ``"arcgis_gi_mk"``
    is Mann-Kendall on that series (p from the normal approximation, as ArcGIS);
    ``"counts_mk"`` is Mann-Kendall (tie-corrected) on the cell's own counts;
    ``"permutation"`` keeps ArcGIS's S and z on the Gi* series and replaces its p
    by :func:`permutation_trend_p`.
    """
    if trend_test not in TREND_TESTS:
        raise ValueError(
            f"unknown trend test {trend_test!r}; choose one of {', '.join(TREND_TESTS)}"
        )
    m = np.asarray(mask, dtype=bool)
    if trend_test == "counts_mk":
        t = np.shape(cube)[0]
        counts = np.asarray(cube, dtype=float).reshape(t, -1)[:, m.reshape(-1)]
        return mann_kendall(counts.T)
    s, z, p = mann_kendall(np.asarray(gi_series).T)
    if trend_test == "permutation":
        _, p = permutation_trend_p(
            cube, m, neighbourhood_steps, permutations, seed, progress
        )
    return s, z, p


# ---------------------------------------------------------------------------
# the 17 patterns
# ---------------------------------------------------------------------------
def _trailing_run(flags: np.ndarray) -> np.ndarray:
    """Length of the run of True at the end of each row."""
    t = flags.shape[1]
    rev = flags[:, ::-1]
    first_false = np.where((~rev).any(axis=1), np.argmax(~rev, axis=1), t)
    return first_false


def classify_patterns(
    bin_sig: np.ndarray,
    trend_z: np.ndarray,
    trend_p: np.ndarray,
    trend_alpha: float = 0.05,
    share: float = 0.9,
) -> np.ndarray:
    """Pattern name of each location from its significant bins and its trend.

    ``bin_sig`` is (L, T) int: +1 for a significant hot bin, -1 for a significant
    cold bin, 0 otherwise, in time order (the last column is the final step).
    The rules, in the order they are applied (hot shown; cold is the mirror image
    with hot and cold swapped and "increasing" read as "more intensely cold",
    i.e. a significant *negative* trend in Gi* z):

    With the **final time step** a significant hot spot:

    - share of steps hot >= 90 % ("at least 90 percent of the time-step
      intervals"):
        * ``intensifying_hot_spot``: the Mann-Kendall trend of the Gi* z series
          is increasing and significant (p < ``trend_alpha``);
        * ``diminishing_hot_spot``: the trend is decreasing and significant;
        * ``persistent_hot_spot``: no significant trend.
    - share of steps hot < 90 %:
        * ``oscillating_hot_spot``: some earlier step was a significant cold spot;
        * ``new_hot_spot``: no earlier step was a significant hot spot (the final
          step is the first ever);
        * ``consecutive_hot_spot``: the final steps form one uninterrupted run
          of at least two hot bins, and no step before that run was hot;
        * ``sporadic_hot_spot``: otherwise (on-again, off-again hot, never
          cold).

    With the final step **not** significant in either direction:

    - ``historical_hot_spot``: at least 90 % of steps were significant hot
      spots (checked before ``historical_cold_spot``; both cannot hold).

    Everything else is ``no_pattern``. A final-step pattern wins over a
    historical one of the other sign (e.g. 90 % hot history then a cold final
    step is an oscillating cold spot, not a historical hot spot).
    """
    sig = np.asarray(bin_sig)
    nloc, t = sig.shape
    need = math.ceil(share * t - 1e-9)
    tz = np.asarray(trend_z, dtype=float)
    tp = np.asarray(trend_p, dtype=float)
    trend_ok = np.isfinite(tp) & (tp < trend_alpha)
    out = np.full(nloc, "no_pattern", dtype=object)
    for sign, word in ((1, "hot"), (-1, "cold")):
        hot = sig == sign
        cold = sig == -sign
        final = hot[:, -1]
        n_hot = hot.sum(axis=1)
        mostly = n_hot >= need
        run = _trailing_run(hot)
        before_run = n_hot > run  # any hot bin before the final run
        earlier_hot = hot[:, :-1].any(axis=1)
        earlier_cold = cold[:, :-1].any(axis=1)
        up = trend_ok & (tz * sign > 0)
        down = trend_ok & (tz * sign < 0)
        f_m = final & mostly
        out[f_m & up] = f"intensifying_{word}_spot"
        out[f_m & down] = f"diminishing_{word}_spot"
        out[f_m & ~up & ~down] = f"persistent_{word}_spot"
        f_f = final & ~mostly
        osc = f_f & earlier_cold
        new = f_f & ~earlier_cold & ~earlier_hot
        cons = f_f & ~earlier_cold & earlier_hot & (run >= 2) & ~before_run
        spor = f_f & ~earlier_cold & earlier_hot & ~cons
        out[osc] = f"oscillating_{word}_spot"
        out[new] = f"new_{word}_spot"
        out[cons] = f"consecutive_{word}_spot"
        out[spor] = f"sporadic_{word}_spot"
    final_none = sig[:, -1] == 0
    for sign, word in ((1, "hot"), (-1, "cold")):
        hist = final_none & ((sig == sign).sum(axis=1) >= need)
        out[hist & (out == "no_pattern")] = f"historical_{word}_spot"
    return out


# ---------------------------------------------------------------------------
# result
# ---------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class EmergingResult(AnalysisResult):
    """An emerging hot spot analysis: per-bin Gi* and per-location patterns.

    Arrays over locations are aligned with ``cell_ids`` (flat ids into ``grid``
    of the analysed cells); arrays over bins are (T, L).
    """

    grid: Grid
    step: str
    step_starts: tuple[pd.Timestamp, ...]
    cell_ids: np.ndarray
    counts: np.ndarray
    gi_z: np.ndarray
    gi_p: np.ndarray
    gi_p_fdr: np.ndarray
    bin_sig: np.ndarray
    trend_s: np.ndarray
    trend_z: np.ndarray
    trend_p: np.ndarray
    pattern: np.ndarray

    @property
    def n_steps(self) -> int:
        return len(self.step_starts)

    def pattern_counts(self) -> dict[str, int]:
        """Number of locations in each of the 17 patterns (zeros included)."""
        vals, counts = np.unique(self.pattern.astype(str), return_counts=True)
        got = dict(zip(vals.tolist(), counts.tolist(), strict=True))
        return {p: int(got.get(p, 0)) for p in PATTERNS}

    def to_geodataframe(self) -> gpd.GeoDataFrame:
        """Analysed cells with ``pattern``, ``trend_z``, ``trend_p`` and counts."""
        sig = self.bin_sig
        cols = {
            "pattern": self.pattern.astype(str),
            "trend_z": self.trend_z,
            "trend_p": self.trend_p,
            "trend_s": self.trend_s,
            "count": self.counts.sum(axis=0),
            "count_final": self.counts[-1],
            "gi_z_final": self.gi_z[-1],
            "p_fdr_final": self.gi_p_fdr[-1],
            "hot_steps": (sig == 1).sum(axis=0),
            "cold_steps": (sig == -1).sum(axis=0),
            "n_steps": np.full(len(self.cell_ids), self.n_steps),
        }
        return self.grid.to_geodataframe(cols, flat_ids=self.cell_ids)

    def summary(self) -> dict[str, Any]:
        return {
            "cells": len(self.cell_ids),
            "steps": self.n_steps,
            "first_step": self.step_starts[0].isoformat() if self.step_starts else None,
            "final_step": self.step_starts[-1].isoformat()
            if self.step_starts
            else None,
            "patterns": {k: v for k, v in self.pattern_counts().items() if v},
            "params": self.params,
            "warnings": list(self.warnings),
        }


def _method_note(p: dict[str, Any], n_steps: int, n_cells: int) -> str:
    k = p["neighbourhood_steps"]
    fdr = (
        "with Benjamini-Hochberg FDR correction across all bins"
        if p["fdr"]
        else ("without correction for multiple testing")
    )
    return (
        f"Emerging hot spot analysis (after ArcGIS Emerging Hot Spot Analysis). "
        f"Events were counted in {p['cell_m']:g} m square cells by {p['step']} "
        f"({n_steps} steps, {n_cells:,} cells analysed: "
        f"{'cells given by the mask' if p['mask'] else 'cells with at least one event'}). "
        f"Each bin's Getis-Ord Gi* z-score uses its queen neighbours and itself in "
        f"the same step and {k} step(s) either side (binary weights), against the "
        f"mean and variance of every analysed bin; p-values are two-sided, "
        f"{fdr}; a bin is a significant hot or cold spot at "
        f"{(1 - p['alpha']) * 100:g} % confidence. {_trend_text(p)} Patterns follow ArcGIS's 17 definitions: 'at "
        f"least 90 % of steps' means at least {math.ceil(0.9 * n_steps - 1e-9)} of "
        f"{n_steps}. Assumptions: counts are comparable across steps (same "
        f"recording practice); edge cells have fewer neighbours; a pattern "
        f"describes clustering relative to the whole area, not a rate per "
        f"resident."
    )


def _trend_text(p: dict[str, Any]) -> str:
    alpha = f"significant at p < {p['trend_alpha']:g}"
    if p["trend_test"] == "permutation":
        return (
            "Trend test: permutation Mann-Kendall. Each cell's trend is the "
            "Mann-Kendall S of its Gi* z series; its p-value comes from "
            f"{p['permutations']} random reorderings of whole time steps of the cube "
            f"(seed {p['seed']}), with the Gi* cube recomputed each time, so the "
            "overlap of neighbouring steps is part of the null and a cube with no "
            f"trend gives about the nominal share of false trends ({alpha}; the "
            f"smallest possible p is {1 / (1 + p['permutations']):.3g}). This is "
            "not ArcGIS's test (use the arcgis_gi_mk trend test to reproduce ArcGIS)."
        )
    if p["trend_test"] == "counts_mk":
        return (
            "Trend test: Mann-Kendall (tie-corrected) on each cell's own counts per "
            f"step ({alpha}); it asks whether the cell's events rise or fall, not "
            "whether its clustering does. This is not ArcGIS's test."
        )
    return (
        "Trend test: ArcGIS-compatible Mann-Kendall on each cell's Gi* z series with "
        f"the normal p ({alpha}). Neighbouring steps share events, so that series "
        "is autocorrelated and the test is far too liberal: on cubes with no trend "
        "about a fifth of cells come out significant at 5 %, so intensifying and "
        "diminishing labels are mostly noise."
    )


def _space_time_cube(
    x: np.ndarray,
    y: np.ndarray,
    tidx: np.ndarray,
    n_steps: int,
    cell_m: float,
    extent: tuple[float, float, float, float] | None,
    weights: np.ndarray | None,
) -> tuple[Grid, np.ndarray, int]:
    """(grid, (T, ny, nx) cube of counts or weight sums, events outside the grid)."""
    ok = np.isfinite(x) & np.isfinite(y)
    if extent is None:
        if not ok.any():
            raise ValueError("no event has a location")
        extent = (x[ok].min(), y[ok].min(), x[ok].max(), y[ok].max())
    grid = Grid.covering(extent, cell_m)
    flat = grid.flat_index(x, y)
    inside = flat >= 0
    w = None if weights is None else np.asarray(weights, dtype=float)[inside]
    cube = np.bincount(
        tidx[inside] * grid.size + flat[inside],
        weights=w,
        minlength=n_steps * grid.size,
    ).reshape(n_steps, grid.ny, grid.nx)
    return grid, cube, int((~inside).sum())


def _cube_warnings(cube: np.ndarray, m: np.ndarray, n_out: int, step: str) -> list[str]:
    n_steps = cube.shape[0]
    warnings: list[str] = []
    if n_out:
        warnings.append(f"{n_out:,} events lie outside the extent and were not counted")
    if n_steps < 10:
        warnings.append(
            f"only {n_steps} {step}s: the Mann-Kendall trend is weak with fewer than 10"
        )
    step_totals = cube.reshape(n_steps, -1)[:, m.reshape(-1)].sum(axis=1)
    median_total = float(np.median(step_totals[:-1]))
    if median_total > 0 and step_totals[-1] < 0.5 * median_total:
        warnings.append(
            f"the final {step} has {step_totals[-1]:,.0f} events against a median of "
            f"{median_total:,.0f}: if the data end part-way through it, the final "
            f"{step} is incomplete and cold patterns there are an artefact; set the "
            "time window to whole steps"
        )
    counts = cube.reshape(n_steps, -1)[:, m.reshape(-1)]
    if counts.size and counts.mean() < 1:
        warnings.append(
            f"few events per bin (mean {counts.mean():.2f}): Gi* is unstable at such "
            "small counts; consider a larger cell or a longer step"
        )
    return warnings


def _bins_and_trends(
    cube: np.ndarray,
    m: np.ndarray,
    *,
    neighbourhood_steps: int,
    alpha: float,
    fdr: bool,
    trend_test: str,
    trend_alpha: float,
    permutations: int,
    seed: int | None,
    progress: Progress | None,
) -> tuple[np.ndarray, ...]:
    """Gi* and significance of every bin, each cell's trend and pattern.

    Returns ``(ids, z, p, p_fdr, sig, trend_s, trend_z, trend_p, pattern)``.
    """
    n_steps = cube.shape[0]
    check(progress, 0.2, "Gi* for every bin")
    z = gi_star_cube(cube, m, neighbourhood_steps)
    ids = np.flatnonzero(m.reshape(-1))
    zl = z.reshape(n_steps, -1)[:, ids]
    p = two_sided_p(zl)
    p_adj = bh_fdr(p) if fdr else p
    sig = np.where(p_adj < alpha, np.sign(zl), 0).astype(np.int8)
    check(progress, 0.4, "trend per cell")
    ts, tzs, tps = trend_of_cells(
        cube,
        m,
        zl,
        trend_test,
        neighbourhood_steps=neighbourhood_steps,
        permutations=permutations,
        seed=seed,
        progress=SubProgress(progress, 0.4, 0.9),
    )
    check(progress, 0.9, "classifying patterns")
    pattern = classify_patterns(sig.T, tzs, tps, trend_alpha)
    return ids, zl, p, p_adj, sig, ts, tzs, tps, pattern


def _steps(times: Any, step: str, tz: str, n: int) -> tuple[np.ndarray, list]:
    """Step of each event and the step starts; at least two steps."""
    tidx, starts = space_time_bins(times, step, tz)
    if len(tidx) != n:
        raise ValueError("times and coordinates differ in length")
    if len(starts) < 2:
        raise ValueError(
            f"the events span {len(starts)} {step}(s); an emerging hot spot analysis "
            "needs at least 2 (and 10 or more for a dependable trend)"
        )
    return tidx, starts


def _trend_params(trend_test: str, permutations: int, seed: int | None) -> dict:
    perm = trend_test == "permutation"
    return {
        "trend_test": trend_test,
        "permutations": int(permutations) if perm else None,
        "seed": seed if perm else None,
    }


def _check_trend_options(trend_test: str, permutations: int) -> None:
    if trend_test not in TREND_TESTS:
        raise ValueError(
            f"unknown trend test {trend_test!r}; choose one of {', '.join(TREND_TESTS)}"
        )
    if trend_test == "permutation" and permutations < 19:
        raise ValueError("the permutation trend test needs at least 19 permutations")


def emerging_hotspots(
    x: np.ndarray,
    y: np.ndarray,
    times: Any,
    *,
    cell_m: float,
    step: str = "month",
    extent: tuple[float, float, float, float] | None = None,
    neighbourhood_steps: int = 1,
    alpha: float = 0.10,
    fdr: bool = True,
    trend_alpha: float = 0.05,
    trend_test: str = "permutation",
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int | None = 0,
    weights: np.ndarray | None = None,
    mask: np.ndarray | None = None,
    tz: str = "Europe/London",
    progress: Progress | None = None,
) -> EmergingResult:
    """Emerging hot spots of point events on a square grid.

    Parameters
    ----------
    x, y
        Event coordinates in the working CRS (metres).
    times
        Event times: int64 UTC nanoseconds (``layer.times_ns``) or datetimes.
    cell_m
        Cell size in metres.
    step
        ``"month"`` (police.uk month-precision data), ``"week"`` or ``"day"``.
    extent
        ``(xmin, ymin, xmax, ymax)``; defaults to the events' bounds (the grid is
        aligned to a multiple of the cell size).
    neighbourhood_steps
        ArcGIS's "neighborhood time step": steps either side in each bin's
        neighbourhood.
    alpha
        Bin significance level (0.10: ArcGIS's 90 % confidence).
    fdr
        Benjamini-Hochberg correction across all bins before applying ``alpha``.
    trend_alpha
        Significance level of the Mann-Kendall trend.
    trend_test
        ``"permutation"`` (default): Mann-Kendall S of the Gi* series with p from
        ``permutations`` shuffles of whole time slices (holds its size on cubes
        with no trend); ``"counts_mk"``: Mann-Kendall on each cell's counts;
        ``"arcgis_gi_mk"``: ArcGIS's Mann-Kendall on the Gi* series with the
        normal p, which calls about a fifth of trendless cells significant at 5 %.
    permutations, seed
        Number of permutations and the random seed of the permutation test.
    weights
        Optional per-event weights (e.g. harm); bins then hold weighted sums.
    mask
        (ny, nx) bool cells to analyse (e.g. the force area); by default the
        cells with at least one event.
    tz, progress
        Time zone of the steps; optional progress (raises ``Cancelled``).

    Returns
    -------
    EmergingResult
        See :func:`classify_patterns` for the 17 pattern rules.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if len(x) != len(y):
        raise ValueError("x and y differ in length")
    if neighbourhood_steps < 0:
        raise ValueError("neighbourhood_steps must be 0 or more")
    _check_trend_options(trend_test, permutations)
    check(progress, 0.0, "binning events into the space-time cube")
    tidx, starts = _steps(times, step, tz, len(x))
    n_steps = len(starts)
    grid, cube, n_out = _space_time_cube(x, y, tidx, n_steps, cell_m, extent, weights)
    return emerging_from_cube(
        cube,
        grid,
        starts,
        step=step,
        mask=mask,
        neighbourhood_steps=neighbourhood_steps,
        alpha=alpha,
        fdr=fdr,
        trend_alpha=trend_alpha,
        trend_test=trend_test,
        permutations=permutations,
        seed=seed,
        weighted=weights is not None,
        tz=tz,
        n_events=len(x),
        n_outside=n_out,
        progress=progress,
    )


def emerging_from_cube(
    cube: np.ndarray,
    grid: Grid,
    starts: list[pd.Timestamp],
    *,
    step: str,
    mask: np.ndarray | None = None,
    neighbourhood_steps: int = 1,
    alpha: float = 0.10,
    fdr: bool = True,
    trend_alpha: float = 0.05,
    trend_test: str = "permutation",
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int | None = 0,
    weighted: bool = False,
    tz: str = "Europe/London",
    n_events: int | None = None,
    n_outside: int = 0,
    progress: Progress | None = None,
) -> EmergingResult:
    """Emerging hot spots of a (steps, ny, nx) cube of counts (or weighted sums).

    The second half of :func:`emerging_hotspots`, for cubes aggregated elsewhere (e.g. from a
    partitioned store on a Dask cluster); same parameters, same result.
    """
    _check_trend_options(trend_test, permutations)
    n_steps = len(starts)
    cell_m = grid.cell_m
    n_out = n_outside
    if n_events is None:
        n_events = round(float(cube.sum()))
    m = cube.sum(axis=0) > 0 if mask is None else np.asarray(mask, dtype=bool)
    if m.shape != grid.shape:
        raise ValueError(f"mask shape {m.shape} differs from the grid {grid.shape}")
    warnings = _cube_warnings(cube, m, n_out, step)
    ids, zl, p, p_adj, sig, ts, tzs, tps, pattern = _bins_and_trends(
        cube, m, neighbourhood_steps=neighbourhood_steps, alpha=alpha, fdr=fdr,
        trend_test=trend_test, trend_alpha=trend_alpha, permutations=permutations,
        seed=seed, progress=progress,
    )  # fmt: skip
    params = {
        "cell_m": float(cell_m),
        "step": step,
        "extent": [float(v) for v in grid.bounds],
        "neighbourhood_steps": int(neighbourhood_steps),
        "alpha": float(alpha),
        "fdr": bool(fdr),
        "trend_alpha": float(trend_alpha),
        **_trend_params(trend_test, permutations, seed),
        "weighted": weighted,
        "mask": mask is not None,
        "tz": tz,
        "n_events": n_events,
    }
    check(progress, 1.0, "done")
    return EmergingResult(
        grid=grid,
        step=step,
        step_starts=tuple(starts),
        cell_ids=ids,
        counts=cube.reshape(n_steps, -1)[:, ids],
        gi_z=zl,
        gi_p=p,
        gi_p_fdr=p_adj,
        bin_sig=sig,
        trend_s=ts,
        trend_z=tzs,
        trend_p=tps,
        pattern=pattern,
        params=params,
        method_note=_method_note(params, n_steps, len(ids)),
        warnings=tuple(warnings),
    )
