"""Patrol plans: harm-weighted micro-places, when to be there, for how long, in what order.

The plan follows the evidence on hot-spot policing dosage:

1. **Where.** Cells are ranked by a (harm-weighted) forecast or hot-spot score; the
   best are taken until the area cap (e.g. 2 % of the study area) is reached, and
   touching cells form clusters that are split into *micro-places* at most 250 m
   across, each named from its crimes' police.uk locations and given a grid reference.
2. **When.** Only a layer timed to the hour (calls for service, or crimes with times)
   can say when to be there. Each place then gets an hour-of-week profile from the
   calls within 300 m of it, shrunk towards the force-wide profile when it has few
   calls, and a two-hour *loop window* is active for a place when its expected demand
   in the window is above the place's median. Without such a layer no hour is
   ranked: visits are spread evenly over the shifts allowed, and the plan says that
   its timing is not evidence-based.
3. **How long.** Koper (1995) found the residual deterrence of a stop peaks at about
   **15 minutes**: every visit lasts the visit length (12-15 minutes). A place is
   revisited at most once per two-hour loop, so visits are spread over the shift,
   and each loop starts at a seeded random minute within its window, so arrivals are
   not predictable (Koper's "unpredictable" rotation).
4. **In what order.** Each loop's places form a travelling-salesman tour on
   straight-line distance (or shortest paths on a road network when one is given),
   entered at a random place and direction so the order is not predictable.
5. **Reassurance.** A community asset within 250 m of a visited place is added as a
   reassurance stop when it is open for the whole stop, arrival to departure.
6. **Budget.** Patrol time is visit time plus travel between points within each loop
   (not the journey to and from the area); a loop may spend at most 40 % of its time
   travelling, so loops group nearby places. Visits are chosen greedily by the
   expected harm they cover per minute with diminishing returns per place, and a
   visit is taken only while the total stays within the officer hours: the plan
   never exceeds the hours given. A night shift that crosses midnight is one shift,
   worked by one officer per patrol area.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import shapely

from layers.progress import Progress, check
from workstation.analysis.grid import Grid
from workstation.analysis.opening import (
    APPROXIMATION_NOTE,
    open_throughout,
    parse_opening_minutes,
)
from workstation.analysis.patrol_places import (
    MicroPlaces,
    across_m,
    micro_places,
    os_grid_ref,
    place_names,
    reasons_table,
)
from workstation.analysis.results import AnalysisResult

DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
WEEK_MIN = 168 * 60.0
NO_EVIDENCE = (
    "timing is not evidence-based: no layer timed to the hour (calls for service or "
    "crimes with times), so no hour is ranked and visits are spread evenly over the "
    "shifts allowed"
)


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


def check_shifts(shifts: tuple[Shift, ...]) -> tuple[Shift, ...]:
    """The shifts if each has a name, a start 0-23 and a length 1-24 hours."""
    if not shifts:
        raise ValueError("no shifts given")
    for s in shifts:
        if not str(s.name).strip():
            raise ValueError("every shift needs a name")
        if not (0 <= s.start_hour < 24 and 1 <= s.hours <= 24):
            raise ValueError(
                f"shift {s.name}: start must be 0-23 and length 1-24 hours"
            )
    if len({s.name for s in shifts}) < len(shifts):
        raise ValueError("two shifts have the same name")
    return tuple(shifts)


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
    return check_shifts(tuple(out))


def format_shifts(shifts: tuple[Shift, ...]) -> str:
    """The text form :func:`parse_shifts` reads."""
    return ",".join(f"{s.name}={s.start_hour}:{s.hours}" for s in shifts)


@dataclass(frozen=True, kw_only=True)
class PatrolPlan(AnalysisResult):
    places: gpd.GeoDataFrame  # micro-places: place_id, name, grid_ref, score, ...
    visits: pd.DataFrame  # one row per stop, in time order
    routes: gpd.GeoDataFrame  # one LineString per loop
    officer_minutes_budget: float
    officer_minutes_used: float
    fairness: pd.DataFrame | None = None
    hotspots: pd.DataFrame | None = None  # the hot-spot table with reasons
    crs: str = "EPSG:27700"
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def timing_evidence(self) -> bool:
        """True when visit times come from a layer timed to the hour."""
        return bool(self.extras.get("timing_evidence", False))

    @property
    def timing_note(self) -> str:
        """Where the visit times come from, in one sentence."""
        return str(self.extras.get("timing_note", ""))

    def shift_table(self) -> pd.DataFrame:
        """The printable plan: one row per stop with shift, officer, times and place."""
        cols = [
            "shift_id",
            "day",
            "shift",
            "patrol_area",
            "officer",
            "loop",
            "order",
            "arrive",
            "depart",
            "stop_type",
            "place_id",
            "label",
            "grid_ref",
            "minutes",
            "travel_m",
        ]
        return self.visits[[c for c in cols if c in self.visits]].copy()

    def shifts(self) -> pd.DataFrame:
        """One row per shift worked: officers on at once, stops and minutes."""
        return officers_on(self.visits)

    def visits_gdf(self) -> gpd.GeoDataFrame:
        v = self.visits
        return gpd.GeoDataFrame(
            v.drop(columns=["x", "y"]),
            geometry=shapely.points(v["x"], v["y"]),
            crs=self.crs,
        )


# -- step 2: when ----------------------------------------------------------------------
@dataclass(frozen=True)
class Demand:
    """Demand timed to the hour: points, hour of week (0 = Monday 00:00) and source."""

    xy: np.ndarray
    how: np.ndarray
    source: str = "the demand layer"
    period: str = ""


@dataclass(frozen=True)
class Timing:
    """Hour-of-week profiles per place, calls near each, and whether they are evidence."""

    profiles: np.ndarray
    calls: np.ndarray
    evidence: bool
    note: str


def hour_profiles(
    place_geoms: np.ndarray,
    demand_xy: np.ndarray | None,
    demand_how: np.ndarray | None,
    radius_m: float,
    min_calls: int = 50,
) -> tuple[np.ndarray, np.ndarray, str]:
    """(n_places, 168) demand profiles (shares), calls per place, and a note."""
    t = visit_timing(
        place_geoms,
        None if demand_xy is None else Demand(demand_xy, demand_how),
        radius_m,
        min_calls,
    )
    return t.profiles, t.calls, t.note


def visit_timing(
    place_geoms: np.ndarray,
    demand: Demand | None,
    radius_m: float,
    min_calls: int = 50,
) -> Timing:
    """Hour-of-week demand profiles of the places, or flat ones with no evidence."""
    n = len(place_geoms)
    flat = Timing(np.full((n, 168), 1 / 168), np.zeros(n), False, NO_EVIDENCE)
    if demand is None or demand.how is None or len(demand.xy) == 0:
        return flat
    ok = (demand.how >= 0) & np.isfinite(demand.xy).all(axis=1)
    xy, how = demand.xy[ok], demand.how[ok].astype(np.int64)
    if len(xy) == 0:
        return flat
    force = np.bincount(how, minlength=168).astype(float)
    force = (force + 0.5) / (force.sum() + 84.0)
    tree = shapely.STRtree(shapely.buffer(place_geoms, radius_m))
    pi, gi = tree.query(shapely.points(xy[:, 0], xy[:, 1]), predicate="intersects")
    counts = np.zeros((n, 168))
    np.add.at(counts, (gi, how[pi]), 1.0)
    calls = counts.sum(axis=1)
    # shrink towards the force profile: weight = calls / (calls + min_calls)
    w = (calls / (calls + min_calls))[:, None]
    local = np.where(calls[:, None] > 0, counts / np.maximum(calls[:, None], 1), 0.0)
    note = (
        f"visit times from {len(xy):,} timed records in {demand.source}"
        + (f" ({demand.period})" if demand.period else "")
        + f": calls within {radius_m:.0f} m of each place, shrunk towards the "
        f"force-wide profile with weight calls/(calls+{min_calls})"
    )
    return Timing(w * local + (1 - w) * force[None, :], calls, True, note)


@dataclass(frozen=True)
class Loop:
    """One patrol loop: a revisit-gap window of one shift, in one patrol area."""

    index: int
    day: int  # the day the shift starts (0 = Monday)
    shift: str
    k: int  # loop number within the shift, from 0
    start_min: float  # minutes from Monday 00:00 (a Sunday night runs past the week)
    hours: tuple[int, ...]  # hours of week the window covers
    area: int

    @property
    def shift_id(self) -> str:
        """The shift worked, named by the day it starts: "Fri Night"."""
        return f"{DAY_NAMES[self.day]} {self.shift}"


def shift_loops(
    shifts: tuple[Shift, ...], gap_minutes: float, n_areas: int
) -> list[Loop]:
    """Every loop window of the week: shifts x days x loops per shift x patrol areas."""
    loops: list[Loop] = []
    gap_h = gap_minutes / 60.0
    for sh in shifts:
        n_loops = max(1, int(sh.hours // gap_h))
        for day in sh.days:
            for k in range(n_loops):
                start_h = day * 24 + sh.start_hour + k * gap_h
                hrs = tuple(int(start_h + i) % 168 for i in range(math.ceil(gap_h)))
                for area in range(n_areas):
                    loops.append(
                        Loop(len(loops), day, sh.name, k, start_h * 60.0, hrs, area)
                    )
    return loops


def patrol_areas(xy: np.ndarray, reach_m: float) -> np.ndarray:
    """Patrol area (0, 1, ...) of each place: places within ``reach_m`` of another
    (single linkage) share an area and its officer.
    """
    if len(xy) < 2:
        return np.zeros(len(xy), dtype=int)
    from scipy.cluster.hierarchy import fcluster, linkage

    return fcluster(linkage(xy, method="single"), t=reach_m, criterion="distance") - 1


def spread_rank(loops: list[Loop]) -> np.ndarray:
    """A rank that takes loops round the week: one per day and shift before any
    second loop of a shift, the shifts rotating across the days, and each patrol
    area starting its week on a different day (so the force's visits, and officers,
    do not all fall on Monday).
    """
    names = list(dict.fromkeys(lp.shift for lp in loops))
    n = max(len(names), 1)

    def key(lp: Loop) -> tuple[int, int, int, int]:
        day = (lp.day + 3 * lp.area) % 7  # 3 and 7 are coprime: areas staggered
        return (lp.k, (names.index(lp.shift) + day) % n, day, lp.area)

    keys = [key(lp) for lp in loops]
    order = sorted(range(len(loops)), key=lambda i: keys[i])
    rank = np.empty(len(loops), dtype=float)
    rank[order] = np.arange(len(loops))
    return rank


def loop_values(
    share: np.ndarray, timing: Timing, area_of: np.ndarray, loops: list[Loop]
) -> tuple[np.ndarray, list[str]]:
    """Value of a visit to place p in loop L: harm share x demand share of the window.

    With evidence, only windows above the place's median demand count. Without it,
    every window of the place's area is worth its harm share, ranked only so that
    visits go round the days and shifts evenly.
    """
    in_area = area_of[:, None] == np.array([lp.area for lp in loops])[None, :]
    if not timing.evidence:
        rank = spread_rank(loops)
        tie = 1.0 - rank / (10.0 * max(len(loops), 1))
        return np.where(in_area, share[:, None] * tie[None, :], 0.0), []
    prof = timing.profiles
    window = np.stack([prof[:, list(lp.hours)].sum(axis=1) for lp in loops], axis=1)
    active = window > np.median(window, axis=1, keepdims=True)
    if not active.any():
        return np.where(in_area, share[:, None] * window, 0.0), [
            "demand is flat across the week: every window treated as active"
        ]
    norm = np.maximum(window.sum(axis=1, keepdims=True), 1e-12)
    return np.where(active & in_area, share[:, None] * window / norm, 0.0), []


# -- steps 3-5: loops, routes and reassurance stops ---------------------------------------
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
        for line in shapely.get_parts(geom):
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


@dataclass(frozen=True)
class AssetStops:
    """Community assets that can be reassurance stops: names, points, opening minutes."""

    names: tuple[str, ...]
    xy: np.ndarray
    hours_text: tuple[str, ...]
    open_minutes: tuple[np.ndarray | None, ...]
    tree: shapely.STRtree
    approximated: bool

    @classmethod
    def from_frame(cls, assets: gpd.GeoDataFrame) -> AssetStops:
        """From an ASSET layer's frame (``name``, ``opening_hours``, points)."""
        geoms = assets.geometry.values
        texts = assets.get("opening_hours", pd.Series([None] * len(assets)))
        parsed = [parse_opening_minutes(t) for t in texts]
        names = assets.get(
            "name", pd.Series([f"asset {i + 1}" for i in range(len(assets))])
        )
        return cls(
            tuple(str(v) for v in names),
            np.column_stack([shapely.get_x(geoms), shapely.get_y(geoms)]),
            tuple("" if t is None or t != t else str(t) for t in texts),
            tuple(w for w, _ in parsed),
            shapely.STRtree(geoms),
            any(a for _, a in parsed),
        )

    def near(self, geom, radius_m: float) -> list[int]:
        """Assets within ``radius_m`` of ``geom`` with a known position, by index."""
        hits = self.tree.query(shapely.buffer(geom, radius_m), predicate="intersects")
        return [int(a) for a in sorted(hits.tolist()) if np.isfinite(self.xy[a]).all()]


@dataclass(frozen=True)
class Routing:
    """What every loop needs: places, timings, travel and the assets."""

    xy: np.ndarray
    geoms: np.ndarray
    names: tuple[str, ...]
    grid_refs: tuple[str, ...]
    visit_minutes: float
    reassurance_minutes: float
    speed_m_per_min: float
    gap_minutes: float
    max_travel_share: float
    seed: int
    jitter: bool = True
    dist_fn: Callable[[np.ndarray], np.ndarray] | None = None
    assets: AssetStops | None = None
    asset_radius_m: float = 250.0


@dataclass(frozen=True)
class LoopPlan:
    """One loop's stops, route points, officer minutes and whether it fits its window."""

    rows: tuple[dict, ...]
    path: tuple[tuple[float, float], ...]
    minutes: float
    fits: bool


def _stop(loop: Loop, seq: int, t: float, minutes: float, kind: str, **kw) -> dict:
    return {
        "loop_index": loop.index, "day": DAY_NAMES[loop.day], "shift": loop.shift,
        "shift_id": loop.shift_id, "loop": loop.k + 1, "order": seq,
        "patrol_area": loop.area + 1, "arrive_min": t, "minutes": minutes,
        "stop_type": kind, **kw,
    }  # fmt: skip


def _reassurance(
    loop: Loop, p: int, t: float, seq: int, r: Routing, done: set[int]
) -> dict | None:
    """The first asset near place ``p``, not yet visited in this loop (``done``), open
    for the whole stop after walking to it.
    """
    if r.assets is None:
        return None
    px, py = r.xy[p]
    for a in r.assets.near(r.geoms[p], r.asset_radius_m):
        if a in done:
            continue
        week = r.assets.open_minutes[a]
        ax, ay = r.assets.xy[a]
        hop = float(np.hypot(ax - px, ay - py))
        arrive = t + hop / r.speed_m_per_min
        if week is None or not open_throughout(week, arrive, r.reassurance_minutes):
            continue
        done.add(a)
        return _stop(
            loop, seq, arrive, r.reassurance_minutes, "reassurance point",
            place_id=p + 1, label=r.assets.names[a], place_name=r.assets.names[a],
            grid_ref=os_grid_ref(ax, ay), opening_hours=r.assets.hours_text[a],
            x=ax, y=ay, travel_m=hop,
        )  # fmt: skip
    return None


def _walk(
    loop: Loop,
    places: list[int],
    tour: list[int],
    legs: list[float],
    r: Routing,
    t0: float,
) -> tuple[list[dict], list[tuple[float, float]], float, float]:
    """Stops of one loop starting at ``t0``: (rows, path, officer minutes, end time)."""
    rows: list[dict] = []
    path: list[tuple[float, float]] = []
    done: set[int] = set()  # assets already visited in this loop
    t, used = t0, 0.0
    for pos, ti in enumerate(tour):
        p = places[ti]
        t += legs[pos] / r.speed_m_per_min
        used += legs[pos] / r.speed_m_per_min
        rows.append(
            _stop(
                loop, len(rows) + 1, t, r.visit_minutes, "hot spot", place_id=p + 1,
                label=f"{p + 1} {r.names[p]}", place_name=r.names[p],
                grid_ref=r.grid_refs[p], opening_hours="",
                x=r.xy[p, 0], y=r.xy[p, 1], travel_m=legs[pos],
            )
        )  # fmt: skip
        path.append((float(r.xy[p, 0]), float(r.xy[p, 1])))
        t += r.visit_minutes
        used += r.visit_minutes
        stop = _reassurance(loop, p, t, len(rows) + 1, r, done)
        if stop is None:
            continue
        rows.append(stop)
        hop_min = stop["travel_m"] / r.speed_m_per_min
        path += [(float(stop["x"]), float(stop["y"])), path[-1]]
        # there and back to the place, plus the reassurance stop
        t += 2 * hop_min + r.reassurance_minutes
        used += 2 * hop_min + r.reassurance_minutes
    return rows, path, used, t


def _fits(loop: Loop, rows: list[dict], used: float, end: float, r: Routing) -> bool:
    if end - loop.start_min > r.gap_minutes + 1e-9:
        return False  # the loop does not fit its window
    travel = sum(x["travel_m"] for x in rows) / r.speed_m_per_min
    n_places = sum(x["stop_type"] == "hot spot" for x in rows)
    # more time walking between places than the share allowed
    return n_places <= 1 or travel <= r.max_travel_share * used + 1e-9


def build_loop(
    loop: Loop, places: list[int], r: Routing, start: float | None = None
) -> LoopPlan:
    """Stops, route and officer minutes of one loop visiting ``places``.

    The tour's entry point and direction, and the loop's start within its window
    (a whole number of minutes of the slack left), are drawn from a generator seeded
    by the plan's seed and the loop, so the same plan comes out every time. ``start``
    (0 = the window's start, 1 = as late as fits) overrides the drawn start.
    """
    if not places:
        return LoopPlan((), (), 0.0, True)
    rng = np.random.default_rng([r.seed, loop.index])
    places = sorted(places)
    tour, _length, legs = _tour(r.xy[places], rng, r.dist_fn)
    u = rng.random() if start is None else start
    rows, path, used, end = _walk(loop, places, tour, legs, r, loop.start_min)
    fits = _fits(loop, rows, used, end, r)
    if fits and (r.jitter or start is not None):
        offset = math.floor(u * (loop.start_min + r.gap_minutes - end))
        if offset >= 1:
            got = _walk(loop, places, tour, legs, r, loop.start_min + offset)
            if _fits(loop, got[0], got[2], got[3], r):
                rows, path, used, end = got
    return LoopPlan(tuple(rows), tuple(path), used, fits)


def _gaps_ok(
    times: dict[int, float], li: int, arrivals: dict[int, dict[int, float]], gap: float
) -> bool:
    """True if no place in loop ``li`` is visited within ``gap`` minutes of another
    visit to it in another loop (times wrap around the week).
    """
    for other, visits in arrivals.items():
        if other == li:
            continue
        for pid, t in times.items():
            u = visits.get(pid)
            if u is None:
                continue
            d = abs(t - u) % WEEK_MIN
            if min(d, WEEK_MIN - d) < gap - 1e-9:
                return False
    return True


# -- step 6: choose the visits within the hours --------------------------------------------
def _fitting(
    build: Callable[..., LoopPlan],
    li: int,
    places: list[int],
    arrivals: dict[int, dict[int, float]],
    gap_minutes: float,
) -> LoopPlan | None:
    """The loop with the drawn start, else the earliest or latest start, that fits
    its window and keeps the revisit gap to the other loops; None if none does.
    """
    for start in (None, 0.0, 1.0):
        trial = build(li, places, start)
        if not trial.fits:
            return None
        times = {
            x["place_id"]: x["arrive_min"]
            for x in trial.rows
            if x["stop_type"] == "hot spot"
        }
        if _gaps_ok(times, li, arrivals, gap_minutes):
            return trial
    return None


def choose_visits(
    value: np.ndarray,
    build: Callable[..., LoopPlan],
    *,
    budget_minutes: float,
    visit_minutes: float,
    gap_minutes: float,
) -> dict[int, LoopPlan]:
    """Greedy with diminishing returns: the n-th visit to a place in the week is worth
    value / (1 + n), so dosage spreads across places in proportion to their harm.

    A visit is added only if its loop still fits its window, the revisit gap holds
    and the total stays within the budget. Returns the chosen loops by index.
    """
    heap = [
        (-float(value[p, li]), int(p), int(li), 0) for p, li in np.argwhere(value > 0)
    ]
    heapq.heapify(heap)
    n_visits = np.zeros(value.shape[0], dtype=int)
    selected: dict[int, list[int]] = {}
    plans: dict[int, LoopPlan] = {}
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
        if spent + visit_minutes > budget_minutes:
            break
        trial = _fitting(build, li, [*selected.get(li, []), p], arrivals, gap_minutes)
        old = plans[li].minutes if li in plans else 0.0
        if trial is None or spent - old + trial.minutes > budget_minutes + 1e-9:
            continue
        times = {
            x["place_id"]: x["arrive_min"]
            for x in trial.rows
            if x["stop_type"] == "hot spot"
        }
        n_visits[p] += 1
        selected[li] = [*selected.get(li, []), p]
        plans[li] = trial
        arrivals[li] = times
        spent += trial.minutes - old
    return plans


def account_hours(plans: dict[int, LoopPlan]) -> float:
    """Officer minutes of the chosen loops: visits, reassurance and travel within them."""
    return float(sum(lp.minutes for lp in plans.values()))


VISIT_COLUMNS = [
    "visit_id", "loop_index", "shift_id", "day", "shift", "loop", "order", "patrol_area",
    "officer", "arrive_min", "minutes", "stop_type", "place_id", "label", "place_name",
    "grid_ref", "opening_hours", "x", "y", "travel_m", "arrive", "depart",
]  # fmt: skip


def clock(minutes: float) -> str:
    """Minutes from Monday 00:00 as "Fri 22:05" (wrapping round the week)."""
    m = round(minutes) % int(WEEK_MIN)
    d, rem = divmod(m, 24 * 60)
    return f"{DAY_NAMES[d]} {rem // 60:02d}:{rem % 60:02d}"


def visits_frame(plans: dict[int, LoopPlan]) -> pd.DataFrame:
    """All stops in time order, with clock times and the officer of each shift and area."""
    rows = [x for li in sorted(plans) for x in plans[li].rows]
    if not rows:
        return pd.DataFrame(columns=VISIT_COLUMNS)
    v = pd.DataFrame(rows)
    v = v.sort_values(["arrive_min", "loop_index", "order"], kind="stable")
    v = v.reset_index(drop=True)
    v["arrive"] = v["arrive_min"].map(clock)
    v["depart"] = (v["arrive_min"] + v["minutes"]).map(clock)
    # one officer per patrol area in each shift worked, numbered in area order
    v["officer"] = v.groupby("shift_id")["patrol_area"].rank(method="dense").astype(int)
    v["visit_id"] = np.arange(1, len(v) + 1)
    return v[VISIT_COLUMNS]


def officers_on(visits: pd.DataFrame) -> pd.DataFrame:
    """Per shift worked: officers on at once (one per patrol area), stops, minutes."""
    cols = ["shift_id", "shift", "start", "end", "officers", "visits", "minutes"]
    if visits.empty:
        return pd.DataFrame(columns=cols)
    g = visits.groupby("shift_id", sort=False)
    out = pd.DataFrame(
        {
            "shift": g["shift"].first(),
            "start": g["arrive"].first(),
            "end": g["depart"].last(),
            "officers": g["patrol_area"].nunique(),
            "visits": g["stop_type"].agg(lambda s: int((s == "hot spot").sum())),
            "minutes": g["minutes"].sum(),
        }
    ).reset_index()
    return out[cols]


def route_frame(
    plans: dict[int, LoopPlan], loops: list[Loop], crs: str
) -> gpd.GeoDataFrame:
    """One LineString per loop with two or more route points."""
    recs = [
        (li, DAY_NAMES[loops[li].day], loops[li].shift, loops[li].shift_id,
         loops[li].k + 1, loops[li].area + 1, shapely.linestrings(plans[li].path))
        for li in sorted(plans)
        if len(plans[li].path) >= 2
    ]  # fmt: skip
    cols = ["loop_index", "day", "shift", "shift_id", "loop", "patrol_area"]
    return gpd.GeoDataFrame(
        pd.DataFrame([r[:-1] for r in recs], columns=cols),
        geometry=[r[-1] for r in recs],
        crs=crs,
    )


# -- the planner ----------------------------------------------------------------------------
def _check_inputs(officer_hours: float, area_cap: float, visit_minutes: float) -> None:
    if not (officer_hours > 0 and math.isfinite(officer_hours)):
        raise ValueError("officer hours must be a positive number")
    if not (0 < area_cap <= 0.5):
        raise ValueError(
            "the area cap must be a share between 0 and 0.5 (e.g. 0.02 = 2 %)"
        )
    if not (1 <= visit_minutes <= 60):
        raise ValueError("a visit must last between 1 and 60 minutes (Koper: 12-15)")


def _best_windows(profile: np.ndarray, n: int = 3) -> list[str]:
    """The ``n`` busiest hours of week, as 'Fri 22:00'."""
    top = np.argsort(-profile, kind="stable")[:n]
    return [f"{DAY_NAMES[h // 24]} {h % 24:02d}:00" for h in sorted(top)]


def places_frame(
    mp: MicroPlaces,
    names: list[str],
    area_of: np.ndarray,
    timing: Timing,
    visits: pd.DataFrame,
    crs: str,
) -> gpd.GeoDataFrame:
    """The places table: id, name, grid reference, score, share, size, dosage, hours."""
    n = len(mp.geoms)
    xy = mp.xy
    hs = visits[visits["stop_type"] == "hot spot"]
    planned = hs.groupby("place_id")["minutes"].sum()
    n_visits = hs.groupby("place_id").size()
    best = [
        ", ".join(_best_windows(timing.profiles[p])) if timing.evidence else "not known"
        for p in range(n)
    ]
    return gpd.GeoDataFrame(
        {
            "place_id": np.arange(1, n + 1),
            "name": names,
            "grid_ref": [os_grid_ref(x, y) for x, y in xy],
            "patrol_area": area_of + 1,
            "score": mp.score,
            "share": mp.score / mp.score.sum(),
            "cells": [len(c) for c in mp.cells],
            "area_m2": shapely.area(mp.geoms),
            "across_m": across_m(mp.geoms),
            "calls_nearby": timing.calls.astype(int),
            "visits": [int(n_visits.get(p + 1, 0)) for p in range(n)],
            "planned_minutes": [float(planned.get(p + 1, 0.0)) for p in range(n)],
            "best_hours": best,
        },
        geometry=list(mp.geoms),
        crs=crs,
    )


def _has_rows(frame: pd.DataFrame | None) -> bool:
    return frame is not None and len(frame) > 0


def _underused(
    value: np.ndarray, used: float, budget: float, evidence: bool
) -> list[str]:
    """A warning when the plan uses less than 90 % of the hours, saying why."""
    if used >= budget * 0.9:
        return []
    return [
        f"only {int((value > 0).sum())} place-and-window slots are worth a visit "
        + ("(above-median demand) " if evidence else "")
        + f"so the plan uses {used / 60:.1f} of {budget / 60:g} hours: raise the "
        "area cap or the number of places to use the rest"
    ]


def _method_note(
    places: gpd.GeoDataFrame,
    visits: pd.DataFrame,
    used: float,
    params: dict[str, Any],
    timing_note: str,
    asset_note: str,
) -> str:
    p = params
    n_visits = int((visits["stop_type"] == "hot spot").sum())
    note = (__doc__ or "").split("\n\n", 1)[1].strip() + (
        f"\n\nThis plan: {len(places)} places (each at most {p['max_across_m']:g} m "
        f"across) covering {places['area_m2'].sum() / 1e6:.3f} km² "
        f"({p['area_cap']:.1%} area cap), {n_visits} visits of {p['visit_minutes']:g} "
        f"min, {used / 60:.2f} of {p['officer_hours']:g} officer hours; walking speed "
        f"{p['speed_kmh']:g} km/h; {timing_note}."
    )
    return note + (f" {asset_note}." if asset_note else "")


def _tables(
    mp: MicroPlaces,
    names: list[str],
    area_of: np.ndarray,
    timing: Timing,
    plans: dict[int, LoopPlan],
    crs: str,
    boundaries: gpd.GeoDataFrame | None,
    assets: gpd.GeoDataFrame | None,
    asset_radius_m: float,
    crime: dict[str, np.ndarray | None],
) -> tuple[
    pd.DataFrame, gpd.GeoDataFrame, pd.DataFrame | None, pd.DataFrame, list[str]
]:
    """Visits, places, fairness and the hot-spot table, with their warnings."""
    warnings = []
    visits = visits_frame(plans)
    if visits.empty:
        warnings.append("the hours given do not allow a single visit")
    places = places_frame(mp, names, area_of, timing, visits, crs)
    fairness = None
    if boundaries is not None and "imd_decile" in boundaries:
        fairness = fairness_table(
            places, boundaries, crime["crime_xy"], crime["crime_harm"]
        )
        warnings += list(fairness.attrs.get("warnings", []))
    hotspots = reasons_table(
        places, assets=assets, boundaries=boundaries, asset_radius_m=asset_radius_m,
        **crime,
    )  # fmt: skip
    return visits, places, fairness, hotspots, warnings


def plan_patrols(
    scores: np.ndarray,
    grid: Grid,
    *,
    officer_hours: float,
    area_cap: float = 0.02,
    max_places: int = 15,
    max_across_m: float = 250.0,
    shifts: tuple[Shift, ...] = DEFAULT_SHIFTS,
    visit_minutes: float = 15.0,
    revisit_gap_minutes: float = 120.0,
    speed_kmh: float = 5.0,
    demand_xy: np.ndarray | None = None,
    demand_how: np.ndarray | None = None,
    demand: Demand | None = None,
    profile_radius_m: float = 300.0,
    assets: gpd.GeoDataFrame | None = None,
    asset_radius_m: float = 250.0,
    reassurance_minutes: float = 10.0,
    max_travel_share: float = 0.4,
    boundaries: gpd.GeoDataFrame | None = None,
    crime_xy: np.ndarray | None = None,
    crime_harm: np.ndarray | None = None,
    crime_location: np.ndarray | None = None,
    crime_category: np.ndarray | None = None,
    crime_times_ns: np.ndarray | None = None,
    roads: gpd.GeoDataFrame | None = None,
    mask: np.ndarray | None = None,
    jitter: bool = True,
    seed: int = 0,
    progress: Progress | None = None,
) -> PatrolPlan:
    """Plan a week of hot-spot patrols within ``officer_hours``.

    ``scores`` is a (ny, nx) harm-weighted forecast or hot-spot surface on ``grid``.
    Steps: :func:`micro_places`, :func:`visit_timing` and :func:`loop_values`,
    :func:`build_loop`, :func:`choose_visits` and :func:`account_hours`.
    """
    _check_inputs(officer_hours, area_cap, visit_minutes)
    shifts = check_shifts(tuple(shifts))
    budget = float(officer_hours) * 60.0
    speed = speed_kmh * 1000.0 / 60.0
    check(progress, 0.05, "choosing places")
    mp = micro_places(
        scores, grid, area_cap=area_cap, mask=mask, max_places=max_places,
        max_across_m=max_across_m,
    )  # fmt: skip
    warnings = list(mp.warnings)
    names = place_names(
        mp.geoms, crime_xy=crime_xy, crime_location=crime_location, assets=assets,
        asset_radius_m=asset_radius_m,
    )  # fmt: skip
    check(progress, 0.15, "demand profiles")
    if demand is None and demand_xy is not None and demand_how is not None:
        demand = Demand(np.asarray(demand_xy), np.asarray(demand_how))
    timing = visit_timing(mp.geoms, demand, profile_radius_m)
    warnings += [] if timing.evidence else [NO_EVIDENCE]
    # patrol areas: places within 10 minutes' travel share loops and an officer
    area_of = patrol_areas(mp.xy, 10.0 * speed)
    loops = shift_loops(shifts, revisit_gap_minutes, int(area_of.max()) + 1)
    value, more = loop_values(mp.score / mp.score.sum(), timing, area_of, loops)
    warnings += more
    stops = AssetStops.from_frame(assets) if _has_rows(assets) else None
    xy = mp.xy
    routing = Routing(
        xy=xy, geoms=mp.geoms, names=tuple(names),
        grid_refs=tuple(os_grid_ref(x, y) for x, y in xy),
        visit_minutes=visit_minutes, reassurance_minutes=reassurance_minutes,
        speed_m_per_min=speed, gap_minutes=revisit_gap_minutes,
        max_travel_share=max_travel_share, seed=seed, jitter=jitter,
        dist_fn=road_distance_fn(roads) if roads is not None else None,
        assets=stops, asset_radius_m=asset_radius_m,
    )  # fmt: skip
    check(progress, 0.4, "routing")
    plans = choose_visits(
        value,
        lambda li, ps, start=None: build_loop(loops[li], ps, routing, start),
        budget_minutes=budget,
        visit_minutes=visit_minutes,
        gap_minutes=revisit_gap_minutes,
    )
    used = account_hours(plans)
    warnings += _underused(value, used, budget, timing.evidence)
    check(progress, 0.8, "tables")
    crime = {"crime_xy": crime_xy, "crime_category": crime_category,
             "crime_harm": crime_harm, "crime_times_ns": crime_times_ns}  # fmt: skip
    visits, places, fairness, hotspots, more = _tables(
        mp, names, area_of, timing, plans, grid.crs, boundaries, assets,
        asset_radius_m, crime,
    )  # fmt: skip
    warnings += more
    params = {
        "officer_hours": officer_hours, "area_cap": area_cap, "max_places": max_places,
        "max_across_m": max_across_m, "visit_minutes": visit_minutes,
        "shifts": [vars(s) | {"days": list(s.days)} for s in shifts],
        "revisit_gap_minutes": revisit_gap_minutes, "speed_kmh": speed_kmh,
        "max_travel_share": max_travel_share, "asset_radius_m": asset_radius_m,
        "reassurance_minutes": reassurance_minutes, "seed": seed, "jitter": jitter,
        "routing": "road network" if roads is not None else "straight line",
    }  # fmt: skip
    note = _method_note(
        places, visits, used, params, timing.note,
        APPROXIMATION_NOTE if stops is not None and stops.approximated else "",
    )  # fmt: skip
    check(progress, 1.0, "plan ready")
    return PatrolPlan(
        params=params,
        method_note=note,
        warnings=tuple(warnings),
        places=places,
        visits=visits,
        routes=route_frame(plans, loops, grid.crs),
        officer_minutes_budget=budget,
        officer_minutes_used=used,
        fairness=fairness,
        hotspots=hotspots,
        crs=grid.crs,
        extras={"timing_evidence": timing.evidence, "timing_note": timing.note},
    )


def place_area_shares(
    places: gpd.GeoDataFrame, boundaries: gpd.GeoDataFrame
) -> pd.DataFrame:
    """Share of each place's area in each boundary it touches.

    Rows ``place`` (position), ``area`` (boundary position) and ``share`` (0-1); a
    place partly outside every boundary has shares summing to less than 1.
    """
    pg = places.geometry.values
    tree = shapely.STRtree(boundaries.geometry.values)
    pi, gi = tree.query(pg, predicate="intersects")
    inter = shapely.area(shapely.intersection(pg[pi], boundaries.geometry.values[gi]))
    total = np.maximum(shapely.area(pg[pi]), 1e-12)
    t = pd.DataFrame({"place": pi, "area": gi, "share": inter / total})
    return t[t["share"] > 1e-9].reset_index(drop=True)


def fairness_table(
    places: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    crime_xy: np.ndarray | None,
    crime_harm: np.ndarray | None,
) -> pd.DataFrame:
    """Shares of patrol dosage and chosen places by IMD decile against crime and harm.

    A place counts in each area it touches by the share of its area there, so a
    place across two LSOAs counts half in each. Areas without an IMD decile are left
    out of every share (numerators and denominators alike) and named in
    ``attrs["warnings"]``, so the shares compare like with like.
    """
    from workstation.analysis.grid import counts_per_polygon

    dec = pd.to_numeric(boundaries["imd_decile"], errors="coerce").to_numpy(float)
    matched = np.isfinite(dec)
    shares = place_area_shares(places, boundaries)
    shares["decile"] = dec[shares["area"].to_numpy()]
    minutes = places["planned_minutes"].to_numpy(dtype=float)
    shares["minutes"] = minutes[shares["place"].to_numpy()] * shares["share"]
    ok = shares[np.isfinite(shares["decile"])]
    crime_counts = harm_counts = None
    if crime_xy is not None and len(crime_xy):
        crime_counts = counts_per_polygon(
            crime_xy[:, 0], crime_xy[:, 1], boundaries.geometry
        )
        if crime_harm is not None:
            harm_counts = counts_per_polygon(
                crime_xy[:, 0], crime_xy[:, 1], boundaries.geometry, weights=crime_harm
            )

    def share_of(values: np.ndarray | None, d: int) -> float:
        if values is None or values[matched].sum() <= 0:
            return np.nan
        return float(values[matched & (dec == d)].sum() / values[matched].sum())

    rows = []
    for d in range(1, 11):
        in_d = ok["decile"] == d
        rows.append(
            {
                "imd_decile": d,
                "places_share": ok.loc[in_d, "share"].sum() / ok["share"].sum()
                if ok["share"].sum() > 0
                else np.nan,
                "dosage_share": ok.loc[in_d, "minutes"].sum() / ok["minutes"].sum()
                if ok["minutes"].sum() > 0
                else np.nan,
                "crime_share": share_of(crime_counts, d),
                "harm_share": share_of(harm_counts, d),
            }
        )
    t = pd.DataFrame(rows)
    t["dosage_minus_harm"] = t["dosage_share"] - t["harm_share"].fillna(
        t["crime_share"]
    )
    t.attrs["warnings"] = _unmatched_note(boundaries, matched, shares, crime_counts)
    return t


def _unmatched_note(
    boundaries: gpd.GeoDataFrame,
    matched: np.ndarray,
    shares: pd.DataFrame,
    crime_counts: np.ndarray | None,
) -> list[str]:
    """One warning naming the areas without an IMD decile and what they hold."""
    if matched.all():
        return []
    code_col = "area_code" if "area_code" in boundaries else None
    codes = (
        boundaries[code_col].astype(str).to_numpy()[~matched]
        if code_col
        else np.flatnonzero(~matched).astype(str)
    )
    lost = shares.loc[~np.isfinite(shares["decile"]), "minutes"].sum()
    total = shares["minutes"].sum()
    crimes = int(crime_counts[~matched].sum()) if crime_counts is not None else 0
    shown = ", ".join(codes[:5]) + (
        f" and {len(codes) - 5} more" if len(codes) > 5 else ""
    )
    return [
        f"{len(codes)} area(s) have no IMD decile ({shown}): their {crimes:,} crimes"
        + (f" and {lost / total:.0%} of the planned minutes" if total > 0 else "")
        + " are left out of the fairness shares"
    ]


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
