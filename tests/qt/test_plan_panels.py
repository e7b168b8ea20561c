from pathlib import Path

import geopandas as gpd
import gpxpy
import numpy as np
import pandas as pd
import pytest
import shapely

from layers import Layer, LayerKind, Project, TimeWindow
from workstation.qt.jobs import JobRunner

OX, OY = 400_000.0, 280_000.0


def _project() -> Project:
    rng = np.random.default_rng(4)
    n = 4000
    months = rng.integers(0, 24, n)
    hot = rng.random(n) < 0.5
    x = np.where(hot, rng.normal(OX + 1000, 80, n), rng.uniform(OX, OX + 4000, n))
    y = np.where(hot, rng.normal(OY + 1000, 80, n), rng.uniform(OY, OY + 4000, n))
    t = pd.Timestamp("2024-01-01", tz="Europe/London")
    occurred = pd.DatetimeIndex([t + pd.DateOffset(months=int(m)) for m in months])
    crime = Layer(
        "Crime",
        LayerKind.CRIME,
        gpd.GeoDataFrame(
            {
                "occurred_at": occurred,
                "category": pd.Categorical(
                    rng.choice(
                        ["Burglary", "Robbery", "Violence and sexual offences"], n
                    )
                ),
            },
            geometry=shapely.points(x, y),
            crs="EPSG:27700",
        ),
        time_precision="month",
    )
    m = 3000
    ct = pd.Timestamp("2025-06-06 22:00", tz="Europe/London") + pd.to_timedelta(
        rng.integers(0, 3 * 3600, m), unit="s"
    )
    calls = Layer(
        "Calls",
        LayerKind.DEMAND,
        gpd.GeoDataFrame(
            {"occurred_at": ct, "category": "Disorder"},
            geometry=shapely.points(
                rng.normal(OX + 1000, 100, m), rng.normal(OY + 1000, 100, m)
            ),
            crs="EPSG:27700",
        ),
    )
    areas = Layer(
        "LSOA",
        LayerKind.BOUNDARY,
        gpd.GeoDataFrame(
            {
                "area_code": ["A", "B"],
                "area_name": ["West", "East"],
                "imd_decile": [2, 9],
            },
            geometry=[
                shapely.box(OX, OY, OX + 2000, OY + 4000),
                shapely.box(OX + 2000, OY, OX + 4000, OY + 4000),
            ],
            crs="EPSG:27700",
        ),
    )
    p = Project()
    for lyr in (areas, crime, calls):
        p.add_layer(lyr)
    return p


@pytest.fixture
def jobs(qtbot):
    runner = JobRunner()
    yield runner
    runner.shutdown()


def test_patrol_panel_plans_within_hours_and_exports(qtbot, jobs, tmp_path: Path):
    from workstation.qt.panels.analysis.patrol_panel import Panel

    project = _project()
    panel = Panel(project, jobs)
    qtbot.addWidget(panel)
    panel.hours.setValue(6)
    panel.layer_combo.setCurrentIndex(panel.layer_combo.findData(project.layers[1].id))
    n_layers = len(project.layers)
    panel.run_bar.run_button.click()
    qtbot.waitUntil(lambda: panel.plan is not None, timeout=60_000)
    assert panel.plan.officer_minutes_used <= 6 * 60
    assert (panel.plan.places["across_m"] <= panel.across.value() + 1e-6).all()
    added = [
        lyr
        for lyr in project.layers
        if lyr.provenance.get("result_type") == "patrol_plan"
    ]
    assert len(added) == len(project.layers) - n_layers >= 2
    # the busiest place is at the planted cluster
    best = panel.plan.places.sort_values("score", ascending=False).iloc[0].geometry
    assert best.buffer(150).contains(shapely.Point(OX + 1000, OY + 1000))
    assert panel.shift_model.rowCount() == len(panel.plan.visits)
    assert panel.fair_model.rowCount() == 10
    gpx = gpxpy.parse(panel.export_to(tmp_path / "plan.gpx").read_text())
    assert len(gpx.waypoints) >= len(panel.plan.places)
    # running again replaces the plan layers rather than piling them up
    panel.run_bar.run_button.click()
    qtbot.waitUntil(lambda: not jobs.is_busy(), timeout=60_000)
    again = [
        lyr
        for lyr in project.layers
        if lyr.provenance.get("result_type") == "patrol_plan"
    ]
    assert len(again) == len(added)
    # moving the filter marks the plan stale
    assert not panel.stale.isVisibleTo(panel)
    project.filter.set_categories({"Burglary"})
    assert panel.stale.stale


def test_shifts_are_edited_in_a_table(qtbot, jobs):
    """Issue 18.4: name, start and length in a small table, not a text field."""
    from workstation.analysis.patrol import Shift
    from workstation.qt.panels.analysis.patrol_panel import Panel

    panel = Panel(_project(), jobs)
    qtbot.addWidget(panel)
    table = panel.shifts.table
    assert table.rowCount() == 3
    assert [table.item(r, 0).text() for r in range(3)] == ["Early", "Late", "Night"]
    assert panel.parameters()["shifts"][2] == Shift("Night", 23, 8)
    table.item(1, 1).setText("14:00")
    table.item(1, 2).setText("10")
    panel.shifts.add_button.click()
    table.item(3, 0).setText("Day")
    assert panel.parameters()["shifts"][1] == Shift("Late", 14, 10)
    assert panel.parameters()["shifts"][3] == Shift("Day", 9, 8)
    table.selectRow(0)
    panel.shifts.remove_button.click()
    assert [s.name for s in panel.parameters()["shifts"]] == ["Late", "Night", "Day"]
    table.item(0, 1).setText("14:30")
    panel.run_bar.run_button.click()  # refused with the row named, nothing run
    assert "shift row 1" in panel.run_bar.status.text()
    assert not jobs.is_busy()


def test_reopened_project_shows_the_saved_plan_and_exports(qtbot, jobs, tmp_path: Path):
    """Issue 18.7: after reopening, the Plan panel shows the saved plan; Export works."""
    from layers.plans import plans_of
    from layers.store import load_project, save_project
    from workstation.qt.main_window import replace_project_contents
    from workstation.qt.panels.analysis.patrol_panel import Panel

    project = _project()
    panel = Panel(project, jobs)
    qtbot.addWidget(panel)
    panel.hours.setValue(5)
    panel.layer_combo.setCurrentIndex(panel.layer_combo.findData(project.layers[1].id))
    panel.run_bar.run_button.click()
    qtbot.waitUntil(lambda: panel.plan is not None, timeout=60_000)
    plan_id = panel.plan.extras["plan_id"]
    assert plan_id in plans_of(project)
    assert project.audit[-1].parameters["plan_id"] == plan_id
    save_project(project, tmp_path / "p.gpkg")
    # a fresh window's project and panel, then File > Open
    target = Project()
    again = Panel(target, jobs)
    qtbot.addWidget(again)
    assert again.plan is None and not again.export_button.isEnabled()
    replace_project_contents(target, load_project(tmp_path / "p.gpkg"))
    assert again.plan is not None and again.plan.extras["plan_id"] == plan_id
    assert again.hours.value() == 5
    assert again.shift_model.rowCount() == len(panel.plan.visits)
    assert again.export_button.isEnabled()
    out = again.export_to(tmp_path / "again.gpx")
    assert len(gpxpy.parse(out.read_text()).waypoints) >= len(panel.plan.places)
    csv = pd.read_csv(again.export_to(tmp_path / "again.csv"))
    assert (csv["plan_id"] == plan_id).all()
    # officers on at once per shift, and the sheets of the reopened plan
    shifts = again.plan.shifts()
    assert again.officers_model.rowCount() == len(shifts) > 0
    files = again.write_sheets(tmp_path / "sheets")
    assert len([f for f in files if f.suffix == ".pdf"]) == (
        again.plan.visits.groupby(["shift_id", "patrol_area"]).ngroups
    )
    # the plan's CSV read back as delivered, against the saved plan
    table = again.compare_delivered(tmp_path / "again.csv")
    total = table[table["level"] == "plan"].iloc[0]
    assert total["on_time"] == total["planned_visits"] > 0
    # running again replaces the reopened plan's layers
    n = len(target.layers)
    again.layer_combo.setCurrentIndex(again.layer_combo.findData(target.layers[1].id))
    again.run_bar.run_button.click()
    qtbot.waitUntil(lambda: again.plan.extras["plan_id"] != plan_id, timeout=60_000)
    assert len(target.layers) == n


def test_evaluate_panel_counts_and_wdd(qtbot, jobs):
    from workstation.qt.panels.analysis.evaluate_panel import Panel

    project = _project()
    panel = Panel(project, jobs)
    qtbot.addWidget(panel)
    for key, (b, a) in {
        "treated": (207, 110),
        "control": (308, 318),
        "displacement": (178, 157),
        "displacement_control": (150, 140),
    }.items():
        panel.spins[key][0].setValue(b)
        panel.spins[key][1].setValue(a)
    r = panel.run()
    assert r.wdd == pytest.approx(-118)
    assert "WDD -118.0" in panel.result_label.text()
    # counting from the map: treated = West polygon (selected), control = East
    crime = project.layers[1]
    areas = project.layers[0]
    panel.layer_combo.setCurrentIndex(panel.layer_combo.findData(crime.id))
    project.selection.set(areas.id, [0])
    assert panel.take_area("treated")
    project.selection.set(areas.id, [1])
    assert panel.take_area("control")
    tz = "Europe/London"
    project.filter.set_window(
        TimeWindow(pd.Timestamp("2024-01-01", tz=tz), pd.Timestamp("2025-01-01", tz=tz))
    )
    assert panel.take_period("before")
    project.filter.set_window(
        TimeWindow(pd.Timestamp("2025-01-01", tz=tz), pd.Timestamp("2026-01-01", tz=tz))
    )
    assert panel.take_period("after")
    counts = panel.count()
    xy, ns = crime.xy, crime.times_ns
    west = xy[:, 0] < OX + 2000
    in_2024 = ns < pd.Timestamp("2025-01-01", tz=tz).value
    assert counts["treated"] == (
        int((west & in_2024).sum()),
        int((west & ~in_2024).sum()),
    )
    assert counts["control"][0] == int(
        (~west & in_2024 & (xy[:, 0] <= OX + 4000)).sum()
    )
