"""Issue 11 point 3: files as they come import without hand-mapping.

Each case is a small fixture in ``tests/data/as_they_come`` (``make_fixtures.py``)
run through the command line as a new user would; the import dialog's proposal for
the same files is tested in ``tests/qt/test_import_dialog.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from layers import readers
from layers.crs import to_lonlat
from layers.store import load_project
from workstation.cli import main

DATA = Path(__file__).resolve().parent.parent / "data" / "as_they_come"


def _import(tmp_path: Path, *args: str) -> tuple[list, dict]:
    out = tmp_path / "p.gpkg"
    code = main(["import", *args, "-o", str(out), "--replace", "--json"])
    assert code == 0
    return load_project(out).layers, {}


def test_headerless_calls_recognised_from_values(tmp_path: Path, capsys):
    src = DATA / "headerless_calls.csv"
    raw = pd.read_csv(src, header=None)
    (layer,), _ = _import(tmp_path, str(src))
    capsys.readouterr()
    assert layer.kind.value == "demand" and len(layer) == len(raw)
    assert layer.time_precision == "second"
    # the call type is the third field, not the town (fifth) nor the address
    assert set(layer.frame["category"]) == set(raw[2])
    # times are the fourth field, read as local London time
    want = pd.to_datetime(raw[3]).dt.tz_localize("Europe/London").sort_values()
    got = layer.frame["occurred_at"].sort_values()
    assert list(got) == list(want)
    # points are the first two fields (lat, lon), not swapped
    lon, lat = to_lonlat(
        layer.frame.geometry.x.to_numpy(),
        layer.frame.geometry.y.to_numpy(),
        "EPSG:27700",
    )
    assert np.allclose(np.sort(lat), np.sort(raw[0]), atol=1e-4)
    assert np.allclose(np.sort(lon), np.sort(raw[1]), atol=1e-4)
    assert any("no header row" in n for n in layer.report.notes)


def test_headerless_calls_with_columns_title_is_the_call_type(tmp_path: Path, capsys):
    """With --columns, 'title' is the call type and the file is calls, not assets."""
    src = DATA / "headerless_calls.csv"
    (layer,), _ = _import(
        tmp_path, str(src), "--columns", "lat,lon,title,time,town,address"
    )
    capsys.readouterr()
    assert layer.kind.value == "demand"
    assert set(layer.frame["category"]) == set(pd.read_csv(src, header=None)[2])


@pytest.mark.parametrize("name", ["type", "nature", "problem", "event type"])
def test_other_call_type_names(tmp_path: Path, capsys, name: str):
    src = DATA / "headerless_calls.csv"
    (layer,), _ = _import(
        tmp_path, str(src), "--columns", f"lat,lon,{name},time,town,address"
    )
    capsys.readouterr()
    assert layer.kind.value == "demand"
    assert "Concern for safety" in set(layer.frame["category"])


def test_calls_without_a_type_column_take_the_layer_name(tmp_path: Path, capsys):
    src = DATA / "overdose_calls.csv"
    (layer,), _ = _import(tmp_path, str(src))
    capsys.readouterr()
    assert layer.kind.value == "demand" and len(layer) == 30
    assert set(layer.frame["category"]) == {"overdose_calls"}
    assert layer.time_precision == "day"
    assert any("no call-type" in w for w in layer.report.warnings)


def test_data_drop_folder_becomes_one_layer_per_source(tmp_path: Path, capsys):
    layers, _ = _import(tmp_path, str(DATA / "data_drop"))
    capsys.readouterr()
    kinds = sorted(lyr.kind.value for lyr in layers)
    assert kinds == ["asset", "boundary", "crime", "demand"]
    rows = {lyr.kind.value: len(lyr) for lyr in layers}
    assert rows == {"crime": 10, "demand": 8, "asset": 5, "boundary": 1}
    for lyr in layers:
        assert lyr.report.balanced


@pytest.mark.slow
def test_demo_data_folder_imports_every_source(tmp_path: Path, capsys):
    """The demo's own folder (a data drop as a user receives it)."""
    from layers.synthetic import write_demo_data

    demo = tmp_path / "demo"
    write_demo_data(demo, seed=3, months=4, scale=0.05)
    layers, _ = _import(tmp_path, str(demo))
    out = capsys.readouterr().out
    kinds = {lyr.kind.value for lyr in layers}
    assert kinds == {"crime", "demand", "asset", "boundary"}
    assert "skipped" in out and "imd.csv" in out  # join tables are named, not lost


def test_folder_of_asset_lists_is_assets(tmp_path: Path, capsys):
    folder = DATA / "asset_lists"
    v = readers.sniff(folder)
    assert v.reader == "assets"
    (layer,), _ = _import(tmp_path, str(folder))
    capsys.readouterr()
    assert layer.kind.value == "asset" and len(layer) == 10
    assert set(layer.frame["asset_type"]) == {"School", "Library"}
    assert layer.name == "asset_lists"


@pytest.mark.parametrize("name", ["crime_points.geojson", "crime_points.gpkg"])
def test_point_file_with_month_and_crime_type_is_crime(tmp_path: Path, capsys, name):
    src = DATA / name
    (layer,), _ = _import(tmp_path, str(src))
    capsys.readouterr()
    feats = json.loads((DATA / "crime_points.geojson").read_text())["features"]
    assert layer.kind.value == "crime" and len(layer) == len(feats)
    assert layer.time_precision == "month"
    want = sorted(f["properties"]["Crime type"] for f in feats)
    assert sorted(layer.frame["category"]) == want


def test_point_file_without_crime_columns_stays_assets():
    """No signal: a point file of named places is still an asset layer."""
    v = readers.sniff(DATA.parent / "unseen" / "assets" / "youth_clubs.gpkg")
    assert v.reader == "assets"


def test_a_table_of_values_per_area_says_to_join_it(tmp_path: Path, capsys):
    """A census or deprivation table (ONS area codes, no places) is not a layer:
    the refusal names the code column and the --join options (it used to list
    every kind of source it is not)."""
    rng = np.random.default_rng(2)
    codes = [f"E0101{n:04d}" for n in rng.choice(9999, 40, replace=False)]
    table = pd.DataFrame(
        {
            "total": rng.integers(1000, 3000, 40),
            "2021 super output area - lower layer": [
                f"Town {i:03d}A" for i in range(40)
            ],
            "mnemonic": codes,
        }
    )
    path = tmp_path / "census.csv"
    table.to_csv(path, index=False)
    assert main(["import", str(path), "-o", str(tmp_path / "p.gpkg")]) == 2
    err = capsys.readouterr().err
    assert "census.csv" in err and "'mnemonic'" in err and "--join" in err
    assert "Traceback" not in err
    # the same table with a column that is not area codes is not called one
    table["mnemonic"] = [f"X{c}" for c in codes]
    table.to_csv(path, index=False)
    assert main(["import", str(path), "-o", str(tmp_path / "p.gpkg")]) == 2
    assert "values per area" not in capsys.readouterr().err
