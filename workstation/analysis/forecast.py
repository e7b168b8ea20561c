"""Next-period forecasts per grid cell and their rolling-origin back-test.

Methods (each scores every cell for the next time step; higher = more expected):

- Baselines every method must beat: ``naive``, the last step's count in the cell;
  ``last3``, the count of the last 3 steps; ``history``, the count of all history.
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
2016), over the study area (a boundary's cells, or the cells that ever had an event),
never the bounding rectangle. Cells with equal scores (the many zeros above all) are
ordered by their last 3 steps, then by all history, and only then by cell id, so a
baseline is not handicapped by an arbitrary order.
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

METHODS = ("naive", "last3", "history", "kde", "prospective", "sepp")
#: the fair baselines: always run, and every model is compared with the best of them
BASELINES = ("naive", "last3", "history")
#: what the user reads for each method id
LABELS = {
    "naive": "last period",
    "last3": "last 3 periods",
    "history": "all history",
    "kde": "kernel density",
    "prospective": "prospective hot-spotting",
    "sepp": "self-exciting point process",
}

#: One sentence per method, for method notes and model cards.
METHOD_NOTES = {
    "naive": "naive: the last step's count in each cell (a baseline).",
    "last3": "last3: the count of the last 3 steps in each cell (a baseline).",
    "history": "history: the count of all earlier steps in each cell (a baseline).",
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
    "of cells (Hunt 2016). Equal scores are ordered by the last 3 steps, then all "
    "history, then cell id."
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


def score_last3(past: np.ndarray, **_: Any) -> np.ndarray:
    return past[-3:].sum(axis=0)


def score_history(past: np.ndarray, **_: Any) -> np.ndarray:
    return past.sum(axis=0)


def history_tiebreak(past: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Keys that order cells of equal score: the last 3 steps, then all history."""
    return past[-3:].sum(axis=0), past.sum(axis=0)


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
    "last3": score_last3,
    "history": score_history,
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
    scores: np.ndarray,
    coverage: float,
    mask: np.ndarray | None = None,
    tiebreak: tuple[np.ndarray, ...] = (),
) -> np.ndarray:
    """Bool array of the highest-scoring ``coverage`` share of the (masked) cells.

    Equal scores are ordered by each ``tiebreak`` array in turn (higher first),
    then by cell id.
    """
    s = scores.reshape(-1)
    valid = np.ones(s.shape, bool) if mask is None else mask.reshape(-1)
    ids = np.flatnonzero(valid)
    n = max(1, round(coverage * len(ids)))
    keys = [ids] + [-np.asarray(t).reshape(-1)[ids] for t in reversed(tiebreak)]
    order = ids[np.lexsort((*keys, -s[ids]))]
    out = np.zeros(s.shape, bool)
    out[order[:n]] = True
    return out.reshape(scores.shape)


def accuracy(
    scores: np.ndarray,
    actual: np.ndarray,
    coverage: float,
    mask: np.ndarray | None = None,
    tiebreak: tuple[np.ndarray, ...] = (),
) -> dict[str, float]:
    """Hit rate, PAI and PEI of flagging the top ``coverage`` of the study area's
    cells (``mask``; all cells when None).
    """
    flagged = flag_top(scores, coverage, mask, tiebreak)
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


MEASURES = ("hit_rate", "pai", "pei")
#: a model "beats" the best baseline only with a mean hit rate this much higher
#: (relative) and a higher hit rate at most origins
LEVEL = 0.02


@dataclass(frozen=True, kw_only=True)
class BacktestResult(AnalysisResult):
    """Scores of each method by coverage: the mean over origins and its spread
    (``*_min``, ``*_max``), the per-origin scores, and how it was made.
    """

    table: pd.DataFrame  # method, coverage, hit_rate, pai, pei (+ _min, _max), origins
    per_origin: pd.DataFrame
    step: str
    data_window: tuple[str, str]
    study_area: str = "the cells that ever had an event"
    study_cells: int = 0

    def summary_at(self, coverage: float) -> pd.DataFrame:
        """The methods at one coverage, each against the naive and the best fair
        baseline (the baseline with the highest mean hit rate there).
        """
        t = self.table[np.isclose(self.table["coverage"], coverage)].set_index("method")
        base = t.loc["naive", "pai"] if "naive" in t.index else np.nan
        bases = [b for b in BASELINES if b in t.index]
        best = str(t.loc[bases, "hit_rate"].idxmax()) if bases else ""
        best_pai = t.loc[best, "pai"] if best else np.nan
        per = self.per_origin[np.isclose(self.per_origin["coverage"], coverage)]
        wide = per.pivot(index="origin", columns="method", values="hit_rate")
        wins = {
            m: int((wide[m] > wide[best] + 1e-12).sum()) if best else 0 for m in t.index
        }
        return t.assign(
            pai_vs_naive=t["pai"] / base,
            best_baseline=best,
            pai_vs_best_baseline=t["pai"] / best_pai,
            origins_beating_best_baseline=pd.Series(wins),
        )

    def verdicts(self, coverage: float) -> list[str]:
        """One plain sentence per model on whether it beats the best fair baseline."""
        t = self.summary_at(coverage)
        best = str(t["best_baseline"].iloc[0]) if len(t) else ""
        if not best:
            return []
        b = t.loc[best]
        n = int(b["origins"])
        out = [
            f"Best fair baseline at {coverage:.0%}: {best} ({LABELS[best]}), hit rate "
            f"{b.hit_rate:.3f} (origins {b.hit_rate_min:.3f}-{b.hit_rate_max:.3f})."
        ]
        for m, r in t.iterrows():
            if m in BASELINES:
                continue
            k = int(r.origins_beating_best_baseline)
            ratio = r.hit_rate / b.hit_rate if b.hit_rate > 0 else np.nan
            if ratio >= 1 + LEVEL and k > n / 2:
                verdict = "beats it"
            elif abs(ratio - 1) < LEVEL:
                verdict = f"does not clearly beat it (within {LEVEL:.0%})"
            else:
                verdict = "does not beat it"
            out.append(
                f"{m} ({LABELS.get(m, m)}) {verdict}: hit rate {r.hit_rate:.3f} v "
                f"{b.hit_rate:.3f} (PAI {r.pai_vs_best_baseline:.2f}x), higher at "
                f"{k} of {n} origins."
            )
        return out

    def model_card(self) -> str:
        covs = self.params.get("coverages", COVERAGES)
        lines = [
            "# Forecast back-test: model card",
            "",
            f"- Data window: {self.data_window[0]} to {self.data_window[1]} "
            f"({self.step} steps)",
            f"- Rolling origins: {self.per_origin['origin'].nunique()}",
            f"- Grid: {self.params.get('cell_m')} m cells; study area: "
            f"{self.study_area} ({self.study_cells:,} cells); coverages: "
            + ", ".join(f"{c:.0%}" for c in covs),
            f"- Methods: {', '.join(self.params.get('methods', METHODS))}; fair "
            "baselines: naive (last period), last3 (last 3 periods), history (all "
            "history)",
            "",
            "## Against the best fair baseline",
            "",
        ]
        for c in covs:
            lines += [f"- {v}" for v in self.verdicts(c)]
        lines += [
            "",
            "## Scores (mean over origins, with the lowest and highest origin)",
            "",
            "| method | coverage | hit rate | PAI | PEI |",
            "|---|---|---|---|---|",
        ]
        for r in self.table.itertuples():
            lines.append(
                f"| {r.method} | {r.coverage:.0%} | {r.hit_rate:.3f} "
                f"({r.hit_rate_min:.3f}-{r.hit_rate_max:.3f}) | {r.pai:.2f} "
                f"({r.pai_min:.2f}-{r.pai_max:.2f}) | {r.pei:.3f} "
                f"({r.pei_min:.3f}-{r.pei_max:.3f}) |"
            )
        lines += ["", "## Method", "", self.method_note, ""]
        if self.warnings:
            lines += ["## Caveats", ""] + [f"- {w}" for w in self.warnings]
        return "\n".join(lines)


def _summarise(per: pd.DataFrame) -> pd.DataFrame:
    g = per.groupby(["method", "coverage"], sort=False)
    table = g[list(MEASURES)].mean()
    for m in MEASURES:
        table[f"{m}_min"] = g[m].min()
        table[f"{m}_max"] = g[m].max()
    table["origins"] = g["origin"].nunique()
    return table.reset_index()


def _origins(
    n: int, step: str, min_train: int | None, max_origins: int | None
) -> tuple[list[int], list[str]]:
    """Rolling origins; with ``min_train`` None, 12 steps of training when the data
    allow and otherwise half the data (fewer origins, said so).
    """
    notes = []
    if min_train is None:
        min_train = 12
        if n <= 12:
            if n < 4:
                raise ValueError(
                    f"the data cover {n} {step}s; the back-test needs at least 4"
                )
            min_train = (n + 1) // 2
            notes.append(
                f"the data cover {n} {step}s, too few for 12 of training: each origin "
                f"was trained on at least {min_train} {step}s, so there are "
                f"{n - min_train} origins, and the scores are less sure than with "
                "more history"
            )
    elif n <= min_train:
        raise ValueError(
            f"the data cover {n} {step}s; the back-test needs more than {min_train}"
        )
    origins = list(range(min_train, n))
    if max_origins is not None:
        origins = origins[-max_origins:]
    return origins, notes


def backtest(
    x: np.ndarray,
    y: np.ndarray,
    times_ns: np.ndarray,
    *,
    methods: tuple[str, ...] = METHODS,
    cell_m: float = 150.0,
    step: str = "month",
    min_train: int | None = None,
    max_origins: int | None = 12,
    coverages: tuple[float, ...] = COVERAGES,
    extent: tuple[float, float, float, float] | Grid | None = None,
    mask: np.ndarray | None = None,
    study_area: str | None = None,
    weights: np.ndarray | None = None,
    tz: str = "Europe/London",
    method_params: dict[str, dict[str, Any]] | None = None,
    progress: Progress | None = None,
) -> BacktestResult:
    """Rolling-origin back-test of each method, the three fair baselines always
    included.

    Parameters
    ----------
    min_train
        Steps of training before the first origin. None: 12, or half the data
        when they cover 12 steps or fewer (a warning says so).
    mask
        (ny, nx) cells of the study area (e.g. within the force boundary, named by
        ``study_area``); None: the cells with at least one event in the data.
        Coverage, PAI and PEI are shares of these cells.
    """
    methods = tuple(dict.fromkeys((*BASELINES, *methods)))
    grid = (
        extent
        if isinstance(extent, Grid)
        else Grid.covering(extent or _bounds(x, y), cell_m)
    )
    steps, starts = step_index(times_ns, step, tz=tz)
    n = int(steps.max()) + 1
    origins, warnings = _origins(n, step, min_train, max_origins)
    c = cube(grid, x, y, steps, n, weights)
    if mask is None:
        mask = c.sum(axis=0) > 0
        study_area = "the cells that ever had an event"
    rows = []
    total = len(origins) * len(methods)
    done = 0
    for k in origins:
        past, actual = c[:k], c[k]
        tb = history_tiebreak(past)
        for m in methods:
            check(progress, done / total, f"{m}, origin {starts[k].date()}")
            s = score(m, past, cell_m=grid.cell_m, **(method_params or {}).get(m, {}))
            for cov in coverages:
                acc = accuracy(s, actual, cov, mask, tb)
                rows.append(
                    {"origin": str(starts[k].date()), "method": m, "coverage": cov}
                    | acc
                )
            done += 1
    per = pd.DataFrame(rows)
    table = _summarise(per)
    n_cells = int(mask.sum())
    if c[:, mask].sum() / max(n_cells, 1) / n < 0.05:
        warnings.append(
            "events are sparse per cell and step: accuracy measures are noisy; "
            "consider larger cells or steps"
        )
    if step == "month":
        warnings.append(
            "monthly police.uk data are snapped to anonymised map points; forecasts "
            "are only as precise as those points"
        )
    warnings.append(
        "a back-test measures how well past patterns predicted later events; it does "
        "not show that patrols there will prevent crime"
    )
    note = (
        f"Rolling-origin back-test: for each of the last {len(origins)} {step}s, every "
        "method was fitted on the earlier steps only and scored on that step, over "
        f"the study area ({study_area or 'the given cells'}, {n_cells:,} cells of "
        f"{grid.cell_m:g} m). "
        + " ".join(METHOD_NOTES[m] for m in methods)
        + " "
        + MEASURES_NOTE
        + " Each model is compared with the best fair baseline at each coverage (the "
        "baseline with the highest mean hit rate); a model beats it when its mean hit "
        "rate is at least 2 % higher and it is higher at most origins."
        + (
            " Events were weighted by harm, so hit rates are shares of harm, not of "
            "counts."
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
            "min_train": origins[0] if origins else min_train,
            "coverages": list(coverages),
        },
        method_note=note,
        warnings=tuple(warnings),
        table=table,
        per_origin=per,
        step=step,
        data_window=(str(starts[0].date()), str((starts[-1]).date())),
        study_area=study_area or "the given cells",
        study_cells=n_cells,
    )
