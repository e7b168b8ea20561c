"""Saved plans in the project file (issue 12.6)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from layers import Project
from layers.plans import PLANS_TABLE, StoredPlan, add_plan, latest_plan, plans_of


def _plan(pid: str, created: str) -> StoredPlan:
    places = gpd.GeoDataFrame(
        {
            "place_id": [1, 2],
            "name": ["Mill Lane", "Parking Area"],
            "score": [2.5, 1.0],
        },
        geometry=[shapely.box(0, 0, 150, 150), shapely.box(150, 0, 300, 150)],
        crs="EPSG:27700",
    )
    visits = pd.DataFrame(
        {"visit_id": [1, 2], "place_id": [1, 2], "arrive": ["Fri 23:05", "Sat 00:40"]}
    )
    return StoredPlan(
        id=pid, name=f"plan {pid}", created=created, kind="patrol",
        parameters={"officer_hours": 40.0, "shifts": [{"name": "Night"}]},
        input_hashes={"layer-1": "abc"}, facts={"officer_minutes_used": 2390.5},
        frames={"places": places, "visits": visits},
    )  # fmt: skip


def test_plans_survive_save_and_open(tmp_path: Path):
    from layers.store import load_project, save_project

    project = Project()
    add_plan(project, _plan("patrol-a", "2026-12-01T08:00:00+00:00"))
    add_plan(project, _plan("patrol-b", "2026-12-02T08:00:00+00:00"))
    assert project.dirty
    save_project(project, tmp_path / "p.gpkg")
    back = load_project(tmp_path / "p.gpkg")
    plans = plans_of(back)
    assert list(plans) == ["patrol-a", "patrol-b"]
    assert latest_plan(back).id == "patrol-b"
    got, want = plans["patrol-a"], _plan("patrol-a", "2026-12-01T08:00:00+00:00")
    assert got.parameters == want.parameters and got.facts == want.facts
    assert got.input_hashes == want.input_hashes
    pd.testing.assert_frame_equal(got.frames["visits"], want.frames["visits"])
    g = got.frames["places"]
    assert isinstance(g, gpd.GeoDataFrame) and g.crs == want.frames["places"].crs
    assert g.geometry.equals(want.frames["places"].geometry)
    assert list(g["name"]) == ["Mill Lane", "Parking Area"]
    # a plain sqlite table that QGIS and ogrinfo list as attributes
    with sqlite3.connect(tmp_path / "p.gpkg") as con:
        n = con.execute(f"SELECT count(*) FROM {PLANS_TABLE}").fetchone()[0]
        kind = con.execute(
            "SELECT data_type FROM gpkg_contents WHERE table_name = ?", (PLANS_TABLE,)
        ).fetchone()[0]
    assert n == 2 and kind == "attributes"


def test_project_without_plans_opens_with_none(tmp_path: Path):
    from layers.store import load_project, save_project

    save_project(Project(), tmp_path / "p.gpkg")
    assert plans_of(load_project(tmp_path / "p.gpkg")) == {}
    from layers.plans import find_plan

    with pytest.raises(KeyError, match="no saved plan 'x'"):
        find_plan(Project(), "x")
