"""The tactical assessment (National Intelligence Model): what is rising, where,
when, who is at risk, what to do next, and how last period's tasking did.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import shapely

from layers.progress import Progress, SubProgress, check
from layers.project import Project
from workstation.analysis.scan import ALL, ScanResult, horizon_scan, period_series
from workstation.reports import figures, sections
from workstation.reports.compare import METHOD_NOTE, TOO_FEW
from workstation.reports.context import Context, build_context, is_dated, layer_source
from workstation.reports.model import Bullets, Figure, Report, Section, Table, Text
from workstation.reports.tasking import saved_plans, tasking_blocks

DETAILED = 6  # scan items with a map inset and a sparkline
ASSET_M = 250.0


def build_assessment(
    project: Project,
    *,
    period: int | str = 14,
    areas: str | None = None,
    end: pd.Timestamp | None = None,
    progress: Progress | None = None,
) -> Report:
    """Draft a tactical assessment of the project's latest period.

    Parameters
    ----------
    project
        A project with at least one dated crime or calls layer.
    period
        Days (``14``) or ``"month"``; month-precision layers are assessed on
        their latest calendar month whatever the period.
    areas
        Name or id of the boundary layer for the scan and the area names
        (default: wards, the boundary layer with 10-100 areas).
    end
        End of the period (default: the midnight after the last dated event).

    Returns
    -------
    Report
        The sections, with every result object they were built from in
        ``results`` and the methods in ``method_notes``.
    """
    ctx = build_context(project, period, areas=areas, end=end)
    check(progress, 0.05, "horizon scan")
    scan = horizon_scan(
        ctx.events,
        areas=[ctx.areas] if ctx.areas is not None else [],
        end=ctx.period.end,
        progress=SubProgress(progress, 0.05, 0.6),
    )
    ctx.results["scan"] = scan
    ctx.warnings.extend(scan.warnings)
    ctx.notes.append(("Horizon scan", scan.method_note))
    ctx.notes.append(("Period comparisons", METHOD_NOTE))
    check(progress, 0.6, "period")
    body = [sections.period_section(ctx), _scan_section(ctx, scan)]
    check(progress, 0.7, "hot spots")
    body.append(_hotspot_section(ctx, scan))
    check(progress, 0.8, "repeats")
    body.append(_repeat_section(ctx))
    body.append(_demand_section(ctx))
    body.append(_asset_section(ctx, scan))
    body.append(_tasking_section(ctx))
    body.append(_recommendations(ctx, scan))
    check(progress, 1.0, "drafted")
    meta = project.metadata
    return Report(
        kind="Tactical assessment",
        title=f"Tactical assessment: {meta.title}",
        subtitle=f"Period {ctx.period.label}; drafted from the project by the Analyst Workstation",
        sections=(_summary(ctx, scan), *body),
        method_notes=tuple(ctx.notes),
        sources=tuple(layer_source(lyr, ctx.tz) for lyr in sections.source_layers(ctx)),
        warnings=tuple(dict.fromkeys(ctx.warnings)),
        results=ctx.results,
        inputs=tuple(sections.source_layers(ctx)),
    )


# -- summary ---------------------------------------------------------------------------
def _summary(ctx: Context, scan: ScanResult) -> Section:
    sig = scan.significant()
    strong = sig[(sig["item"] != "count") | (sig["observed"] >= TOO_FEW)]
    items = [str(m) for m in strong["message"].head(3)]
    text = (
        f"The horizon scan ran {scan.n_tests:,} tests; {len(sig):,} "
        f"{'item rises' if len(sig) == 1 else 'items rise'} beyond "
        f"what their history predicts (false discovery rate {scan.params['fdr']:g})"
    )
    few = len(sig) - len(strong)
    if few:
        text += f", {few:,} of them with fewer than {TOO_FEW} events (too few to judge on their own)"
    blocks: list[Any] = [Text(text + ".")]
    if items:
        blocks.append(
            Text(
                "The leading rises (ranked by harm-weighted excess; calls, which "
                "carry no harm weight, by excess events):"
            )
        )
        blocks.append(Bullets(tuple(items)))
    else:
        blocks.append(
            Text("Nothing rises beyond chance in the period: no rise to brief on.")
        )
    moved = [
        c.sentence()
        for cs in ctx.results.get("period_changes", {}).values()
        for c in cs
        if c.direction.startswith("a significant")
    ]
    if moved:
        blocks.append(Text("Changes on the period before or a year earlier:"))
        blocks.append(Bullets(tuple(moved)))
    return Section("Summary", tuple(blocks))


# -- horizon scan ----------------------------------------------------------------------
def item_geometry(ctx: Context, r: Any) -> Any:
    """The area of a scan item: its boundary polygon, else its cell's box (None: whole area)."""
    for lyr in ctx.boundaries:
        if lyr.name == r.area_type:
            hit = lyr.frame[lyr.frame["area_code"].astype(str) == str(r.area_code)]
            if len(hit):
                return hit.geometry.iloc[0]
    if r.area_type == "whole area" or not math.isfinite(r.xmin):
        return None
    return shapely.box(r.xmin, r.ymin, r.xmax, r.ymax)


def _item_rows(ctx: Context, r: Any, geom: Any) -> tuple[Any, np.ndarray]:
    lyr = next(lyr for lyr in ctx.events if lyr.name == r.layer)
    keep = np.ones(len(lyr), dtype=bool)
    if r.category != ALL:
        keep &= lyr.frame["category"].astype(str).to_numpy() == r.category
    if geom is not None:
        xy = lyr.xy
        keep &= shapely.contains_xy(geom, xy[:, 0], xy[:, 1])
    return lyr, np.flatnonzero(keep)


def _item_section(ctx: Context, r: Any) -> Section:
    geom = item_geometry(ctx, r)
    lyr, rows = _item_rows(ctx, r, geom)
    per = "month" if lyr.time_precision == "month" else "28d"
    idx, starts = _series(lyr, rows, per, ctx)
    blocks: list[Any] = [Text(f"{r.message}. Test: {r.test}.")]
    if r.item == "count" and r.observed < TOO_FEW:
        blocks.append(
            Text(
                f"{r.observed:g} events, fewer than {TOO_FEW}: too few to judge on its own; a pointer, not a finding.",
                "note",
            )
        )
    if r.item == "count" and geom is not None:
        w = ctx.window_of(lyr)
        now = rows[w.mask(lyr.times_ns[rows])]
        colour = (
            sections.colour_of(str(r.category), lyr) if r.category != ALL else "#d7191c"
        )
        png = figures.item_panel(
            shapely.bounds(geom), outlines=ctx.outlines(), highlight=geom,
            points=lyr.xy[now], colour=colour, assets=sections.asset_points(ctx),
            values=idx, labels=starts, expected=float(r.expected),
        )  # fmt: skip
        blocks.append(
            Figure(
                png,
                f"{r.area_name}: {r.category} in the latest period (dots), community assets (triangles); right: events per {'month' if per == 'month' else '28 days'}, the expected level marked.",
            )
        )
    title = f"{int(r.rank)}. {r.category}, {r.area_name}"
    return Section(title, tuple(blocks))


def _series(
    lyr, rows: np.ndarray, per: str, ctx: Context, keep: int = 13
) -> tuple[list[float], list[str]]:
    if not len(rows):
        return [], []
    # the periods of the whole layer, so every sparkline shares one calendar
    idx, starts, _ends = period_series(
        lyr.times_ns, period=per, tz=ctx.tz, end=ctx.period.end
    )
    idx = idx[rows]
    counts = np.bincount(idx[idx >= 0], minlength=len(starts)).astype(float)
    fmt = "%b %Y" if per == "month" else "%d %b %Y"
    return counts[-keep:].tolist(), [f"{s:{fmt}}" for s in starts[-keep:]]


def detailed_items(scan: ScanResult) -> pd.DataFrame:
    """The significant items with enough events to judge (the detailed ones)."""
    sig = scan.significant()
    enough = (sig["item"] != "count") | (sig["observed"] >= TOO_FEW)
    return sig[enough].head(DETAILED)


def _scan_section(ctx: Context, scan: ScanResult) -> Section:
    sig = scan.significant()
    periods = "; ".join(f"{k}: {_span(a, b)}" for k, (a, b) in scan.periods.items())
    blocks: list[Any] = [
        Text(
            f"Each layer's latest period ({periods}) is tested against the level its own "
            "history predicts (same period last year, seasonal trend or recent mean, as "
            "each sentence says); items are ranked by harm-weighted excess."
        )
    ]
    detailed = detailed_items(scan)
    children = [_item_section(ctx, r) for r in detailed.itertuples(index=False)]
    more: list[Any] = []
    rest = sig.drop(index=detailed.index).head(20)
    if len(rest):
        more.append(
            Table(
                ("#", "Rising significantly"),
                tuple(
                    (str(int(r.rank)), str(r.message))
                    for r in rest.itertuples(index=False)
                ),
                "Further significant items; those with fewer than "
                f"{TOO_FEW} events are too few to judge on their own.",
            )
        )
    if not len(sig):
        blocks.append(
            Text(
                "Nothing rises beyond chance (no item passes the false discovery rate)."
            )
        )
    tested = scan.tested()
    watch = int((~tested["significant"].astype(bool)).sum())
    more.append(
        Text(
            f"{watch:,} further items rise but not beyond chance: worth watching, not acting on.",
            "note",
        )
    )
    chains = scan.untested()
    if len(chains):
        more.append(
            Table(
                ("#", "New near-repeat chain (no significance test)"),
                tuple(
                    (str(int(r.rank)), str(r.message))
                    for r in chains.head(8).itertuples(index=False)
                ),
                "Near-repeat chains are patterns to look at, not tested rises.",
            )
        )
    children.append(Section("Other rising items", tuple(more)))
    return Section("What is rising: the horizon scan", tuple(blocks), tuple(children))


def _span(a: str, b: str) -> str:
    s, e = pd.Timestamp(a), pd.Timestamp(b) - pd.Timedelta(days=1)
    if (
        s.day == 1
        and (e + pd.Timedelta(days=1)).day == 1
        and (s.year, s.month) == (e.year, e.month)
    ):
        return f"{s:%B %Y}"
    return f"{s:%d %b} to {e:%d %b %Y}"


# -- hot spots, repeats, demand ------------------------------------------------------
def _hotspot_section(ctx: Context, scan: ScanResult) -> Section:
    crimes = sections.crime_layers(ctx) or ctx.events
    lyr = max(crimes, key=lambda x: len(sections.rows_in(x, ctx.window_of(x))))
    blocks = sections.hotspot_blocks(ctx, lyr, ctx.window_of(lyr), "hotspots")
    if "hotspots" in ctx.results:
        ctx.notes.append(
            (f"Hot spots ({lyr.name})", ctx.results["hotspots"].method_note)
        )
    em = scan.table[
        (scan.table["item"] == "emerging hot spot")
        & scan.table["significant"].astype(bool)
    ]
    if len(em):
        blocks.append(Bullets(tuple(str(m) for m in em["message"].head(8))))
    else:
        blocks.append(
            Text(
                "No emerging hot spot (new, consecutive or intensifying) passes the horizon scan's correction."
            )
        )
    return Section("Hot spots and emerging hot spots", tuple(blocks))


def _repeat_section(ctx: Context) -> Section:
    blocks: list[Any] = []
    for lyr in ctx.events:
        blocks.extend(
            sections.repeat_blocks(ctx, lyr, ctx.window_of(lyr), f"repeats:{lyr.name}")
        )
    for lyr in sections.crime_layers(ctx):
        if is_dated(lyr):
            blocks.extend(
                sections.knox_blocks(ctx, lyr, ctx.period.end, f"knox:{lyr.name}")
            )
    if not any(is_dated(lyr) for lyr in sections.crime_layers(ctx)):
        blocks.append(
            Text(
                "No dated crime layer: near-repeat risk windows cannot be measured.",
                "note",
            )
        )
    return Section("Repeat locations and near repeats", tuple(blocks))


def _demand_section(ctx: Context) -> Section:
    calls = [lyr for lyr in ctx.events if lyr.kind.value == "demand"]
    if not calls:
        return Section("Demand", (Text("The project has no calls-for-service layer."),))
    blocks: list[Any] = []
    for lyr in calls:
        blocks.extend(
            sections.demand_blocks(
                ctx, lyr, ctx.window_of(lyr), ctx.previous_of(lyr), f"demand:{lyr.name}"
            )
        )
    return Section("Demand: calls by grade and hour of week", tuple(blocks))


def _asset_section(ctx: Context, scan: ScanResult) -> Section:
    rows = []
    for r in detailed_items(scan).itertuples(index=False):
        geom = item_geometry(ctx, r)
        if geom is None:
            continue
        for name, kind, d in sections.assets_near(ctx, geom, ASSET_M)[:5]:
            rows.append(
                (
                    str(int(r.rank)),
                    f"{r.category}, {r.area_name}",
                    name,
                    kind,
                    f"{d:,.0f} m",
                )
            )
    if not ctx.assets:
        return Section(
            "Community assets near the rising items",
            (Text("The project has no community assets layer."),),
        )
    if not rows:
        return Section(
            "Community assets near the rising items",
            (Text(f"No community asset within {ASSET_M:g} m of the rising items."),),
        )
    table = Table(
        ("#", "Rising item", "Asset", "Type", "Distance"),
        tuple(rows),
        f"Community assets within {ASSET_M:g} m of the areas of the rising items (0 m: inside).",
    )
    return Section("Community assets near the rising items", (table,))


def _tasking_section(ctx: Context) -> Section:
    return Section(
        "Last period's tasking", tasking_blocks(saved_plans(ctx.project, ctx.period))
    )


# -- recommendations -------------------------------------------------------------------
def _recommendations(ctx: Context, scan: ScanResult) -> Section:
    items = []
    sig = scan.significant()
    strong = sig[(sig["item"] == "count") & (sig["observed"] >= TOO_FEW)]
    for r in strong.head(3).itertuples(index=False):
        lyr = next(lyr for lyr in ctx.events if lyr.name == r.layer)
        when = _when(ctx, r, lyr)
        items.append(
            f"{r.category} in {r.area_name} ({r.observed:g} against {sections.fmt_level(r.expected)} "
            f"expected): consider problem-solving and visible patrol{when}; short, "
            "irregular visits of about 15 minutes (Koper) rather than long stays."
        )
    hs = ctx.results.get("hotspots")
    if hs is not None and hs.summary.get("hot_99"):
        items.append(
            f"The {hs.summary['hot_99']} hot spot cells at 99 % confidence: candidates for "
            "the patrol plan (workstation patrol), with dosage recorded so the next "
            "assessment can evaluate it."
        )
    if not items:
        items.append(
            "Nothing rises beyond chance: no new tasking is indicated by the data; keep current plans under review."
        )
    note = Text(
        "DRAFT recommendations, written from the sections above: the analyst's to edit, "
        "confirm or delete before issue.",
        "draft",
    )
    return Section("Recommendations (draft)", (note, Bullets(tuple(items), draft=True)))


def _when(ctx: Context, r: Any, lyr: Any) -> str:
    if not is_dated(lyr):
        return " (month-precision data: no times can be recommended from it)"
    geom = item_geometry(ctx, r)
    _l, rows = _item_rows(ctx, r, geom)
    rows = rows[ctx.window_of(lyr).mask(lyr.times_ns[rows])]
    if len(rows) < TOO_FEW:
        return ""
    how = sections.hour_of_week_counts(lyr, rows, ctx.tz)
    h = how.sum(axis=0)
    start = int(np.argmax(np.convolve(np.r_[h, h[:3]], np.ones(4), "valid")[:24]))
    share = sum(h[(start + i) % 24] for i in range(4)) / h.sum()
    return f" between {start:02d}:00 and {(start + 4) % 24:02d}:00 ({share:.0%} of its {len(rows)} events in {ctx.window_of(lyr).label})"
