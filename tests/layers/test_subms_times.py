"""Times finer than the millisecond a GeoPackage keeps: saving and opening again
is not 'edited outside the application' (the content hash is taken at the
precision stored), while a real change of a time still is."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from layers.kinds import LayerKind
from layers.layer import Layer
from layers.project import Project
from layers.store import load_project, save_project
from tests.layers.test_audit_trail import gpkg_connect


def _project(ns: np.ndarray) -> Project:
    t = pd.to_datetime(ns, utc=True).tz_convert("Europe/London")
    frame = gpd.GeoDataFrame(
        {"occurred_at": t, "category": "Burglary"},
        geometry=[shapely.Point(400_000 + i, 280_000) for i in range(len(ns))],
        crs="EPSG:27700",
    )
    p = Project()
    p.add_layer(Layer("Crime", LayerKind.CRIME, frame))
    return p


def test_sub_millisecond_times_reopen_intact(tmp_path):
    rng = np.random.default_rng(3)
    ns = 1_700_000_000_000_000_000 + rng.integers(0, 10**15, 50)
    assert (ns % 1_000_000 != 0).any()
    path = tmp_path / "p.gpkg"
    save_project(_project(ns), path)
    opened = load_project(path)
    assert opened.audit_check.problems == []


def test_a_changed_time_is_still_found(tmp_path):
    ns = 1_700_000_000_000_000_000 + np.arange(20) * 3_600_000_000_123
    path = tmp_path / "p.gpkg"
    save_project(_project(ns), path)
    con = gpkg_connect(path)  # with the GeoPackage functions its triggers call
    table = next(
        r[0]
        for r in con.execute("SELECT table_name FROM gpkg_contents")
        if r[0].startswith("layer_")
    )
    con.execute(
        f'UPDATE "{table}" SET occurred_at = ? WHERE fid = 3', ("2020-01-01T00:00:00Z",)
    )
    con.commit()
    con.close()
    opened = load_project(path)
    assert any("differ" in p["reason"] for p in opened.audit_check.problems)


def test_zoned_times_are_stored_as_utc_and_open_without_gdal_notes(tmp_path, capfd):
    """GeoPackage DATETIME is UTC ("…Z"): summer times saved with +01:00 made
    GDAL print "Non-conformant content" on every open. The zone comes back from
    the manifest."""
    ns = pd.date_range("2022-03-20", "2022-04-10", freq="17h").as_unit("ns").asi8
    path = tmp_path / "p.gpkg"
    save_project(_project(ns), path)
    con = gpkg_connect(path)
    table = next(
        r[0]
        for r in con.execute("SELECT table_name FROM gpkg_contents")
        if r[0].startswith("layer_")
    )
    stored = [r[0] for r in con.execute(f'SELECT occurred_at FROM "{table}"')]
    con.close()
    assert all(s.endswith("Z") for s in stored)
    capfd.readouterr()
    opened = load_project(path)
    assert "Non-conformant" not in capfd.readouterr().err
    times = opened.layers[0].frame["occurred_at"]
    assert str(times.dt.tz) == "Europe/London"
    assert (pd.DatetimeIndex(times).tz_convert("UTC").as_unit("ns").asi8 == ns).all()
    assert opened.audit_check.problems == []
