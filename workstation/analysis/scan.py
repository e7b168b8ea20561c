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
from dataclasses import dataclass, field
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
TESTED = "tested"
UNTESTED = "not tested"
COLUMNS = [
    "section",
    "rank",
    "item",
    "layer",
    "category",
    "area_type",
    "area_code",
    "area_name",
    "observed",
    "expected",
    "baseline",
    "last_year",
    "ratio",
    "p",
    "p_fdr",
    "significant",
    "few_events",
    "excess",
    "harm_weight",
    "harm_excess",
    "dispersion",
    "test",
    "method",
    "message",
    "period_start",
    "period_end",
    "xmin",
    "ymin",
    "xmax",
    "ymax",
]
#: what each column of the table means (for the panel's header tips and exports)
COLUMN_NOTES: dict[str, str] = {
    "section": "'tested' items have a significance test; 'not tested' items "
    "(near-repeat chains) have none and are ranked apart",
    "rank": "order within the section: significant first, then by harm-weighted excess",
    "item": "count (latest period v expected), emerging hot spot (trend test) or "
    "near-repeat cluster",
    "layer": "the layer the events come from",
    "category": "crime type or call type ('All categories': the layer's events "
    "together)",
    "observed": "events in the latest period (count items); events in the chain "
    "(near-repeat clusters); blank for emerging hot spots, whose test is a trend",
    "expected": "the level the history predicts for the latest period (count "
    "items only)",
    "baseline": "how the expected level was made (mean of earlier periods, same "
    "period last year, seasonal trend)",
    "last_year": "events in the same period a year before",
    "ratio": "observed / expected",
    "p": "one-sided p of the test named in 'test'",
    "p_fdr": "p after the Benjamini-Hochberg correction over every test of the scan",
    "significant": "p_fdr at most the scan's false discovery rate",
    "few_events": "significant count items with fewer than the smallest item's "
    "events in the latest period (ranked after the others)",
    "excess": "observed - expected events (emerging hot spots: latest step minus "
    "the mean of the earlier steps)",
    "harm_weight": "days of custody-equivalent per event of the category (Cambridge "
    "Crime Harm Index style; all categories: the mean weight of the area's events "
    "over the history); blank for calls",
    "harm_excess": "harm-weighted excess: excess events x harm weight, in days of "
    "custody-equivalent; blank for calls, which are ranked by excess events",
    "dispersion": "over-dispersion phi used by the count test",
    "test": "what p tests",
    "method": "how the item was found",
    "message": "the item in one sentence",
}


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
      x0.5..x2 so that a short burst cannot extrapolate wildly, and the level is
      never below half the series' mean over those years (a few old events
      cannot fade to an expectation of nothing).
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
        # a sparse series (a few old events) must not extrapolate to nothing
        exp_ = np.maximum(exp_, 0.5 * yy.mean(axis=1))
        phi = dispersion_from_history(yy, fitted, n_params=4)
        method = (
            "seasonal trend (Poisson GLM: trend + annual harmonic, never below half "
            "the series' mean)"
        )
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

    column_notes: dict[str, str] = field(default_factory=lambda: dict(COLUMN_NOTES))

    def significant(self) -> pd.DataFrame:
        """Tested items whose p_fdr is at most the scan's false discovery rate."""
        return self.table[self.table["significant"].astype(bool)]

    def tested(self) -> pd.DataFrame:
        """Items with a significance test (counts and emerging hot spots)."""
        return self.table[self.table["section"] == TESTED]

    def untested(self) -> pd.DataFrame:
        """Items without a significance test (near-repeat chains), ranked apart."""
        return self.table[self.table["section"] == UNTESTED]

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
        tested = self.tested()
        rising = tested[~tested["significant"].astype(bool)].head(20)
        chains = self.untested().head(top)

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
                    f"<td class=n>{e(_level(r.expected) if math.isfinite(r.expected) else '-')}</td>"
                    f"<td class=n>{e(pfmt(r.p_fdr))}</td>"
                    f"<td class=n>{e(fmt(r.harm_excess, ',.0f'))}</td>"
                    f"<td>{e(str(r.test))}</td>"
                    "</tr>"
                )
            return "\n".join(out)

        head = (
            "<tr><th>#</th><th>What is rising, where</th><th>Area type</th>"
            "<th>Observed</th><th>Expected</th><th>p (FDR)</th>"
            "<th>Harm-weighted excess (days)</th><th>Test</th></tr>"
        )

        def day(iso: str, last: bool = False) -> str:
            t = pd.Timestamp(iso)
            return f"{t - pd.Timedelta(days=1) if last else t:%d %b %Y}"

        periods = "".join(
            f"<li>{e(name)}: {e(day(a))} to {e(day(b, last=True))} inclusive</li>"
            for name, (a, b) in self.periods.items()
        )
        warn = "".join(f"<li>{e(w)}</li>" for w in self.warnings) or "<li>none</li>"
        columns = "".join(
            f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in self.column_notes.items()
        )
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
each weighted by the harm of its crime type, in days of custody-equivalent (calls,
which have no harm weight, by their extra events).</p>
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
<h2>New near-repeat chains (no significance test; top {len(chains)})</h2>
<p>Listed apart: a chain is a pattern to look at, not a tested rise.</p>
<table>{head}
{rows(chains) if len(chains) else "<tr><td colspan=8>None.</td></tr>"}
</table>
<h2>Columns</h2><dl>{columns}</dl>
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
            "near_repeat_chains": self.untested().head(10)["message"].tolist(),
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


def _period_label(start: pd.Timestamp, end: pd.Timestamp, period: str) -> str:
    """'November 2026' for a month, '3 Sep to 30 Sep 2026' for 28 days."""
    if period == "month":
        return f"{start:%B %Y}"
    last = end - pd.Timedelta(days=1)
    return f"the 28 days {start:%d %b} to {last:%d %b %Y}"


def _span_label(
    starts: list[pd.Timestamp], ends: list[pd.Timestamp], a: int, b: int, period: str
) -> str:
    """The periods ``a`` to ``b`` (inclusive) in words: 'January-October 2026'."""
    s, e = starts[a], ends[b] - pd.Timedelta(days=1)
    if period == "month":
        if a == b:
            return f"{s:%B %Y}"
        if s.year == e.year:
            return f"{s:%B}-{e:%B %Y}"
        return f"{s:%B %Y}-{e:%B %Y}"
    return f"{s:%d %b %Y} to {e:%d %b %Y}"


def _level(e: float) -> str:
    """An expected level in words: 39.8, 1.4, 0.06 (never a misleading 0.0)."""
    return f"{e:.1f}" if e >= 1 else f"{e:.2g}"


def _baseline_texts(
    method: str, n_hist: int, n_used: int, starts: list, ends: list, period: str,
    per_year: float,
) -> tuple[str, str]:  # fmt: skip
    """A template for what the latest count was compared with (``{e}`` is the
    expected level) and the short name of the comparison.
    """
    unit = "a month" if period == "month" else "per 28 days"
    if method.startswith("trailing mean"):
        span = _span_label(starts, ends, 0, n_hist - 1, period)
        return f"the {span} mean of {{e}} {unit}", "mean of all earlier periods"
    if method.startswith("same period"):
        year = round(per_year)
        centre = n_hist - year
        lo, hi = max(centre - 1, 0), min(centre + 1, n_hist - 1)
        span = _span_label(starts, ends, lo, hi, period)
        return (
            f"{{e}} expected (the mean of {span}: the same period last year "
            "and either side)",
            "same period last year",
        )
    span = _span_label(starts, ends, n_hist - n_used, n_hist - 1, period)
    return (
        f"{{e}} expected from a seasonal trend fitted to {span}",
        "seasonal trend",
    )


def _estimate_span(
    method: str, n_hist: int, n_used: int, per_year: float
) -> tuple[int, int]:
    """The history periods ``[lo, hi)`` the expected level was estimated from
    (for the same period last year: that period and the two either side, not the
    whole year).
    """
    if method.startswith("same period"):
        centre = n_hist - round(per_year)
        return max(centre - 1, 0), min(centre + 2, n_hist)
    return n_hist - n_used, n_hist


def _drop_duplicates(
    ys: np.ndarray, n_cat: int, n_area: int, whole: dict[int, np.ndarray] | None
) -> np.ndarray:
    """Series that repeat another one's events under another name: an
    all-categories series equal to one category's (one category in the area), and
    an area's series equal to the whole area's (the area holds every event).
    """
    cube = ys.reshape(n_cat + 1, n_area, -1)
    drop = np.zeros((n_cat + 1, n_area), dtype=bool)
    drop[n_cat] = (cube[:n_cat] == cube[n_cat][None]).all(axis=2).any(axis=0)
    if whole is not None:
        for ci in range(n_cat + 1):
            if ci in whole:
                drop[ci] |= (cube[ci] == whole[ci][None, :]).all(axis=1)
    return drop.reshape(-1)


def area_cubes(
    layer: Layer,
    areas: list[Layer],
    *,
    period: str,
    cell_m: float | None,
    extent: Any,
    end: Any = None,
) -> tuple[list[tuple[_AreaSet, np.ndarray]], list[str], list, list]:
    """The counts the scan tests: per area type, a (category, area, period) cube.

    Returns the area sets with their cubes (whole area first), the category names and the
    periods' starts and ends. A store's Dask path
    (:func:`workstation.analysis.distributed.scan_cubes`) must give the same cubes.
    """
    pidx, starts, ends = period_series(
        layer.times_ns, period=period, tz=layer.timezone, end=end
    )
    n_per = len(starts)
    codes, cats = layer.category_codes()
    n_cat = len(cats)
    ok_ev = (pidx >= 0) & (codes >= 0)
    out = []
    for aset in _area_sets(layer, areas, cell_m, extent):
        n_area = len(aset.codes)
        good = ok_ev & (aset.index >= 0)
        key = (codes[good].astype(np.int64) * n_area + aset.index[good]) * n_per
        key += pidx[good]
        cube = np.bincount(key, minlength=n_cat * n_area * n_per)
        out.append((aset, cube.reshape(n_cat, n_area, n_per)))
    return out, cats, starts, ends


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
    cubes, cats, starts, ends = area_cubes(
        layer, areas, period=period, cell_m=cell_m, extent=extent, end=end
    )
    n_per = len(starts)
    if n_per < 4:
        raise ValueError(
            f"{layer.name}: {n_per} whole {period} periods; the scan needs at least 4 "
            "(3 of history and the latest)"
        )
    n_cat = len(cats)
    harm = _harm_lookup(cats, layer.kind, warnings)
    has_harm = layer.kind == LayerKind.CRIME
    per_year = 12.0 if period == "month" else 365.25 / 28
    if n_per - 1 < round(per_year):
        warnings.append(
            f"{layer.name}: {n_per - 1} "
            + ("months" if period == "month" else "28-day periods")
            + " of history before the latest "
            "(under a year), so no seasonal baseline was possible: each latest count "
            "is compared with the mean of all earlier periods"
        )
    mid = [s + (e - s) / 2 for s, e in zip(starts, ends, strict=True)]
    angle = np.array([2 * math.pi * (m.day_of_year - 1) / 365.25 for m in mid])
    latest = _period_label(starts[-1], ends[-1], period)
    rows: list[dict[str, Any]] = []
    whole: dict[int, np.ndarray] | None = None
    for aset, cube in cubes:
        n_area = len(aset.codes)
        allc = cube.sum(axis=0, keepdims=True)
        ys = np.concatenate([cube, allc], axis=0).reshape(-1, n_per).astype(float)
        dup = _drop_duplicates(ys, n_cat, n_area, whole)
        if whole is None:  # the first set is the whole area
            whole = {ci: ys[ci] for ci in range(n_cat + 1)}
        sid = np.flatnonzero((ys.sum(axis=1) > 0) & ~dup)
        if len(sid) == 0:
            continue
        hist, obs = ys[sid, :-1], ys[sid, -1]
        exp_, phi_own, method, n_used = expected_counts(hist, angle, per_year)
        template, short = _baseline_texts(
            method, n_per - 1, n_used, starts, ends, period, per_year
        )
        cat_i, area_i = np.divmod(sid, n_area)
        phi = _pooled_dispersion(phi_own, cat_i, hist.mean(axis=1))
        lo, hi = _estimate_span(method, n_per - 1, n_used, per_year)
        # the expected level's uncertainty: the events of the periods it came from
        p = predictive_upper_p(obs, exp_, phi, hist[:, lo:hi].sum(axis=1), hi - lo)
        year = round(per_year)
        last_year = (
            hist[:, n_per - 1 - year]
            if n_per - 1 >= year
            else np.full(len(sid), np.nan)
        )
        # harm weight per event: the category's; for all categories, the mean
        # weight of the area's events over the history
        hist_cat = ys.reshape(n_cat + 1, n_area, n_per)[:n_cat, :, :-1].sum(axis=2)
        with np.errstate(invalid="ignore", divide="ignore"):
            w_all = (harm[:, None] * hist_cat).sum(axis=0) / hist_cat.sum(axis=0)
        for j in range(len(sid)):
            ci, ai = int(cat_i[j]), int(area_i[j])
            is_all = ci == n_cat
            hw = (
                (float(w_all[ai]) if is_all else float(harm[ci]))
                if has_harm
                else (float("nan"))
            )
            excess = float(obs[j] - exp_[j])
            rows.append(
                {
                    "section": TESTED,
                    "item": "count",
                    "category": ALL if is_all else cats[ci],
                    "area_type": aset.area_type,
                    "area_code": aset.codes[ai],
                    "area_name": aset.names[ai],
                    "observed": float(obs[j]),
                    "expected": float(exp_[j]),
                    "baseline": short,
                    "last_year": float(last_year[j]),
                    "p": float(p[j]),
                    "excess": excess,
                    "harm_weight": hw,
                    "harm_excess": excess * hw,
                    "dispersion": float(phi[j]),
                    "test": "latest count v expected (negative binomial, one-sided)",
                    "method": method,
                    "layer": layer.name,
                    "period_start": starts[-1].isoformat(),
                    "period_end": ends[-1].isoformat(),
                    "bounds": aset.bounds[ai],
                    "msg_what": f"{obs[j]:,.0f} in {latest}",
                    "msg_against": template.format(e=_level(exp_[j])),
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
) -> tuple[list[dict[str, Any]], np.ndarray]:
    """New, consecutive and intensifying hot spots (whole steps only), as items,
    and the trend-test p-values of every analysed cell (the tests the items were
    picked from, which all go into the scan's one FDR correction).

    An item's ``p`` is its cell's trend test; ``observed`` and ``expected`` are
    left empty because no count was tested against an expectation (the counts
    compared are in the message).
    """
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
    has_harm = layer.kind == LayerKind.CRIME
    w = _harm_lookup(cats, layer.kind, [])
    harm_ev = np.where(codes >= 0, w[np.maximum(codes, 0)], 1.0)
    try:
        res = emerging_hotspots(xy[:, 0], xy[:, 1], ns, cell_m=cell_m, step=step, tz=tz)
    except ValueError as exc:
        warnings.append(f"{layer.name}: emerging hot spots not run ({exc})")
        return [], np.zeros(0)
    wanted = {"new_hot_spot", "consecutive_hot_spot", "intensifying_hot_spot"}
    trend = str(res.params.get("trend_test", "Mann-Kendall on the cell's Gi* series"))
    rows = []
    grid = res.grid
    flat = grid.flat_index(xy[:, 0], xy[:, 1])
    tidx, _ = space_time_bins(ns, step, tz)
    final = tidx == res.n_steps - 1
    s0, s1 = res.step_starts[0], res.step_starts[-2]
    fmt = "%B %Y" if step == "month" else "%d %b %Y"
    span = f"{s0:{fmt}}-{s1:{fmt}}" if step == "month" else f"{s0:{fmt}} to {s1:{fmt}}"
    latest = (
        f"{res.step_starts[-1]:{fmt}}"
        if step == "month"
        else (f"the week from {res.step_starts[-1]:{fmt}}")
    )
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
        label = str(res.pattern[j]).replace("_", " ")
        rows.append(
            {
                "section": TESTED,
                "item": "emerging hot spot",
                "category": ALL,
                "area_type": f"{cell_m:g} m emerging hot spot cell",
                "area_code": f"E{int(x0)}N{int(y0)}",
                "area_name": f"{cell_m:g} m cell at E {int(x0)}, N {int(y0)}",
                "observed": float("nan"),
                "expected": float("nan"),
                "baseline": "",
                "last_year": float("nan"),
                "p": float(res.trend_p[j]),
                "_family": int(j),
                "excess": float(series[-1] - before),
                "harm_weight": float("nan"),
                "harm_excess": h_final - h_before if has_harm else float("nan"),
                "dispersion": float("nan"),
                "test": f"trend over {res.n_steps} {step}s ({trend})",
                "method": f"emerging hot spot: {label} over {res.n_steps} {step}s "
                f"(trend z {res.trend_z[j]:.1f})",
                "layer": layer.name,
                "period_start": res.step_starts[-1].isoformat(),
                "period_end": "",
                "bounds": np.array([x0, y0, x0 + cell_m, y0 + cell_m]),
                "msg_what": f"{label} at {cell_m:g} m cell E {int(x0)}, N {int(y0)}",
                "msg_against": f"{series[-1]:,.0f} in {latest} against the {span} mean of "
                f"{before:.1f} a {step}",
            }
        )
    return rows, np.asarray(res.trend_p, dtype=float)


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
    permutations, on the latest 5,000 events of the category).

    A chain itself has no significance test: it is listed apart from the tested
    items, ranked by the harm of its events.
    """
    xy = layer.xy
    t = layer_days(layer)
    codes, names = layer.category_codes()
    has_harm = layer.kind == LayerKind.CRIME
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
        hw = float(w[ci]) if has_harm else float("nan")
        for r in cl.itertuples(index=False):
            first = pd.Timestamp(int(r.first_day * _DAY_NS), tz="UTC").tz_convert(tz)
            rows.append(
                {
                    "section": UNTESTED,
                    "item": "near-repeat cluster",
                    "category": name,
                    "area_type": "near-repeat cluster",
                    "area_code": f"NR-{ci}-{r.cluster}",
                    "area_name": f"around E {r.x:.0f}, N {r.y:.0f}",
                    "observed": float(r.n_events),
                    "expected": float("nan"),
                    "baseline": "",
                    "last_year": float("nan"),
                    "p": float("nan"),
                    "excess": float("nan"),
                    "harm_weight": hw,
                    "harm_excess": float("nan"),
                    "dispersion": float("nan"),
                    "test": "none (a chain is not tested; its category's Knox "
                    "test over the last year is)",
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
                    "msg_what": f"new near-repeat chain of {r.n_events} events "
                    f"around E {r.x:.0f}, N {r.y:.0f}",
                    "msg_against": f"since {first:%d %b %Y}",
                }
            )
    return rows


def _lower(name: str) -> str:
    """'Burglary' -> 'burglary' inside a sentence; 'ASB - Nuisance' stays."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _pfmt(q: float) -> str:
    if not math.isfinite(q):
        return "not tested"
    # in words: the reader is an analyst, not the column name (p_fdr)
    return "adjusted p < 0.001" if q < 0.001 else f"adjusted p {q:.3f}"


def _messages(t: pd.DataFrame) -> list[str]:
    """One sentence per item naming its layer, category, area, what was compared
    and how sure.
    """
    out = []
    for r in t.itertuples(index=False):
        head = f"{r.layer}, {_lower(str(r.category))}"
        if r.item == "count":
            e = r.expected
            new = e <= 0 or r.observed > 50 * e
            change = "new" if new else f"up {(r.observed / e - 1) * 100:,.0f} %"
            out.append(
                f"{head}: {change} in {r.area_name}: {r.msg_what} against "
                f"{r.msg_against} ({_pfmt(r.p_fdr)}"
                + ("; few events: a pointer only)" if r.few_events else ")")
            )
        elif r.item == "emerging hot spot":
            out.append(
                f"{head}: {r.msg_what}: {r.msg_against} (trend {_pfmt(r.p_fdr)})"
            )
        else:
            out.append(f"{head}: {r.msg_what} {r.msg_against} (not tested)")
    return out


def _correct(
    counts: pd.DataFrame, emerging: list[tuple[list[dict], np.ndarray]]
) -> tuple[pd.DataFrame, int]:
    """One Benjamini-Hochberg correction over every test: each count test and the
    trend test of every cell of every emerging hot spot analysis (not only the
    cells listed). Returns the tested items with ``p_fdr`` and the number of tests.
    """
    fam = [np.asarray(counts["p"], dtype=float) if len(counts) else np.zeros(0)]
    fam += [ps for _rows, ps in emerging]
    q = bh_fdr(np.concatenate(fam)) if fam else np.zeros(0)
    n_tests = int(np.isfinite(np.concatenate(fam)).sum())
    parts = []
    if len(counts):
        parts.append(counts.assign(p_fdr=q[: len(counts)]))
    off = len(counts)
    for rows, ps in emerging:
        if rows:
            ex = pd.DataFrame(rows)
            ex["p_fdr"] = q[off + ex.pop("_family").to_numpy()]
            parts.append(ex)
        off += len(ps)
    tested = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    return tested, n_tests


def _small_expected_warning(table: pd.DataFrame) -> list[str]:
    """Name the significant items whose expected count is under 5 (by rank)."""
    if not len(table) or "expected" not in table:
        return []
    small = table[table["significant"].astype(bool) & (table["expected"] < 5)]
    if not len(small):
        return []
    ranks = [int(r) for r in small["rank"]]
    shown = ", ".join(str(r) for r in ranks[:10]) + (" …" if len(ranks) > 10 else "")
    return [
        f"{len(ranks)} significant item(s) expect fewer than 5 events (rank "
        f"{shown}): a few events more or less changes them; read them as pointers"
    ]


def _rank(tested: pd.DataFrame, untested: pd.DataFrame) -> pd.DataFrame:
    """Tested items first (significant, then those with few events, then the
    rest), each group by harm-weighted excess (by excess where there is no harm
    weight); near-repeat chains after them with a rank of their own.
    """
    parts = []
    if len(tested):
        key = tested["harm_excess"].where(
            np.isfinite(tested["harm_excess"]), tested["excess"]
        )
        tested = (
            tested.assign(
                _s=~tested["significant"],
                _f=tested["few_events"],
                _h=-key.fillna(0),
                _p=tested["p"].fillna(1),
            )
            .sort_values(["_s", "_f", "_h", "_p"], kind="stable")
            .drop(columns=["_s", "_f", "_h", "_p"])
        )
        parts.append(tested.assign(rank=np.arange(1, len(tested) + 1)))
    if len(untested):
        w = untested["harm_weight"].where(np.isfinite(untested["harm_weight"]), 1.0)
        untested = untested.assign(_h=-untested["observed"] * w).sort_values(
            "_h", kind="stable"
        )
        untested = untested.drop(columns=["_h"])
        parts.append(untested.assign(rank=np.arange(1, len(untested) + 1)))
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    table = pd.concat(parts, ignore_index=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        table["ratio"] = table["observed"] / table["expected"]
    table["message"] = _messages(table)
    b = np.vstack(table.pop("bounds").to_numpy())
    table["xmin"], table["ymin"], table["xmax"], table["ymax"] = b.T
    return table[COLUMNS].reset_index(drop=True)


def _scan_layers(
    lays: list[Layer],
    areas: list[Layer],
    *,
    period: str,
    cell_m: float | None,
    extent: Any,
    end: Any,
    emerging: bool,
    near_repeat: bool,
    nr: tuple[float, float, int],
    min_count: int,
    warnings: list[str],
    progress: Progress | None,
) -> tuple[list, list, list, dict[str, tuple[str, str]], set[str]]:
    """Count rows, emerging hot spot rows (with their test family), near-repeat
    chains, the latest periods and the expected-level methods of every layer.
    """
    rows: list[dict[str, Any]] = []
    emerging_parts: list[tuple[list[dict[str, Any]], np.ndarray]] = []
    clusters: list[dict[str, Any]] = []
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
            lyr, areas, period=per, cell_m=cell_m, extent=extent, end=end,
            warnings=warnings,
        )  # fmt: skip
        rows.extend(r)
        methods.update(x["method"] for x in r)
        periods[lyr.name] = span
        check(sub, 0.5, "emerging hot spots")
        if emerging and cell_m:
            step = "month" if per == "month" else "week"
            emerging_parts.append(
                _emerging_rows(lyr, cell_m, step, span[1], min_count, warnings)
            )
        check(sub, 0.8, "near-repeat clusters")
        if near_repeat and lyr.time_precision != "month":
            since = 28.0 if per == "28d" else 31.0
            clusters.extend(_cluster_rows(lyr, since, *nr, warnings))
    return rows, emerging_parts, clusters, periods, methods


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
    rows, emerging_parts, clusters, periods, methods = _scan_layers(
        lays, areas, period=period, cell_m=cell_m, extent=extent, end=end,
        emerging=emerging, near_repeat=near_repeat, nr=(near_repeat_m,
        near_repeat_days, near_repeat_min), min_count=min_count, warnings=warnings,
        progress=progress,
    )  # fmt: skip
    tested, n_tests = _correct(pd.DataFrame(rows), emerging_parts)
    if len(tested):
        is_count = tested["item"] == "count"
        tested = tested[~is_count | (tested["observed"] > tested["expected"])].copy()
        tested["significant"] = tested["p_fdr"] <= fdr
        tested["few_events"] = (tested["item"] == "count") & (
            tested["observed"] < min_count
        )
    untested = pd.DataFrame(clusters)
    if len(untested):
        untested["p_fdr"] = np.nan
        untested["significant"] = False
        untested["few_events"] = False
    table = _rank(tested, untested)
    warnings.extend(_small_expected_warning(table))
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
    note = _method_note(
        params, methods, n_tests, any(lyr.kind == LayerKind.CRIME for lyr in lays),
        near_repeat_m, near_repeat_days, near_repeat_min,
    )  # fmt: skip
    check(progress, 1.0, "done")
    return ScanResult(
        table=table,
        n_tests=n_tests,
        periods=periods,
        params=params,
        method_note=note,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _method_note(
    params: dict[str, Any],
    methods: set[str],
    n_tests: int,
    any_crime: bool,
    nr_m: float,
    nr_days: float,
    nr_min: int,
) -> str:
    fdr, min_count = params["fdr"], params["min_count"]
    return (
        "Horizon scan. For each layer, category (and all categories together, "
        "unless the area has one category only) and area (the whole area, each "
        "boundary layer, grid cells) the count in the latest period is compared "
        "with the count expected from that series' own history. Expected levels: "
        + "; ".join(sorted(methods))
        + ". Over-dispersion (phi) is the median Pearson dispersion of the history "
        "over all series of the same category and area type (pooled, so that a "
        "series' own rise cannot hide itself), at least 1. The test is one-sided "
        "(rises only) and negative binomial with variance max(phi, 1) x m + m^2 / "
        "(history events + 0.5), which allows both for over-dispersion and for the "
        "expected level m being itself an estimate. "
        + (
            "Emerging hot spots (new, consecutive, intensifying) come from the "
            "emerging hot spot analysis on the same grid; their p is the cell's "
            "trend test, and the trend tests of every analysed cell join the "
            "correction. "
            if params["emerging"] and params["cell_m"]
            else ""
        )
        + f"All {n_tests:,} tests are corrected together with the Benjamini-"
        f"Hochberg false discovery rate: an item is significant when its p_fdr is "
        f"at most {fdr:g}, and about {fdr:.0%} of significant items may still be "
        f"chance. Significant count items with fewer than {min_count} events in "
        "the latest period are ranked after the others. "
        + (
            "Harm-weighted excess = (observed - expected) x the crime type's harm "
            "weight, in days of custody-equivalent (Cambridge Crime Harm Index "
            "style); for all categories the weight is the mean weight of the "
            "area's events over the history. Calls carry no harm weight: their "
            "harm-weighted excess is blank and they are ranked by excess events. "
            if any_crime
            else "Call types carry no harm weights: ranked by excess count. "
        )
        + (
            f"Near-repeat chains: events of one category, each within {nr_m:g} m "
            f"and {nr_days:g} days of another, at least {nr_min} events, begun in "
            "the latest period (dated layers only), for categories whose last year "
            "shows significant near repeats (Knox test on up to its latest 5,000 "
            "events, 99 permutations, p <= 0.05, Knox ratio >= 1.2). A chain has "
            "no significance test of its own, so chains are listed and ranked "
            "apart from the tested items. "
            if params["near_repeat"]
            else ""
        )
        + "Assumptions: recording practice and boundaries are stable over the "
        "history; the latest period is complete; areas overlap (a rise is also seen "
        "in the areas containing it), so items are not independent counts of "
        "problems."
    )
