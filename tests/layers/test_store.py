from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from layers import DataError, Layer, LayerKind, Project, ReadReport, TimeWindow
from layers.store import FORMAT_VERSION, load_project, read_manifest, save_project
from tests.conftest import ROOT


def crime_layer(n: int = 50, seed: int = 0) -> Layer:
    rng = np.random.default_rng(seed)
    times = pd.Timestamp("2024-01-01", tz="Europe/London") + pd.to_timedelta(
        rng.integers(0, 365 * 24 * 3600, n), unit="s"
    )
    frame = gpd.GeoDataFrame(
        {
            "occurred_at": times,
            "category": pd.Categorical(rng.choice(["Burglary", "Robbery", "Drugs"], n)),
            "crime_id": [f"{i:064x}" if i % 4 else None for i in range(n)],
            "count_int": rng.integers(0, 10, n).astype("int64"),
            "maybe_int": pd.array(
                [None if i % 5 == 0 else i for i in range(n)], dtype="Int64"
            ),
            "score": rng.normal(size=n).astype("float32"),
            "flag": rng.random(n) > 0.5,
            "note": ["=1+1" if i == 3 else f"r{i} é’" for i in range(n)],
        },
        geometry=shapely.points(
            rng.uniform(400000, 410000, n), rng.uniform(280000, 290000, n)
        ),
        crs="EPSG:27700",
    )
    report = ReadReport("crime.csv", rows_total=n + 2, rows_loaded=n)
    report.reject(5, "Longitude", "", "no location")
    report.reject(9, "Month", "2024-13", "unparsable month")
    return Layer(
        "Crime",
        LayerKind.CRIME,
        frame,
        time_precision="second",
        provenance={"reader": "test", "files": [{"path": "crime.csv"}]},
        report=report,
        style={"mode": "category", "size": 7.0},
    )


def boundary_layer() -> Layer:
    frame = gpd.GeoDataFrame(
        {
            "area_code": ["A", "B"],
            "area_name": ["Alpha", "Beta"],
            "population": [1500, 1720],
        },
        geometry=[
            shapely.box(400000, 280000, 405000, 290000),
            shapely.box(405000, 280000, 410000, 290000),
        ],
        crs="EPSG:27700",
    )
    lyr = Layer(
        "Areas", LayerKind.BOUNDARY, frame, style={"mode": "single", "fill": "#ff0000"}
    )
    lyr.arrays["raster"] = np.arange(12, dtype=np.float32).reshape(3, 4)
    return lyr


def make_project() -> Project:
    p = Project()
    p.set_metadata(
        title="Test project",
        marking="OFFICIAL-SENSITIVE",
        marking_descriptor="PERSONAL",
    )
    c = p.add_layer(crime_layer())
    p.add_layer(boundary_layer())
    p.filter.set_window(
        TimeWindow(
            pd.Timestamp("2024-03-01", tz="Europe/London"),
            pd.Timestamp("2024-06-01", tz="Europe/London"),
        )
    )
    p.filter.set_categories({"Burglary"})
    p.filter.set_area(shapely.box(400000, 280000, 406000, 286000))
    p.filter.set_hours({1, 2, 3})
    p.record("import", {"files": ["crime.csv"]}, inputs=[c])
    p.record("hotspots", {"cell_m": 100}, inputs=[c])
    return p


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    p = make_project()
    path = save_project(p, tmp_path / "p.gpkg")
    assert not p.dirty
    q = load_project(path)
    assert [lyr.id for lyr in q.layers] == [lyr.id for lyr in p.layers]
    for a, b in zip(p.layers, q.layers, strict=True):
        assert a.name == b.name and a.kind == b.kind and a.style == b.style
        assert a.provenance == b.provenance and a.time_precision == b.time_precision
        assert b.crs.equals(a.crs)
        assert list(a.frame.columns) == list(b.frame.columns)
        for col in a.frame.columns:
            assert a.frame[col].dtype == b.frame[col].dtype, col
        pd.testing.assert_frame_equal(
            pd.DataFrame(a.frame.drop(columns="geometry")),
            pd.DataFrame(b.frame.drop(columns="geometry")),
        )
        assert a.frame.geometry.geom_equals(b.frame.geometry).all()
        for name, arr in a.arrays.items():
            np.testing.assert_array_equal(arr, b.arrays[name])
            assert arr.dtype == b.arrays[name].dtype
    crime = q.layers[0]
    assert str(crime.frame["occurred_at"].dt.tz) == "Europe/London"
    np.testing.assert_array_equal(crime.times_ns, p.layers[0].times_ns)
    assert crime.report.rows_total == 52 and crime.report.rows_rejected == 2
    assert crime.report.by_reason() == {"no location": 1, "unparsable month": 1}
    assert q.filter.state == p.filter.state
    assert q.metadata.to_dict() == p.metadata.to_dict()
    assert [e.action for e in q.audit] == ["import", "hotspots"]
    assert q.audit[0].input_hashes == p.audit[0].input_hashes
    assert q.audit_intact
    assert not q.dirty


def test_saved_file_is_a_geopackage_others_can_read(tmp_path: Path) -> None:
    import pyogrio

    path = save_project(make_project(), tmp_path / "p.gpkg")
    names = {row[0] for row in pyogrio.list_layers(path)}
    assert {"layer_1", "layer_2", "workstation_project", "audit"} <= names
    df = pyogrio.read_dataframe(path, layer="layer_2")
    assert list(df["area_code"]) == ["A", "B"]


def test_audit_is_append_only_and_tamper_evident(tmp_path: Path) -> None:
    path = save_project(make_project(), tmp_path / "p.gpkg")
    con = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("UPDATE audit SET action = 'nothing' WHERE seq = 1")
    con.execute("DROP TRIGGER audit_no_update")
    con.execute("UPDATE audit SET action = 'nothing' WHERE seq = 1")
    con.commit()
    con.close()
    assert load_project(path).audit_intact is False


def test_resave_appends_to_audit(tmp_path: Path) -> None:
    path = save_project(make_project(), tmp_path / "p.gpkg")
    q = load_project(path)
    q.record("export", {"format": "pdf"})
    save_project(q, path)
    r = load_project(path)
    assert [e.action for e in r.audit] == ["import", "hotspots", "export"]
    assert r.audit_intact


def test_damaged_file_gives_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.gpkg"
    bad.write_bytes(b"this is not a database at all" * 10)
    with pytest.raises(DataError, match="not a GeoPackage project"):
        load_project(bad)
    good = save_project(make_project(), tmp_path / "good.gpkg")
    data = bytearray(good.read_bytes())
    trunc = tmp_path / "trunc.gpkg"
    trunc.write_bytes(bytes(data[: len(data) // 3]))
    with pytest.raises(DataError) as info:
        load_project(trunc)
    assert "trunc.gpkg" in str(info.value)


def test_plain_geopackage_is_not_a_project(tmp_path: Path) -> None:
    plain = tmp_path / "plain.gpkg"
    boundary_layer().frame.to_file(plain, layer="areas")
    with pytest.raises(DataError, match="not an Analyst Workstation project"):
        load_project(plain)


def test_newer_format_version_is_refused(tmp_path: Path) -> None:
    path = save_project(make_project(), tmp_path / "p.gpkg")
    manifest = read_manifest(path)
    manifest["format_version"] = FORMAT_VERSION + 1
    import json

    con = sqlite3.connect(path)
    con.execute(
        "UPDATE workstation_project SET value = ? WHERE key = 'manifest'",
        (json.dumps(manifest),),
    )
    con.commit()
    con.close()
    with pytest.raises(DataError, match="newer Analyst Workstation"):
        load_project(path)


def test_empty_project_round_trips(tmp_path: Path) -> None:
    p = Project()
    path = save_project(p, tmp_path / "empty.gpkg")
    assert load_project(path).layers == []


KILL_SCRIPT = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from tests.layers.test_store import crime_layer
    from layers import Project
    from layers.store import save_project
    p = Project()
    p.add_layer(crime_layer(n=400_000, seed=3))
    print("ready", flush=True)
    while True:
        save_project(p, sys.argv[1])
    """
)


def test_killed_mid_save_leaves_previous_file_intact(tmp_path: Path) -> None:
    path = tmp_path / "p.gpkg"
    original = make_project()
    save_project(original, path)
    before = path.read_bytes()
    script = tmp_path / "saver.py"
    script.write_text(KILL_SCRIPT.format(root=str(ROOT)))
    proc = subprocess.Popen(
        [sys.executable, str(script), str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if list(tmp_path.glob(".p.*.saving.gpkg")):
                break
            time.sleep(0.005)
        else:
            pytest.fail("the saver never started writing its temporary file")
        time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
    assert path.read_bytes() == before
    q = load_project(path)
    assert [lyr.id for lyr in q.layers] == [lyr.id for lyr in original.layers]


def test_frame_hash_survives_round_trip_and_sees_changes(tmp_path: Path) -> None:
    from layers.project import frame_hash

    p = make_project()
    q = load_project(save_project(p, tmp_path / "p.gpkg"))
    for a, b in zip(p.layers, q.layers, strict=True):
        assert frame_hash(a) == frame_hash(b)
    changed = crime_layer()
    changed.frame.loc[3, "note"] = "different"
    assert frame_hash(changed) != frame_hash(crime_layer())
    moved = crime_layer()
    moved.frame.loc[0, "occurred_at"] += pd.Timedelta(seconds=1)
    assert frame_hash(moved) != frame_hash(crime_layer())
