"""Near repeat (Knox test), repeat locations, repeat calls and near-repeat clusters.

Everything works in metres (working CRS) and days. Month-precision layers
(data.police.uk) are refused: a Knox test in days on month-stamped records is
meaningless.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from layers.csvsafe import write_frame
from layers.layer import Layer
from layers.progress import Progress, check
from layers.validation import DataError
from workstation.analysis.results import AnalysisResult
from workstation.analysis.stats import bh_fdr

__all__ = [
    "MONTHLY_REFUSAL",
    "KnoxResult",
    "RepeatPlacesResult",
    "RepeatRateResult",
    "knox_for_layer",
    "knox_test",
    "near_repeat_clusters",
    "repeat_call_rate",
    "repeat_locations",
    "repeat_places",
    "require_dated",
]

_DAY_NS = 86_400 * 10**9
#: warn about same-point, same-hour pairs when they are this share of the pairs
#: in the closest space x time cell
DUPLICATE_SHARE = 0.05
MONTHLY_REFUSAL = (
    "police.uk data are monthly; near-repeat needs dates - use a demand layer or "
    "a force extract"
)


def require_dated(layer: Layer, what: str = "near-repeat analysis") -> None:
    """Raise :class:`DataError` unless the layer has day (or finer) times."""
    if not layer.is_temporal:
        raise DataError(f"{what} needs a layer with times", source=layer.name)
    if layer.time_precision == "month":
        raise DataError(MONTHLY_REFUSAL, source=layer.name, column="occurred_at")


def layer_days(layer: Layer) -> np.ndarray:
    """Event times of a layer in days since the epoch (float)."""
    ns = layer.times_ns
    if ns is None:
        raise DataError("layer has no times", source=layer.name)
    return ns.astype(np.float64) / _DAY_NS


# ---------------------------------------------------------------------------
# Knox
# ---------------------------------------------------------------------------
def _check_edges(edges: Any, what: str) -> np.ndarray:
    e = np.asarray([float(v) for v in edges], dtype=float)
    if e.size < 2:
        raise ValueError(f"{what} need at least two edges, e.g. 0,100,200")
    if not np.all(np.isfinite(e)) or e[0] < 0 or np.any(np.diff(e) <= 0):
        raise ValueError(f"{what} must be increasing and not negative, got {list(e)}")
    return e


def _band_of(v: np.ndarray, edges: np.ndarray, zero_band: bool) -> np.ndarray:
    """Band index of each value; -1 outside.

    Bands are ``[e0, e1], (e1, e2], ...``; with ``zero_band`` (``e0 == 0``) a
    separate band 0 holds exact zeros and the rest shift up by one.
    """
    i = np.searchsorted(edges, v, side="left")
    band = np.where(v == edges[0], 0, i - 1)
    band = np.where((v < edges[0]) | (v > edges[-1]), -1, band)
    if zero_band:
        band = np.where(band >= 0, band + 1, band)
        band = np.where(v == 0, 0, band)
    return band.astype(np.int64)


def _labels(edges: np.ndarray, zero_band: bool, unit: str) -> list[str]:
    def f(v: float) -> str:
        return f"{v:g}"

    out = [f"[{f(edges[0])}, {f(edges[1])}] {unit}"]
    out += [f"({f(a)}, {f(b)}] {unit}" for a, b in itertools.pairwise(edges[1:])]
    if zero_band:
        out = [f"0 {unit} (same)", *[s.replace("[0,", "(0,") for s in out]]
    return out


def _time_band_totals(t: np.ndarray, edges: np.ndarray, zero_band: bool) -> np.ndarray:
    """Number of unordered pairs of all events in each time band (sorted counting)."""
    ts = np.sort(t)
    n = len(ts)
    idx = np.arange(n)

    def n_le(e: float) -> int:  # pairs with dt <= e
        return int((np.searchsorted(ts, ts + e, side="right") - idx - 1).sum())

    def n_lt(e: float) -> int:  # pairs with dt < e
        return int((np.searchsorted(ts, ts + e, side="left") - idx - 1).clip(0).sum())

    counts = []
    if zero_band:
        counts.append(n_le(0.0))
        counts.append(n_le(edges[1]) - n_le(0.0))
    else:
        counts.append(n_le(edges[1]) - n_lt(edges[0]))
    for a, b in itertools.pairwise(edges[1:]):
        counts.append(n_le(b) - n_le(a))
    return np.asarray(counts, dtype=float)


@dataclass(frozen=True, kw_only=True)
class KnoxResult(AnalysisResult):
    """A Knox near-repeat table: one row per space band x time band."""

    table: pd.DataFrame
    n_events: int
    n_pairs: int

    def to_csv(self, path: str | Path) -> Path:
        """Write the table (formulas neutralised) with the method note as comments."""
        path = Path(path)
        write_frame(self.table, path)
        return path

    def significant(self, alpha: float = 0.05) -> pd.DataFrame:
        """Rows with more pairs than expected at permutation p < ``alpha``
        (uncorrected; ``p_fdr`` in the table corrects for the cells tested).
        """
        t = self.table
        return t[(t["p_value"] < alpha) & (t["knox_ratio"] > 1)]

    def summary(self) -> dict[str, Any]:
        sig = self.significant()
        return {
            "events": self.n_events,
            "pairs": self.n_pairs,
            "significant_cells": len(sig),
            "params": self.params,
            "warnings": list(self.warnings),
        }


def _knox_table(
    observed: np.ndarray, expected: np.ndarray, ratio: np.ndarray, p: np.ndarray,
    se: np.ndarray, te: np.ndarray, zero_s: bool,
) -> pd.DataFrame:  # fmt: skip
    """One row per space band x time band, with the bands' edges and p_fdr."""
    s_labels = _labels(se, zero_s, "m")
    t_labels = _labels(te, False, "days")
    ns_b, nt_b = len(s_labels), len(t_labels)
    rows = []
    s_lo = [0.0, *se[:-1]] if zero_s else list(se[:-1])
    s_hi = [0.0, *se[1:]] if zero_s else list(se[1:])
    for a in range(ns_b):
        for b in range(nt_b):
            rows.append(
                {
                    "space_band": s_labels[a],
                    "time_band": t_labels[b],
                    "observed": int(observed[a, b]),
                    "expected": float(expected[a, b]),
                    "knox_ratio": float(ratio[a, b]),
                    "p_value": float(p[a, b]),
                    "space_from_m": float(s_lo[a]),
                    "space_to_m": float(s_hi[a]),
                    "time_from_days": float(te[b]),
                    "time_to_days": float(te[b + 1]),
                }
            )
    table = pd.DataFrame(rows)
    table.insert(6, "p_fdr", bh_fdr(table["p_value"].to_numpy()))
    return table


def knox_test(
    x: np.ndarray,
    y: np.ndarray,
    t_days: np.ndarray,
    *,
    space_bands_m: Any,
    time_bands_days: Any,
    permutations: int = 999,
    seed: int | None = None,
    same_location_band: bool = True,
    progress: Progress | None = None,
) -> KnoxResult:
    """Knox test of space-time interaction over space bands x time bands.

    Every unordered pair of events is placed in a space band by its distance
    and in a time band by its gap in days. Bands are ``[e0, e1], (e1, e2], ...``
    of the given edges; when the space edges start at 0 and
    ``same_location_band`` is on, exact repeats (distance 0, e.g. the same
    address) get their own band ``0 m (same)`` (as in Ratcliffe's Near Repeat
    Calculator). ``expected`` is the number of pairs a random reassignment of the
    times to the places gives on average, ``N_space * N_time / N_pairs``
    (exactly the permutation mean), ``knox_ratio = observed / expected`` and
    ``p_value`` the one-sided Monte Carlo p-value ``(1 + #{perm >= observed}) /
    (1 + permutations)`` from permuting the times among the events.

    Pairs within ``delta`` metres and ``tau`` days (pointpats' global Knox
    statistic for ``delta``, ``tau``) are the sum of the table's cells with upper
    edges ``<= delta`` and ``<= tau``.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    t = np.asarray(t_days, dtype=float)
    if not (len(x) == len(y) == len(t)):
        raise ValueError("x, y and t_days differ in length")
    ok = np.isfinite(x) & np.isfinite(y) & np.isfinite(t)
    dropped = int((~ok).sum())
    x, y, t = x[ok], y[ok], t[ok]
    n = len(x)
    if n < 3:
        raise ValueError(f"a Knox test needs at least 3 located, dated events, got {n}")
    if permutations < 0:
        raise ValueError("permutations must be 0 or more")
    se = _check_edges(space_bands_m, "space bands")
    te = _check_edges(time_bands_days, "time bands")
    zero_s = bool(same_location_band and se[0] == 0)
    s_labels = _labels(se, zero_s, "m")
    t_labels = _labels(te, False, "days")
    ns_b, nt_b = len(s_labels), len(t_labels)
    check(progress, 0.0, "finding pairs within the largest space band")
    tree = cKDTree(np.column_stack([x, y]))
    pairs = tree.query_pairs(r=se[-1], output_type="ndarray")
    i, j = pairs[:, 0], pairs[:, 1]
    d = np.hypot(x[i] - x[j], y[i] - y[j])
    sb = _band_of(d, se, zero_s)
    keep = sb >= 0
    i, j, sb = i[keep].astype(np.int32), j[keep].astype(np.int32), sb[keep]
    n_space = np.bincount(sb, minlength=ns_b).astype(float)
    dup = _duplicate_pairs(d[keep], np.abs(t[i] - t[j]))
    n_time = _time_band_totals(t, te, False)
    n_pairs = n * (n - 1) // 2
    expected = np.outer(n_space, n_time) / n_pairs

    nbin = ns_b * (nt_b + 1)
    s_off = sb * (nt_b + 1)
    zero_t = te[0] == 0

    def table_of(tt: np.ndarray) -> np.ndarray:
        # time band of each pair by comparisons (faster than searchsorted for a
        # few edges); nt_b is the "outside the time bands" slot
        dt = np.abs(np.take(tt, i) - np.take(tt, j))
        tb = s_off + (dt > te[1])
        for e in te[2:]:
            tb += dt > e
        if not zero_t:
            tb[dt < te[0]] = s_off[dt < te[0]] + nt_b
        c = np.bincount(tb, minlength=nbin)
        return c.reshape(ns_b, nt_b + 1)[:, :nt_b]

    observed = table_of(t)
    exceed = np.zeros_like(observed)
    rng = np.random.default_rng(seed)
    for k in range(permutations):
        if k % 20 == 0:
            check(progress, 0.05 + 0.95 * k / permutations, "permuting times")
        exceed += table_of(t[rng.permutation(n)]) >= observed
    p = (
        (1.0 + exceed) / (1.0 + permutations)
        if permutations
        else np.full(observed.shape, np.nan)
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(expected > 0, observed / expected, np.nan)
    table = _knox_table(observed, expected, ratio, p, se, te, zero_s)
    params = {
        "space_bands_m": [float(v) for v in se],
        "time_bands_days": [float(v) for v in te],
        "permutations": int(permutations),
        "seed": seed,
        "same_location_band": zero_s,
        "same_point_same_hour_pairs": dup,
    }
    warnings, note = _knox_report(table, n, n_pairs, dropped, permutations, dup)
    check(progress, 1.0, "done")
    return KnoxResult(
        table=table,
        n_events=n,
        n_pairs=n_pairs,
        params=params,
        method_note=note,
        warnings=tuple(warnings),
    )


def _duplicate_pairs(d: np.ndarray, dt_days: np.ndarray) -> int:
    """Pairs at the very same point (0 m) within an hour: likely one incident."""
    return int(((d == 0) & (dt_days <= 1 / 24)).sum())


def _knox_report(
    table: pd.DataFrame, n: int, n_pairs: int, dropped: int, permutations: int,
    dup: int,
) -> tuple[list[str], str]:  # fmt: skip
    """The warnings and the method note of a Knox table."""
    warnings = []
    if dropped:
        warnings.append(f"{dropped:,} events without a location or time were left out")
    if permutations and permutations < 999:
        warnings.append(
            f"only {permutations} permutations: the smallest p-value possible is "
            f"{1 / (permutations + 1):.3f}; use 999 or more"
        )
    close = int(table["observed"].iloc[0])
    if dup >= 10 and dup >= DUPLICATE_SHARE * max(close, 1):
        warnings.append(
            f"{dup:,} pairs are at the very same point within an hour of each other "
            f"({dup / max(close, 1):.0%} of the {close:,} pairs in the closest band): "
            "possibly duplicate calls or records of one incident, which look like "
            "near repeats; de-duplicate them (or use a crime layer) before reading "
            "the closest band"
        )
    small = table["expected"] < 5
    if small.any():
        warnings.append(
            f"{int(small.sum())} of {len(table)} cells expect fewer than 5 pairs: "
            "their ratios are unstable"
        )
    note = (
        f"Knox test of near repeats on {n:,} events ({n_pairs:,} pairs). Each "
        f"pair of events is counted in a distance band (metres, straight line) and "
        f"a time band (days between them). Expected counts assume no link between "
        f"where and when events happen (times shuffled among places: "
        f"N_space x N_time / N_pairs). The Knox ratio is observed / expected "
        f"(above 1: more pairs close in both space and time than chance). "
        f"p-values are one-sided, from {permutations} random permutations of the "
        f"times; p_fdr corrects them for the {len(table)} cells tested "
        f"(Benjamini-Hochberg). Assumptions: "
        f"the study area and period are fixed; a change in the population at "
        f"risk over time (e.g. new housing) can mimic near repeats."
    )
    return warnings, note


def knox_for_layer(layer: Layer, **kwargs: Any) -> KnoxResult:
    """:func:`knox_test` on a dated point layer (refuses month-precision layers)."""
    require_dated(layer)
    xy = layer.xy
    return knox_test(xy[:, 0], xy[:, 1], layer_days(layer), **kwargs)


# ---------------------------------------------------------------------------
# repeats
# ---------------------------------------------------------------------------
def _location_keys(xy: np.ndarray, round_m: float) -> np.ndarray:
    q = np.round(np.asarray(xy, dtype=float) / round_m).astype(np.int64)
    _, key = np.unique(q, axis=0, return_inverse=True)
    return key.reshape(-1)


def repeat_locations(
    data: Layer | np.ndarray,
    *,
    window: Any = None,
    top: int = 20,
    round_m: float = 1.0,
    times_ns: np.ndarray | None = None,
    labels: np.ndarray | None = None,
) -> pd.DataFrame:
    """The places with the most events: same location counted over a window.

    ``data`` is a layer or an (n, 2) array of coordinates (then ``times_ns`` and
    ``labels`` are optional). Points within ``round_m`` metres on a lattice are the
    same place (police.uk snap points and geocoded addresses repeat exactly).
    ``window`` is a :class:`~layers.filtering.TimeWindow` (or None: all time).
    Returns ``rank, x, y, count, first, last, location, categories`` for the
    ``top`` places with at least two events.
    """
    cats = None
    if isinstance(data, Layer):
        xy = data.xy
        times_ns = data.times_ns
        fr = data.frame
        if labels is None and "location" in fr:
            labels = fr["location"].astype("object").to_numpy()
        if "category" in fr:
            cats = fr["category"].astype("object").to_numpy()
        tz = data.timezone
    else:
        xy = np.asarray(data, dtype=float)
        tz = "UTC"
    sel = np.isfinite(xy).all(axis=1)
    if window is not None and times_ns is not None:
        sel &= (times_ns >= window.start_ns) & (times_ns < window.end_ns)
    idx = np.flatnonzero(sel)
    cols = ["rank", "x", "y", "count", "first", "last", "location", "categories"]
    if len(idx) == 0:
        return pd.DataFrame(columns=cols)
    key = _location_keys(xy[idx], round_m)
    counts = np.bincount(key)
    order = np.argsort(-counts, kind="stable")
    order = order[counts[order] >= 2][:top]
    rows = []
    for rank, k in enumerate(order, start=1):
        members = idx[key == k]
        row: dict[str, Any] = {
            "rank": rank,
            "x": float(xy[members[0], 0]),
            "y": float(xy[members[0], 1]),
            "count": int(counts[k]),
            "first": None,
            "last": None,
            "location": "",
            "categories": "",
        }
        if times_ns is not None:
            tt = times_ns[members]
            row["first"] = pd.Timestamp(int(tt.min()), tz="UTC").tz_convert(tz)
            row["last"] = pd.Timestamp(int(tt.max()), tz="UTC").tz_convert(tz)
        if labels is not None:
            vals = pd.Series(labels[members]).dropna().astype(str)
            row["location"] = vals.mode().iloc[0] if len(vals) else ""
        if cats is not None:
            vc = pd.Series(cats[members]).astype(str).value_counts()
            row["categories"] = "; ".join(f"{c} ({v})" for c, v in vc.head(3).items())
        rows.append(row)
    return pd.DataFrame(rows, columns=cols)


@dataclass(frozen=True, kw_only=True)
class RepeatRateResult(AnalysisResult):
    """Share of calls whose caller or location had a call in the previous N days."""

    rate: float
    n_calls: int
    n_repeats: int
    is_repeat: np.ndarray
    by_category: pd.DataFrame


def repeat_call_rate(
    layer: Layer,
    days: float = 28,
    *,
    key: str = "location",
    round_m: float = 1.0,
) -> RepeatRateResult:
    """Repeat-call rate of a demand layer.

    A call is a repeat when the same ``key`` had another call in the ``days``
    before it (strictly earlier, within ``days``). ``key`` is ``"location"``
    (same point within ``round_m`` metres) or the name of a column identifying
    the caller (e.g. a hashed telephone number). Calls with no key are not
    repeats and are counted in the denominator. The first ``days`` of the
    layer cannot see their history, so the rate there is biased low (warned).
    """
    require_dated(layer, "a repeat-call rate")
    ns = layer.times_ns
    n = len(layer)
    if key == "location":
        xy = layer.xy
        good = np.isfinite(xy).all(axis=1)
        k = np.full(n, -1, dtype=np.int64)
        if good.any():
            k[good] = _location_keys(xy[good], round_m)
    else:
        if key not in layer.frame:
            raise DataError(f"no column {key!r} to identify callers", source=layer.name)
        col = layer.frame[key]
        if pd.api.types.is_bool_dtype(col.dtype) or col.dropna().nunique() <= 2:
            raise DataError(
                f"column {key!r} does not identify callers (it holds "
                f"{col.dropna().nunique()} distinct value(s), e.g. a yes/no flag); "
                "use a caller id column or key='location'",
                source=layer.name,
                column=key,
            )
        vals = col.astype("object")
        codes, _ = pd.factorize(vals, use_na_sentinel=True)
        k = codes.astype(np.int64)
    window_ns = int(days * _DAY_NS)
    order = np.lexsort((ns, k))
    ks, ts = k[order], ns[order]
    same_prev = np.r_[False, ks[1:] == ks[:-1]]
    gap = np.r_[np.iinfo(np.int64).max, np.diff(ts)]
    rep_sorted = same_prev & (gap <= window_ns) & (ks >= 0)
    is_rep = np.zeros(n, dtype=bool)
    is_rep[order] = rep_sorted
    n_rep = int(is_rep.sum())
    rate = n_rep / n if n else float("nan")
    cat = layer.frame["category"].astype("object").fillna("(none)").astype(str)
    by = (
        pd.DataFrame({"category": cat.to_numpy(), "repeat": is_rep})
        .groupby("category", sort=False)["repeat"]
        .agg(calls="size", repeats="sum")
        .reset_index()
    )
    by["rate"] = by["repeats"] / by["calls"]
    by = by.sort_values(["repeats", "calls"], ascending=False).reset_index(drop=True)
    warnings = []
    if n and (ns.max() - ns.min()) < 3 * window_ns:
        warnings.append(
            f"the layer spans less than {3 * days:g} days: calls early in it cannot "
            "see their history, so the rate is biased low"
        )
    note = (
        f"A call counts as a repeat when the same "
        f"{'place (within ' + format(round_m, 'g') + ' m)' if key == 'location' else key}"
        f" had another call in the {days:g} days before it. Rate = repeats / all "
        f"calls ({n_rep:,} / {n:,})."
    )
    return RepeatRateResult(
        rate=rate,
        n_calls=n,
        n_repeats=n_rep,
        is_repeat=is_rep,
        by_category=by,
        params={"days": float(days), "key": key, "round_m": float(round_m)},
        method_note=note,
        warnings=tuple(warnings),
    )


# ---------------------------------------------------------------------------
# repeat places and callers (the ``repeats`` command and panel)
# ---------------------------------------------------------------------------
REPEAT_COLUMNS = [
    "rank",
    "caller",
    "location",
    "events",
    "repeats_within_days",
    "first",
    "last",
    "months",
    "categories",
    "x",
    "y",
    "xmin",
    "ymin",
    "xmax",
    "ymax",
]


@dataclass(frozen=True, kw_only=True)
class RepeatPlacesResult(AnalysisResult):
    """Places (or callers) with repeated events in a window, most first."""

    table: pd.DataFrame
    n_events: int
    n_keys: int
    n_in_repeats: int
    n_repeat_places: int
    key: str
    days: float | None

    def to_csv(self, path: str | Path) -> Path:
        """Write the table; text cells that look like formulas are neutralised."""
        from layers.csvsafe import write_frame

        return write_frame(self.table, path)

    def summary(self) -> dict[str, Any]:
        return {
            "events": self.n_events,
            "places": self.n_keys,
            "repeat_places": self.n_repeat_places,
            "listed": len(self.table),
            "events_at_repeat_places": self.n_in_repeats,
            "key": self.key,
            "days": self.days,
            "params": self.params,
            "warnings": list(self.warnings),
        }


def _group_keys(layer: Layer, rows: np.ndarray, key: str, round_m: float) -> np.ndarray:
    """Group number of each selected event (-1: no key)."""
    if key == "location":
        xy = layer.xy[rows]
        good = np.isfinite(xy).all(axis=1)
        k = np.full(len(rows), -1, dtype=np.int64)
        if good.any():
            k[good] = _location_keys(xy[good], round_m)
        return k
    if key not in layer.frame:
        raise DataError(f"no column {key!r} to identify callers", source=layer.name)
    col = layer.frame[key].iloc[rows]
    if pd.api.types.is_bool_dtype(col.dtype) or col.dropna().nunique() <= 2:
        raise DataError(
            f"column {key!r} does not identify callers (it holds "
            f"{col.dropna().nunique()} distinct value(s), e.g. a yes/no flag)",
            source=layer.name,
            column=key,
        )
    codes, _ = pd.factorize(col.astype("object"), use_na_sentinel=True)
    return codes.astype(np.int64)


def _repeats_within(k: np.ndarray, ns: np.ndarray, days: float) -> np.ndarray:
    """Per event: another event of the same key in the ``days`` before it."""
    order = np.lexsort((ns, k))
    ks, ts = k[order], ns[order]
    same = np.r_[False, ks[1:] == ks[:-1]]
    gap = np.r_[np.iinfo(np.int64).max, np.diff(ts)]
    rep = np.zeros(len(k), dtype=bool)
    rep[order] = same & (gap <= int(days * _DAY_NS)) & (ks >= 0)
    return rep


def _most_common(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """The most frequent value of ``cols`` in each group ``k`` (indexed by k)."""
    n = df.groupby(["k", *cols], sort=False).size().rename("n").reset_index()
    n = n.sort_values(["k", "n"], ascending=[True, False], kind="stable")
    return n.drop_duplicates("k").set_index("k")[cols]


def _place_rows(
    layer: Layer, rows: np.ndarray, k: np.ndarray, rep: np.ndarray | None, key: str
) -> pd.DataFrame:
    """One row per key with its events, dates, categories and place."""
    fr = layer.frame.iloc[rows]
    xy = layer.xy[rows]
    local = pd.to_datetime(layer.times_ns[rows], utc=True).tz_convert(layer.timezone)
    col = fr["location"] if "location" in fr else pd.Series("", index=fr.index)
    df = pd.DataFrame(
        {
            "k": k,
            "t": local,
            "month": np.asarray(local.year * 12 + local.month),
            "cat": fr["category"].astype("object").fillna("(none)").astype(str)
            if "category" in fr
            else "",
            "text": col.astype("object").fillna("").astype(str).to_numpy(),
            "x": xy[:, 0],
            "y": xy[:, 1],
            "rep": rep if rep is not None else False,
            "who": fr[key].astype(str).to_numpy() if key != "location" else "",
        }
    )
    df = df[df["k"] >= 0]
    g = df.groupby("k", sort=False)
    out = g.agg(
        events=("t", "size"),
        rep=("rep", "sum"),
        t0=("t", "min"),
        t1=("t", "max"),
        months=("month", "nunique"),
        xmin=("x", "min"),
        ymin=("y", "min"),
        xmax=("x", "max"),
        ymax=("y", "max"),
        caller=("who", "first"),
    )
    cats = df.groupby(["k", "cat"], sort=False).size().rename("n").reset_index()
    cats = cats.sort_values(["k", "n", "cat"], ascending=[True, False, True])
    cats["s"] = cats["cat"] + " (" + cats["n"].astype(str) + ")"
    out["categories"] = cats.groupby("k", sort=False)["s"].agg("; ".join)
    place = _most_common(df, ["x", "y"])
    out["x"], out["y"] = place["x"], place["y"]
    words = df[df["text"] != ""]
    text = _most_common(words, ["text"])["text"] if len(words) else pd.Series()
    fallback = (
        "E "
        + out["x"].round().astype(int).astype(str)
        + ", N "
        + (out["y"].round().astype(int).astype(str))
    )
    out["location"] = text.reindex(out.index).fillna(fallback)
    fmt = "%Y-%m" if layer.time_precision == "month" else "%Y-%m-%d %H:%M"
    out["first"] = out["t0"].dt.strftime(fmt)
    out["last"] = out["t1"].dt.strftime(fmt)
    out["repeats_within_days"] = out["rep"].astype(int) if rep is not None else np.nan
    return out.reset_index(drop=True)


def repeat_places(
    layer: Layer,
    *,
    rows: np.ndarray | None = None,
    days: float | None = None,
    key: str = "location",
    min_events: int = 2,
    round_m: float = 1.0,
    top: int | None = None,
) -> RepeatPlacesResult:
    """Places, or callers, with repeated events.

    Parameters
    ----------
    layer
        A crime or calls layer. Month-precision layers (police.uk) count repeats
        at the same snapped point over the whole window (no day is needed).
    rows
        The events to use (e.g. a filter's rows); all by default.
    days
        Dated layers only: also count, per place, the events that came within
        ``days`` of the previous one there, and list only places with such a
        repeat.
    key
        ``"location"`` (the same point within ``round_m`` metres) or a column
        identifying the caller.
    min_events
        Events a place needs to be listed.

    Returns
    -------
    RepeatPlacesResult
        ``table`` with ``rank, place, location, events, repeats_within_days,
        first, last, months, categories`` and the place's point and bounds.
    """
    if not layer.is_temporal:
        raise DataError("repeats need a layer with times", source=layer.name)
    monthly = layer.time_precision == "month"
    if days is not None and monthly:
        raise DataError(
            "police.uk data are monthly: repeats within days need dated calls or a "
            "force extract; without days, repeats over the window are counted",
            source=layer.name,
            column="occurred_at",
        )
    if min_events < 2:
        raise ValueError("min_events must be 2 or more")
    rows = np.arange(len(layer)) if rows is None else np.asarray(rows, dtype=np.int64)
    k = _group_keys(layer, rows, key, round_m)
    counts = np.bincount(k[k >= 0]) if (k >= 0).any() else np.zeros(0, np.int64)
    rep = _repeats_within(k, layer.times_ns[rows], days) if days is not None else None
    keep = counts[np.maximum(k, 0)] >= min_events
    keep &= k >= 0
    if rep is not None:
        has_rep = np.bincount(k[rep], minlength=len(counts)) > 0
        keep &= has_rep[np.maximum(k, 0)]
    table = _place_rows(
        layer, rows[keep], k[keep], None if rep is None else rep[keep], key
    )
    if len(table):
        by = ["repeats_within_days", "events"] if rep is not None else ["events"]
        table = table.sort_values([*by, "months"], ascending=False, kind="stable")
        table = table.reset_index(drop=True)
        table.insert(0, "rank", np.arange(1, len(table) + 1))
        table = table[REPEAT_COLUMNS]
    else:
        table = pd.DataFrame(columns=REPEAT_COLUMNS)
    n_in = int(table["events"].sum()) if len(table) else 0
    n_places = len(table)
    if top is not None:
        table = table.head(top)
    return RepeatPlacesResult(
        table=table,
        n_events=len(rows),
        n_keys=int((counts > 0).sum()),
        n_in_repeats=n_in,
        n_repeat_places=n_places,
        key=key,
        days=days,
        params={
            "key": key,
            "days": days,
            "min_events": min_events,
            "round_m": round_m,
            "layer": layer.name,
        },
        method_note=_repeat_note(
            layer, key, days, min_events, round_m, n_in, len(rows)
        ),
        warnings=tuple(_repeat_warnings(layer, rows, days)),
    )


def _repeat_note(
    layer: Layer, key: str, days: float | None, min_events: int, round_m: float,
    n_in: int, n: int,
) -> str:  # fmt: skip
    what = (
        f"the same point (within {round_m:g} m)"
        if key == "location"
        else f"the same {key}"
    )
    monthly = layer.time_precision == "month"
    note = (
        f"Repeats: events of {layer.name} at {what}, listed when there are at least "
        f"{min_events}; {n_in:,} of {n:,} events ({n_in / max(n, 1):.0%}) are at "
        "the places listed. "
    )
    if days is not None:
        note += (
            f"A repeat within {days:g} days is an event that came at most {days:g} "
            "days after the previous one at the same place (or caller); only places "
            "with such a repeat are listed. "
        )
    if monthly:
        note += (
            "police.uk data give a month and a snapped point ('On or near ...'), one "
            "of a few thousand anonymised map points in a force, each standing for "
            "many addresses: a repeat location is a snap point, not one address, and "
            "first and last are months. "
        )
    return note + (
        "A count is not a risk and has no significance test: a busy place (a town "
        "centre, a shop) repeats by volume alone, so read the list as places to look "
        "at, not as proof of repeat victimisation."
    )


def _repeat_warnings(layer: Layer, rows: np.ndarray, days: float | None) -> list[str]:
    out = []
    if days is not None and len(rows):
        ns = layer.times_ns[rows]
        if (ns.max() - ns.min()) < 3 * days * _DAY_NS:
            out.append(
                f"the events span less than {3 * days:g} days: early events cannot "
                "see their history, so repeats are undercounted"
            )
    return out


# ---------------------------------------------------------------------------
# near-repeat clusters (for the horizon scan)
# ---------------------------------------------------------------------------
def near_repeat_clusters(
    x: np.ndarray,
    y: np.ndarray,
    t_days: np.ndarray,
    *,
    distance_m: float = 200.0,
    days: float = 14.0,
    since_days: float | None = None,
    min_events: int = 3,
    categories: np.ndarray | None = None,
) -> pd.DataFrame:
    """Chains of events linked within ``distance_m`` and ``days`` of each other.

    Two events are linked when they are at most ``distance_m`` apart and at most
    ``days`` apart in time; a cluster is a connected set of linked events with
    at least ``min_events``. With ``since_days`` only clusters whose first event
    is within that many days of the latest event (new clusters) are returned.
    Columns: ``cluster, n_events, first_day, last_day, x, y, xmin, ymin, xmax,
    ymax, categories``, largest first.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    t = np.asarray(t_days, dtype=float)
    cols = [
        "cluster",
        "n_events",
        "first_day",
        "last_day",
        "x",
        "y",
        "xmin",
        "ymin",
        "xmax",
        "ymax",
        "categories",
    ]
    ok = np.isfinite(x) & np.isfinite(y) & np.isfinite(t)
    idx = np.flatnonzero(ok)
    if len(idx) < min_events:
        return pd.DataFrame(columns=cols)
    tree = cKDTree(np.column_stack([x[idx], y[idx]]))
    pr = tree.query_pairs(r=distance_m, output_type="ndarray")
    near = np.abs(t[idx][pr[:, 0]] - t[idx][pr[:, 1]]) <= days
    pr = pr[near]
    m = len(idx)
    g = sparse.coo_matrix((np.ones(len(pr)), (pr[:, 0], pr[:, 1])), shape=(m, m))
    _, label = connected_components(g, directed=False)
    sizes = np.bincount(label)
    latest = t[idx].max()
    rows = []
    for lab in np.flatnonzero(sizes >= min_events):
        mem = idx[label == lab]
        first = t[mem].min()
        if since_days is not None and first < latest - since_days:
            continue
        cat = ""
        if categories is not None:
            vc = pd.Series(np.asarray(categories)[mem]).astype(str).value_counts()
            cat = "; ".join(f"{c} ({v})" for c, v in vc.head(3).items())
        rows.append(
            {
                "cluster": 0,
                "n_events": len(mem),
                "first_day": float(first),
                "last_day": float(t[mem].max()),
                "x": float(x[mem].mean()),
                "y": float(y[mem].mean()),
                "xmin": float(x[mem].min()),
                "ymin": float(y[mem].min()),
                "xmax": float(x[mem].max()),
                "ymax": float(y[mem].max()),
                "categories": cat,
            }
        )
    out = pd.DataFrame(rows, columns=cols)
    if len(out):
        out = out.sort_values("n_events", ascending=False).reset_index(drop=True)
        out["cluster"] = np.arange(1, len(out) + 1)
    return out
