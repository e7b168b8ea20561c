"""Demand monitoring: is the last hour's demand in an area out of the ordinary.

For each area (wards, beats, or a square grid) and call grade, the expected number
of calls in a window (the last hour by default) comes from the last ``weeks`` weeks
of history at the same hours of the week: a log-linear Poisson model with a cell
(area x grade) effect and an hour-of-week effect, where each cell's own weekly
profile is shrunk towards the force-wide one (a Dirichlet prior of ``shrink_calls``
calls), and overdispersion (negative binomial, ``alpha`` by the method of moments
on the weekly counts) widens the range of ordinary counts. A cell's surprise is the
upper-tail probability of its observed count; the Benjamini-Hochberg procedure
across every cell checked holds the false discovery rate at ``fdr``. Under no
change, that caps the share of checks that raise any alert at ``fdr`` (fewer with
counts this small), i.e. on average at least ``1 / fdr`` hourly checks between false
alarms. Alerts are per area: the grade mix, observed and expected counts, how sure
(p and q), and the excess weighted by grade (:data:`GRADE_HARM`, an assumption to
review before operational use).

Pure functions: no Qt, no threads, no files. The caller writes alerts to the audit
trail (``Project.record``) with :func:`audit_parameters`.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from scipy import stats

from workstation.analysis.results import benjamini_hochberg

HOURS_PER_WEEK = 168
HOUR_NS = 3600 * 10**9
WEEK_NS = HOURS_PER_WEEK * HOUR_NS
#: Calls outside every area polygon.
OUTSIDE = "(outside the areas)"

#: Weight of a call by grade for the harm-weighted excess (1 emergency, 2 priority,
#: 3 scheduled, 4 no deployment; 0 = no grade). An assumption in the spirit of
#: THRIVE (threat, harm, risk drive the grade), not a measured harm: a grade 1 call
#: counts as four grade 3 calls. Give your own with ``grade_harm=``.
GRADE_HARM: dict[int, float] = {1: 4.0, 2: 2.0, 3: 1.0, 4: 0.5, 0: 1.0}

METHOD_NOTE = (
    "An alert says that more calls of a grade arrived in an area in the last {hours:g} "
    "hour(s) than the last {weeks} weeks at the same hours of the week lead one to "
    "expect (negative-binomial baseline; Benjamini-Hochberg false discovery rate "
    "{fdr:g} across the {cells} area x grade cells checked, at least {min_obs} calls). "
    "It does not say why, that the calls are linked, or that harm has occurred: many "
    "callers about one incident raise it too, and a change in recording or grading "
    "looks the same. Quiet is not safety: a rise smaller than the normal "
    "hour-to-hour variation is not flagged. When nothing has changed, at most "
    "{fdr:g} of checks raise any alert (about one in {arl:.0f} hourly checks)."
)


def hour_of_week(times_ns: np.ndarray, timezone: str) -> np.ndarray:
    """Local hour of the week (Monday 00:00-00:59 = 0 ... Sunday 23:00 = 167)."""
    idx = pd.DatetimeIndex(np.asarray(times_ns, dtype="datetime64[ns]"), tz="UTC")
    local = idx.tz_convert(timezone)
    return (local.day_of_week.to_numpy() * 24 + local.hour.to_numpy()).astype(np.int64)


def area_codes(
    x: np.ndarray,
    y: np.ndarray,
    areas: gpd.GeoDataFrame | None = None,
    *,
    cell_m: float = 1000.0,
    code_column: str = "area_code",
) -> np.ndarray:
    """The area of each point: its polygon's code, or a square grid cell's name.

    Parameters
    ----------
    x, y
        Coordinates in the working CRS (metres).
    areas
        Polygons with ``code_column`` in the same CRS; None uses a grid of
        ``cell_m`` squares named by their south-west corner.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if areas is None:
        ix = np.floor(x / cell_m).astype(np.int64) * int(cell_m)
        iy = np.floor(y / cell_m).astype(np.int64) * int(cell_m)
        return np.array(
            [f"E{a}N{b}" for a, b in zip(ix, iy, strict=True)], dtype=object
        )
    pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(x, y), crs=areas.crs)
    hit = gpd.sjoin(
        pts, areas[[code_column, "geometry"]], how="left", predicate="within"
    )
    hit = hit[~hit.index.duplicated(keep="first")].sort_index()
    codes = hit[code_column].astype(object).to_numpy().copy()
    codes[pd.isna(codes)] = OUTSIDE
    return codes.astype(str).astype(object)


@dataclass(frozen=True)
class Baseline:
    """Expected calls per hour of the week for each (area, grade) cell.

    ``rate[i, h]`` is the expected count in one hour ``h`` of the week for
    ``cells[i]``; ``alpha`` the negative-binomial overdispersion
    (variance = mean + alpha mean²).
    """

    cells: tuple[tuple[str, int], ...]
    rate: np.ndarray
    alpha: float
    weeks: int
    start: pd.Timestamp
    end: pd.Timestamp
    timezone: str
    n_calls: int
    unseen_rate: float
    #: calls of each cell in the history (the level's uncertainty is 1 / this)
    cell_calls: np.ndarray = field(default_factory=lambda: np.zeros(0))
    params: dict[str, Any] = field(default_factory=dict)

    def index(self) -> dict[tuple[str, int], int]:
        return {c: i for i, c in enumerate(self.cells)}


def fit_baseline(
    times_ns: np.ndarray,
    areas: np.ndarray,
    grades: np.ndarray,
    *,
    end_ns: int,
    weeks: int = 8,
    timezone: str = "Europe/London",
    shrink_calls: float = 50.0,
    prior_calls: float = 0.5,
) -> Baseline:
    """Fit the hour-of-week baseline on the ``weeks`` weeks before ``end_ns``.

    Parameters
    ----------
    times_ns
        UTC nanoseconds of the history's calls.
    areas, grades
        Each call's area code and grade (0 = none).
    end_ns
        End of the history (exclusive): usually the start of the window checked.
    weeks
        Weeks of history used (the history's length, stated in every result).
    shrink_calls
        Strength (in calls) of the pull of each cell's weekly profile towards the
        force-wide profile; ``inf`` gives the pure main-effects Poisson model.
    prior_calls
        Calls added to each cell's total, so a cell with no history expects a
        little, not nothing.
    """
    t = np.asarray(times_ns, dtype=np.int64)
    start_ns = int(end_ns) - weeks * WEEK_NS
    keep = (t >= start_ns) & (t < end_ns)
    if not keep.any():
        raise ValueError(
            f"no calls in the {weeks} weeks of history before "
            f"{pd.Timestamp(end_ns, tz='UTC').tz_convert(timezone)}"
        )
    t = t[keep]
    cell_keys = pd.MultiIndex.from_arrays(
        [
            np.asarray(areas, dtype=object)[keep].astype(str),
            np.asarray(grades)[keep].astype(np.int64),
        ]
    )
    codes, uniques = pd.factorize(cell_keys)
    n_cells = len(uniques)
    how = hour_of_week(t, timezone)
    week = np.clip((t - start_ns) // WEEK_NS, 0, weeks - 1)
    y = np.bincount(
        (codes * weeks + week) * HOURS_PER_WEEK + how,
        minlength=n_cells * weeks * HOURS_PER_WEEK,
    ).reshape(n_cells, weeks, HOURS_PER_WEEK)
    n_ch = y.sum(axis=1).astype(float)  # cell x hour-of-week, summed over weeks
    n_c = n_ch.sum(axis=1)
    p_h = n_ch.sum(axis=0) + prior_calls  # no hour of the week expects nothing
    p_h /= p_h.sum()
    if np.isinf(shrink_calls):
        p_ch = np.broadcast_to(p_h, n_ch.shape)
    else:
        p_ch = (n_ch + shrink_calls * p_h) / (n_c[:, None] + shrink_calls)
    rate = (n_c[:, None] + prior_calls) / weeks * p_ch
    resid = ((y - rate[:, None, :]) ** 2 - y).sum()
    alpha = max(0.0, float(resid / (weeks * (rate**2).sum())))
    unseen = prior_calls / (weeks * HOURS_PER_WEEK)
    return Baseline(
        cells=tuple((str(a), int(g)) for a, g in uniques),
        rate=np.ascontiguousarray(rate),
        alpha=alpha,
        weeks=weeks,
        start=pd.Timestamp(start_ns, tz="UTC").tz_convert(timezone),
        end=pd.Timestamp(int(end_ns), tz="UTC").tz_convert(timezone),
        timezone=timezone,
        n_calls=int(keep.sum()),
        unseen_rate=unseen,
        cell_calls=n_c + prior_calls,
        params={
            "weeks": weeks,
            "shrink_calls": shrink_calls,
            "prior_calls": prior_calls,
            "model": "log-linear Poisson, cell x hour-of-week with shrinkage; "
            "negative-binomial overdispersion by moments",
        },
    )


@functools.lru_cache(maxsize=256)
def _hour_weights(start_ns: int, end_ns: int, timezone: str) -> np.ndarray:
    """How much of each hour of the week the window [start, end) covers (hours)."""
    w = np.zeros(HOURS_PER_WEEK)
    first = start_ns - start_ns % HOUR_NS
    edges = np.arange(first, end_ns + HOUR_NS, HOUR_NS, dtype=np.int64)
    lo = np.maximum(edges[:-1], start_ns)
    hi = np.minimum(edges[1:], end_ns)
    frac = np.clip(hi - lo, 0, None) / HOUR_NS
    np.add.at(w, hour_of_week(edges[:-1], timezone), frac)
    w.flags.writeable = False  # cached: shared between calls
    return w


@dataclass(frozen=True)
class Alert:
    """Unusual demand in one area in the window checked."""

    area: str
    observed: int
    expected: float
    grade_mix: dict[int, int]
    expected_mix: dict[int, float]
    grades_alerting: tuple[int, ...]
    p_value: float
    q_value: float
    harm_observed: float
    harm_excess: float
    window_start: str
    window_end: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "observed": self.observed,
            "expected": round(self.expected, 3),
            "grade_mix": {str(k): v for k, v in self.grade_mix.items()},
            "expected_mix": {str(k): round(v, 3) for k, v in self.expected_mix.items()},
            "grades_alerting": list(self.grades_alerting),
            "p_value": float(f"{self.p_value:.3g}"),
            "q_value": float(f"{self.q_value:.3g}"),
            "harm_observed": round(self.harm_observed, 2),
            "harm_excess": round(self.harm_excess, 2),
            "window_start": self.window_start,
            "window_end": self.window_end,
        }


@dataclass(frozen=True)
class MonitorResult:
    alerts: tuple[Alert, ...]
    cells: pd.DataFrame  # area, grade, observed, expected, p_value, q_value, alert
    window_start: pd.Timestamp
    window_end: pd.Timestamp
    params: dict[str, Any]
    method_note: str
    warnings: tuple[str, ...] = ()


def upper_tail_p(
    observed: np.ndarray, mean: np.ndarray, alpha: np.ndarray
) -> np.ndarray:
    """P(X >= observed) for X negative binomial (Poisson where ``alpha`` is 0)."""
    obs = np.asarray(observed, dtype=float)
    mu = np.maximum(np.asarray(mean, dtype=float), 1e-12)
    a = np.broadcast_to(np.asarray(alpha, dtype=float), mu.shape)
    p = np.ones_like(mu)
    pos = obs > 0
    pois = pos & (a <= 1e-9)
    p[pois] = stats.poisson.sf(obs[pois] - 1, mu[pois])
    nb = pos & ~pois
    if nb.any():
        n = 1.0 / a[nb]
        p[nb] = stats.nbinom.sf(obs[nb] - 1, n, n / (n + mu[nb]))
    return p


def check_demand(
    baseline: Baseline,
    times_ns: np.ndarray,
    areas: np.ndarray,
    grades: np.ndarray,
    *,
    now_ns: int,
    hours: float = 1.0,
    fdr: float = 0.01,
    min_observed: int = 3,
    grade_harm: dict[int, float] | None = None,
) -> MonitorResult:
    """Alerts for the window ``[now - hours, now)`` against ``baseline``.

    Parameters
    ----------
    baseline
        From :func:`fit_baseline` (on history before the window).
    times_ns, areas, grades
        Recent calls (any that fall outside the window are ignored).
    fdr
        False discovery rate across all cells checked (Benjamini-Hochberg).
    min_observed
        A cell needs at least this many calls in the window to alert.
    grade_harm
        Weight per grade for the harm-weighted excess (default :data:`GRADE_HARM`).
    """
    harm = {**GRADE_HARM, **(grade_harm or {})}
    end = int(now_ns)
    start = end - round(hours * HOUR_NS)
    t = np.asarray(times_ns, dtype=np.int64)
    inw = (t >= start) & (t < end)
    obs = Counter(
        zip(
            np.asarray(areas, dtype=object)[inw].astype(str).tolist(),
            np.asarray(grades)[inw].astype(np.int64).tolist(),
            strict=True,
        )
    )
    table = _cell_table(baseline, obs, start, end, fdr, min_observed)
    tz = baseline.timezone
    w0 = pd.Timestamp(start, tz="UTC").tz_convert(tz)
    w1 = pd.Timestamp(end, tz="UTC").tz_convert(tz)
    alerts = _alerts(table, harm, w0, w1)
    params = {
        **baseline.params,
        "hours": hours,
        "fdr": fdr,
        "min_observed": min_observed,
        "grade_harm": {str(k): v for k, v in harm.items()},
        "alpha": round(baseline.alpha, 4),
        "history_start": baseline.start.isoformat(),
        "history_end": baseline.end.isoformat(),
        "history_calls": baseline.n_calls,
        "cells_checked": len(table),
        "in_control": f"at most {fdr:g} of checks raise any alert when nothing has "
        f"changed (about 1 in {1 / fdr:.0f} hourly checks, or fewer)",
    }
    note = METHOD_NOTE.format(
        hours=hours,
        weeks=baseline.weeks,
        fdr=fdr,
        cells=len(table),
        min_obs=min_observed,
        arl=1 / fdr,
    )
    warnings = []
    if baseline.weeks < 4:
        warnings.append(
            f"only {baseline.weeks} week(s) of history: expected counts are rough"
        )
    return MonitorResult(
        alerts=tuple(alerts),
        cells=table,
        window_start=w0,
        window_end=w1,
        params=params,
        method_note=note,
        warnings=tuple(warnings),
    )


def _cell_table(
    baseline: Baseline,
    obs: Counter,
    start: int,
    end: int,
    fdr: float,
    min_observed: int,
) -> pd.DataFrame:
    """Observed and expected counts, p and q values and the alert flag per cell."""
    weights = _hour_weights(start, end, baseline.timezone)
    expected = baseline.rate @ weights
    var = expected + baseline.alpha * (baseline.rate**2 @ weights**2)
    cells = list(baseline.cells)
    known = set(cells)
    new = [k for k in obs if k not in known]
    cells += new
    unseen_mean = baseline.unseen_rate * weights.sum()
    expected = np.concatenate([expected, np.full(len(new), unseen_mean)])
    var = np.concatenate([var, np.full(len(new), unseen_mean)])
    observed = np.array([obs.get(c, 0) for c in cells], dtype=np.int64)
    alpha_eff = np.where(
        expected > 0, (var - expected) / np.maximum(expected, 1e-12) ** 2, 0.0
    )
    # the expected count is itself estimated from the history: its relative
    # variance, 1 / (calls in the cell's history), widens the ordinary range
    # (the gamma-Poisson predictive of the cell's level)
    prior = float(baseline.params.get("prior_calls", 0.5))
    level_n = np.concatenate([baseline.cell_calls, np.full(len(new), prior)])
    alpha_eff = alpha_eff + 1.0 / np.maximum(level_n, 1e-9)
    p = upper_tail_p(observed, expected, np.clip(alpha_eff, 0.0, None))
    q = benjamini_hochberg(p)
    flag = (q <= fdr) & (observed >= min_observed)
    return pd.DataFrame(
        {
            "area": [c[0] for c in cells],
            "grade": [c[1] for c in cells],
            "observed": observed,
            "expected": expected,
            "p_value": p,
            "q_value": q,
            "alert": flag,
        }
    )


def _alerts(
    table: pd.DataFrame, harm: dict[int, float], w0: pd.Timestamp, w1: pd.Timestamp
) -> list[Alert]:
    # plain arrays, one factorised area column: a handful of numpy passes, not a
    # pandas selection per alerting area (this runs beside the window's GUI thread)
    code, names = pd.factorize(table["area"].astype(object))
    grade = table["grade"].to_numpy(np.int64)
    obs_all = table["observed"].to_numpy(float)
    exp_all = table["expected"].to_numpy(float)
    p_all = table["p_value"].to_numpy(float)
    q_all = table["q_value"].to_numpy(float)
    flag = table["alert"].to_numpy(bool)
    w_all = np.array([harm.get(int(g), 1.0) for g in grade], dtype=float)
    out = []
    for c in pd.unique(code[flag]):
        rows = np.flatnonzero(code == c)
        g, obs, exp, w = grade[rows], obs_all[rows], exp_all[rows], w_all[rows]
        hit = rows[flag[rows]]
        out.append(
            Alert(
                area=str(names[c]),
                observed=int(obs.sum()),
                expected=float(exp.sum()),
                grade_mix={int(a): int(o) for a, o in zip(g, obs, strict=True) if o},
                expected_mix={int(a): float(e) for a, e in zip(g, exp, strict=True)},
                grades_alerting=tuple(int(a) for a in grade[hit]),
                p_value=float(p_all[hit].min()),
                q_value=float(q_all[hit].min()),
                harm_observed=float((w * obs).sum()),
                harm_excess=float((w * (obs - exp)).sum()),
                window_start=w0.isoformat(),
                window_end=w1.isoformat(),
            )
        )
    out.sort(key=lambda a: (-a.harm_excess, a.q_value))
    return out


def audit_parameters(result: MonitorResult) -> dict[str, Any]:
    """What to write to the audit trail for a check that raised alerts."""
    return {
        "window_start": result.window_start.isoformat(),
        "window_end": result.window_end.isoformat(),
        "alerts": [a.to_dict() for a in result.alerts],
        "method": {k: v for k, v in result.params.items() if k != "grade_harm"},
        "grade_harm": result.params.get("grade_harm"),
    }


class DemandWatch:
    """Live rows checked against a history, one call of :meth:`update` per batch.

    Keeps the history's baseline (fitted once, on the ``weeks`` weeks before its last
    call), the area of every live row seen so far (rows are given in arrival order,
    growing), and which areas were alerting at the last check, so a caller can
    audit only alerts that are new. The clock is the data's: the window ends at the
    latest call seen (live calls arrive as they happen, so this is "now").

    Parameters
    ----------
    times_ns, xy, grades
        The history's calls: UTC ns, (n, 2) coordinates, grade (0 = none).
    areas
        Area polygons (``area_code``, optional ``area_name``) in the same CRS, or
        None for a grid of ``cell_m`` squares.
    """

    def __init__(
        self,
        times_ns: np.ndarray,
        xy: np.ndarray,
        grades: np.ndarray,
        *,
        timezone: str,
        areas: gpd.GeoDataFrame | None = None,
        cell_m: float = 1000.0,
        weeks: int = 8,
        window_hours: float = 1.0,
        fdr: float = 0.01,
        min_observed: int = 3,
    ) -> None:
        self.areas, self.cell_m = areas, cell_m
        self.window_hours, self.fdr, self.min_observed = window_hours, fdr, min_observed
        self.names: dict[str, str] = {}
        if areas is not None and "area_name" in areas:
            self.names = dict(
                zip(
                    areas["area_code"].astype(str),
                    areas["area_name"].astype(str),
                    strict=True,
                )
            )
        self.h_t = np.asarray(times_ns, dtype=np.int64)
        self.h_area = self._codes(xy[:, 0], xy[:, 1])
        self.h_grade = np.asarray(grades, dtype=np.int64)
        self.baseline = fit_baseline(
            self.h_t,
            self.h_area,
            self.h_grade,
            end_ns=int(self.h_t.max()) + 1,
            weeks=weeks,
            timezone=timezone,
        )
        self.active: set[str] = set()
        self.new_alerts: set[str] = set()
        self._n = 0
        self._t: list[np.ndarray] = []
        self._area: list[np.ndarray] = []
        self._grade: list[np.ndarray] = []

    def _codes(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return area_codes(x, y, self.areas, cell_m=self.cell_m)

    def update(
        self, times_ns: np.ndarray, x: np.ndarray, y: np.ndarray, grades: np.ndarray
    ) -> MonitorResult | None:
        """Check after new rows (the arrays hold every live row, in arrival order)."""
        if len(times_ns) > self._n:
            sl = slice(self._n, len(times_ns))
            self._t.append(np.asarray(times_ns[sl], dtype=np.int64).copy())
            self._area.append(self._codes(x[sl], y[sl]))
            self._grade.append(np.asarray(grades[sl], dtype=np.int64))
            self._n = len(times_ns)
        if not self._t:
            return None
        lt = np.concatenate(self._t)
        now = int(max(lt.max(), self.h_t.max())) + 1
        start = now - round(self.window_hours * HOUR_NS)
        sel_h = self.h_t >= start
        sel_l = lt >= start
        res = check_demand(
            self.baseline,
            np.concatenate([self.h_t[sel_h], lt[sel_l]]),
            np.concatenate([self.h_area[sel_h], np.concatenate(self._area)[sel_l]]),
            np.concatenate([self.h_grade[sel_h], np.concatenate(self._grade)[sel_l]]),
            now_ns=now,
            hours=self.window_hours,
            fdr=self.fdr,
            min_observed=self.min_observed,
        )
        raised = {a.area for a in res.alerts}
        self.new_alerts = raised - self.active
        self.active = raised
        return res


def alert_areas(
    alerts: tuple[Alert, ...] | list[Alert],
    *,
    areas: gpd.GeoDataFrame | None = None,
    cell_m: float = 1000.0,
    crs: Any = None,
) -> gpd.GeoDataFrame:
    """The alerting areas as polygons (for the map): the area's own polygon, or the
    grid square its name gives, with the alert's figures as columns.
    """
    from shapely.geometry import box

    shapes = {}
    if areas is not None:
        shapes = dict(zip(areas["area_code"].astype(str), areas.geometry, strict=True))
        crs = crs or areas.crs
    rows, geoms = [], []
    for a in alerts:
        geom = shapes.get(a.area)
        if geom is None and a.area.startswith("E") and "N" in a.area:
            try:
                x, y = (float(v) for v in a.area[1:].split("N", 1))
            except ValueError:
                x = y = None
            if x is not None:
                geom = box(x, y, x + cell_m, y + cell_m)
        if geom is None:
            continue
        rows.append(
            {
                "area_code": a.area,
                "observed": a.observed,
                "expected": round(a.expected, 2),
                "q_value": a.q_value,
                "harm_excess": round(a.harm_excess, 1),
                "grades": ", ".join(
                    f"{g}: {n}" for g, n in sorted(a.grade_mix.items())
                ),
            }
        )
        geoms.append(geom)
    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry=geoms, crs=crs)
