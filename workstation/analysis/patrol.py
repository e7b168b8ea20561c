"""Patrol plans: harm-weighted hot spots, when to be there, for how long, in what order.

The plan follows the evidence on hot-spot policing dosage:

1. **Where.** Cells are ranked by a (harm-weighted) forecast or hot-spot score; the
   best are taken until the area cap (e.g. 2 % of the study area) is reached, and
   touching cells are merged into patrollable *micro-places* (8-connected).
2. **When.** Each place gets an hour-of-week profile from demand (calls for service)
   within ``profile_radius_m`` of it, blended with the force-wide profile when it has
   few calls. A two-hour *loop window* is active for a place when its expected
   demand in the window is above the place's median.
3. **How long.** Koper (1995) found the residual deterrence of a stop peaks at about
   **15 minutes**: every visit lasts ``visit_minutes`` (12-15). A place is revisited at
   most once per two-hour loop (``revisit_gap_minutes``), so visits are spread over
   the shift (Koper's "unpredictable" rotation).
4. **In what order.** Each loop's places form a travelling-salesman tour on
   straight-line distance (networkx's Christofides/greedy approximation; or shortest
   paths on a road network when one is given), entered at a random place and
   direction so the order is not predictable.
5. **Reassurance.** Community assets within ``asset_radius_m`` of a visited place and
   open at the arrival time are added as reassurance points (``reassurance_minutes``).
6. **Budget.** Patrol time is visit time plus travel between points within each loop
   (not the journey to and from the area); a loop may spend at most
   ``max_travel_share`` (40 %) of its time travelling, so loops group nearby places
   rather than sending an officer across the area. Visits are chosen greedily by the expected
   harm they cover per minute, and the lowest-value visits are dropped until the total
   is within ``officer_hours``: the plan never exceeds the hours given.
"""

from __future__ import annotations

import heapq
import itertools
import math
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import shapely
from scipy import ndimage

from layers.progress import Progress, check
from workstation.analysis.grid import Grid
from workstation.analysis.opening import parse_opening_hours
from workstation.analysis.results import AnalysisResult

DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


@dataclass(frozen=True)
class Shift:
    """A shift pattern: name, start hour and length, on the given days (0 = Monday)."""

    name: str
    start_hour: int
    hours: int = 8
    days: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)


DEFAULT_SHIFTS: tuple[Shift, ...] = (
    Shift("Early", 7, 8),
    Shift("Late", 15, 8),
    Shift("Night", 23, 8),
)


def parse_shifts(text: str) -> tuple[Shift, ...]:
    """``"Early=07:8,Late=15:8,Night=23:8"`` (name=start hour:length)."""
    out = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            name, rest = part.split("=", 1)
            start, length = rest.split(":", 1)
            out.append(Shift(name.strip(), int(start), int(length)))
        except ValueError as exc:
            raise ValueError(
                f"shift {part!r} is not NAME=START:HOURS (e.g. Late=15:8)"
            ) from exc
    if not out:
        raise ValueError("no shifts given")
    for s in out:
        if not (0 <= s.start_hour < 24 and 1 <= s.hours <= 24):
            raise ValueError(
                f"shift {s.name}: start must be 0-23 and length 1-24 hours"
            )
    return tuple(out)


@dataclass(frozen=True, kw_only=True)
class PatrolPlan(AnalysisResult):
    places: (
        gpd.GeoDataFrame
    )  # micro-places: place_id, score, share, area_m2, planned_minutes, ...
    visits: pd.DataFrame  # one row per stop, in order per shift and loop
    routes: gpd.GeoDataFrame  # one LineString per shift loop
    officer_minutes_budget: float
    officer_minutes_used: float
    fairness: pd.DataFrame | None = None
    crs: str = "EPSG:27700"
    extras: dict[str, Any] = field(default_factory=dict)

    def shift_table(self) -> pd.DataFrame:
        """The printable plan: one row per stop with day, shift, times and place."""
        cols = [
            "day",
            "shift",
            "patrol_area",
            "loop",
            "order",
            "arrive",
            "depart",
            "stop_type",
            "place_id",
            "label",
            "minutes",
            "travel_m",
        ]
        return self.visits[cols].copy()

    def visits_gdf(self) -> gpd.GeoDataFrame:
        v = self.visits
        return gpd.GeoDataFrame(
            v.drop(columns=["x", "y"]),
            geometry=shapely.points(v["x"], v["y"]),
            crs=self.crs,
        )


def _places_from_scores(
    scores: np.ndarray,
    grid: Grid,
    area_cap: float,
    mask: np.ndarray | None,
    max_places: int,
) -> tuple[np.ndarray, int, list[str]]:
    warnings = []
    valid = np.ones(scores.shape, bool) if mask is None else np.asarray(mask, bool)
    n_cells = int(valid.sum())
    budget_cells = max(1, math.floor(area_cap * n_cells))
    s = np.where(valid, np.nan_to_num(scores, nan=0.0), 0.0)
    flat = s.reshape(-1)
    order = np.lexsort((np.arange(flat.size), -flat))
    chosen = order[:budget_cells]
    chosen = chosen[flat[chosen] > 0]
    if len(chosen) == 0:
        raise ValueError("no cell has a positive score: nothing to patrol")
    sel = np.zeros(flat.size, bool)
    sel[chosen] = True
    labels, n = ndimage.label(sel.reshape(scores.shape), structure=np.ones((3, 3)))
    if n > max_places:
        sums = ndimage.sum(s, labels, index=np.arange(1, n + 1))
        keep = np.argsort(-sums, kind="stable")[:max_places] + 1
        remap = np.zeros(n + 1, dtype=int)
        remap[keep] = np.arange(1, len(keep) + 1)
        labels = remap[labels]
        warnings.append(
            f"{n} candidate places; the {max_places} with the highest score are planned"
        )
        n = max_places
    return labels, n, warnings


def hour_profiles(
    place_geoms: np.ndarray,
    demand_xy: np.ndarray | None,
    demand_how: np.ndarray | None,
    radius_m: float,
    min_calls: int = 50,
) -> tuple[np.ndarray, np.ndarray, str]:
    """(n_places, 168) demand profiles (shares), calls per place, and a note."""
    n = len(place_geoms)
    if demand_xy is None or demand_how is None or len(demand_xy) == 0:
        prof = np.full((n, 168), 1 / 168)
        return prof, np.zeros(n), "no demand layer: every hour weighted equally"
    ok = (demand_how >= 0) & np.isfinite(demand_xy).all(axis=1)
    xy, how = demand_xy[ok], demand_how[ok]
    force = np.bincount(how, minlength=168).astype(float)
    force = (force + 0.5) / (force.sum() + 84.0)
    tree = shapely.STRtree(shapely.buffer(place_geoms, radius_m))
    pts = shapely.points(xy[:, 0], xy[:, 1])
    pi, gi = tree.query(pts, predicate="intersects")
    counts = np.zeros((n, 168))
    np.add.at(counts, (gi, how[pi]), 1.0)
    calls = counts.sum(axis=1)
    # shrink towards the force profile: weight = calls / (calls + min_calls)
    w = (calls / (calls + min_calls))[:, None]
    local = np.where(calls[:, None] > 0, counts / np.maximum(calls[:, None], 1), 0.0)
    prof = w * local + (1 - w) * force[None, :]
    note = (
        f"demand profiles from calls within {radius_m:.0f} m of each place, shrunk towards the "
        f"force-wide profile with weight calls/(calls+{min_calls})"
    )
    return prof, calls, note


def _tour(
    points: np.ndarray, rng: np.random.Generator, dist_fn=None
) -> tuple[list[int], float, list[float]]:
    """A TSP cycle over the points entered at a random point and direction.

    Returns the visiting order (open path), its length in metres and the leg lengths.
    """
    n = len(points)
    if n == 0:
        return [], 0.0, []
    if n == 1:
        return [0], 0.0, [0.0]
    if dist_fn is None:
        d = np.hypot(
            points[:, None, 0] - points[None, :, 0],
            points[:, None, 1] - points[None, :, 1],
        )
    else:
        d = dist_fn(points)
    if n <= 3:
        cycle = list(range(n))
    else:
        g = nx.Graph()
        for i in range(n):
            for j in range(i + 1, n):
                g.add_edge(i, j, weight=float(d[i, j]))
        method = (
            nx.approximation.christofides if n <= 60 else nx.approximation.greedy_tsp
        )
        cycle = nx.approximation.traveling_salesman_problem(
            g, cycle=True, method=method
        )[:-1]
    start = int(rng.integers(len(cycle)))
    cycle = cycle[start:] + cycle[:start]
    if rng.random() < 0.5:
        cycle = [cycle[0], *cycle[1:][::-1]]
    legs = [0.0] + [float(d[cycle[i - 1], cycle[i]]) for i in range(1, len(cycle))]
    return cycle, float(sum(legs)), legs


def road_distance_fn(roads: gpd.GeoDataFrame, snap_m: float = 1.0):
    """Distance matrix function over a road network (LineStrings), via Dijkstra."""
    g = nx.Graph()
    for geom in roads.geometry.values:
        if geom is None:
            continue
        parts = shapely.get_parts(geom)
        for line in parts:
            coords = (
                np.round(np.asarray(shapely.get_coordinates(line)) / snap_m) * snap_m
            )
            for a, b in itertools.pairwise(coords):
                ka, kb = tuple(a), tuple(b)
                if ka != kb:
                    g.add_edge(ka, kb, weight=float(np.hypot(*(a - b))))
    if g.number_of_nodes() == 0:
        raise ValueError("the road layer has no line geometry")
    nodes = np.array(list(g.nodes))
    from scipy.spatial import cKDTree

    tree = cKDTree(nodes)

    def dist(points: np.ndarray) -> np.ndarray:
        off, idx = tree.query(points)
        n = len(points)
        out = np.zeros((n, n))
        for i in range(n):
            lengths = nx.single_source_dijkstra_path_length(
                g, tuple(nodes[idx[i]]), weight="weight"
            )
            for j in range(n):
                if i != j:
                    v = lengths.get(tuple(nodes[idx[j]]))
                    straight = float(np.hypot(*(points[i] - points[j])))
                    out[i, j] = (
                        (v + off[i] + off[j]) if v is not None else straight * 1.5
                    )
        return np.maximum(out, out.T)

    return dist


def plan_patrols(
    scores: np.ndarray,
    grid: Grid,
    *,
    officer_hours: float,
    area_cap: float = 0.02,
    max_places: int = 15,
    shifts: tuple[Shift, ...] = DEFAULT_SHIFTS,
    visit_minutes: float = 15.0,
    revisit_gap_minutes: float = 120.0,
    speed_kmh: float = 5.0,
    demand_xy: np.ndarray | None = None,
    demand_how: np.ndarray | None = None,
    profile_radius_m: float = 300.0,
    assets: gpd.GeoDataFrame | None = None,
    asset_radius_m: float = 250.0,
    reassurance_minutes: float = 10.0,
    max_travel_share: float = 0.4,
    boundaries: gpd.GeoDataFrame | None = None,
    crime_xy: np.ndarray | None = None,
    crime_harm: np.ndarray | None = None,
    roads: gpd.GeoDataFrame | None = None,
    mask: np.ndarray | None = None,
    seed: int = 0,
    progress: Progress | None = None,
) -> PatrolPlan:
    """Plan a week of hot-spot patrols within ``officer_hours``.

    ``scores`` is a (ny, nx) harm-weighted forecast or hot-spot surface on ``grid``.
    """
    if not (officer_hours > 0 and math.isfinite(officer_hours)):
        raise ValueError("officer hours must be a positive number")
    if not (0 < area_cap <= 0.5):
        raise ValueError(
            "the area cap must be a share between 0 and 0.5 (e.g. 0.02 = 2 %)"
        )
    if not (1 <= visit_minutes <= 60):
        raise ValueError("a visit must last between 1 and 60 minutes (Koper: 12-15)")

    budget = float(officer_hours) * 60.0
    speed_m_per_min = speed_kmh * 1000.0 / 60.0
    check(progress, 0.05, "choosing places")
    labels, n_places, warnings = _places_from_scores(
        scores, grid, area_cap, mask, max_places
    )
    s = np.nan_to_num(scores, nan=0.0)
    place_score = ndimage.sum(s, labels, index=np.arange(1, n_places + 1))
    place_cells = ndimage.sum(np.ones_like(s), labels, index=np.arange(1, n_places + 1))
    geoms = []
    for p in range(1, n_places + 1):
        ids = np.flatnonzero(labels.reshape(-1) == p)
        geoms.append(shapely.union_all(grid.polygons(ids)))
    geoms = np.array(geoms, dtype=object)
    centres = shapely.point_on_surface(geoms)
    cxy = np.column_stack([shapely.get_x(centres), shapely.get_y(centres)])
    share = place_score / place_score.sum()
    check(progress, 0.15, "demand profiles")
    prof, calls, prof_note = hour_profiles(
        geoms, demand_xy, demand_how, profile_radius_m
    )
    # patrol areas: places within a short trip of each other (10 minutes' travel,
    # single linkage) share loops; separate areas are covered by separate officers
    reach_m = 10.0 * speed_m_per_min
    if n_places > 1:
        from scipy.cluster.hierarchy import fcluster, linkage

        area_of = (
            fcluster(linkage(cxy, method="single"), t=reach_m, criterion="distance") - 1
        )
    else:
        area_of = np.zeros(n_places, dtype=int)
    n_areas = int(area_of.max()) + 1
    # candidate loops: (day, shift, loop k, patrol area), windows of revisit_gap minutes
    loops = []
    gap_h = revisit_gap_minutes / 60.0
    for sh in shifts:
        n_loops = max(1, int(sh.hours // gap_h))
        for day in sh.days:
            for k in range(n_loops):
                start_h = day * 24 + sh.start_hour + k * gap_h
                hrs = [int(start_h + i) % 168 for i in range(math.ceil(gap_h))]
                for area in range(n_areas):
                    loops.append((day, sh.name, k, start_h, hrs, area))
    # value of visiting place p in loop L: its harm share x demand share in the window
    window_share = np.array(
        [[prof[p, lp[4]].sum() for lp in loops] for p in range(n_places)]
    )
    in_area = np.array([[area_of[p] == lp[5] for lp in loops] for p in range(n_places)])
    median = np.median(window_share, axis=1, keepdims=True)
    active = window_share > median
    value = (
        share[:, None]
        * window_share
        / np.maximum(window_share.sum(axis=1, keepdims=True), 1e-12)
    )
    value = np.where(active & in_area, value, 0.0)
    if not active.any():
        value = np.where(in_area, share[:, None] * window_share, 0.0)
        active = np.ones_like(active)
        warnings.append(
            "demand is flat across the week: every window treated as active"
        )
    dist_fn = road_distance_fn(roads) if roads is not None else None
    asset_geoms = asset_open = None
    asset_notes = []
    if assets is not None and len(assets):
        asset_geoms = assets.geometry.values
        weeks = [
            parse_opening_hours(t)
            for t in assets.get("opening_hours", pd.Series([None] * len(assets)))
        ]
        asset_open = [w for w, _ in weeks]
        if any(a for _, a in weeks):
            from workstation.analysis.opening import APPROXIMATION_NOTE

            asset_notes.append(APPROXIMATION_NOTE)
        asset_tree = shapely.STRtree(asset_geoms)
    check(progress, 0.4, "routing")

    def build_loop(
        li: int, places: list[int]
    ) -> tuple[list[dict], tuple | None, float]:
        """Stops, route and officer minutes of one loop visiting ``places``."""
        rows: list[dict] = []
        used = 0.0
        if not places:
            return rows, None, 0.0
        loop_rng = np.random.default_rng([seed, li])
        day, shift, k, start_h, _hrs, area = loops[li]
        places = sorted(places)
        pts = cxy[places]
        tour, _length, legs = _tour(pts, loop_rng, dist_fn)
        t = start_h * 60.0
        seq = 0
        path = []
        for pos, ti in enumerate(tour):
            p = places[ti]
            travel = legs[pos]
            t += travel / speed_m_per_min
            used += travel / speed_m_per_min
            seq += 1
            rows.append(
                {
                    "loop_index": li, "day": DAY_NAMES[day], "shift": shift, "loop": k + 1,
                    "order": seq, "patrol_area": area + 1, "arrive_min": t, "minutes": visit_minutes,
                    "stop_type": "hot spot", "place_id": p + 1, "label": f"Hot spot {p + 1}",
                    "x": pts[ti, 0], "y": pts[ti, 1], "travel_m": travel,
                }
            )  # fmt: skip
            path.append(tuple(pts[ti]))
            t += visit_minutes
            used += visit_minutes
            if asset_geoms is None:
                continue
            near = asset_tree.query(
                shapely.buffer(geoms[p], asset_radius_m), predicate="intersects"
            )
            hour = int(t // 60) % 168
            for a in sorted(near.tolist()):
                wk = asset_open[a]
                if wk is None or not wk[hour]:
                    continue
                ax, ay = shapely.get_x(asset_geoms[a]), shapely.get_y(asset_geoms[a])
                if not (np.isfinite(ax) and np.isfinite(ay)):
                    continue
                hop = float(np.hypot(ax - pts[ti, 0], ay - pts[ti, 1]))
                t += hop / speed_m_per_min
                seq += 1
                name = str(assets.iloc[a].get("name", f"asset {a + 1}"))
                rows.append(
                    {
                        "loop_index": li, "day": DAY_NAMES[day], "shift": shift, "loop": k + 1,
                        "order": seq, "patrol_area": area + 1, "arrive_min": t, "minutes": reassurance_minutes,
                        "stop_type": "reassurance point", "place_id": p + 1, "label": name,
                        "x": ax, "y": ay, "travel_m": hop,
                    }
                )  # fmt: skip
                path.append((ax, ay))
                # there and back to the place, plus the reassurance stop
                t += reassurance_minutes + hop / speed_m_per_min
                used += 2 * hop / speed_m_per_min + reassurance_minutes
                path.append(tuple(pts[ti]))
                break  # one reassurance point per place visit
        if t - start_h * 60.0 > revisit_gap_minutes + 1e-9:
            return rows, None, math.inf  # the loop does not fit its window
        travel_min = sum(r["travel_m"] for r in rows) / speed_m_per_min
        if len(places) > 1 and travel_min > max_travel_share * used:
            return rows, None, math.inf  # more time walking between places than at them
        route = (
            (li, DAY_NAMES[day], shift, k + 1, shapely.linestrings(path))
            if len(path) >= 2
            else None
        )
        return rows, route, used

    # greedy with diminishing returns: the n-th visit to a place in the week is worth
    # value / (1 + n), so dosage spreads across places in proportion to their harm
    # rather than piling onto the top one. A visit is added only if its loop still
    # fits its window, the revisit gap holds and the total stays within the budget.

    heap = [
        (-float(value[p, li]), int(p), int(li), 0) for p, li in np.argwhere(value > 0)
    ]
    heapq.heapify(heap)
    n_visits = np.zeros(n_places, dtype=int)
    selected: dict[int, list[int]] = {}
    loop_cost: dict[int, float] = {}
    arrivals: dict[int, dict[int, float]] = {}
    spent = 0.0
    while heap:
        _neg, p, li, seen = heapq.heappop(heap)
        if seen != n_visits[p]:  # stale priority: re-rank with the current count
            heapq.heappush(
                heap,
                (-float(value[p, li]) / (1 + n_visits[p]), p, li, int(n_visits[p])),
            )
            continue
        if spent + visit_minutes > budget:
            break
        trial = [*selected.get(li, []), p]
        trial_rows, _, cost = build_loop(li, trial)
        new_spent = spent - loop_cost.get(li, 0.0) + cost
        if new_spent > budget + 1e-9:
            continue
        times = {
            r["place_id"]: r["arrive_min"]
            for r in trial_rows
            if r["stop_type"] == "hot spot"
        }
        if not _gaps_ok(times, li, arrivals, revisit_gap_minutes):
            continue
        n_visits[p] += 1
        selected[li] = trial
        loop_cost[li] = cost
        arrivals[li] = times
        spent = new_spent
    rows, routes = [], []
    used = 0.0
    for li in sorted(selected):
        r, route, cost = build_loop(li, selected[li])
        rows += r
        used += cost
        if route is not None:
            routes.append(route)
    if used < budget * 0.9:
        warnings.append(
            f"only {int((value > 0).sum())} place-and-window slots have above-median demand, "
            f"so the plan uses {used / 60:.1f} of {officer_hours:g} hours; more visits would "
            "fall at quiet times: raise the area cap or the number of places to use the rest"
        )
    check(progress, 0.8, "tables")
    visits = pd.DataFrame(rows)
    if len(visits):

        def clock(m: float) -> str:
            m = m % (168 * 60)
            d, rem = divmod(round(m), 24 * 60)
            return f"{DAY_NAMES[d % 7]} {rem // 60:02d}:{rem % 60:02d}"

        visits["arrive"] = visits["arrive_min"].map(clock)
        visits["depart"] = (visits["arrive_min"] + visits["minutes"]).map(clock)
        visits = visits.sort_values(["arrive_min", "order"], kind="stable").reset_index(
            drop=True
        )
    else:
        visits = pd.DataFrame(
            columns=[
                "loop_index",
                "day",
                "shift",
                "loop",
                "order",
                "patrol_area",
                "arrive_min",
                "minutes",
                "stop_type",
                "place_id",
                "label",
                "x",
                "y",
                "travel_m",
                "arrive",
                "depart",
            ]
        )
        warnings.append("the hours given do not allow a single visit")
    planned = (
        visits[visits["stop_type"] == "hot spot"].groupby("place_id")["minutes"].sum()
        if len(visits)
        else pd.Series(dtype=float)
    )
    n_visits = (
        visits[visits["stop_type"] == "hot spot"].groupby("place_id").size()
        if len(visits)
        else pd.Series(dtype=int)
    )
    best_hours = [", ".join(_best_windows(prof[p])) for p in range(n_places)]
    places = gpd.GeoDataFrame(
        {
            "place_id": np.arange(1, n_places + 1),
            "patrol_area": area_of + 1,
            "score": place_score,
            "share": share,
            "cells": place_cells.astype(int),
            "area_m2": shapely.area(geoms),
            "calls_nearby": calls.astype(int),
            "visits": [int(n_visits.get(p + 1, 0)) for p in range(n_places)],
            "planned_minutes": [
                float(planned.get(p + 1, 0.0)) for p in range(n_places)
            ],
            "best_hours": best_hours,
        },
        geometry=list(geoms),
        crs=grid.crs,
    )
    routes_gdf = gpd.GeoDataFrame(
        pd.DataFrame(
            routes, columns=["loop_index", "day", "shift", "loop", "geometry"]
        ).drop(columns="geometry")
        if routes
        else pd.DataFrame(columns=["loop_index", "day", "shift", "loop"]),
        geometry=[r[4] for r in routes],
        crs=grid.crs,
    )
    fairness = None
    if boundaries is not None and "imd_decile" in boundaries:
        fairness = fairness_table(places, boundaries, crime_xy, crime_harm)
    note = (
        (__doc__ or "").split("\n\n", 1)[1].strip()
        + f"\n\nThis plan: {n_places} places covering {places['area_m2'].sum() / 1e6:.3f} km² "
        f"({area_cap:.1%} area cap), {len(visits[visits['stop_type'] == 'hot spot']) if len(visits) else 0} "
        f"visits of {visit_minutes:g} min, {used / 60:.2f} of {officer_hours:g} officer hours; "
        f"walking speed {speed_kmh:g} km/h; {prof_note}."
        + (" " + "; ".join(asset_notes) + "." if asset_notes else "")
    )
    check(progress, 1.0, "plan ready")
    return PatrolPlan(
        params={
            "officer_hours": officer_hours,
            "area_cap": area_cap,
            "max_places": max_places,
            "shifts": [vars(s) | {"days": list(s.days)} for s in shifts],
            "visit_minutes": visit_minutes,
            "revisit_gap_minutes": revisit_gap_minutes,
            "speed_kmh": speed_kmh,
            "max_travel_share": max_travel_share,
            "asset_radius_m": asset_radius_m,
            "seed": seed,
            "routing": "road network" if roads is not None else "straight line",
        },
        method_note=note,
        warnings=tuple(warnings),
        places=places,
        visits=visits,
        routes=routes_gdf,
        officer_minutes_budget=budget,
        officer_minutes_used=float(used),
        fairness=fairness,
        crs=grid.crs,
    )


def _gaps_ok(
    times: dict[int, float], li: int, arrivals: dict[int, dict[int, float]], gap: float
) -> bool:
    """True if no place in loop ``li`` is visited within ``gap`` minutes of another
    visit to it in another loop (times wrap around the week).
    """
    week = 168 * 60.0
    for other, visits in arrivals.items():
        if other == li:
            continue
        for pid, t in times.items():
            u = visits.get(pid)
            if u is None:
                continue
            d = abs(t - u) % week
            if min(d, week - d) < gap - 1e-9:
                return False
    return True


def _best_windows(profile: np.ndarray, n: int = 3) -> list[str]:
    """The ``n`` busiest hours of week, as 'Fri 22:00'."""
    top = np.argsort(-profile, kind="stable")[:n]
    return [f"{DAY_NAMES[h // 24]} {h % 24:02d}:00" for h in sorted(top)]


def fairness_table(
    places: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    crime_xy: np.ndarray | None,
    crime_harm: np.ndarray | None,
) -> pd.DataFrame:
    """Shares of patrol dosage and chosen places by IMD decile against crime and harm.

    A place belongs to the area containing its representative point.
    """
    from workstation.analysis.grid import counts_per_polygon

    dec = boundaries["imd_decile"].to_numpy(dtype=float)
    rp = shapely.point_on_surface(places.geometry.values)
    tree = shapely.STRtree(boundaries.geometry.values)
    pi, gi = tree.query(rp, predicate="intersects")
    place_dec = np.full(len(places), np.nan)
    place_dec[pi] = dec[gi]
    rows = []
    minutes = places["planned_minutes"].to_numpy(dtype=float)
    crime_counts = harm_counts = None
    if crime_xy is not None and len(crime_xy):
        crime_counts = counts_per_polygon(
            crime_xy[:, 0], crime_xy[:, 1], boundaries.geometry
        )
        if crime_harm is not None:
            harm_counts = counts_per_polygon(
                crime_xy[:, 0], crime_xy[:, 1], boundaries.geometry, weights=crime_harm
            )
    for d in range(1, 11):
        in_d = place_dec == d
        area_d = dec == d
        rows.append(
            {
                "imd_decile": d,
                "places_share": in_d.sum() / max(len(places), 1),
                "dosage_share": minutes[in_d].sum() / minutes.sum()
                if minutes.sum() > 0
                else np.nan,
                "crime_share": crime_counts[area_d].sum() / crime_counts.sum()
                if crime_counts is not None and crime_counts.sum() > 0
                else np.nan,
                "harm_share": harm_counts[area_d].sum() / harm_counts.sum()
                if harm_counts is not None and harm_counts.sum() > 0
                else np.nan,
            }
        )
    t = pd.DataFrame(rows)
    t["dosage_minus_harm"] = t["dosage_share"] - t["harm_share"].fillna(
        t["crime_share"]
    )
    return t


# -- delivered dosage ---------------------------------------------------------------------
def delivered_dosage(
    places: gpd.GeoDataFrame,
    track_xy: np.ndarray,
    track_times_ns: np.ndarray,
    *,
    track_ids: np.ndarray | None = None,
    max_gap_s: float = 300.0,
) -> pd.DataFrame:
    """Minutes spent in each place from GPS tracks (time between consecutive fixes both
    inside the place, ignoring gaps longer than ``max_gap_s``).
    """
    n = len(track_xy)
    ids = np.zeros(n, dtype=np.int64) if track_ids is None else np.asarray(track_ids)
    order = np.lexsort((track_times_ns, ids))
    xy, t, ids = track_xy[order], np.asarray(track_times_ns)[order], ids[order]
    inside = np.full(n, -1, dtype=np.int64)
    tree = shapely.STRtree(places.geometry.values)
    pi, gi = tree.query(shapely.points(xy[:, 0], xy[:, 1]), predicate="intersects")
    inside[pi] = gi
    dt = np.diff(t) / 1e9
    same = (
        (inside[1:] == inside[:-1])
        & (inside[1:] >= 0)
        & (ids[1:] == ids[:-1])
        & (dt <= max_gap_s)
        & (dt >= 0)
    )
    minutes = np.bincount(
        inside[1:][same], weights=dt[same] / 60.0, minlength=len(places)
    )
    # a visit starts when a track enters a place
    entered = (inside >= 0) & np.r_[
        True, (inside[1:] != inside[:-1]) | (ids[1:] != ids[:-1])
    ]
    visits = np.bincount(inside[entered], minlength=len(places))
    return pd.DataFrame(
        {
            "place_id": places["place_id"].to_numpy(),
            "delivered_minutes": minutes,
            "delivered_visits": visits,
        }
    )


def delivered_from_visits(
    places: gpd.GeoDataFrame, visits: pd.DataFrame
) -> pd.DataFrame:
    """Minutes per place from a table of visits with ``start``, ``end`` and either a
    ``place_id`` or ``x``/``y`` (working CRS).
    """
    start = pd.to_datetime(visits["start"], utc=True, format="mixed")
    end = pd.to_datetime(visits["end"], utc=True, format="mixed")
    mins = ((end - start).dt.total_seconds() / 60.0).to_numpy()
    if "place_id" in visits:
        pid = pd.to_numeric(visits["place_id"], errors="coerce").to_numpy()
        idx = pd.Index(places["place_id"]).get_indexer(pid)
    else:
        tree = shapely.STRtree(places.geometry.values)
        pts = shapely.points(visits["x"].to_numpy(float), visits["y"].to_numpy(float))
        pi, gi = tree.query(pts, predicate="intersects")
        idx = np.full(len(visits), -1)
        idx[pi] = gi
    ok = (idx >= 0) & np.isfinite(mins) & (mins >= 0)
    minutes = np.bincount(idx[ok], weights=mins[ok], minlength=len(places))
    count = np.bincount(idx[ok], minlength=len(places))
    return pd.DataFrame(
        {
            "place_id": places["place_id"].to_numpy(),
            "delivered_minutes": minutes,
            "delivered_visits": count,
        }
    )


def compare_dosage(plan: PatrolPlan, delivered: pd.DataFrame) -> pd.DataFrame:
    """Planned against delivered minutes and visits per place."""
    t = plan.places[["place_id", "visits", "planned_minutes"]].merge(
        delivered, on="place_id", how="left"
    )
    t[["delivered_minutes", "delivered_visits"]] = t[
        ["delivered_minutes", "delivered_visits"]
    ].fillna(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        t["delivered_share"] = np.where(
            t["planned_minutes"] > 0,
            t["delivered_minutes"] / t["planned_minutes"],
            np.nan,
        )
    return t


def forecast_fairness(
    scores: np.ndarray,
    grid: Grid,
    boundaries: gpd.GeoDataFrame,
    *,
    coverage: float = 0.05,
    crime_xy: np.ndarray | None = None,
    crime_harm: np.ndarray | None = None,
    mask: np.ndarray | None = None,
) -> pd.DataFrame:
    """Share of the cells a forecast flags (top ``coverage``) by IMD decile, against
    the shares of crime and harm: the fairness check of a model card.
    """
    from workstation.analysis.forecast import flag_top

    flagged = np.flatnonzero(flag_top(scores, coverage, mask).reshape(-1))
    cells = gpd.GeoDataFrame(
        {
            "place_id": np.arange(1, len(flagged) + 1),
            "planned_minutes": np.ones(len(flagged)),
        },
        geometry=grid.polygons(flagged),
        crs=grid.crs,
    )
    t = fairness_table(cells, boundaries, crime_xy, crime_harm)
    return (
        t.drop(columns=["dosage_share", "dosage_minus_harm"])
        .rename(columns={"places_share": "flagged_cells_share"})
        .assign(
            flagged_minus_harm=lambda d: (
                d["flagged_cells_share"] - d["harm_share"].fillna(d["crime_share"])
            )
        )
    )
