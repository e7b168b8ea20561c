"""The problem profile of a place (SARA: scanning, analysis, response, assessment).

A long view (all history) of one area against the force and its peers (areas of
the same boundary layer with a similar IMD decile and population).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from layers.kinds import LayerKind
from layers.layer import Layer
from layers.progress import Progress, check
from layers.project import Project
from layers.validation import DataError
from workstation.analysis.grid import counts_per_polygon
from workstation.reports import figures, sections
from workstation.reports.compare import (
    METHOD_NOTE,
    TOO_FEW,
    RateComparison,
    Window,
    compare_many,
    rate_p,
)
from workstation.reports.context import Context, build_context, is_dated, layer_source
from workstation.reports.model import Bullets, Figure, Report, Section, Table, Text
from workstation.reports.tasking import NO_PLAN, saved_plans, tasking_blocks

PEER_POP = 0.25  # peers' population within this share of the area's


@dataclass(frozen=True)
class Area:
    """The profiled place: its polygon and, when it is one, its boundary row."""

    code: str
    name: str
    geom: Any
    layer: Layer | None
    population: float
    imd_decile: float


def resolve_area(project: Project, area: str) -> Area:
    """An area code of a boundary layer, or a polygon file; DataError otherwise."""
    for lyr in sorted(project.layers_of(LayerKind.BOUNDARY), key=len):
        hit = lyr.frame[lyr.frame["area_code"].astype(str) == area]
        if len(hit):
            row = hit.iloc[0]
            pop, imd = _area_figures(project, row.geometry, lyr, row)
            return Area(area, str(row["area_name"]), row.geometry, lyr, pop, imd)
    path = Path(area)
    if not path.exists():
        raise DataError(
            f"{area!r} is neither an area code of the project's boundary layers nor a file",
            column="--area",
        )
    from layers import readers

    lyr = readers.read(path, kind=LayerKind.BOUNDARY)
    lyr.frame = lyr.frame.to_crs(project.metadata.crs)
    geom = shapely.union_all(np.asarray(lyr.frame.geometry.values))
    if geom.is_empty:
        raise DataError("the file holds no polygon", source=str(path))
    pop, imd = _area_figures(project, geom, None, None)
    return Area(path.stem, path.stem, geom, None, pop, imd)


def _area_figures(
    project: Project, geom: Any, lyr: Layer | None, row: Any
) -> tuple[float, float]:
    """Population and IMD decile: the row's own, else from the LSOAs whose centre is inside."""
    if row is not None and "population" in row and pd.notna(row["population"]):
        imd = (
            float(row["imd_decile"])
            if "imd_decile" in row and pd.notna(row["imd_decile"])
            else np.nan
        )
        return float(row["population"]), imd
    for b in project.layers_of(LayerKind.BOUNDARY):
        if "population" not in b.frame or b is lyr:
            continue
        c = b.frame.geometry.representative_point()
        inside = shapely.contains_xy(geom, c.x.to_numpy(), c.y.to_numpy())
        if inside.any():
            pop = b.frame["population"].to_numpy(dtype=float)[inside]
            imd = np.nan
            if "imd_decile" in b.frame:
                d = b.frame["imd_decile"].to_numpy(dtype=float)[inside]
                ok = np.isfinite(d) & np.isfinite(pop)
                imd = (
                    float(np.round(np.average(d[ok], weights=pop[ok])))
                    if ok.any()
                    else np.nan
                )
            return float(np.nansum(pop)), imd
    return np.nan, np.nan


def area_table(project: Project, layer: Layer) -> pd.DataFrame:
    """The layer's areas with population and IMD decile (their own, else from LSOAs)."""
    fr = layer.frame
    if "population" in fr:
        out = fr[["area_code", "population", "geometry"]].copy()
        out["imd_decile"] = fr["imd_decile"] if "imd_decile" in fr else np.nan
        return out
    figs = [_area_figures(project, g, layer, None) for g in fr.geometry.values]
    out = fr[["area_code", "geometry"]].copy()
    out["population"] = [f[0] for f in figs]
    out["imd_decile"] = [f[1] for f in figs]
    return out


def peers_of(project: Project, area: Area) -> pd.DataFrame:
    """Areas of the same layer with the same IMD decile and a population within 25 %."""
    if area.layer is None or not np.isfinite(area.population):
        return pd.DataFrame()
    fr = area_table(project, area.layer)
    pop = fr["population"].astype(float)
    keep = (fr["area_code"].astype(str) != area.code) & (
        (pop - area.population).abs() <= PEER_POP * area.population
    )
    if np.isfinite(area.imd_decile):
        keep &= fr["imd_decile"].astype(float) == area.imd_decile
    return fr[keep]


def build_profile(
    project: Project, area: str, *, progress: Progress | None = None
) -> Report:
    """Draft a problem profile of one area (an area code or a polygon file)."""
    a = resolve_area(project, area)
    ctx = build_context(project, 365)
    year = ctx.period
    crimes = sections.crime_layers(ctx) or ctx.events
    main = max(crimes, key=len)
    ctx.results["area"] = a
    ctx.notes.append(("Comparisons", METHOD_NOTE))
    check(progress, 0.1, "scanning")
    scanning = _scanning(ctx, a, main, year)
    check(progress, 0.4, "analysis")
    analysis = _analysis(ctx, a, main, year)
    check(progress, 0.8, "response")
    body = (scanning, analysis, _response(ctx, a), _assessment(ctx, a))
    return Report(
        kind="Problem profile",
        title=f"Problem profile: {a.name} ({a.code})",
        subtitle=f"SARA profile over all history to {year.end - pd.Timedelta(days=1):%d %b %Y}; drafted from {project.metadata.title}",
        sections=body,
        method_notes=tuple(ctx.notes),
        sources=tuple(layer_source(lyr, ctx.tz) for lyr in sections.source_layers(ctx)),
        warnings=tuple(dict.fromkeys(ctx.warnings)),
        results=ctx.results,
        inputs=tuple(sections.source_layers(ctx)),
    )


# -- scanning ------------------------------------------------------------------------
def _force_population(ctx: Context, a: Area) -> float:
    lay = a.layer if a.layer is not None and "population" in a.layer.frame else None
    if lay is None:
        lay = next((b for b in ctx.boundaries if "population" in b.frame), None)
    return float(lay.frame["population"].sum()) if lay is not None else np.nan


def _scanning(ctx: Context, a: Area, lyr: Layer, year: Window) -> Section:
    w = ctx.window_of(lyr) if not is_dated(lyr) else year
    w = Window(w.end - pd.DateOffset(years=1), w.end)
    rows = sections.rows_in(lyr, w)
    xy = lyr.xy[rows]
    inside = shapely.contains_xy(a.geom, xy[:, 0], xy[:, 1])
    n_area, n_force = int(inside.sum()), len(rows)
    force_pop = _force_population(ctx, a)
    blocks: list[Any] = [
        Text(
            f"{a.name} ({a.code}): "
            + (
                f"population {a.population:,.0f}"
                if np.isfinite(a.population)
                else "population not known (no population joined to the boundaries)"
            )
            + (
                f", IMD decile {a.imd_decile:.0f} (1 most deprived)"
                if np.isfinite(a.imd_decile)
                else ", IMD decile not known"
            )
            + f". {lyr.name}, {w.label}: {n_area:,} events in the area of {n_force:,} in the force."
        )
    ]
    comps = []
    if np.isfinite(a.population) and force_pop > 0:
        exp = n_force * a.population / force_pop
        comps.append(
            RateComparison("Against the force", n_area, exp, rate_p(n_area, exp))
        )
        blocks.append(Text(comps[-1].sentence("force")))
    peers = peers_of(ctx.project, a)
    if len(peers):
        pc = counts_per_polygon(xy[:, 0], xy[:, 1], peers.geometry)
        pop = peers["population"].to_numpy(dtype=float)
        exp = pc.sum() / pop.sum() * a.population
        comps.append(
            RateComparison("Against its peers", n_area, exp, rate_p(n_area, exp))
        )
        ctx.results["peer_counts"] = pc
        blocks.append(
            Text(
                f"Peers: {len(peers)} areas of {a.layer.name} with "
                + ("the same IMD decile and " if np.isfinite(a.imd_decile) else "")
                + f"a population within {PEER_POP:.0%} of the area's ({pc.sum():,.0f} events, {pop.sum():,.0f} residents)."
            )
        )
        blocks.append(Text(comps[-1].sentence("peers'")))
    else:
        blocks.append(
            Text(
                "No peer areas (same IMD decile, population within 25 %) in the project.",
                "note",
            )
        )
    ctx.results["rates"] = comps
    ctx.results["profile_counts"] = {"area": n_area, "force": n_force, "window": w}
    return Section("Scanning: the place and its problem", tuple(blocks))


# -- analysis ------------------------------------------------------------------------
def _analysis(ctx: Context, a: Area, lyr: Layer, year: Window) -> Section:
    kids = [_mix(ctx, a, lyr), _trend(ctx, a, lyr)]
    w = Window(year.end - pd.DateOffset(years=1), year.end)
    wl = ctx.window_of(lyr) if not is_dated(lyr) else w
    wl = Window(wl.end - pd.DateOffset(years=1), wl.end)
    side = np.sqrt(max(a.geom.area, 1.0))
    cell = float(max(100.0, round(side / 8 / 50) * 50))
    hs_blocks = _within_hotspots(ctx, a, lyr, wl, cell)
    kids.append(Section("Hot spots inside the area", tuple(hs_blocks)))
    rep: list[Any] = []
    for e in ctx.events:
        ew = Window(ctx.window_of(e).end - pd.DateOffset(years=1), ctx.window_of(e).end)
        rep.extend(
            sections.repeat_blocks(ctx, e, ew, f"repeats:{e.name}", within=a.geom)
        )
    kids.append(Section("Repeat locations", tuple(rep)))
    dem: list[Any] = []
    for e in [e for e in ctx.events if e.kind == LayerKind.DEMAND]:
        prev = w.shifted(years=1)
        dem.extend(
            sections.demand_blocks(ctx, e, w, prev, f"demand:{e.name}", within=a.geom)
        )
    kids.append(_call_types(ctx, a))
    kids.append(
        Section(
            "Demand by grade and hour of week",
            tuple(dem) or (Text("No calls-for-service layer."),),
        )
    )
    assets = sections.assets_near(ctx, a.geom, 0.0)
    ctx.results["assets"] = assets
    kids.append(
        Section(
            "Community assets in the area",
            (
                Table(
                    ("Asset", "Type"),
                    tuple((n, t) for n, t, _d in assets)[:30],
                    f"{len(assets)} community assets inside the area.",
                ),
            )
            if assets
            else (Text("No community asset inside the area."),),
        )
    )
    return Section("Analysis", (), tuple(kids))


def _call_types(ctx: Context, a: Area, days: int = 28, top: int = 10) -> Section:
    """Call types in the area: the latest 28 days against the 28 before and the
    mean of the earlier 28-day periods.
    """
    blocks: list[Any] = []
    for e in ctx.events:
        if e.kind != LayerKind.DEMAND or not is_dated(e):
            continue
        w = Window(ctx.period.end - pd.Timedelta(days=days), ctx.period.end)
        prev = w.shifted()
        now = sections.inside(e, sections.rows_in(e, w), a.geom)
        before = sections.inside(e, sections.rows_in(e, prev), a.geom)
        cats = e.frame["category"].astype(str).to_numpy()
        counts = pd.Series(cats[now]).value_counts().head(top)
        items = [(c, int(n), int((cats[before] == c).sum())) for c, n in counts.items()]
        changes = compare_many(items, w.label, prev.label)
        base = _baseline(e, a, w, prev, cats, days)
        ctx.results[f"call_types:{e.name}"] = changes
        ctx.results[f"call_baseline:{e.name}"] = base
        rows = []
        for c in changes:
            b = base.get(c.what)
            rows.append(
                (c.what, f"{c.current:,}", f"{c.previous:,}", sections.cell(c),
                 "no earlier data" if b is None else f"{b.expected:,.1f}",
                 "-" if b is None else _rate_cell(b))
            )  # fmt: skip
        blocks.append(
            Table(
                (
                    "Call type",
                    w.label,
                    prev.label,
                    "Change",
                    "Earlier mean",
                    "Against the mean",
                ),
                tuple(rows),
                f"{e.name} in {a.name} by type: the latest 28 days against the 28 "
                "before (exact Poisson tests, BH-corrected) and against the mean of "
                "the earlier 28-day periods (exact Poisson test).",
            )
        )
        moving = [
            c.sentence() for c in changes if c.direction.startswith("a significant")
        ]
        moving += [
            b.sentence("earlier mean") for b in base.values()
            if b is not None and not b.too_few and b.p <= 0.05
        ]  # fmt: skip
        blocks.append(
            Text(" ".join(moving) if moving else "No call type changed beyond chance.")
        )
    if not blocks:
        blocks.append(Text("No dated calls-for-service layer."))
    return Section("Calls by type: the latest 28 days", tuple(blocks))


def _baseline(e: Layer, a: Area, w: Window, prev: Window, cats, days: int) -> dict:
    """Per call type: the latest count against the mean of the earlier 28-day periods."""
    t0 = pd.Timestamp(int(e.times_ns[0]), unit="ns", tz="UTC").tz_convert(w.start.tz)
    n_per = int((prev.start - t0) / pd.Timedelta(days=days))
    now = sections.inside(e, sections.rows_in(e, w), a.geom)
    if n_per < 1:
        return dict.fromkeys(pd.unique(cats[now]).tolist())
    hist = Window(prev.start - pd.Timedelta(days=days * n_per), prev.start)
    earlier = sections.inside(e, sections.rows_in(e, hist), a.geom)
    out: dict[str, RateComparison | None] = {}
    for c in pd.unique(cats[now]):
        n = int((cats[now] == c).sum())
        exp = float((cats[earlier] == c).sum()) / n_per
        out[str(c)] = RateComparison(f"{c} ({w.label})", n, exp, rate_p(n, exp))
    return out


def _rate_cell(b: RateComparison) -> str:
    if b.too_few:
        return "too few to judge"
    verdict = "no clear difference"
    if b.p <= 0.05:
        verdict = (
            "significantly higher" if b.count > b.expected else "significantly lower"
        )
    return f"p {sections.fmt_p(b.p)}: {verdict}"


def _within_hotspots(
    ctx: Context, a: Area, lyr: Layer, w: Window, cell: float
) -> list[Any]:
    rows = sections.inside(lyr, sections.rows_in(lyr, w), a.geom)
    if len(rows) < TOO_FEW:
        return [Text(f"{len(rows)} events in {w.label}: too few to judge hot spots.")]
    hs, grid = sections.hotspot_result(ctx, lyr, rows, cell_m=cell, within=a.geom)
    ctx.results["hotspots"] = hs
    ctx.notes.append((f"Hot spots ({lyr.name})", hs.method_note))
    s = hs.summary
    n_hot = sum(s.get(c, 0) for c in ("hot_99", "hot_95", "hot_90"))
    out: list[Any] = [
        Text(
            f"{lyr.name}, {w.label}: {len(rows):,} events on {cell:g} m cells inside the area; {n_hot} cells are hot spots within the area (Getis-Ord Gi*, FDR {hs.fdr:g})."
        )
    ]
    cls = hs.hotspot_class.ravel().astype(str)
    sig = np.flatnonzero(
        np.char.startswith(cls, "hot") | np.char.startswith(cls, "cold")
    )
    if len(sig):
        out.append(
            Figure(
                figures.class_map(grid.polygons(sig), cls[sig].tolist(), [a.geom]),
                f"Hot and cold spots inside {a.name} ({cell:g} m cells, colours as on the map).",
            )
        )
    return out


def _mix(ctx: Context, a: Area, lyr: Layer) -> Section:
    w = ctx.window_of(lyr) if not is_dated(lyr) else ctx.period
    w = Window(w.end - pd.DateOffset(years=1), w.end)
    rows = sections.rows_in(lyr, w)
    cats = lyr.frame["category"].astype(str).to_numpy()[rows]
    xy = lyr.xy[rows]
    inside = shapely.contains_xy(a.geom, xy[:, 0], xy[:, 1])
    area = pd.Series(cats[inside]).value_counts()
    force = pd.Series(cats).value_counts()
    ctx.results["mix"] = area
    if not len(area):
        return Section(
            "Crime mix", (Text(f"No events of {lyr.name} in the area in {w.label}."),)
        )
    top = area.head(10)
    rows_t = tuple(
        (c, f"{n:,}", f"{n / area.sum():.0%}", f"{force.get(c, 0) / force.sum():.0%}")
        for c, n in top.items()
    )
    png = figures.bars(
        list(top.index),
        top.to_numpy(),
        [sections.colour_of(c, lyr) for c in top.index],
        f"events, {w.label}",
    )
    return Section(
        "Crime mix",
        (
            Table(
                ("Category", "Events", "Share in the area", "Share in the force"),
                rows_t,
                f"{lyr.name}, {w.label}.",
            ),
            Figure(png, f"Crime mix of {a.name}, {w.label} (colours as on the map)."),
        ),
    )


def _trend(ctx: Context, a: Area, lyr: Layer) -> Section:
    ns = lyr.times_ns
    xy = lyr.xy
    inside = shapely.contains_xy(a.geom, xy[:, 0], xy[:, 1])
    local = pd.to_datetime(ns, utc=True).tz_convert(ctx.tz).tz_localize(None)
    month = local.to_period("M")
    all_m = pd.period_range(month.min(), month.max(), freq="M")
    area = (
        pd.Series(1, index=month[inside])
        .groupby(level=0)
        .sum()
        .reindex(all_m, fill_value=0)
    )
    force = (
        pd.Series(1, index=month).groupby(level=0).sum().reindex(all_m, fill_value=0)
    )
    ctx.results["trend"] = area
    share = area / force.replace(0, np.nan) * 100
    png = figures.trend(
        [str(p) for p in all_m],
        {f"{a.name}: events": area.to_numpy(dtype=float)},
        {f"{a.name}: events": "#d7191c"},
        "events per month",
    )
    blocks: list[Any] = [Figure(png, f"{lyr.name} in {a.name} per month, all history.")]
    if len(all_m) >= 24:
        last, prev = int(area.iloc[-12:].sum()), int(area.iloc[-24:-12].sum())
        ch = compare_many(
            [("Last 12 months against the 12 before", last, prev)],
            f"{all_m[-12]} to {all_m[-1]}",
            f"{all_m[-24]} to {all_m[-13]}",
        )[0]
        ctx.results["trend_change"] = ch
        blocks.append(Text(ch.sentence()))
        seas = area.groupby(area.index.month).mean()
        hi = int(seas.idxmax())
        blocks.append(
            Text(
                f"Seasonality: the busiest calendar month on average is {pd.Timestamp(2000, hi, 1):%B} ({seas.max():.1f} events against a monthly mean of {seas.mean():.1f}, over {len(all_m) // 12} years); a pattern to check, not a test."
            )
        )
        blocks.append(
            Text(
                f"Share of the force's events in the area, latest 12 months: {area.iloc[-12:].sum() / max(force.iloc[-12:].sum(), 1):.1%} (mean monthly share {share.iloc[-12:].mean():.1f} %)."
            )
        )
    else:
        blocks.append(
            Text(
                "Under two years of history: no year-on-year trend or seasonality.",
                "note",
            )
        )
    return Section("Trend and seasonality", tuple(blocks))


# -- response and assessment --------------------------------------------------------------
def _response(ctx: Context, a: Area) -> Section:
    past = _past_plans(ctx, a)
    mix = ctx.results.get("mix")
    items = []
    if mix is not None and len(mix) and mix.iloc[0] >= TOO_FEW:
        items.append(
            f"{mix.index[0]} is the largest problem ({mix.iloc[0]:,} events in the latest 12 months): consider a problem-solving plan with partners for it."
        )
    hs = ctx.results.get("hotspots")
    if hs is not None and hs.summary.get("hot_99"):
        items.append(
            f"Focus patrol on the {hs.summary['hot_99']} hot spot cells at 99 % confidence inside the area, short irregular visits of about 15 minutes."
        )
    if not items:
        items.append(
            "The data show no dominant problem or hot spot here: confirm the problem with partners before planning a response."
        )
    return Section(
        "Response",
        (
            *past,
            Text(
                "Responses drafted from the analysis: the analyst's to edit before issue.",
                "draft",
            ),
            Bullets(tuple(items), draft=True),
        ),
    )


def _area_plans(ctx: Context, a: Area) -> list[Any]:
    """Reviews of the saved patrol plans with a place in the area (all history)."""
    if "area_plans" not in ctx.results:
        ever = Window(pd.Timestamp("1900-01-01", tz=ctx.tz), ctx.period.end)
        ctx.results["area_plans"] = saved_plans(
            ctx.project, ever, where=lambda plan: _has_place_in(plan, a)
        )
    return ctx.results["area_plans"]


def _past_plans(ctx: Context, a: Area) -> tuple[Any, ...]:
    """The saved patrol plans with a place in the area, looked back on."""
    here = _area_plans(ctx, a)
    if not here:
        return (Text(NO_PLAN.replace("in the period", "for this area")),)
    return tasking_blocks(here)


def _has_place_in(plan: Any, a: Area) -> bool:
    """Whether any of a saved plan's places meets the area."""
    places = np.asarray(plan.frames["places"].geometry.values)
    return bool(shapely.intersects(a.geom, places).any())


def _assessment(ctx: Context, a: Area) -> Section:
    c = ctx.results["profile_counts"]
    peer = ctx.results.get("peer_counts")
    plans = _area_plans(ctx, a)
    first = (
        f"{len(plans)} saved patrol plan(s) with places in the area are evaluated under "
        "Response above (planned against delivered dosage and the WDD of their places)."
        if plans
        else "No intervention in the area is recorded, so there is nothing to evaluate yet."
    )
    text = (
        f"{first} Baseline for "
        f"a later evaluation (weighted displacement difference, WDD): {c['area']:,} events in the area in {c['window'].label}"
    )
    if peer is not None:
        text += f" against {peer.sum():,.0f} in its {len(peer)} peer areas as a control"
    return Section("Assessment", (Text(text + "."),))
