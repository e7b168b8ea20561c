"""Sections shared by the tactical assessment and the problem profile.

Each builder reads a :class:`~workstation.reports.context.Context`, calls the
analysis functions, keeps their result objects in ``ctx.results`` and writes
text, tables and figures whose every number is read from those results.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import shapely

from layers.kinds import LayerKind
from layers.layer import Layer
from workstation import styling
from workstation.analysis.grid import Grid
from workstation.analysis.hotspots import cells_within, getis_ord_hotspots
from workstation.analysis.repeat import knox_test, layer_days, repeat_places
from workstation.reports import figures
from workstation.reports.compare import TOO_FEW, Window, compare_many
from workstation.reports.context import Context, is_dated
from workstation.reports.model import Figure, Section, Table, Text

KNOX_SPACE_M = (0.0, 100.0, 200.0, 400.0)
KNOX_DAYS = (0.0, 7.0, 14.0, 28.0)
MONTH_NOTE = (
    "{name} has month precision (data.police.uk): it has no times of day or days, "
    "so nothing here is said about hours, days of the week or near-repeat windows "
    "from it."
)


def colour_of(category: str, layer: Layer | None = None) -> str:
    """The map's colour for a category (the layer's style first)."""
    if layer is not None:
        mine = (layer.style or {}).get("category_colors") or {}
        if category in mine:
            return str(mine[category])
        if (layer.style or {}).get("mode") == "single" and layer.style.get("color"):
            return str(layer.style["color"])
    return styling.CRIME_TYPE_COLOURS.get(category) or styling.stable_colour(category)


def fmt_level(v: float) -> str:
    """An expected level: one decimal under 100, whole numbers above."""
    if v is None or not math.isfinite(v):
        return "-"
    return f"{v:,.1f}" if abs(v) < 100 else f"{v:,.0f}"


def fmt_p(p: float) -> str:
    if p is None or not math.isfinite(p):
        return "-"
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


def rows_in(layer: Layer, window: Window) -> np.ndarray:
    return np.flatnonzero(window.mask(layer.times_ns))


def inside(layer: Layer, rows: np.ndarray, geom) -> np.ndarray:
    """The rows whose points lie inside ``geom``."""
    xy = layer.xy[rows]
    return rows[shapely.contains_xy(geom, xy[:, 0], xy[:, 1])]


# -- period and comparison ------------------------------------------------------
def _covered(layer: Layer, window: Window) -> bool:
    """Whether the layer's history reaches back to the start of ``window``."""
    first = pd.Timestamp(int(layer.times_ns[0]), unit="ns", tz="UTC")
    return first <= window.start.tz_convert("UTC")


def period_table(ctx: Context, layer: Layer, top: int = 8) -> tuple[Table, list]:
    """The period against the previous one and the same period last year."""
    w, prev = ctx.window_of(layer), ctx.previous_of(layer)
    year = w.shifted(years=1)
    ns = layer.times_ns
    cats = layer.frame["category"].astype(str).to_numpy()
    now, before, ly = w.mask(ns), prev.mask(ns), year.mask(ns)
    counts = pd.Series(cats[now]).value_counts()
    names = ["All categories"]
    if len(np.unique(cats)) > 1:  # one category: its row would repeat the total
        names += counts.index[:top].tolist()

    def n(mask: np.ndarray, name: str) -> int:
        return int(
            mask.sum() if name == "All categories" else (mask & (cats == name)).sum()
        )

    a = compare_many(
        [(nm, n(now, nm), n(before, nm)) for nm in names],
        w.label, prev.label, exposure=w.days / prev.days,
    )  # fmt: skip
    b = compare_many(
        [(nm, n(now, nm), n(ly, nm)) for nm in names], w.label, year.label,
        exposure=w.days / year.days,
    )  # fmt: skip
    has_year = _covered(layer, year)
    rows = []
    for ca, cb in zip(a, b, strict=True):
        rows.append(
            (
                ca.what,
                f"{ca.current:,}",
                f"{ca.previous:,}",
                cell(ca),
                f"{cb.previous:,}" if has_year else "no data",
                cell(cb) if has_year else "no data a year earlier",
            )
        )
    table = Table(
        ("Category", w.label, prev.label, "Change", year.label, "Change"),
        tuple(rows),
        f"{layer.name}: {w.label} against the period before and the same period "
        "a year earlier (exact Poisson tests, BH-corrected within each column).",
    )
    return table, [*a, *(b if has_year else [])]


def cell(c) -> str:
    if c.too_few:
        return "too few to judge"
    pct = f"{(c.current / c.previous - 1) * 100:+,.0f} %, " if c.previous else ""
    return f"{pct}adjusted p {fmt_p(c.p_fdr)}: {c.direction}"


def period_section(ctx: Context) -> Section:
    """The period, and each layer's counts against the period before and last year."""
    blocks: list[Any] = []
    for lyr in ctx.events:
        table, changes = period_table(ctx, lyr)
        ctx.results.setdefault("period_changes", {})[lyr.name] = changes
        blocks.append(table)
        total = [c for c in changes if c.what == "All categories"]
        moving = [
            c
            for c in changes
            if c.what != "All categories" and c.direction.startswith("a significant")
        ]
        blocks.append(Text(" ".join(c.sentence() for c in total + moving)))
        if not is_dated(lyr):
            blocks.append(Text(MONTH_NOTE.format(name=lyr.name), "note"))
    dated = [lyr.name for lyr in ctx.events if is_dated(lyr)]
    intro = f"Period assessed: {ctx.period.label} ({ctx.period.days:g} days)"
    if dated:
        intro += f" for the dated layers ({', '.join(dated)})"
        if ctx.month is not None:
            intro += f"; {ctx.month.label} for the month-precision layers"
    else:
        intro = (
            f"Period assessed: {ctx.period.label}, the latest month (every layer has "
            "month precision, so the period cannot be cut into days)"
        )
    return Section("Period and comparison", (Text(intro + "."), *blocks))


# -- hot spots ----------------------------------------------------------------------
def hotspot_result(
    ctx: Context, layer: Layer, rows: np.ndarray, cell_m: float = 500.0, within=None
):
    """Gi* of the layer's events in ``rows`` on a grid over the study area."""
    xy = layer.xy[rows]
    ok = np.isfinite(xy).all(axis=1)
    xy = xy[ok]
    area = within if within is not None else ctx.study_area()
    bounds = (
        shapely.bounds(area) if area is not None else (*xy.min(axis=0), *xy.max(axis=0))
    )
    grid = Grid.covering(tuple(bounds), cell_m)
    mask = cells_within(grid, [area]) if area is not None else None
    counts = grid.counts(xy[:, 0], xy[:, 1])
    return getis_ord_hotspots(counts, grid, mask=mask), grid


def hotspot_blocks(
    ctx: Context, layer: Layer, window: Window, key: str, within=None
) -> list[Any]:
    rows = rows_in(layer, window)
    if len(rows) < TOO_FEW:
        return [
            Text(
                f"{layer.name}: {len(rows)} events in {window.label}: too few to judge hot spots."
            )
        ]
    hs, grid = hotspot_result(ctx, layer, rows, within=within)
    ctx.results[key] = hs
    s = hs.summary
    hot = [c for c in ("hot_99", "hot_95", "hot_90") if s.get(c)]
    n_hot = sum(s.get(c, 0) for c in ("hot_99", "hot_95", "hot_90"))
    text = (
        f"{layer.name}, {window.label}: {len(rows):,} events on {grid.cell_m:g} m cells; "
        f"{n_hot} cells are hot spots (Getis-Ord Gi*, FDR {hs.fdr:g}"
        + (
            ": "
            + ", ".join(
                f"{s[c]} at {styling.HOTSPOT_CLASS_LABELS[c].split(', ')[1]}"
                for c in hot
            )
            if hot
            else ""
        )
        + ")."
    )
    blocks: list[Any] = [Text(text)]
    cls = hs.hotspot_class.ravel()
    sig = np.flatnonzero(
        np.char.startswith(cls.astype(str), "hot")
        | np.char.startswith(cls.astype(str), "cold")
    )
    if len(sig):
        polys = grid.polygons(sig)
        blocks.append(
            Figure(
                figures.class_map(polys, cls[sig].astype(str).tolist(), ctx.outlines()),
                f"Hot and cold spots of {layer.name}, {window.label} (Gi*, {grid.cell_m:g} m cells; "
                "colours as on the map).",
            )
        )
        blocks.append(_hot_table(ctx, hs, grid))
    return blocks


def _hot_table(ctx: Context, hs, grid: Grid, top: int = 8) -> Table:
    z = np.nan_to_num(hs.z.ravel(), nan=-np.inf)
    cls = hs.hotspot_class.ravel().astype(str)
    order = [i for i in np.argsort(-z) if cls[i].startswith("hot")][:top]
    xs, ys = grid.centres()
    rows = []
    for i in order:
        x, y = float(xs.ravel()[i]), float(ys.ravel()[i])
        rows.append(
            (
                f"E {x - grid.cell_m / 2:.0f}, N {y - grid.cell_m / 2:.0f}",
                area_name_at(ctx, x, y),
                f"{hs.counts.ravel()[i]:,.0f}",
                f"{hs.z.ravel()[i]:.2f}",
                fmt_p(float(hs.p_fdr.ravel()[i])),
                styling.HOTSPOT_CLASS_LABELS.get(cls[i], cls[i]),
            )
        )
    return Table(
        ("Cell (SW corner)", "Area", "Events", "Gi* z", "p (FDR)", "Class"),
        tuple(rows),
        "The hottest cells.",
    )


def area_name_at(ctx: Context, x: float, y: float) -> str:
    if ctx.areas is None:
        return "-"
    geoms = np.asarray(ctx.areas.frame.geometry.values)
    hit = np.flatnonzero(shapely.contains_xy(geoms, x, y))
    return str(ctx.areas.frame["area_name"].iloc[hit[0]]) if len(hit) else "-"


# -- repeats -------------------------------------------------------------------------
def repeat_blocks(
    ctx: Context, layer: Layer, window: Window, key: str, within=None
) -> list[Any]:
    rows = rows_in(layer, window)
    if within is not None:
        rows = inside(layer, rows, within)
    rp = repeat_places(layer, rows=rows, min_events=3, top=8)
    ctx.results[key] = rp
    blocks: list[Any] = [
        Text(
            f"{layer.name}, {window.label}: {rp.n_repeat_places:,} places with 3 or more events "
            f"({rp.n_in_repeats:,} of {rp.n_events:,} events)."
        )
    ]
    if not is_dated(layer):
        blocks.append(
            Text(
                "Points of month-precision data are snapped to nearby map points: a "
                "repeat place may be several addresses near one point.",
                "note",
            )
        )
    if len(rp.table):
        t = rp.table
        blocks.append(
            Table(
                ("Place", "Events", "Categories", "First", "Last"),
                tuple(
                    (
                        str(r.location),
                        f"{r.events:,}",
                        _top_categories(str(r.categories)),
                        str(r.first),
                        str(r.last),
                    )
                    for r in t.itertuples(index=False)
                ),
                f"Repeat places of {layer.name}, {window.label}.",
            )
        )
    return blocks


def _top_categories(text: str, k: int = 4) -> str:
    parts = text.split("; ")
    more = f"; and {len(parts) - k} more" if len(parts) > k else ""
    return "; ".join(parts[:k]) + more


def knox_blocks(ctx: Context, layer: Layer, end: pd.Timestamp, key: str) -> list[Any]:
    """Near-repeat risk windows from the layer's last year (dated layers only)."""
    if not is_dated(layer):
        return [Text(MONTH_NOTE.format(name=layer.name), "note")]
    year = Window(end - pd.DateOffset(years=1), end)
    rows = rows_in(layer, year)
    if len(rows) < 2 * TOO_FEW:
        return [
            Text(
                f"{layer.name}: {len(rows)} events in the last year: too few to judge near repeats."
            )
        ]
    xy = layer.xy[rows]
    days = layer_days(layer)[rows]
    kr = knox_test(
        xy[:, 0], xy[:, 1], days, space_bands_m=KNOX_SPACE_M, time_bands_days=KNOX_DAYS,
        permutations=99, seed=1,
    )  # fmt: skip
    ctx.results[key] = kr
    sig = kr.significant()
    ctx.notes.append((f"Near repeats ({layer.name})", kr.method_note))
    if not len(sig):
        return [
            Text(
                f"{layer.name}, {year.label}: no distance and time band holds more pairs "
                f"than chance (Knox test, {kr.n_events:,} events, 99 permutations, p < 0.05)."
            )
        ]
    few = sig[sig["observed"] < TOO_FEW]
    sig = sig[sig["observed"] >= TOO_FEW]
    if not len(sig):
        return [
            Text(
                f"{layer.name}, {year.label}: only bands with fewer than {TOO_FEW} "
                "pairs hold more pairs than chance: too few to judge near repeats."
            )
        ]
    items = [
        f"within {r.space_band} and {r.time_band}: {r.observed:,.0f} pairs against "
        f"{r.expected:,.1f} expected (Knox ratio {r.knox_ratio:.2f}, p {fmt_p(r.p_value)})"
        for r in sig.itertuples(index=False)
    ]
    return [
        Text(
            f"{layer.name}, {year.label} ({kr.n_events:,} events, Knox test, 99 "
            "permutations): more pairs than chance close in space and time, so after "
            "an event the risk nearby is raised for a while: "
            + "; ".join(items)
            + "."
            + (
                f" ({len(few)} further bands with fewer than {TOO_FEW} pairs: too few "
                "to judge.)"
                if len(few)
                else ""
            )
        )
    ]


# -- demand ---------------------------------------------------------------------------
GRADES = {
    1: "Grade 1 (emergency)",
    2: "Grade 2 (priority)",
    3: "Grade 3 (scheduled)",
    4: "Grade 4 (no deployment)",
}


def hour_of_week_counts(layer: Layer, rows: np.ndarray, tz: str) -> np.ndarray:
    local = pd.to_datetime(layer.times_ns[rows], utc=True).tz_convert(tz)
    m = np.zeros((7, 24))
    np.add.at(m, (np.asarray(local.day_of_week), np.asarray(local.hour)), 1)
    return m


def demand_blocks(
    ctx: Context, layer: Layer, window: Window, prev: Window, key: str, within=None
) -> list[Any]:
    if not is_dated(layer):
        return [Text(MONTH_NOTE.format(name=layer.name), "note")]
    now, before = rows_in(layer, window), rows_in(layer, prev)
    if within is not None:
        now, before = inside(layer, now, within), inside(layer, before, within)
    blocks: list[Any] = []
    if not _covered(layer, prev):
        blocks.append(
            Text(
                f"{layer.name} has no data for {prev.label}, so no change against it "
                "can be stated.",
                "note",
            )
        )
    elif "grade" in layer.frame:
        g = pd.to_numeric(layer.frame["grade"], errors="coerce").to_numpy()
        items = [
            (GRADES[k], int((g[now] == k).sum()), int((g[before] == k).sum()))
            for k in GRADES
        ]
        items.append(("All calls", len(now), len(before)))
        changes = compare_many(
            items, window.label, prev.label, exposure=window.days / prev.days
        )
        ctx.results[key + "_grades"] = changes
        blocks.append(
            Table(
                ("Grade", window.label, prev.label, "Change"),
                tuple(
                    (c.what, f"{c.current:,}", f"{c.previous:,}", cell(c))
                    for c in changes
                ),
                f"{layer.name} by grade (exact Poisson tests, BH-corrected).",
            )
        )
        moving = [c for c in changes if c.direction.startswith("a significant")]
        blocks.append(
            Text(
                " ".join(c.sentence() for c in moving)
                if moving
                else "No grade changed beyond chance: " + changes[-1].sentence()
            )
        )
    how = hour_of_week_counts(layer, now, ctx.tz)
    ctx.results[key + "_how"] = how
    blocks.append(
        Figure(
            figures.hour_of_week(how, f"{layer.name}, {window.label}"),
            f"{layer.name} by hour of week, {window.label} ({len(now):,} calls, local time).",
        )
    )
    if len(now) >= TOO_FEW:
        d, h = np.unravel_index(int(np.argmax(how)), how.shape)
        blocks.append(
            Text(
                f"Busiest hour of the week: {figures.DAYS[d]} {h:02d}:00-{h + 1:02d}:00 with {how[d, h]:,.0f} of {len(now):,} calls."
            )
        )
    if _covered(layer, prev):
        blocks.append(_daypart_table(ctx, layer, now, before, window, prev, key))
    return blocks


def _daypart_table(ctx, layer, now, before, window, prev, key) -> Table:
    def parts(rows):
        h = np.asarray(
            pd.to_datetime(layer.times_ns[rows], utc=True).tz_convert(ctx.tz).hour
        )
        return np.bincount(h // 4, minlength=6)

    a, b = parts(now), parts(before)
    items = [
        (f"{4 * i:02d}:00-{4 * i + 4:02d}:00", int(a[i]), int(b[i])) for i in range(6)
    ]
    changes = compare_many(
        items, window.label, prev.label, exposure=window.days / prev.days
    )
    ctx.results[key + "_dayparts"] = changes
    return Table(
        ("Time of day", window.label, prev.label, "Change"),
        tuple((c.what, f"{c.current:,}", f"{c.previous:,}", cell(c)) for c in changes),
        f"What changed by time of day ({layer.name}; exact Poisson tests, BH-corrected).",
    )


# -- assets --------------------------------------------------------------------------
def assets_near(
    ctx: Context, geom, metres: float = 250.0
) -> list[tuple[str, str, float]]:
    """(name, type, distance m) of community assets within ``metres`` of ``geom``."""
    out = []
    for lyr in ctx.assets:
        geoms = np.asarray(lyr.frame.geometry.values)
        d = shapely.distance(geoms, geom)
        for i in np.flatnonzero(d <= metres):
            out.append(
                (
                    str(lyr.frame["name"].iloc[i]),
                    str(lyr.frame["asset_type"].iloc[i]),
                    float(d[i]),
                )
            )
    return sorted(out, key=lambda t: t[2])


def asset_points(ctx: Context) -> np.ndarray:
    parts = [lyr.xy for lyr in ctx.assets if len(lyr)]
    return np.vstack(parts) if parts else np.zeros((0, 2))


def source_layers(ctx: Context) -> list[Layer]:
    return [*ctx.events, *ctx.boundaries, *ctx.assets]


def crime_layers(ctx: Context) -> list[Layer]:
    return [lyr for lyr in ctx.events if lyr.kind == LayerKind.CRIME]
