"""Next-period forecasts per grid cell and their rolling-origin back-test.

Methods (each scores every cell for the next time step; higher = more expected):

- ``naive``: the last step's count in the cell (the baseline every method must beat).
- ``kde``: quartic kernel density of the last ``lookback`` steps.
- ``prospective``: prospective hot-spotting (Bowers, Johnson & Pease 2004, "Prospective
  hot-spotting: the future of crime mapping?", *Brit. J. Criminology* 44(5)): each past
  event within ``bandwidth_m`` and ``lookback`` steps adds ``1/(1+d) · 1/(1+t)`` to a
  cell, with ``d`` the distance in cells from the event's cell and ``t`` its age in steps
  (0 for the latest step).
- ``sepp``: a self-exciting point process on the grid (Mohler 2014/2015, "Marked point
  process hotspot maps for homicide and gun crime prediction in Chicago", *IJF* 30;
  Mohler et al. 2015, *JASA* 110): per cell ``λ_n(k) = μ_n + θ Σ_{j<k} c_n(j) g(k−j)``
  with a geometric triggering kernel ``g(l) = ω(1−ω)^(l−1)`` over step lags, fitted by
  expectation-maximisation (background rate per cell, branching ratio θ, decay ω), the
  discrete-time form of the ETAS model.

Scores can be harm-weighted by passing per-event ``weights``. The back-test uses a
rolling origin: train on steps ``< k``, forecast step ``k``, and measure at each area
coverage (share of cells flagged, highest scores first): **hit rate** (share of step-k
events in flagged cells), **PAI** (hit rate / area share; Chainey et al. 2008) and
**PEI** (hit rate / the best possible hit rate with the same number of cells; Hunt
2016). Ties are broken by cell id so results are reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import ndimage, optimize

from layers.progress import Progress, check
from workstation.analysis.grid import Grid
from workstation.analysis.results import AnalysisResult

METHODS = ("naive", "kde", "prospective", "sepp")

#: One sentence per method, for method notes and model cards.
METHOD_NOTES = {
    "naive": "naive: the last step's count in each cell (the baseline).",
    "kde": "kde: quartic kernel density (300 m bandwidth) of the last 3 steps.",
    "prospective": (
        "prospective: prospective hot-spotting (Bowers, Johnson & Pease 2004), each "
        "event of the last 2 steps within 400 m adding 1/(1+d)·1/(1+t), d in cells, t in steps."
    ),
    "sepp": (
        "sepp: a grid self-exciting point process (Mohler 2014; Mohler et al. 2015), "
        "background rate per cell plus geometric triggering from the cell's own past "
        "events, fitted by expectation-maximisation."
    ),
}
MEASURES_NOTE = (
    "At each area coverage (share of cells flagged, highest scores first): hit rate = "
    "share of the step's events in flagged cells; PAI = hit rate / area share (Chainey "
    "et al. 2008); PEI = hits / the most any method could catch with the same number "
    "of cells (Hunt 2016). Ties are broken by cell id."
)
COVERAGES = (0.01, 0.02, 0.05, 0.10)


def step_index(
    times_ns: np.ndarray, step: str, origin_ns: int | None = None, tz: str = "UTC"
) -> tuple[np.ndarray, pd.DatetimeIndex]:
    """Integer time step of each event (month, week or day) and the step start times."""
    t = pd.to_datetime(np.asarray(times_ns, dtype=np.int64), utc=True).tz_convert(tz)
    if step == "month":
        per = t.tz_localize(None).to_period("M")
        base = (
            per.min()
            if origin_ns is None
            else pd.Timestamp(origin_ns, tz="UTC")
            .tz_convert(tz)
            .tz_localize(None)
            .to_period("M")
        )
        idx = np.asarray((per - base).map(lambda d: d.n), dtype=np.int64)
        n = int(idx.max()) + 1 if len(idx) else 0
        starts = (
            pd.period_range(base, periods=max(n, 1), freq="M")
            .to_timestamp()
            .tz_localize(tz)
        )
        return idx, starts
    days = {"week": 7, "day": 1}.get(step)
    if days is None:
        raise ValueError(f"unknown step {step!r}; use month, week or day")
    naive = t.tz_localize(None).normalize()
    if step == "week":
        naive = naive - pd.to_timedelta(naive.day_of_week, unit="D")
    base = naive.min() if origin_ns is None else pd.Timestamp(origin_ns)
    idx = np.asarray((naive - base).days // days, dtype=np.int64)
    n = int(idx.max()) + 1 if len(idx) else 0
    starts = pd.date_range(base, periods=max(n, 1), freq=f"{days}D").tz_localize(
        tz, nonexistent="shift_forward", ambiguous=False
    )
    return idx, starts


def cube(
    grid: Grid,
    x: np.ndarray,
    y: np.ndarray,
    steps: np.ndarray,
    n_steps: int,
    weights: np.ndarray | None = None,
) -> np.ndarray:
    """(n_steps, ny, nx) counts (or weight sums) per step and cell."""
    flat = grid.flat_index(x, y)
    ok = (flat >= 0) & (steps >= 0) & (steps < n_steps)
    w = None if weights is None else np.asarray(weights, dtype=float)[ok]
    key = steps[ok] * grid.size + flat[ok]
    return (
        np.bincount(key, weights=w, minlength=n_steps * grid.size)
        .reshape(n_steps, grid.ny, grid.nx)
        .astype(float)
    )


# -- scorers over a cube of past steps ---------------------------------------------
def score_naive(past: np.ndarray, **_: Any) -> np.ndarray:
    return past[-1].copy()


def _quartic_kernel(bandwidth_m: float, cell_m: float) -> np.ndarray:
    r = int(np.ceil(bandwidth_m / cell_m))
    ax = np.arange(-r, r + 1) * cell_m
    dx, dy = np.meshgrid(ax, ax)
    d2 = (dx**2 + dy**2) / bandwidth_m**2
    k = np.where(d2 < 1, (1 - d2) ** 2, 0.0)
    return k / k.sum()


def score_kde(
    past: np.ndarray,
    *,
    cell_m: float,
    bandwidth_m: float = 300.0,
    lookback: int = 3,
    **_: Any,
) -> np.ndarray:
    recent = past[-lookback:].sum(axis=0)
    return ndimage.convolve(
        recent, _quartic_kernel(bandwidth_m, cell_m), mode="constant"
    )


def score_prospective(
    past: np.ndarray,
    *,
    cell_m: float,
    bandwidth_m: float = 400.0,
    lookback: int = 2,
    **_: Any,
) -> np.ndarray:
    r = int(np.floor(bandwidth_m / cell_m))
    ax = np.arange(-r, r + 1)
    dx, dy = np.meshgrid(ax, ax)
    d = np.sqrt(dx**2 + dy**2)
    spatial = np.where(d * cell_m <= bandwidth_m, 1.0 / (1.0 + d), 0.0)
    out = np.zeros(past.shape[1:])
    for age in range(min(lookback, len(past))):
        layer = past[-1 - age]
        if layer.any():
            out += ndimage.convolve(layer, spatial, mode="constant") / (1.0 + age)
    return out


@dataclass(frozen=True)
class SeppFit:
    mu: np.ndarray  # (ny, nx) background events per step
    theta: float  # branching ratio: expected offspring per event
    omega: float  # geometric decay per step
    iterations: int
    converged: bool
    log_likelihood: float


def fit_sepp(
    past: np.ndarray, *, max_lag: int = 12, iterations: int = 500, tol: float = 1e-9
) -> SeppFit:
    """Fit the grid self-exciting model by EM on a (steps, ny, nx) count cube.

    Cells with no event in any step have no likelihood contribution (their
    background rate is 0), so the EM runs over the active cells only.
    """
    k_steps = past.shape[0]
    full = past.reshape(k_steps, -1)
    active = full.sum(axis=0) > 0
    c = np.ascontiguousarray(full[:, active])
    total = c.sum()
    mu_full = np.zeros(full.shape[1])
    if total <= 0:
        return SeppFit(mu_full.reshape(past.shape[1:]), 0.0, 0.5, 0, True, 0.0)
    mu = c.sum(axis=0) / k_steps * 0.5
    theta, omega = 0.3, 0.5
    lags = (
        np.arange(1, min(max_lag, k_steps - 1) + 1)
        if k_steps > 1
        else np.zeros(0, dtype=int)
    )
    steps_total = c.sum(axis=1)
    parents = np.array([steps_total[: k_steps - lag].sum() for lag in lags])
    has = c > 0
    prev_ll = -np.inf
    converged = False
    it = 0
    for it in range(1, iterations + 1):  # noqa: B007 - reported
        g = omega * (1 - omega) ** (lags - 1)
        lam = np.broadcast_to(mu, c.shape).copy()
        for lag, gl in zip(lags, g, strict=True):
            lam[lag:] += (theta * gl) * c[:-lag]
        safe = np.where(lam > 0, lam, 1.0)
        ll = float(np.log(safe[has]) @ c[has] - lam.sum())
        # E-step: expected background and triggered shares of the observed counts
        w = np.where(has, c / safe, 0.0)
        bg = mu * w.sum(axis=0)
        trig_by_lag = np.array(
            [
                theta * gl * np.vdot(c[:-lag], w[lag:])
                for lag, gl in zip(lags, g, strict=True)
            ]
        )
        # M-step (exact for the complete-data likelihood): background per cell, then
        # the kernel (theta, omega) from the triggered counts per lag T_l and the
        # parents available at each lag P_l
        mu = bg / k_steps
        if len(lags):
            t_l = trig_by_lag
            trig = t_l.sum()
            if trig <= 0:
                theta = 0.0
            else:

                def negll(om: float, t_l=t_l, trig=trig) -> float:
                    shape = om * (1 - om) ** (lags - 1)
                    th = trig / float((shape * parents).sum())
                    return -float(
                        (t_l * np.log(th * shape)).sum() - th * (shape * parents).sum()
                    )

                omega = float(
                    optimize.minimize_scalar(
                        negll, bounds=(0.01, 0.99), method="bounded"
                    ).x
                )
                shape = omega * (1 - omega) ** (lags - 1)
                theta = float(min(trig / float((shape * parents).sum()), 0.99))
        if abs(ll - prev_ll) < tol * max(1.0, abs(ll)):
            converged = True
            break
        prev_ll = ll
    mu_full[active] = mu
    return SeppFit(mu_full.reshape(past.shape[1:]), theta, omega, it, converged, ll)


def score_sepp(past: np.ndarray, *, max_lag: int = 12, **_: Any) -> np.ndarray:
    fit = fit_sepp(past, max_lag=max_lag)
    k_steps = past.shape[0]
    lags = np.arange(1, min(max_lag, k_steps) + 1)
    g = fit.omega * (1 - fit.omega) ** (lags - 1)
    excite = np.zeros(past.shape[1:])
    for lag, gl in zip(lags, g, strict=True):
        excite += fit.theta * gl * past[k_steps - lag]
    return fit.mu + excite


SCORERS = {
    "naive": score_naive,
    "kde": score_kde,
    "prospective": score_prospective,
    "sepp": score_sepp,
}


def score(method: str, past: np.ndarray, *, cell_m: float, **params: Any) -> np.ndarray:
    if method not in SCORERS:
        raise ValueError(
            f"unknown method {method!r}; choose one of {', '.join(METHODS)}"
        )
    if len(past) == 0:
        raise ValueError("no past steps to forecast from")
    return SCORERS[method](past, cell_m=cell_m, **params)


def flag_top(
    scores: np.ndarray, coverage: float, mask: np.ndarray | None = None
) -> np.ndarray:
    """Bool array of the highest-scoring ``coverage`` share of the (masked) cells."""
    s = scores.reshape(-1)
    valid = np.ones(s.shape, bool) if mask is None else mask.reshape(-1)
    ids = np.flatnonzero(valid)
    n = max(1, round(coverage * len(ids)))
    order = ids[np.lexsort((ids, -s[ids]))]
    out = np.zeros(s.shape, bool)
    out[order[:n]] = True
    return out.reshape(scores.shape)


def accuracy(
    scores: np.ndarray,
    actual: np.ndarray,
    coverage: float,
    mask: np.ndarray | None = None,
) -> dict[str, float]:
    """Hit rate, PAI and PEI of flagging the top ``coverage`` of cells."""
    flagged = flag_top(scores, coverage, mask)
    n_flag = int(flagged.sum())
    valid = np.ones(actual.shape, bool) if mask is None else mask
    n_cells = int(valid.sum())
    total = float(actual[valid].sum())
    if total <= 0:
        return {"hit_rate": np.nan, "pai": np.nan, "pei": np.nan, "cells": n_flag}
    hits = float(actual[flagged].sum())
    best = float(np.sort(actual[valid].reshape(-1))[::-1][:n_flag].sum())
    hit_rate = hits / total
    area_share = n_flag / n_cells
    return {
        "hit_rate": hit_rate,
        "pai": hit_rate / area_share,
        "pei": hits / best if best > 0 else np.nan,
        "cells": n_flag,
    }


@dataclass(frozen=True, kw_only=True)
class ForecastResult(AnalysisResult):
    grid: Grid
    scores: np.ndarray  # (ny, nx)
    method: str
    step: str
    target_start: pd.Timestamp

    def to_geodataframe(self, coverage: float | None = None):
        ids = np.arange(self.grid.size)
        cols = {"score": self.scores}
        if coverage is not None:
            cols["flagged"] = flag_top(self.scores, coverage)
        gdf = self.grid.to_geodataframe(cols, flat_ids=ids)
        return gdf[gdf["score"] > 0].reset_index(drop=True)


def forecast(
    x: np.ndarray,
    y: np.ndarray,
    times_ns: np.ndarray,
    *,
    method: str = "sepp",
    cell_m: float = 150.0,
    step: str = "month",
    extent: tuple[float, float, float, float] | Grid | None = None,
    weights: np.ndarray | None = None,
    tz: str = "Europe/London",
    params: dict[str, Any] | None = None,
) -> ForecastResult:
    """Score every cell for the step after the last one in the data."""
    grid = (
        extent
        if isinstance(extent, Grid)
        else Grid.covering(extent or _bounds(x, y), cell_m)
    )
    steps, starts = step_index(times_ns, step, tz=tz)
    n = int(steps.max()) + 1
    c = cube(grid, x, y, steps, n, weights)
    s = score(method, c, cell_m=grid.cell_m, **(params or {}))
    nxt = starts[-1] + (
        pd.DateOffset(months=1)
        if step == "month"
        else pd.Timedelta(days=7 if step == "week" else 1)
    )
    note = (
        f"{method} forecast for the {step} starting {nxt.date()} on {grid.cell_m:g} m "
        f"cells{' (harm-weighted)' if weights is not None else ''}. {METHOD_NOTES[method]}"
    )
    return ForecastResult(
        params={
            "method": method,
            "cell_m": grid.cell_m,
            "step": step,
            **(params or {}),
        },
        method_note=note,
        grid=grid,
        scores=s,
        method=method,
        step=step,
        target_start=nxt,
    )


def _bounds(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float]:
    ok = np.isfinite(x) & np.isfinite(y)
    if not ok.any():
        raise ValueError("no events with coordinates")
    return (
        float(x[ok].min()),
        float(y[ok].min()),
        float(x[ok].max()),
        float(y[ok].max()),
    )


@dataclass(frozen=True, kw_only=True)
class BacktestResult(AnalysisResult):
    table: (
        pd.DataFrame
    )  # method, coverage, hit_rate, pai, pei (means over origins), origins
    per_origin: pd.DataFrame
    step: str
    data_window: tuple[str, str]

    def summary_at(self, coverage: float) -> pd.DataFrame:
        t = self.table[np.isclose(self.table["coverage"], coverage)].set_index("method")
        base = t.loc["naive", "pai"] if "naive" in t.index else np.nan
        t = t.assign(pai_vs_naive=t["pai"] / base)
        return t

    def model_card(self) -> str:
        lines = [
            "# Forecast back-test: model card",
            "",
            f"- Data window: {self.data_window[0]} to {self.data_window[1]} ({self.step} steps)",
            f"- Rolling origins: {self.per_origin['origin'].nunique()}",
            f"- Grid: {self.params.get('cell_m')} m cells; coverages: "
            + ", ".join(f"{c:.0%}" for c in self.params.get("coverages", COVERAGES)),
            f"- Methods: {', '.join(self.params.get('methods', METHODS))} (naive = last step's counts, the baseline)",
            "",
            "## Scores (mean over origins)",
            "",
            "| method | coverage | hit rate | PAI | PEI |",
            "|---|---|---|---|---|",
        ]
        for r in self.table.itertuples():
            lines.append(
                f"| {r.method} | {r.coverage:.0%} | {r.hit_rate:.3f} | {r.pai:.2f} | {r.pei:.3f} |"
            )
        lines += ["", "## Method", "", self.method_note, ""]
        if self.warnings:
            lines += ["## Caveats", ""] + [f"- {w}" for w in self.warnings]
        return "\n".join(lines)


def backtest(
    x: np.ndarray,
    y: np.ndarray,
    times_ns: np.ndarray,
    *,
    methods: tuple[str, ...] = METHODS,
    cell_m: float = 150.0,
    step: str = "month",
    min_train: int = 12,
    max_origins: int | None = 12,
    coverages: tuple[float, ...] = COVERAGES,
    extent: tuple[float, float, float, float] | Grid | None = None,
    mask: np.ndarray | None = None,
    weights: np.ndarray | None = None,
    tz: str = "Europe/London",
    method_params: dict[str, dict[str, Any]] | None = None,
    progress: Progress | None = None,
) -> BacktestResult:
    """Rolling-origin back-test of each method, the naive baseline always included."""
    methods = tuple(dict.fromkeys(("naive", *methods)))
    grid = (
        extent
        if isinstance(extent, Grid)
        else Grid.covering(extent or _bounds(x, y), cell_m)
    )
    steps, starts = step_index(times_ns, step, tz=tz)
    n = int(steps.max()) + 1
    if n <= min_train:
        raise ValueError(
            f"the data cover {n} {step}s; the back-test needs more than {min_train}"
        )
    c = cube(grid, x, y, steps, n, weights)
    origins = list(range(min_train, n))
    if max_origins is not None:
        origins = origins[-max_origins:]
    rows = []
    total = len(origins) * len(methods)
    done = 0
    for k in origins:
        past, actual = c[:k], c[k]
        for m in methods:
            check(progress, done / total, f"{m}, origin {starts[k].date()}")
            s = score(m, past, cell_m=grid.cell_m, **(method_params or {}).get(m, {}))
            for cov in coverages:
                acc = accuracy(s, actual, cov, mask)
                rows.append(
                    {
                        "origin": str(starts[k].date()),
                        "method": m,
                        "coverage": cov,
                        **acc,
                    }
                )
            done += 1
    per = pd.DataFrame(rows)
    table = (
        per.groupby(["method", "coverage"], sort=False)[["hit_rate", "pai", "pei"]]
        .mean()
        .reset_index()
    )
    warnings = []
    if c.sum() / max(grid.size, 1) / n < 0.05:
        warnings.append(
            "events are sparse per cell and step: accuracy measures are noisy; consider larger cells or steps"
        )
    if step == "month":
        warnings.append(
            "monthly police.uk data are snapped to anonymised map points; forecasts are only as precise as those points"
        )
    warnings.append(
        "a back-test measures how well past patterns predicted later events; it does not show that patrols there will prevent crime"
    )
    note = (
        f"Rolling-origin back-test: for each of the last {len(origins)} {step}s, every "
        "method was fitted on the earlier steps only and scored on that step. "
        + " ".join(METHOD_NOTES[m] for m in methods)
        + " "
        + MEASURES_NOTE
        + (
            " Events were weighted by harm, so hit rates are shares of harm, not of counts."
            if weights is not None
            else ""
        )
    )
    check(progress, 1.0, "back-test done")
    return BacktestResult(
        params={
            "methods": list(methods),
            "cell_m": grid.cell_m,
            "step": step,
            "min_train": min_train,
            "coverages": list(coverages),
        },
        method_note=note,
        warnings=tuple(warnings),
        table=table,
        per_origin=per,
        step=step,
        data_window=(str(starts[0].date()), str((starts[-1]).date())),
    )
