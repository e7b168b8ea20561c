"""The horizon scan: what is rising, where, how sure and how harmful.

For every category x area (the whole area, each boundary layer's areas, grid
cells) the latest period is tested against the level expected from its own
history; every test goes into one Benjamini-Hochberg FDR correction, and the
rising items are ranked by harm-weighted excess. Emerging hot spots
(:mod:`workstation.analysis.emerging`) and new near-repeat clusters
(:mod:`workstation.analysis.repeat`) are added as items of their own.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from layers.csvsafe import write_frame
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.progress import Progress, SubProgress, check
from layers.textsafe import neutralise_bidi
from workstation.analysis.emerging import emerging_hotspots, space_time_bins
from workstation.analysis.grid import Grid
from workstation.analysis.repeat import knox_test, layer_days, near_repeat_clusters
from workstation.analysis.results import AnalysisResult
from workstation.analysis.stats import (
    bh_fdr,
    dispersion_from_history,
    predictive_upper_p,
)

__all__ = ["ScanResult", "expected_counts", "horizon_scan", "period_series"]

_DAY_NS = 86_400 * 10**9
ALL = "All categories"
COLUMNS = [
    "rank",
    "item",
    "category",
    "area_type",
    "area_code",
    "area_name",
    "observed",
    "expected",
    "last_year",
    "ratio",
    "p",
    "p_fdr",
    "significant",
    "excess",
    "harm_weight",
    "harm_excess",
    "dispersion",
    "method",
    "message",
    "layer",
    "period_start",
    "period_end",
    "xmin",
    "ymin",
    "xmax",
    "ymax",
]


# ---------------------------------------------------------------------------
# periods
# ---------------------------------------------------------------------------
def period_series(
    times_ns: np.ndarray,
    *,
    period: str,
    tz: str = "Europe/London",
    end: pd.Timestamp | None = None,
) -> tuple[np.ndarray, list[pd.Timestamp], list[pd.Timestamp]]:
    """Period number of each event (-1: before the first whole period) and the
    periods' starts and ends (local time), oldest first; the last is the latest.

    ``period`` is ``"month"`` (calendar months; the latest is the last month with
    data) or ``"28d"`` (28-day periods ending at ``end``, by default the midnight
    after the last event).
    """
    ns = np.asarray(times_ns, dtype=np.int64)
    if len(ns) == 0:
        raise ValueError("no events")
    local = pd.DatetimeIndex(pd.to_datetime(ns, unit="ns", utc=True)).tz_convert(tz)
    if period == "month":
        naive = local.tz_localize(None)
        key = naive.year.to_numpy() * 12 + naive.month.to_numpy() - 1
        if end is not None:
            e = pd.Timestamp(end).tz_convert(tz)
            k_end = e.year * 12 + e.month - 1 - (1 if e.day == 1 and e.hour == 0 else 0)
        else:
            k_end = int(key.max())
        k0 = int(key.min())
        idx = np.where(key <= k_end, key - k0, -1).astype(np.int64)

        def start(k: int) -> pd.Timestamp:
            return pd.Timestamp(year=k // 12, month=k % 12 + 1, day=1).tz_localize(tz)

        starts = [start(k) for k in range(k0, k_end + 1)]
        ends = [start(k + 1) for k in range(k0, k_end + 1)]
        return idx, starts, ends
    if period != "28d":
        raise ValueError(f"period must be 'month' or '28d', got {period!r}")
    if end is None:
        last = local.max()
        end_local = (
            last.tz_localize(None).normalize() + pd.Timedelta(days=1)
        ).tz_localize(tz)
    else:
        end_local = pd.Timestamp(end).tz_convert(tz)
    # periods counted back in local calendar days from the end
    end_day = np.datetime64(end_local.tz_localize(None).normalize(), "D").astype(
        np.int64
    )
    days = local.tz_localize(None).to_numpy().astype("datetime64[D]").astype(np.int64)
    back = (end_day - 1 - days) // 28  # 0 = latest period
    n_per = int((end_day - days.min()) // 28)  # whole periods only
    idx = np.where((back >= 0) & (back < n_per), n_per - 1 - back, -1).astype(np.int64)
    starts, ends = [], []
    for p in range(n_per):
        b = n_per - 1 - p
        s = np.datetime64(int(end_day - 28 * (b + 1)), "D")
        e = np.datetime64(int(end_day - 28 * b), "D")
        starts.append(pd.Timestamp(s).tz_localize(tz))
        ends.append(pd.Timestamp(e).tz_localize(tz))
    return idx, starts, ends


# ---------------------------------------------------------------------------
# expected levels
# ---------------------------------------------------------------------------
def _poisson_glm(y: np.ndarray, x: np.ndarray, iters: int = 30) -> np.ndarray:
    """Vectorised Poisson GLM (log link) of each row of ``y`` (S, n) on ``x`` (n, k).

    IRLS with a tiny ridge so all-zero stretches stay finite. Returns (S, k).
    """
    s = y.shape[0]
    k = x.shape[1]
    beta = np.zeros((s, k))
    beta[:, 0] = np.log(np.maximum(y.mean(axis=1), 0.05))
    xx = (x[:, :, None] * x[:, None, :]).reshape(len(x), k * k)
    ridge = 1e-4 * np.eye(k)
    ridge[0, 0] = 0.0
    for _ in range(iters):
        eta = np.clip(beta @ x.T, -20, 20)
        mu = np.exp(eta)
        z = eta + (y - mu) / mu
        xtwx = (mu @ xx).reshape(s, k, k) + ridge  # sum_n mu x_nk x_nl, by BLAS
        xtwz = (mu * z) @ x
        new = np.linalg.solve(xtwx, xtwz[..., None])[..., 0]
        if np.max(np.abs(new - beta)) < 1e-8:
            beta = new
            break
        beta = new
    return beta


def expected_counts(
    history: np.ndarray,
    season_angle: np.ndarray,
    per_year: float,
) -> tuple[np.ndarray, np.ndarray, str, int]:
    """Expected count of the latest period, the over-dispersion, the method and
    the number of history periods the estimate used, for each row.

    ``history`` (S, H) are the counts of the H periods before the latest;
    ``season_angle`` (H + 1,) is each period's position in the year (radians, the
    last is the latest period's); ``per_year`` periods make a year (12 or 13.04).

    - At least two years of history: a Poisson GLM per series with log link on
      an intercept, a linear trend and one annual harmonic (sin, cos) over the
      last (up to) five years, predicted for the latest period. The trend's
      effect from the middle of the last year to the latest period is capped to
      x0.5..x2 so that a short burst cannot extrapolate wildly.
    - One to two years: the mean of the same period last year and the periods
      either side of it.
    - Less: the mean of all history (no seasonality; warned).

    The over-dispersion phi is the Pearson statistic of the history about the
    fitted values divided by its degrees of freedom.
    """
    y = np.asarray(history, dtype=float)
    s, h = y.shape
    year = round(per_year)
    if h >= 2 * year:
        use = min(h, 5 * year)
        yy = y[:, h - use :]
        t = (np.arange(use) - use) / per_year  # years before the latest period
        ang = np.asarray(season_angle, dtype=float)
        a_hist = ang[h - use : h]
        x = np.column_stack([np.ones(use), t, np.sin(a_hist), np.cos(a_hist)])
        beta = _poisson_glm(yy, x)
        fitted = np.exp(np.clip(beta @ x.T, -20, 20))
        # trend effect capped between the middle of last year and now
        half = 0.5 + 0.5 / per_year
        b_t = np.clip(beta[:, 1], -math.log(2) / half, math.log(2) / half)
        x_new = np.array([1.0, 0.0, np.sin(ang[-1]), np.cos(ang[-1])])
        eta_mid = beta[:, 0] + beta[:, 1] * (-half) + beta[:, 2:] @ x_new[2:]
        exp_ = np.exp(np.clip(eta_mid + b_t * half, -20, 20))
        phi = dispersion_from_history(yy, fitted, n_params=4)
        method = "seasonal trend (Poisson GLM: trend + annual harmonic)"
        n_used = use
    elif h >= year:
        centre = h - year  # index of the same period last year
        lo, hi = max(centre - 1, 0), min(centre + 2, h)
        exp_ = y[:, lo:hi].mean(axis=1)
        base = y[:, h - year :].mean(axis=1, keepdims=True)
        phi = dispersion_from_history(
            y[:, h - year :], np.broadcast_to(base, (s, year)), n_params=1
        )
        method = "same period last year (mean of it and the periods either side)"
        n_used = year
    else:
        exp_ = y.mean(axis=1)
        phi = dispersion_from_history(y, np.broadcast_to(exp_[:, None], y.shape), 1)
        method = "trailing mean (no seasonality: under a year of history)"
        n_used = h
    return exp_, phi, method, n_used


# ---------------------------------------------------------------------------
# areas
# ---------------------------------------------------------------------------
def _assign(x: np.ndarray, y: np.ndarray, geoms: np.ndarray) -> np.ndarray:
    """Index of the first polygon containing (or touching) each point, -1 if none."""
    out = np.full(len(x), -1, dtype=np.int64)
    ok = np.isfinite(x) & np.isfinite(y)
    if not ok.any() or len(geoms) == 0:
        return out
    pts = shapely.points(x[ok], y[ok])
    tree = shapely.STRtree(geoms)
    pi, gi = tree.query(pts, predicate="intersects")
    order = np.lexsort((gi, pi))
    pi, gi = pi[order], gi[order]
    first = np.r_[True, pi[1:] != pi[:-1]] if len(pi) else np.zeros(0, bool)
    sub = np.full(int(ok.sum()), -1, dtype=np.int64)
    sub[pi[first]] = gi[first]
    out[ok] = sub
    return out


@dataclass(frozen=True)
class _AreaSet:
    area_type: str
    codes: list[str]
    names: list[str]
    bounds: np.ndarray  # (A, 4)
    index: np.ndarray  # per event, -1 outside


def _area_sets(
    layer: Layer, areas: list[Layer], cell_m: float | None, extent: Any
) -> list[_AreaSet]:
    xy = layer.xy
    x, y = xy[:, 0], xy[:, 1]
    ok = np.isfinite(x) & np.isfinite(y)
    b = (
        np.array([x[ok].min(), y[ok].min(), x[ok].max(), y[ok].max()])
        if ok.any()
        else np.zeros(4)
    )
    sets = [
        _AreaSet(
            "whole area",
            ["ALL"],
            [f"the whole area ({layer.name})"],
            b[None, :],
            np.where(ok, 0, -1).astype(np.int64),
        )
    ]
    for a in areas:
        fr = a.frame
        geoms = np.asarray(fr.geometry.values)
        sets.append(
            _AreaSet(
                a.name,
                fr["area_code"].astype(str).tolist(),
                fr["area_name"].astype(str).tolist(),
                np.asarray(shapely.bounds(geoms), dtype=float),
                _assign(x, y, geoms),
            )
        )
    if cell_m:
        grid = Grid.covering(tuple(extent) if extent is not None else tuple(b), cell_m)
        flat = grid.flat_index(x, y)
        used = np.unique(flat[flat >= 0])
        remap = np.full(grid.size, -1, dtype=np.int64)
        remap[used] = np.arange(len(used))
        row, col = np.divmod(used, grid.nx)
        x0 = grid.x0 + col * grid.cell_m
        y0 = grid.y0 + row * grid.cell_m
        sets.append(
            _AreaSet(
                f"{cell_m:g} m grid cell",
                [f"E{int(a)}N{int(c)}" for a, c in zip(x0, y0, strict=True)],
                [
                    f"{cell_m:g} m cell at E {int(a)}, N {int(c)}"
                    for a, c in zip(x0, y0, strict=True)
                ],
                np.column_stack([x0, y0, x0 + cell_m, y0 + cell_m]),
                np.where(flat >= 0, remap[np.maximum(flat, 0)], -1),
            )
        )
    return sets


# ---------------------------------------------------------------------------
# result
# ---------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class ScanResult(AnalysisResult):
    """A horizon scan: a ranked table of rising items, plus how it was made."""

    table: pd.DataFrame
    n_tests: int
    periods: dict[str, tuple[str, str]]

    def significant(self) -> pd.DataFrame:
        return self.table[self.table["significant"]]

    def to_csv(self, path: str | Path) -> Path:
        """Write the ranked table; text cells that look like formulas are neutralised."""
        path = Path(path)
        write_frame(self.table, path)
        return path

    def to_html(
        self, path: str | Path | None = None, *, top: int = 50, marking: str = ""
    ) -> str:
        """A self-contained, readable report (no external resources); HTML-escaped."""
        e = html.escape
        sig = self.significant().head(top)
        rising = self.table[~self.table["significant"]].head(20)

        def fmt(v: Any, spec: str = "") -> str:
            if v is None or (isinstance(v, float) and not math.isfinite(v)):
                return "-"
            return format(v, spec) if spec else str(v)

        def pfmt(v: Any) -> str:
            if v is None or not math.isfinite(float(v)):
                return "-"
            return "< 0.001" if v < 0.001 else f"{v:.3f}"

        def rows(df: pd.DataFrame) -> str:
            out = []
            for r in df.itertuples(index=False):
                out.append(
                    "<tr>"
                    f"<td>{e(fmt(r.rank))}</td>"
                    f"<td>{e(str(r.message))}</td>"
                    f"<td>{e(str(r.area_type))}</td>"
                    f"<td class=n>{e(fmt(r.observed, 'g'))}</td>"
                    f"<td class=n>{e(fmt(r.expected, '.1f'))}</td>"
                    f"<td class=n>{e(pfmt(r.p_fdr))}</td>"
                    f"<td class=n>{e(fmt(r.harm_excess, ',.0f'))}</td>"
                    f"<td>{e(str(r.method))}</td>"
                    "</tr>"
                )
            return "\n".join(out)

        head = (
            "<tr><th>#</th><th>What is rising, where</th><th>Area type</th>"
            "<th>Observed</th><th>Expected</th><th>p (FDR)</th>"
            "<th>Harm-weighted excess</th><th>Method</th></tr>"
        )

        def day(iso: str, last: bool = False) -> str:
            t = pd.Timestamp(iso)
            return f"{t - pd.Timedelta(days=1) if last else t:%d %b %Y}"

        periods = "".join(
            f"<li>{e(name)}: {e(day(a))} to {e(day(b, last=True))} inclusive</li>"
            for name, (a, b) in self.periods.items()
        )
        warn = "".join(f"<li>{e(w)}</li>" for w in self.warnings) or "<li>none</li>"
        banner = f'<div class="marking">{e(marking)}</div>' if marking else ""
        q = self.params.get("fdr", 0.05)
        body = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Horizon scan</title>
<style>
body {{ font-family: Segoe UI, Arial, sans-serif; margin: 2em; color: #222; }}
h1 {{ font-size: 1.6em; }} h2 {{ font-size: 1.2em; margin-top: 1.6em; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.9em; }}
th, td {{ border: 1px solid #ccc; padding: 4px 6px; text-align: left; vertical-align: top; }}
th {{ background: #f0f0f0; }} td.n {{ text-align: right; white-space: nowrap; }}
.marking {{ background: #000; color: #fff; text-align: center; font-weight: bold;
  padding: 4px; position: sticky; top: 0; }}
.note {{ background: #f8f8f8; border-left: 4px solid #888; padding: 0.6em 1em; }}
</style></head><body>
{banner}
<h1>Horizon scan</h1>
<p>Made {e(datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))}.
{len(self.significant()):,} items are rising beyond what their history predicts
(false discovery rate {e(fmt(q, "g"))}) out of {self.n_tests:,} tests.
Items are ranked by harm-weighted excess: the extra events over the expected level,
each weighted by the harm of its crime type.</p>
<h2>Latest periods scanned</h2><ul>{periods}</ul>
<h2>Rising significantly (top {len(sig)})</h2>
<table>{head}
{rows(sig) if len(sig) else "<tr><td colspan=8>Nothing rises beyond chance.</td></tr>"}
</table>
<h2>Rising, not (yet) significant (top {len(rising)})</h2>
<p>Worth watching, not acting on: the rise could be chance.</p>
<table>{head}
{rows(rising) if len(rising) else "<tr><td colspan=8>None.</td></tr>"}
</table>
<h2>Method and assumptions</h2>
<div class="note"><p>{e(self.method_note)}</p></div>
<h2>Warnings</h2><ul>{warn}</ul>
{banner}
</body></html>
"""
        body = neutralise_bidi(body)  # no value can reorder what the reader sees
        if path is not None:
            Path(path).write_text(body, encoding="utf-8")
        return body

    def summary(self) -> dict[str, Any]:
        return {
            "tests": self.n_tests,
            "items": len(self.table),
            "significant": int(self.table["significant"].sum()),
            "periods": self.periods,
            "top": self.significant().head(10)["message"].tolist(),
            "warnings": list(self.warnings),
        }


# ---------------------------------------------------------------------------
# the scan
# ---------------------------------------------------------------------------
def _harm_lookup(cats: list[str], kind: LayerKind, warnings: list[str]) -> np.ndarray:
    if kind != LayerKind.CRIME:
        return np.ones(len(cats))
    from workstation.analysis.harm import harm_for

    local: list[str] = []
    w = harm_for(cats, warnings_out=local)
    warnings.extend(local)
    return np.asarray(w, dtype=float)


def _pooled_dispersion(
    phi: np.ndarray, group: np.ndarray, level: np.ndarray
) -> np.ndarray:
    """Median Pearson dispersion of the series in each group (category within an
    area type), from series averaging at least one event a period; 1 where a
    group has none. Pooling stops a series' own rise from inflating its
    dispersion and hiding itself.
    """
    out = np.ones(len(phi))
    usable = np.isfinite(phi) & (level >= 1.0)
    for g in np.unique(group):
        m = group == g
        vals = phi[m & usable]
        if len(vals):
            out[m] = max(float(np.median(vals)), 1.0)
    return out


def _count_rows(
    layer: Layer,
    areas: list[Layer],
    *,
    period: str,
    cell_m: float | None,
    extent: Any,
    end: Any,
    warnings: list[str],
) -> tuple[list[dict[str, Any]], tuple[str, str]]:
    tz = layer.timezone
    pidx, starts, ends = period_series(layer.times_ns, period=period, tz=tz, end=end)
    n_per = len(starts)
    if n_per < 4:
        raise ValueError(
            f"{layer.name}: {n_per} whole {period} periods; the scan needs at least 4 "
            "(3 of history and the latest)"
        )
    codes, cats = layer.category_codes()
    n_cat = len(cats)
    harm = _harm_lookup(cats, layer.kind, warnings)
    per_year = 12.0 if period == "month" else 365.25 / 28
    mid = [s + (e - s) / 2 for s, e in zip(starts, ends, strict=True)]
    angle = np.array([2 * math.pi * (m.day_of_year - 1) / 365.25 for m in mid])
    rows: list[dict[str, Any]] = []
    ok_ev = (pidx >= 0) & (codes >= 0)
    for aset in _area_sets(layer, areas, cell_m, extent):
        n_area = len(aset.codes)
        good = ok_ev & (aset.index >= 0)
        key = (codes[good].astype(np.int64) * n_area + aset.index[good]) * n_per + pidx[
            good
        ]
        cube = np.bincount(key, minlength=n_cat * n_area * n_per).reshape(
            n_cat, n_area, n_per
        )
        allc = cube.sum(axis=0, keepdims=True)
        ys = np.concatenate([cube, allc], axis=0).reshape(-1, n_per).astype(float)
        active = ys.sum(axis=1) > 0
        sid = np.flatnonzero(active)
        if len(sid) == 0:
            continue
        hist, obs = ys[sid, :-1], ys[sid, -1]
        exp_, phi_own, method, n_used = expected_counts(hist, angle, per_year)
        cat_i, area_i = np.divmod(sid, n_area)
        phi = _pooled_dispersion(phi_own, cat_i, hist.mean(axis=1))
        p = predictive_upper_p(obs, exp_, phi, hist[:, -n_used:].sum(axis=1), n_used)
        year = round(per_year)
        last_year = (
            hist[:, n_per - 1 - year]
            if n_per - 1 >= year
            else np.full(len(sid), np.nan)
        )
        # harm: per-category weight; "all" rows sum the weighted category excesses
        excess = obs - exp_
        full_exp = np.zeros((n_cat + 1) * n_area)
        full_exp[sid] = exp_
        full_obs = ys[:, -1]
        w_cat = np.r_[harm, np.nan]
        weighted = (full_obs - full_exp).reshape(n_cat + 1, n_area)[:n_cat] * harm[
            :, None
        ]
        all_harm = weighted.sum(axis=0)
        for j in range(len(sid)):
            ci, ai = int(cat_i[j]), int(area_i[j])
            is_all = ci == n_cat
            hw = float(w_cat[ci]) if not is_all else float("nan")
            rows.append(
                {
                    "item": "count",
                    "category": ALL if is_all else cats[ci],
                    "area_type": aset.area_type,
                    "area_code": aset.codes[ai],
                    "area_name": aset.names[ai],
                    "observed": float(obs[j]),
                    "expected": float(exp_[j]),
                    "last_year": float(last_year[j]),
                    "p": float(p[j]),
                    "excess": float(excess[j]),
                    "harm_weight": hw,
                    "harm_excess": float(all_harm[ai])
                    if is_all
                    else float(excess[j] * hw),
                    "dispersion": float(phi[j]),
                    "method": method,
                    "layer": layer.name,
                    "period_start": starts[-1].isoformat(),
                    "period_end": ends[-1].isoformat(),
                    "bounds": aset.bounds[ai],
                }
            )
    return rows, (starts[-1].isoformat(), ends[-1].isoformat())


def _emerging_rows(
    layer: Layer,
    cell_m: float,
    step: str,
    period_end: str,
    min_count: int,
    warnings: list[str],
) -> list[dict[str, Any]]:
    """New, consecutive and intensifying hot spots (whole steps only), as items."""
    tz = layer.timezone
    ns = layer.times_ns
    keep = ns != np.iinfo(np.int64).min
    if step == "week":
        # complete weeks only: a part-week at the end would look like a fall
        end = pd.Timestamp(period_end).tz_convert(tz)
        monday = end.tz_localize(None).normalize() - pd.Timedelta(days=end.weekday())
        cut = monday.tz_localize(tz)
        keep &= ns < cut.value
    xy = layer.xy[keep]
    ns = ns[keep]
    codes, cats = layer.category_codes()
    codes = codes[keep]
    harm_ev = np.ones(len(ns))
    if layer.kind == LayerKind.CRIME:
        w = _harm_lookup(cats, layer.kind, [])
        harm_ev = np.where(codes >= 0, w[np.maximum(codes, 0)], 1.0)
    try:
        res = emerging_hotspots(xy[:, 0], xy[:, 1], ns, cell_m=cell_m, step=step, tz=tz)
    except ValueError as exc:
        warnings.append(f"{layer.name}: emerging hot spots not run ({exc})")
        return []
    wanted = {"new_hot_spot", "consecutive_hot_spot", "intensifying_hot_spot"}
    rows = []
    grid = res.grid
    flat = grid.flat_index(xy[:, 0], xy[:, 1])
    tidx, _ = space_time_bins(ns, step, tz)
    final = tidx == res.n_steps - 1
    for j in np.flatnonzero(np.isin(res.pattern.astype(str), list(wanted))):
        cid = int(res.cell_ids[j])
        series = res.counts[:, j]
        if series[-1] < min_count or series[-1] <= series[:-1].mean():
            continue  # only rising cells with enough events to brief on
        before = float(series[:-1].mean())
        in_cell = flat == cid
        h_final = float(harm_ev[in_cell & final].sum())
        h_before = float(harm_ev[in_cell & ~final].sum()) / max(res.n_steps - 1, 1)
        row, col = divmod(cid, grid.nx)
        x0 = grid.x0 + col * grid.cell_m
        y0 = grid.y0 + row * grid.cell_m
        pat = str(res.pattern[j])
        label = pat.replace("_", " ")
        rows.append(
            {
                "item": "emerging hot spot",
                "category": ALL,
                "area_type": f"{cell_m:g} m emerging hot spot cell",
                "area_code": f"E{int(x0)}N{int(y0)}",
                "area_name": f"{cell_m:g} m cell at E {int(x0)}, N {int(y0)}",
                "observed": float(series[-1]),
                "expected": before,
                "last_year": float("nan"),
                "p": float(res.gi_p[-1, j]),
                "p_fdr": float(res.gi_p_fdr[-1, j]),
                "significant": True,
                "excess": float(series[-1] - before),
                "harm_weight": float("nan"),
                "harm_excess": h_final - h_before,
                "dispersion": float("nan"),
                "method": f"emerging hot spot: {label} over {res.n_steps} {step}s "
                f"(Gi* + Mann-Kendall, trend z {res.trend_z[j]:.1f})",
                "layer": layer.name,
                "period_start": res.step_starts[-1].isoformat(),
                "period_end": "",
                "bounds": np.array([x0, y0, x0 + cell_m, y0 + cell_m]),
                "message": (
                    f"{label.capitalize()} at {cell_m:g} m cell E {int(x0)}, "
                    f"N {int(y0)} ({series[-1]:g} events in the latest {step} v "
                    f"{before:.1f} a {step} before)"
                ),
            }
        )
    return rows


def _cluster_rows(
    layer: Layer,
    since_days: float,
    distance_m: float,
    days: float,
    min_events: int,
    warnings: list[str],
) -> list[dict[str, Any]]:
    """New near-repeat chains, per category, for categories whose last year shows
    near repeats (Knox ratio >= 1.2 at p <= 0.05 for ``distance_m`` x ``days``, 99
    permutations, on the latest
    5,000 events of the category).
    """
    xy = layer.xy
    t = layer_days(layer)
    codes, names = layer.category_codes()
    w = _harm_lookup(names, layer.kind, [])
    latest = float(np.nanmax(t))
    recent = t >= latest - 365.0
    rows = []
    tz = layer.timezone
    for ci, name in enumerate(names):
        sel = np.flatnonzero((codes == ci) & recent)
        if len(sel) < 30:
            continue
        sel = sel[-5_000:]  # the most recent 5,000: enough to screen, quick
        kx = knox_test(
            xy[sel, 0],
            xy[sel, 1],
            t[sel],
            space_bands_m=[0, distance_m],
            time_bands_days=[0, days],
            permutations=99,
            seed=0,
            same_location_band=False,
        )
        cell = kx.table.iloc[0]
        if not (cell["p_value"] <= 0.05 and cell["knox_ratio"] >= 1.2):
            continue
        cl = near_repeat_clusters(
            xy[sel, 0],
            xy[sel, 1],
            t[sel],
            distance_m=distance_m,
            days=days,
            since_days=since_days,
            min_events=min_events,
        )
        for r in cl.itertuples(index=False):
            first = pd.Timestamp(int(r.first_day * _DAY_NS), tz="UTC").tz_convert(tz)
            rows.append(
                {
                    "item": "near-repeat cluster",
                    "category": name,
                    "area_type": "near-repeat cluster",
                    "area_code": f"NR-{ci}-{r.cluster}",
                    "area_name": f"around E {r.x:.0f}, N {r.y:.0f}",
                    "observed": float(r.n_events),
                    "expected": float("nan"),
                    "last_year": float("nan"),
                    "p": float("nan"),
                    "p_fdr": float("nan"),
                    "significant": True,
                    "excess": float("nan"),
                    "harm_weight": float(w[ci]),
                    "harm_excess": float(w[ci] * r.n_events),
                    "dispersion": float("nan"),
                    "method": (
                        f"near-repeat chain: {name} events each within "
                        f"{distance_m:g} m and {days:g} days of another, begun in "
                        f"the latest {since_days:g} days; {name} shows near repeats "
                        f"over the last year (Knox ratio {cell['knox_ratio']:.2f}, "
                        f"p {cell['p_value']:.3f})"
                    ),
                    "layer": layer.name,
                    "period_start": first.isoformat(),
                    "period_end": "",
                    "bounds": np.array(
                        [r.xmin - 50, r.ymin - 50, r.xmax + 50, r.ymax + 50]
                    ),
                    "message": (
                        f"New near-repeat cluster: {r.n_events} {name} events "
                        f"around E {r.x:.0f}, N {r.y:.0f} since {first:%d %b %Y}"
                    ),
                }
            )
    return rows


def _messages(t: pd.DataFrame) -> list[str]:
    out = []
    for cat, name, o, e, q in zip(
        t["category"],
        t["area_name"],
        t["observed"],
        t["expected"],
        t["p_fdr"],
        strict=True,
    ):
        change = f"up {(o / e - 1) * 100:,.0f} %" if e > 0 else "new"
        p = "p_fdr < 0.001" if q < 0.001 else f"p_fdr {q:.3f}"
        out.append(f"{cat} {change} in {name} ({o:g} v {e:.1f} expected, {p})")
    return out


def horizon_scan(
    layers: Layer | list[Layer],
    *,
    areas: list[Layer] | None = None,
    cell_m: float | None = 500.0,
    extent: tuple[float, float, float, float] | None = None,
    period: str = "auto",
    end: pd.Timestamp | None = None,
    fdr: float = 0.05,
    emerging: bool = True,
    near_repeat: bool = True,
    near_repeat_m: float = 200.0,
    near_repeat_days: float = 14.0,
    near_repeat_min: int = 4,
    min_count: int = 5,
    progress: Progress | None = None,
) -> ScanResult:
    """Scan every category x area for rises in the latest period.

    Parameters
    ----------
    layers
        CRIME and/or DEMAND layers (each scanned on its own history).
    areas
        BOUNDARY layers (districts, wards, LSOAs...); each is an area type.
    cell_m
        Grid cells as one more area type (None to skip); also the cell of the
        emerging hot spot analysis.
    period
        ``"month"`` (calendar months), ``"28d"`` (28-day periods ending at the
        midnight after the last event, or at ``end``) or ``"auto"``: months for
        month-precision layers, 28 days otherwise.
    fdr
        False discovery rate: an item is significant when its BH-adjusted p-value
        is at most ``fdr`` (adjusted across every count test of the scan).
    min_count
        A significant item also needs at least this many events in the latest
        period (a rise from 0 to 2 is not something to brief on).
    emerging, near_repeat
        Add emerging hot spots (new, consecutive, intensifying) and new
        near-repeat clusters (dated layers only) as items.

    Returns
    -------
    ScanResult
        ``table`` holds the rising items (observed above expected), significant
        ones first, each group ranked by harm-weighted excess.
    """
    lays = [layers] if isinstance(layers, Layer) else list(layers)
    lays = [lyr for lyr in lays if lyr.kind in (LayerKind.CRIME, LayerKind.DEMAND)]
    if not lays:
        raise ValueError("the scan needs at least one crime or calls layer")
    areas = [a for a in (areas or []) if a.kind == LayerKind.BOUNDARY]
    warnings: list[str] = []
    rows: list[dict[str, Any]] = []
    extra: list[dict[str, Any]] = []
    periods: dict[str, tuple[str, str]] = {}
    methods: set[str] = set()
    n = len(lays)
    for k, lyr in enumerate(lays):
        sub = SubProgress(progress, k / n, (k + 1) / n)
        check(sub, 0.0, f"scanning {lyr.name}")
        if not lyr.is_temporal or len(lyr) == 0:
            warnings.append(f"{lyr.name}: no dated events, not scanned")
            continue
        per = period
        if per == "auto":
            per = "month" if lyr.time_precision == "month" else "28d"
        if per == "28d" and lyr.time_precision == "month":
            raise ValueError(
                f"{lyr.name}: month-precision data cannot be scanned in 28-day periods"
            )
        r, span = _count_rows(
            lyr,
            areas,
            period=per,
            cell_m=cell_m,
            extent=extent,
            end=end,
            warnings=warnings,
        )
        rows.extend(r)
        methods.update(x["method"] for x in r)
        periods[lyr.name] = span
        check(sub, 0.5, "emerging hot spots")
        if emerging and cell_m:
            step = "month" if per == "month" else "week"
            extra.extend(
                _emerging_rows(lyr, cell_m, step, span[1], min_count, warnings)
            )
        check(sub, 0.8, "near-repeat clusters")
        if near_repeat and lyr.time_precision != "month":
            since = 28.0 if per == "28d" else 31.0
            extra.extend(
                _cluster_rows(
                    lyr,
                    since,
                    near_repeat_m,
                    near_repeat_days,
                    near_repeat_min,
                    warnings,
                )
            )
    table = pd.DataFrame(rows)
    n_tests = len(table)
    if n_tests:
        table["p_fdr"] = bh_fdr(table["p"].to_numpy())
        table["significant"] = (
            (table["p_fdr"] <= fdr)
            & (table["observed"] > table["expected"])
            & (table["observed"] >= min_count)
        )
        table = table[table["observed"] > table["expected"]].copy()
        with np.errstate(divide="ignore", invalid="ignore"):
            table["ratio"] = table["observed"] / table["expected"]
        table["message"] = _messages(table)
        small = table["significant"] & (table["expected"] < 5)
        if small.any():
            warnings.append(
                f"{int(small.sum())} significant items expect fewer than 5 events: "
                "a few events more or less changes them; read them as pointers"
            )
    if extra:
        ex = pd.DataFrame(extra)
        with np.errstate(divide="ignore", invalid="ignore"):
            ex["ratio"] = ex["observed"] / ex["expected"]
        table = pd.concat([table, ex], ignore_index=True) if len(table) else ex
    if len(table):
        b = np.vstack(table.pop("bounds").to_numpy())
        table["xmin"], table["ymin"], table["xmax"], table["ymax"] = b.T
        hx = table["harm_excess"].fillna(table["excess"]).fillna(0)
        table = (
            table.assign(_s=~table["significant"], _h=-hx, _p=table["p"].fillna(1))
            .sort_values(["_s", "_h", "_p"], kind="stable")
            .drop(columns=["_s", "_h", "_p"])
            .reset_index(drop=True)
        )
        table["rank"] = np.arange(1, len(table) + 1)
        table = table[COLUMNS]
    else:
        table = pd.DataFrame(columns=COLUMNS)
    any_crime = any(lyr.kind == LayerKind.CRIME for lyr in lays)
    note = (
        "Horizon scan. For each layer, category (and all categories together) and "
        "area (the whole area, each boundary layer, grid cells) the count in the "
        "latest period is compared with the count expected from that series' own "
        "history. Expected levels: " + "; ".join(sorted(methods)) + ". "
        "Over-dispersion (phi) is the median Pearson dispersion of the history "
        "over all series of the same category and area type (pooled, so that a "
        "series' own rise cannot hide itself), at least 1. The test is one-sided (rises only) and negative binomial with "
        "variance max(phi, 1) x m + m^2 / (history events + 0.5), which allows "
        "both for over-dispersion and for the expected level m being itself an "
        "estimate (with no over-dispersion and a long history it is the exact "
        "Poisson test). "
        f"All {n_tests:,} tests are corrected together with the Benjamini-Hochberg "
        f"false discovery rate at {fdr:g}: about {fdr:.0%} of significant items may "
        f"still be chance. An item also needs {min_count} or more events in the "
        "latest period to count as significant. "
        + (
            "Harm-weighted excess = (observed - expected) x the crime type's harm "
            "weight (Cambridge Crime Harm Index style, days of custody); 'All "
            "categories' rows sum the categories' weighted excesses. Call types "
            "carry no harm weight (1 each), so calls items rank below crime items "
            "of similar size. "
            if any_crime
            else "Call types carry no harm weights: ranked by excess count. "
        )
        + (
            "Emerging hot spots (new, consecutive, intensifying) come from the "
            "emerging hot spot analysis on the same grid. "
            if emerging and cell_m
            else ""
        )
        + (
            f"Near-repeat clusters: chains of events of one category, each within "
            f"{near_repeat_m:g} m and {near_repeat_days:g} days of another, at least "
            f"{near_repeat_min} events, begun in the latest period (dated layers "
            "only), listed only for categories whose last year shows significant "
            "near repeats (Knox test on up to its latest 5,000 events, 99 "
            "permutations, p <= 0.05, Knox ratio >= 1.2). "
            if near_repeat
            else ""
        )
        + "Assumptions: recording practice and boundaries are stable over the "
        "history; the latest period is complete; areas overlap (a rise is also seen "
        "in the areas containing it), so items are not independent counts of "
        "problems."
    )
    params = {
        "cell_m": cell_m,
        "period": period,
        "fdr": fdr,
        "min_count": min_count,
        "emerging": emerging,
        "near_repeat": near_repeat,
        "areas": [a.name for a in areas],
        "layers": [lyr.name for lyr in lays],
    }
    check(progress, 1.0, "done")
    return ScanResult(
        table=table,
        n_tests=n_tests,
        periods=periods,
        params=params,
        method_note=note,
        warnings=tuple(dict.fromkeys(warnings)),
    )
