from pathlib import Path

import geopandas as gpd
import gpxpy
import numpy as np
import pandas as pd
import pytest
import shapely

from workstation.analysis.grid import Grid
from workstation.analysis.patrol import (
    Shift,
    compare_dosage,
    delivered_dosage,
    delivered_from_visits,
    parse_shifts,
    plan_patrols,
)
from workstation.export import plan_files

OX, OY = 400_000.0, 280_000.0  # a realistic place in British National Grid
FRI_NIGHT = [
    4 * 24 + 21,
    4 * 24 + 22,
    4 * 24 + 23,
    5 * 24 + 21,
    5 * 24 + 22,
    5 * 24 + 23,
]


@pytest.fixture(scope="module")
def scene():
    g = Grid.covering((OX, OY, OX + 5000, OY + 5000), 100)
    cx, cy = g.centres()

    def bump(x, y, s, h):
        return h * np.exp(-((cx - OX - x) ** 2 + (cy - OY - y) ** 2) / (2 * s**2))

    scores = (
        bump(1000, 1000, 150, 10) + bump(4000, 3000, 150, 6) + bump(2500, 4200, 100, 3)
    )
    rng = np.random.default_rng(0)
    n = 6000
    dxy = np.column_stack(
        [rng.normal(OX + 1000, 150, n), rng.normal(OY + 1000, 150, n)]
    )
    how = np.where(
        rng.random(n) < 0.7, rng.choice(FRI_NIGHT, n), rng.integers(0, 168, n)
    )
    assets = gpd.GeoDataFrame(
        {
            "name": ["Youth club", "Primary school"],
            "opening_hours": [
                "Fri: 18:00-23:30; Sat: 18:00-23:30",
                "Mo-Fr 08:30-15:30",
            ],
        },
        geometry=shapely.points([(OX + 1080, OY + 1040), (OX + 3950, OY + 3050)]),
        crs="EPSG:27700",
    )
    areas = gpd.GeoDataFrame(
        {"area_code": ["A", "B"], "imd_decile": [1, 8]},
        geometry=[
            shapely.box(OX, OY, OX + 2500, OY + 5000),
            shapely.box(OX + 2500, OY, OX + 5000, OY + 5000),
        ],
        crs="EPSG:27700",
    )
    return g, scores, dxy, how.astype(np.int64), assets, areas


@pytest.mark.parametrize("hours", [0.5, 3, 12.25, 40])
def test_plan_never_exceeds_the_hours(scene, hours):
    g, scores, dxy, how, assets, _areas = scene
    plan = plan_patrols(
        scores, g, officer_hours=hours, demand_xy=dxy, demand_how=how, assets=assets
    )
    assert plan.officer_minutes_used <= hours * 60 + 1e-6
    # recompute the time from the stops: visits + travel (there and back for assets)
    v = plan.visits
    travel = v["travel_m"].to_numpy() / (5000 / 60)
    extra = np.where(v["stop_type"] == "reassurance point", travel, 0.0)  # walk back
    total = v["minutes"].sum() + travel.sum() + extra.sum()
    assert total == pytest.approx(plan.officer_minutes_used, rel=1e-9)
    if plan.officer_minutes_used < 0.9 * hours * 60:
        # the hours are not used up only when active windows run out, and it says so
        assert any("above-median demand" in w for w in plan.warnings)


def test_area_cap_dosage_and_revisit_rules(scene):
    g, scores, dxy, how, _assets, _areas = scene
    plan = plan_patrols(
        scores, g, officer_hours=40, area_cap=0.01, demand_xy=dxy, demand_how=how
    )
    assert plan.places["area_m2"].sum() <= 0.01 * g.size * g.cell_m**2 + 1e-6
    hs = plan.visits[plan.visits["stop_type"] == "hot spot"]
    assert (hs["minutes"] == 15).all()
    for (_pid,), grp in hs.groupby(["place_id"]):
        starts = np.sort(grp["arrive_min"].to_numpy())
        assert (np.diff(starts) >= 120 - 1e-6).all() or len(starts) == 1
    # a loop never runs past its two-hour window
    span = hs.groupby("loop_index")["arrive_min"].agg(lambda s: s.max() - s.min())
    assert (span <= 120).all()
    # loops group nearby places: at most 40 % of a multi-stop loop is travel
    for _li, grp in plan.visits.groupby("loop_index"):
        if grp["place_id"].nunique() > 1:
            travel = grp["travel_m"].sum() / (5000 / 60)
            assert travel <= 0.4 * (grp["minutes"].sum() + travel) + 1e-6


def test_visits_follow_the_demand_profile(scene):
    g, scores, dxy, how, _assets, _areas = scene
    # one place per bump (places up to 1.5 km across), as the test is about timing
    plan = plan_patrols(
        scores, g, officer_hours=4, demand_xy=dxy, demand_how=how, max_across_m=1500
    )
    hs = plan.visits[plan.visits["stop_type"] == "hot spot"]
    # the calls peak Friday and Saturday 21:00-24:00: with few hours, every place is
    # visited in each peak window (21:00 and 23:00 loops) before any quiet hour
    # (arrival times vary within each loop's two-hour window, so compare windows)
    peak = {("Fri", "21:00"), ("Fri", "23:00"), ("Sat", "21:00"), ("Sat", "23:00")}
    from workstation.analysis.patrol import clock

    window = ((hs["arrive_min"] - 60) // 120 * 120 + 60).map(clock)
    got = {(pid, w[:3], w[4:9]) for pid, w in zip(hs["place_id"], window, strict=True)}
    for pid in plan.places["place_id"]:
        assert {(pid, d, t) for d, t in peak} <= got
    assert plan.places["patrol_area"].nunique() == 3  # places 2-4 km apart on foot


def test_reassurance_points_only_when_open(scene):
    from workstation.analysis.opening import parse_opening_hours

    g, scores, dxy, how, assets, _areas = scene
    plan = plan_patrols(
        scores, g, officer_hours=40, demand_xy=dxy, demand_how=how, assets=assets
    )
    rp = plan.visits[plan.visits["stop_type"] == "reassurance point"]
    assert len(rp) > 0
    for r in rp.itertuples():
        text = assets.loc[assets["name"] == r.label, "opening_hours"].iloc[0]
        week, _ = parse_opening_hours(text)
        assert week[int(r.arrive_min // 60) % 168]


def test_fairness_table_shares(scene):
    g, scores, dxy, how, _assets, areas = scene
    crime_xy = np.array([[OX + 1000, OY + 1000]] * 30 + [[OX + 4000, OY + 3000]] * 10)
    plan = plan_patrols(
        scores,
        g,
        officer_hours=20,
        demand_xy=dxy,
        demand_how=how,
        boundaries=areas,
        crime_xy=crime_xy,
    )
    f = plan.fairness.set_index("imd_decile")
    assert f.loc[1, "crime_share"] == pytest.approx(0.75)
    assert f.loc[8, "crime_share"] == pytest.approx(0.25)
    assert f["dosage_share"].sum() == pytest.approx(1.0)


def test_gpx_geojson_csv_outputs(scene, tmp_path: Path):
    g, scores, dxy, how, assets, _areas = scene
    plan = plan_patrols(
        scores, g, officer_hours=10, demand_xy=dxy, demand_how=how, assets=assets
    )
    gpx = gpxpy.parse(plan_files.write_gpx(plan, tmp_path / "p.gpx").read_text())
    v = plan.visits
    groups = v.groupby(["shift_id", "patrol_area"]).size()
    assert len(gpx.routes) == int((groups >= 2).sum()) > 0
    assert sum(len(r.points) for r in gpx.routes) == int(groups[groups >= 2].sum())
    import pyproj

    lat = np.array([p.latitude for r in gpx.routes for p in r.points])
    lon = np.array([p.longitude for r in gpx.routes for p in r.points])
    tr = pyproj.Transformer.from_crs(4326, 27700, always_xy=True)
    x, y = tr.transform(lon, lat)
    # every route point is one of the plan's stops, to within a metre
    stops = v[["x", "y"]].to_numpy()
    d = np.hypot(x[:, None] - stops[None, :, 0], y[:, None] - stops[None, :, 1]).min(
        axis=1
    )
    assert d.max() < 1.0
    gj = plan_files.plan_geojson(plan)
    kinds = pd.Series(
        [f["properties"]["feature"] for f in gj["features"]]
    ).value_counts()
    assert kinds["place"] == len(plan.places) and kinds["stop"] == len(plan.visits)
    plan_files.write_csv(plan, tmp_path / "p.csv")
    back = pd.read_csv(tmp_path / "p.csv")
    assert len(back) == len(plan.visits)


def test_delivered_dosage_round_trip(scene, tmp_path: Path):
    g, scores, dxy, how, _assets, _areas = scene
    plan = plan_patrols(scores, g, officer_hours=6, demand_xy=dxy, demand_how=how)
    place = plan.places.iloc[0]
    inside = place.geometry.representative_point()
    # a GPS track: 10 fixes a minute apart inside the first place, then out of all places
    t0 = pd.Timestamp("2026-01-02 22:00", tz="UTC")
    times = [t0 + pd.Timedelta(minutes=i) for i in range(12)]
    xy = np.array([[inside.x, inside.y]] * 10 + [[OX - 500.0, OY - 500.0]] * 2)
    gpx = gpxpy.gpx.GPX()
    trk = gpxpy.gpx.GPXTrack()
    seg = gpxpy.gpx.GPXTrackSegment()
    from layers.crs import to_lonlat

    lon, lat = to_lonlat(xy[:, 0], xy[:, 1], "EPSG:27700")
    for i, t in enumerate(times):
        seg.points.append(
            gpxpy.gpx.GPXTrackPoint(lat[i], lon[i], time=t.to_pydatetime())
        )
    trk.segments.append(seg)
    gpx.tracks.append(trk)
    path = tmp_path / "delivered.gpx"
    path.write_text(gpx.to_xml())
    got_xy, got_t, ids, _missing = plan_files.read_delivered(path, "EPSG:27700")
    delivered = delivered_dosage(plan.places, got_xy, got_t, track_ids=ids)
    cmp = compare_dosage(plan, delivered)
    first = cmp[cmp["place_id"] == place["place_id"]].iloc[0]
    assert first["delivered_minutes"] == pytest.approx(9.0)
    assert first["delivered_visits"] == 1
    # the same visit recorded as a CSV of start/end with place ids
    csv = tmp_path / "visits.csv"
    csv.write_text(
        f"place_id,start,end\n{place['place_id']},2026-01-02 22:00,2026-01-02 22:09\n"
    )
    from_csv = delivered_from_visits(
        plan.places, plan_files.read_delivered(csv, "EPSG:27700")
    )
    assert from_csv.loc[
        from_csv["place_id"] == place["place_id"], "delivered_minutes"
    ].iloc[0] == pytest.approx(9.0)


def test_parse_shifts_and_bad_input(scene):
    assert parse_shifts("Day=8:10,Night=22:10") == (
        Shift("Day", 8, 10),
        Shift("Night", 22, 10),
    )
    with pytest.raises(ValueError, match="NAME=START:HOURS"):
        parse_shifts("Day")
    g, scores, *_ = scene
    with pytest.raises(ValueError, match="officer hours"):
        plan_patrols(scores, g, officer_hours=0)
    with pytest.raises(ValueError, match="no cell has a positive score"):
        plan_patrols(np.zeros(g.shape), g, officer_hours=5)


def test_gpx_reads_with_gdal_as_qgis_does(scene, tmp_path: Path):
    """QGIS opens GPX through GDAL's GPX driver: waypoints, routes and route points."""
    import pyogrio

    g, scores, dxy, how, assets, _areas = scene
    plan = plan_patrols(
        scores, g, officer_hours=8, demand_xy=dxy, demand_how=how, assets=assets
    )
    path = plan_files.write_gpx(plan, tmp_path / "plan.gpx")
    names = {name for name, _ in pyogrio.list_layers(path)}
    assert {"waypoints", "routes", "route_points"} <= names
    wpts = pyogrio.read_dataframe(path, layer="waypoints")
    assert len(wpts) >= len(plan.places)
    gpx = gpxpy.parse(path.read_text())
    routes = pyogrio.read_dataframe(path, layer="routes")
    assert len(routes) == len(gpx.routes) > 0
    assert (shapely.get_num_points(routes.geometry.values) >= 2).all()
    pts = pyogrio.read_dataframe(path, layer="route_points")
    assert len(pts) == sum(len(r.points) for r in gpx.routes)


def test_road_network_routing_uses_network_distance(scene):
    """With a road network, travel follows the roads (longer than straight lines)."""
    g, *_ = scene
    # two hot places 600 m apart on a diagonal, joined only by an L-shaped road
    cx, cy = g.centres()
    a, b = (OX + 1000, OY + 1000), (OX + 1400, OY + 1450)
    scores = np.exp(-((cx - a[0]) ** 2 + (cy - a[1]) ** 2) / 2e4) + np.exp(
        -((cx - b[0]) ** 2 + (cy - b[1]) ** 2) / 2e4
    )
    roads = gpd.GeoDataFrame(
        geometry=[
            shapely.LineString(
                [(OX + 900, OY + 1000), (OX + 1400, OY + 1000), (OX + 1400, OY + 1600)]
            )
        ],
        crs="EPSG:27700",
    )
    kwargs = {
        "officer_hours": 3,
        "area_cap": 0.002,
        "demand_xy": None,
        "demand_how": None,
        "max_travel_share": 0.9,
    }
    straight = plan_patrols(scores, g, **kwargs)
    by_road = plan_patrols(scores, g, roads=roads, **kwargs)
    leg = lambda p: p.visits.loc[p.visits["travel_m"] > 0, "travel_m"]  # noqa: E731
    assert len(leg(straight)) and len(leg(by_road))
    assert leg(by_road).min() > leg(straight).min() * 1.2
    assert by_road.params["routing"] == "road network"


def test_forecast_fairness_shares(scene):
    from workstation.analysis.patrol import forecast_fairness

    g, scores, _dxy, _how, _assets, areas = scene
    crime_xy = np.array([[OX + 1000, OY + 1000]] * 3 + [[OX + 4000, OY + 3000]])
    t = forecast_fairness(scores, g, areas, coverage=0.01, crime_xy=crime_xy).set_index(
        "imd_decile"
    )
    assert t["flagged_cells_share"].sum() == pytest.approx(1.0)
    assert t.loc[1, "crime_share"] == pytest.approx(0.75)
    # the strongest bump (west half, decile 1) gets most flagged cells
    assert t.loc[1, "flagged_cells_share"] > t.loc[8, "flagged_cells_share"]


# -- issue 12 -------------------------------------------------------------------------------
def test_no_timed_demand_spreads_visits_evenly_and_says_so(scene):
    """Point 1: without a layer timed to the hour no hour is ranked."""
    g, scores, *_ = scene
    plan = plan_patrols(scores, g, officer_hours=40)
    hs = plan.visits[plan.visits["stop_type"] == "hot spot"]
    assert not plan.timing_evidence
    assert any("not evidence-based" in w for w in plan.warnings)
    assert "not evidence-based" in plan.method_note
    assert (plan.places["best_hours"] == "not known").all()
    per_day = (
        hs.groupby("day")
        .size()
        .reindex(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], fill_value=0)
    )
    per_shift = hs.groupby("shift").size().reindex(["Early", "Late", "Night"])
    # every day and every shift gets visits, none much more than its even share
    assert per_day.min() > 0 and per_day.max() <= 1.5 * len(hs) / 7
    assert per_shift.min() > 0 and per_shift.max() <= 1.5 * len(hs) / 3
    assert plan.officer_minutes_used <= 40 * 60 + 1e-6


def test_timing_note_names_the_layer_and_weeks(scene):
    from workstation.analysis.patrol import Demand

    g, scores, dxy, how, *_ = scene
    demand = Demand(dxy, how, source="'Calls 2025'", period="weeks from A to B")
    plan = plan_patrols(scores, g, officer_hours=5, demand=demand)
    assert plan.timing_evidence
    assert (
        "'Calls 2025'" in plan.timing_note and "weeks from A to B" in plan.timing_note
    )
    assert not any("not evidence-based" in w for w in plan.warnings)


def _open_spans(spec: list[tuple[int, str, str]]) -> list[tuple[int, int]]:
    """Opening spans written out by hand as (day, 'HH:MM', 'HH:MM') -> minutes of week
    (an end before the start runs past midnight)."""
    out = []
    for day, a, b in spec:
        m0 = day * 1440 + int(a[:2]) * 60 + int(a[3:])
        m1 = day * 1440 + int(b[:2]) * 60 + int(b[3:])
        out.append((m0, m1 + (1440 if m1 <= m0 else 0)))
    return out


@pytest.mark.parametrize("timed", [True, False])
def test_reassurance_stops_start_and_end_inside_opening_hours(scene, timed):
    """Point 2: hours ending :30 and :45, overnight hours and closed days."""
    g, scores, dxy, how, *_ = scene
    kw = {"demand_xy": dxy, "demand_how": how} if timed else {}
    spans = {
        "School": _open_spans([(d, "08:30", "15:30") for d in range(5)]),
        "Library": _open_spans(
            [(0, "09:15", "16:45"), (5, "10:00", "12:45")]
            + [(d, "07:45", "13:10") for d in range(1, 5)]
        ),
        "Late bar": _open_spans([(4, "22:00", "02:30"), (5, "22:00", "02:30")]),
        "Shut": [],
    }
    texts = {
        "School": "Mo-Fr 08:30-15:30",
        "Library": "Mon: 09:15-16:45; Tue-Fri 07:45-13:10; Sat: 10:00-12:45; Sun: Closed",
        "Late bar": "Fri: 22:00-02:30; Sat: 22:00-02:30",
        "Shut": "Mon: Closed; Tue: Closed; Wed: Closed; Thu: Closed; Fri: Closed",
    }
    assets = gpd.GeoDataFrame(
        {"name": list(texts), "opening_hours": list(texts.values())},
        geometry=shapely.points([(OX + 1050, OY + 1020)] * 4),
        crs="EPSG:27700",
    )
    plan = plan_patrols(scores, g, officer_hours=120, assets=assets, max_places=3, **kw)
    rp = plan.visits[plan.visits["stop_type"] == "reassurance point"]
    assert set(rp["label"]) >= {"School", "Library", "Late bar"}
    assert "Shut" not in set(rp["label"])
    for r in rp.itertuples():
        a, b = r.arrive_min % (7 * 1440), r.arrive_min % (7 * 1440) + r.minutes
        assert any(s0 - 1e-6 <= a and b <= s1 + 1e-6 for s0, s1 in spans[r.label]), (
            r.label,
            r.arrive,
            r.depart,
        )


def test_night_shift_crossing_midnight_is_one_shift(scene, tmp_path: Path):
    """Point 3: one shift's route, rows and officers hold that night only."""
    g, scores, dxy, how, assets, _areas = scene
    plan = plan_patrols(
        scores, g, officer_hours=60, demand_xy=dxy, demand_how=how, assets=assets
    )
    v = plan.visits
    night = v[v["shift"] == "Night"]
    assert (night["arrive"].str[4:6].astype(int) < 7).any()  # after midnight
    for sid, grp in v.groupby("shift_id"):
        start_day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].index(sid[:3])
        start = {"Early": 7, "Late": 15, "Night": 23}[sid[4:]] * 60 + start_day * 1440
        assert (grp["arrive_min"] >= start - 1e-6).all()
        assert (grp["arrive_min"] + grp["minutes"] <= start + 8 * 60 + 1e-6).all()
    gpx = gpxpy.parse(plan_files.write_gpx(plan, tmp_path / "p.gpx").read_text())
    groups = v.groupby(["shift_id", "patrol_area"]).size()
    assert len(gpx.routes) == int((groups >= 2).sum())
    for route in gpx.routes:
        sid = route.name.split(",")[0]
        assert sid in set(v["shift_id"])
        n = groups.loc[sid, int(route.name.rsplit(" ", 1)[1])]
        assert len(route.points) == n
    # officers on at once: one per patrol area working in that shift
    shifts = plan.shifts().set_index("shift_id")
    areas = v.groupby("shift_id")["patrol_area"].nunique()
    assert (shifts["officers"] == areas.reindex(shifts.index)).all()
    for sid, grp in v.groupby("shift_id"):
        assert set(grp["officer"]) == set(range(1, shifts.loc[sid, "officers"] + 1))
    plan_files.write_csv(plan, tmp_path / "p.csv")
    back = pd.read_csv(tmp_path / "p.csv")
    assert {"shift_id", "officer", "patrol_area"} <= set(back.columns)


@pytest.mark.parametrize("demand", [True, False])
def test_arrivals_vary_within_the_window_and_are_reproducible(scene, demand):
    """Point 4: not on the hour every time; same seed, same plan; rules still exact."""
    g, scores, dxy, how, assets, _areas = scene
    kw = {"demand_xy": dxy, "demand_how": how} if demand else {}
    plan = plan_patrols(scores, g, officer_hours=40, assets=assets, seed=7, **kw)
    again = plan_patrols(scores, g, officer_hours=40, assets=assets, seed=7, **kw)
    other = plan_patrols(scores, g, officer_hours=40, assets=assets, seed=8, **kw)
    hs = plan.visits[plan.visits["stop_type"] == "hot spot"]
    on_the_hour = (np.round(hs["arrive_min"]) % 60 == 0).mean()
    assert on_the_hour < 0.25
    minute = np.round(hs["arrive_min"]) % 60
    assert minute.nunique() > 10
    pd.testing.assert_frame_equal(plan.visits, again.visits)
    assert not plan.visits["arrive_min"].equals(other.visits["arrive_min"])
    assert plan.officer_minutes_used <= 40 * 60 + 1e-6
    for _pid, grp in hs.groupby("place_id"):
        t = np.sort(grp["arrive_min"].to_numpy())
        assert (np.diff(t) >= 120 - 1e-6).all()
    assert (hs["minutes"] == 15).all()


def test_micro_places_are_small_named_and_referenced(scene):
    """Point 5: at most 250 m across (configurable), big clusters split, named."""
    from layers.readers.calls import parse_grid_refs
    from workstation.analysis.patrol_places import across_m

    g, scores, *_ = scene
    rng = np.random.default_rng(1)
    cxy = np.column_stack(
        [rng.normal(OX + 1000, 60, 300), rng.normal(OY + 1000, 60, 300)]
    )
    loc = np.where(
        rng.random(300) < 0.7, "On or near Mill Lane", "On or near Parking Area"
    )
    plan = plan_patrols(
        scores, g, officer_hours=10, crime_xy=cxy, crime_location=loc, max_places=40
    )
    p = plan.places
    assert (across_m(p.geometry.values) <= 250 + 1e-6).all()
    assert (p["across_m"] <= 250 + 1e-6).all()
    # the 0.9 km-wide top cluster of the old planner is now several places
    assert len(p) > 3
    big = plan_patrols(scores, g, officer_hours=10, max_across_m=600, max_places=40)
    assert big.places["across_m"].max() > 250 and len(big.places) < len(p)
    # the place at the crimes is named by their most common street
    at_crimes = p[p.geometry.contains(shapely.Point(OX + 1020, OY + 1030))]
    assert len(at_crimes) == 1 and at_crimes["name"].iloc[0] == "Mill Lane"
    assert (p["name"] != "").all()
    # grid references read back (as the calls reader reads them) inside the place
    e, n, _ = parse_grid_refs(p["grid_ref"])
    rp = shapely.point_on_surface(p.geometry.values)
    assert np.all(np.abs(e - shapely.get_x(rp)) <= 5) and np.all(
        np.abs(n - shapely.get_y(rp)) <= 5
    )
    assert p["grid_ref"].str.fullmatch(r"[A-HJ-Z]{2} \d{4} \d{4}").all()


def test_os_grid_ref_known_points():
    from workstation.analysis.patrol_places import os_grid_ref

    # Ordnance Survey's own examples: Ben Nevis NN 1665 7124, Land's End SW 3421 2510
    assert os_grid_ref(216_650, 771_240) == "NN 1665 7124"
    assert os_grid_ref(134_210, 25_100) == "SW 3421 2510"
    assert os_grid_ref(-5, 10) == ""


def test_steps_are_pure_functions(scene):
    """Point 9: each step can be called and checked on its own."""
    from workstation.analysis.patrol import (
        Routing,
        build_loop,
        shift_loops,
        spread_rank,
    )

    loops = shift_loops((Shift("Night", 23, 8),), 120, 2)
    assert len(loops) == 7 * 4 * 2
    sun = [lp for lp in loops if lp.day == 6 and lp.area == 0]
    assert [lp.start_min for lp in sun] == [
        6 * 1440 + 23 * 60 + k * 120 for k in range(4)
    ]
    assert {lp.shift_id for lp in sun} == {"Sun Night"}
    rank = spread_rank(loops)
    first_round = [loops[i] for i in np.argsort(rank)[:14]]
    assert {lp.k for lp in first_round} == {0}
    xy = np.array([[OX, OY], [OX + 200.0, OY]])
    r = Routing(
        xy=xy,
        geoms=shapely.buffer(shapely.points(xy), 50),
        names=("A", "B"),
        grid_refs=("", ""),
        visit_minutes=15,
        reassurance_minutes=10,
        speed_m_per_min=5000 / 60,
        gap_minutes=120,
        max_travel_share=0.4,
        seed=3,
    )
    lp = build_loop(loops[0], [0, 1], r)
    assert lp.fits and lp.minutes == pytest.approx(30 + 200 / (5000 / 60))
    assert lp == build_loop(loops[0], [1, 0], r)
    t = [row["arrive_min"] for row in lp.rows]
    assert loops[0].start_min <= t[0] and t[-1] + 15 <= loops[0].start_min + 120


def test_fairness_uses_the_share_of_each_place_and_reports_unmatched_lsoas():
    """Point 8: a place across two LSOAs counts half in each; no-IMD LSOAs reported."""
    from workstation.analysis.patrol import fairness_table

    places = gpd.GeoDataFrame(
        {"place_id": [1, 2], "planned_minutes": [60.0, 30.0]},
        geometry=[
            shapely.box(OX + 900, OY, OX + 1100, OY + 100),  # across A | B
            shapely.box(OX + 2100, OY, OX + 2200, OY + 100),  # in C (no IMD)
        ],
        crs="EPSG:27700",
    )
    areas = gpd.GeoDataFrame(
        {"area_code": ["A", "B", "C"], "imd_decile": [1, 9, np.nan]},
        geometry=[
            shapely.box(OX, OY, OX + 1000, OY + 1000),
            shapely.box(OX + 1000, OY, OX + 2000, OY + 1000),
            shapely.box(OX + 2000, OY, OX + 3000, OY + 1000),
        ],
        crs="EPSG:27700",
    )
    crime_xy = np.array([[OX + 500, OY + 500]] * 6 + [[OX + 1500, OY + 500]] * 2)
    crime_xy = np.vstack([crime_xy, [[OX + 2500, OY + 500]] * 8])
    t = fairness_table(places, areas, crime_xy, None).set_index("imd_decile")
    assert t.loc[1, "dosage_share"] == pytest.approx(0.5)
    assert t.loc[9, "dosage_share"] == pytest.approx(0.5)
    assert t.loc[1, "places_share"] == pytest.approx(0.5)
    # LSOA C's 8 crimes are out of the denominators: 6 of the 8 matched are in A
    assert t.loc[1, "crime_share"] == pytest.approx(0.75)
    (note,) = t.attrs["warnings"]
    assert "1 area(s) have no IMD decile (C)" in note and "8 crimes" in note
    assert "33% of the planned minutes" in note


def test_hot_spot_table_gives_reasons(scene):
    g, scores, dxy, how, assets, areas = scene
    rng = np.random.default_rng(2)
    n = 400
    cxy = np.column_stack([rng.normal(OX + 1000, 40, n), rng.normal(OY + 1000, 40, n)])
    cat = np.where(np.arange(n) % 4 == 0, "Burglary", "Violence and sexual offences")
    t0 = pd.Timestamp("2026-01-01", tz="UTC").value
    day = 86_400 * 10**9
    # 100 crimes in the older quarter, 300 in the last: up 200 %
    times = np.where(np.arange(n) < 100, t0 + 10 * day, t0 + 120 * day)
    plan = plan_patrols(
        scores, g, officer_hours=10, demand_xy=dxy, demand_how=how, assets=assets,
        boundaries=areas, crime_xy=cxy, crime_category=cat, crime_times_ns=times,
    )  # fmt: skip
    h = plan.hotspots
    assert list(h["rank"]) == list(range(1, len(h) + 1))
    assert h["score"].is_monotonic_decreasing
    top = h[h["crimes"] > 0]
    assert top["crimes"].sum() <= n and h["harm_share"].sum() <= 1 + 1e-9
    first = top.iloc[0]
    assert first["crime_mix"].startswith("Violence and sexual offences")
    assert "Burglary" in first["crime_mix"]
    assert h["busiest_hours"].str.match(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:00").all()
    assert (h["lsoa_imd"].str.contains("decile")).all()
    near_club = h[h["nearby_assets"].str.contains("Youth club")]
    assert len(near_club) > 0
    # the trend counts the place's own crimes in the two quarters
    here = plan.places.set_index("place_id").geometry[first["place_id"]]
    inside = shapely.contains_xy(here, cxy[:, 0], cxy[:, 1])
    old, new = (
        int((inside & (times < t0 + 60 * day)).sum()),
        int((inside & (times > t0 + 60 * day)).sum()),
    )
    assert first["trend"] == f"up {(new - old) / old:.0%} ({old} to {new} a quarter)"


def test_gpx_track_is_matched_to_the_plan_on_time_late_missed(scene, tmp_path: Path):
    """Point 6: a GPS track per officer, against the plan's own visits."""
    from layers.crs import to_lonlat
    from workstation.analysis.planning import compare_with_plan

    g, scores, dxy, how, *_ = scene
    plan = plan_patrols(scores, g, officer_hours=6, demand_xy=dxy, demand_how=how)
    hs = plan.visits[plan.visits["stop_type"] == "hot spot"].sort_values("arrive_min")
    monday = pd.Timestamp("2026-01-05 00:00", tz="Europe/London")  # GMT: no offset
    gpx = gpxpy.gpx.GPX()
    # officer 1 does the first visit on time (14 minutes of fixes); officer 2 the
    # second 40 minutes late; nobody does the rest
    for k, (late, row) in enumerate([(0, hs.iloc[0]), (40, hs.iloc[1])]):
        place = plan.places.set_index("place_id").geometry[row["place_id"]]
        pt = place.representative_point()
        lon, lat = to_lonlat(np.array([pt.x]), np.array([pt.y]), "EPSG:27700")
        trk = gpxpy.gpx.GPXTrack(name=f"officer {k + 1}")
        seg = gpxpy.gpx.GPXTrackSegment()
        t0 = monday + pd.Timedelta(minutes=float(row["arrive_min"]) + late)
        for i in range(15):
            seg.points.append(
                gpxpy.gpx.GPXTrackPoint(
                    lat[0], lon[0], time=(t0 + pd.Timedelta(minutes=i)).to_pydatetime()
                )
            )
        trk.segments.append(seg)
        gpx.tracks.append(trk)
    path = tmp_path / "tracks.gpx"
    path.write_text(gpx.to_xml())
    got = plan_files.read_delivered(path, "EPSG:27700")
    matched, summary = compare_with_plan(plan, got, "Europe/London")
    status = matched.set_index("visit_id")["status"]
    assert status[hs.iloc[0]["visit_id"]] == "on time"
    assert status[hs.iloc[1]["visit_id"]] == "late"
    assert (
        status.drop([hs.iloc[0]["visit_id"], hs.iloc[1]["visit_id"]]) == "missed"
    ).all()
    total = summary[summary["level"] == "plan"].iloc[0]
    assert total["delivered_minutes"] == pytest.approx(28.0)
    assert total["planned_minutes"] == pytest.approx(15.0 * len(hs))
    by_shift = summary[summary["level"] == "shift"].set_index("key")
    assert by_shift["planned_visits"].sum() == len(hs)
    assert by_shift.loc[hs.iloc[0]["shift_id"], "on_time"] >= 1


def test_unreadable_delivered_rows_are_reported_with_their_row(scene, tmp_path: Path):
    from workstation.analysis.planning import compare_with_plan

    g, scores, dxy, how, *_ = scene
    plan = plan_patrols(scores, g, officer_hours=4, demand_xy=dxy, demand_how=how)
    first = plan.visits[plan.visits["stop_type"] == "hot spot"].iloc[0]
    csv = tmp_path / "done.csv"
    csv.write_text(
        "place_id,start,end\n"
        f"{first['place_id']},{first['arrive']},{first['depart']}\n"
        f"{first['place_id']},half past ten,{first['depart']}\n"
        f"99,{first['arrive']},{first['depart']}\n"
    )
    matched, summary = compare_with_plan(
        plan, plan_files.read_delivered(csv, plan.crs), "Europe/London"
    )
    assert summary.attrs["unreadable"] == [
        (3, "start time 'half past ten' not readable"),
        (4, "not at any place of the plan"),
    ]
    assert (matched["status"] == "on time").sum() == 1


def test_a_loop_visits_each_reassurance_point_once(scene):
    g, scores, dxy, how, assets, _areas = scene
    plan = plan_patrols(
        scores, g, officer_hours=40, demand_xy=dxy, demand_how=how, assets=assets,
        max_places=8,
    )  # fmt: skip
    rp = plan.visits[plan.visits["stop_type"] == "reassurance point"]
    assert len(rp) > 0
    assert not rp.duplicated(["loop_index", "label"]).any()
