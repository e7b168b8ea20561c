"""From a project to a patrol plan: the pipeline the CLI and the GUI share (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from layers.filtering import hour_of_week
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.progress import Progress, SubProgress, check
from layers.project import Project
from workstation.analysis.forecast import forecast
from workstation.analysis.grid import Grid
from workstation.analysis.patrol import (
    DEFAULT_SHIFTS,
    Demand,
    PatrolPlan,
    Shift,
    plan_patrols,
)


@dataclass
class PlanInputs:
    crime: Layer
    demand: Layer | None
    assets: Layer | None
    boundary: Layer | None


def pick_inputs(project: Project, crime: str | None = None) -> PlanInputs:
    def find(kind: LayerKind, wanted: str | None = None) -> Layer | None:
        for lyr in project.layers:
            if lyr.kind == kind and (wanted is None or wanted in (lyr.id, lyr.name)):
                return lyr
        return None

    c = find(LayerKind.CRIME, crime) or (
        find(LayerKind.DEMAND, crime) if crime else None
    )
    if c is None:
        c = find(LayerKind.CRIME) or find(LayerKind.DEMAND)
    if c is None:
        raise ValueError("the project has no crime or demand layer to forecast from")
    boundary = None
    for lyr in project.layers_of(LayerKind.BOUNDARY):
        if "imd_decile" in lyr.frame:
            boundary = lyr
            break
    demand = None
    for lyr in project.layers_of(LayerKind.DEMAND):
        if lyr.time_precision == "second":
            demand = lyr
            break
    return PlanInputs(c, demand, find(LayerKind.ASSET), boundary)


def timed_demand(project: Project, inputs: PlanInputs) -> Demand | None:
    """Demand timed to the hour for the visit times: the demand layer (calls), else
    the forecast layer when its times are to the second; None when there is none.
    """
    lyr = inputs.demand
    if lyr is None and inputs.crime.time_precision == "second":
        lyr = inputs.crime
    if lyr is None:
        return None
    rows = project.filter.slice_for(lyr)
    if len(rows) == 0:
        return None
    when = pd.to_datetime(lyr.times_ns[rows], utc=True).tz_convert(lyr.timezone)
    monday = (when.normalize() - pd.to_timedelta(when.day_of_week, unit="D")).unique()
    period = (
        f"weeks from {monday.min():%d %b %Y} to {monday.max():%d %b %Y}, "
        f"{len(monday)} weeks"
    )
    return Demand(
        lyr.xy[rows],
        hour_of_week(lyr)[rows].astype(np.int64),
        source=f"{lyr.name!r}",
        period=period,
    )


def plan_for_project(
    project: Project,
    *,
    officer_hours: float,
    crime_layer: str | None = None,
    method: str = "sepp",
    cell_m: float = 150.0,
    harm: bool = True,
    area_cap: float = 0.02,
    max_places: int = 15,
    max_across_m: float = 250.0,
    shifts: tuple[Shift, ...] = DEFAULT_SHIFTS,
    visit_minutes: float = 15.0,
    revisit_gap_minutes: float = 120.0,
    speed_kmh: float = 5.0,
    roads=None,
    seed: int = 0,
    progress: Progress | None = None,
) -> tuple[PatrolPlan, dict[str, Any]]:
    """Forecast next period's (harm-weighted) risk from the project and plan patrols."""
    inputs = pick_inputs(project, crime_layer)
    layer = inputs.crime
    rows = project.filter.slice_for(layer)
    state = project.filter.state
    if state.window is not None:
        # forecast from everything up to the end of the window, not only inside it
        from dataclasses import replace

        rows = project.filter.slice_for(layer, replace(state, window=None))
        ns = layer.times_ns[rows]
        rows = rows[ns < state.window.end_ns]
    if len(rows) == 0:
        raise ValueError(f"no events in {layer.name!r} pass the filter")
    xy = layer.xy[rows]
    weights = None
    warn: list[str] = []
    if harm and "category" in layer.frame:
        from workstation.analysis.harm import harm_for

        weights = harm_for(layer.frame["category"].to_numpy()[rows], warnings_out=warn)
    step = "month" if layer.time_precision == "month" else "week"
    ext = None
    mask = None
    if inputs.boundary is not None:
        ext = Grid.covering(
            tuple(inputs.boundary.frame.total_bounds), cell_m, crs=str(layer.crs)
        )
        from workstation.analysis.hotspots import cells_within

        mask = cells_within(ext, inputs.boundary.frame.geometry)
    check(progress, 0.05, f"{method} forecast")
    fc = forecast(
        xy[:, 0],
        xy[:, 1],
        layer.times_ns[rows],
        method=method,
        cell_m=cell_m,
        step=step,
        extent=ext,
        weights=weights,
        tz=layer.timezone,
    )
    demand = timed_demand(project, inputs)
    assets = inputs.assets.frame if inputs.assets is not None else None
    boundaries = inputs.boundary.frame if inputs.boundary is not None else None
    plan = plan_patrols(
        fc.scores,
        fc.grid,
        officer_hours=officer_hours,
        area_cap=area_cap,
        max_places=max_places,
        shifts=shifts,
        visit_minutes=visit_minutes,
        revisit_gap_minutes=revisit_gap_minutes,
        speed_kmh=speed_kmh,
        demand=demand,
        max_across_m=max_across_m,
        crime_category=(
            layer.frame["category"].to_numpy(dtype=object)[rows]
            if "category" in layer.frame
            else None
        ),
        crime_times_ns=layer.times_ns[rows],
        crime_location=(
            layer.frame["location"].to_numpy(dtype=object)[rows]
            if "location" in layer.frame
            else None
        ),
        assets=assets,
        boundaries=boundaries,
        crime_xy=xy,
        crime_harm=weights,
        roads=roads,
        mask=mask,
        seed=seed,
        progress=SubProgress(progress, 0.3, 1.0),
    )
    context = {
        "crime_layer": layer.name,
        "crime_layer_id": layer.id,
        "demand_layer": inputs.demand.name if inputs.demand else None,
        "timing": plan.timing_note,
        "timing_evidence": plan.timing_evidence,
        "asset_layer": inputs.assets.name if inputs.assets else None,
        "boundary_layer": inputs.boundary.name if inputs.boundary else None,
        "forecast_method": method,
        "timezone": layer.timezone,
        "forecast_for": str(fc.target_start.date()),
        "step": step,
        "harm_weighted": weights is not None,
        "warnings": warn,
        "source_layers": [
            x.id for x in (layer, inputs.demand, inputs.assets, inputs.boundary) if x
        ],
    }
    return plan, context


def plan_layers(plan: PatrolPlan, context: dict[str, Any]) -> list[Layer]:
    """The plan as RESULT layers (places, stops, routes) for the map and the project."""
    prov = {
        "result_type": "patrol_plan",
        "analysis": "PatrolPlan",
        "params": plan.params,
        "source_layers": context.get("source_layers", []),
        "method_note": plan.method_note,
        "warnings": list(plan.warnings) + list(context.get("warnings", [])),
        "context": {k: v for k, v in context.items() if k != "source_layers"},
        "officer_minutes_used": plan.officer_minutes_used,
        "officer_minutes_budget": plan.officer_minutes_budget,
        "plan_id": plan.extras.get("plan_id"),
    }
    if plan.fairness is not None:
        prov["fairness"] = plan.fairness.round(4).to_dict("records")
    places = plan.places.copy()
    places["best_hours"] = places["best_hours"].astype(str)
    stops = plan.visits_gdf()
    for col in ("arrive_min",):
        stops[col] = stops[col].astype(float)
    out = [
        Layer(
            "Patrol plan: hot spots",
            LayerKind.RESULT,
            places,
            provenance={**prov, "part": "places"},
            style={
                "mode": "single",
                "fill": "#e31a1c",
                "fill_opacity": 0.35,
                "outline": "#b10026",
                "outline_width": 2.0,
            },
        ),
        Layer(
            "Patrol plan: stops",
            LayerKind.RESULT,
            stops,
            provenance={**prov, "part": "stops"},
            style={
                "mode": "single",
                "color": "#08519c",
                "size": 9.0,
                "symbol": "t",
                "label_column": "label",
            },
        ),
    ]
    if len(plan.routes):
        out.append(
            Layer(
                "Patrol plan: routes",
                LayerKind.RESULT,
                plan.routes.copy(),
                provenance={**prov, "part": "routes"},
                style={
                    "mode": "single",
                    "color": "#08519c",
                    "outline": "#08519c",
                    "outline_width": 1.5,
                },
            )
        )
    return out


def dosage_summary(plan: PatrolPlan) -> pd.DataFrame:
    """Planned visits and minutes per place and shift (the dosage the plan delivers)."""
    v = plan.visits[plan.visits["stop_type"] == "hot spot"]
    if v.empty:
        return pd.DataFrame(columns=["place_id", "shift", "visits", "minutes"])
    return (
        v.groupby(["place_id", "shift"])
        .agg(visits=("order", "size"), minutes=("minutes", "sum"))
        .reset_index()
    )


# -- saved plans ---------------------------------------------------------------------------
def save_plan(
    project: Project, plan: PatrolPlan, context: dict[str, Any], name: str = ""
) -> PatrolPlan:
    """Keep the plan in the project (``workstation_plans``) and in the audit trail.

    Returns the plan with its id in ``extras["plan_id"]`` (written into its files).
    """
    from dataclasses import replace

    from layers import plans

    inputs = [
        lyr for lyr in project.layers if lyr.id in context.get("source_layers", [])
    ]
    pid = plans.new_plan_id("patrol")
    plan = replace(plan, extras={**plan.extras, "plan_id": pid})
    entry = project.record(
        "patrol plan",
        {
            **plan.params,
            "plan_id": pid,
            "officer_minutes_used": plan.officer_minutes_used,
        },
        inputs=inputs,
    )
    frames = {"places": plan.places, "visits": plan.visits, "routes": plan.routes}
    for key in ("fairness", "hotspots"):
        if getattr(plan, key) is not None:
            frames[key] = getattr(plan, key)
    facts = {
        "method_note": plan.method_note,
        "warnings": list(plan.warnings) + list(context.get("warnings", [])),
        "officer_minutes_budget": plan.officer_minutes_budget,
        "officer_minutes_used": plan.officer_minutes_used,
        "crs": plan.crs,
        "extras": plan.extras,
        "context": dict(context),
        "timezone": next(
            (lyr.timezone for lyr in inputs if lyr.time_column), "Europe/London"
        ),
    }
    plans.add_plan(
        project,
        plans.StoredPlan(
            id=pid,
            name=name or f"Patrol plan {entry.time[:16].replace('T', ' ')} UTC",
            created=entry.time,
            kind="patrol",
            parameters=plan.params,
            input_hashes=entry.input_hashes,
            facts=facts,
            frames=frames,
        ),
    )
    return plan


def plan_from_saved(saved) -> tuple[PatrolPlan, dict[str, Any]]:
    """The saved plan as a :class:`PatrolPlan` and its context, as when it was made."""
    import geopandas as gpd

    f, fr = saved.facts, saved.frames
    places = fr["places"]
    if "best_hours" in places:
        places["best_hours"] = places["best_hours"].astype(str)
    routes = fr.get("routes")
    if routes is None or not isinstance(routes, gpd.GeoDataFrame):
        routes = gpd.GeoDataFrame(geometry=[], crs=f.get("crs"))
    plan = PatrolPlan(
        params=saved.parameters,
        method_note=f.get("method_note", ""),
        warnings=tuple(f.get("warnings", [])),
        places=places,
        visits=fr["visits"],
        routes=routes,
        officer_minutes_budget=float(f.get("officer_minutes_budget", 0.0)),
        officer_minutes_used=float(f.get("officer_minutes_used", 0.0)),
        fairness=fr.get("fairness"),
        hotspots=fr.get("hotspots"),
        crs=f.get("crs", "EPSG:27700"),
        extras={**f.get("extras", {}), "plan_id": saved.id},
    )
    context = dict(f.get("context", {}))
    context.setdefault("warnings", [])
    context["timezone"] = f.get("timezone", "Europe/London")
    return plan, context


def compare_with_plan(
    plan: PatrolPlan, delivered: Any, tz: str, *, on_time_minutes: float = 15.0
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Planned against delivered: (visit-by-visit matches, summary per place and shift).

    ``delivered`` is what :func:`workstation.export.plan_files.read_delivered` gives:
    a (xy, times_ns, track ids, missing) tuple from GPX, or a table of visits.
    """
    from workstation.analysis import delivery

    if isinstance(delivered, tuple):
        xy, t, ids, _missing = delivered
        got = delivery.visits_from_track(plan.places, xy, t, ids, tz)
    else:
        got = delivery.visits_from_table(plan.places, delivered, tz)
    gap = float(plan.params.get("revisit_gap_minutes", 120.0))
    matched = delivery.match_visits(
        plan.visits, got, on_time_minutes=on_time_minutes, late_minutes=gap
    )
    summary = delivery.delivery_summary(matched, plan.places)
    summary.attrs["unmatched_delivered"] = matched.attrs.get("unmatched_delivered", 0)
    summary.attrs["unreadable"] = matched.attrs.get("unreadable", [])
    return matched, summary
