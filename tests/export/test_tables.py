"""CSV/XLSX/GPX table exports: formulas neutralised, numbers untouched."""

from __future__ import annotations

import csv

import geopandas as gpd
import gpxpy
import numpy as np
import pandas as pd
import pytest

from layers.crs import BNG, to_lonlat
from layers.validation import DataError
from tests.export._projects import asset_layer, patrol_layers
from workstation.export import tables

DANGEROUS = ["=1+1", "+1", "-cmd", "@SUM(A1:A2)", "\t=1", "plain", "a=b"]


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "text": DANGEROUS,
            "number": [-5, 0, 3, 7, -1, 2, 9],
            "float": [-2.5, 0.0, 1.25, np.nan, 4.0, 5.5, -0.125],
        }
    )


def _expected(value: str) -> str:
    return "'" + value if value[0] in "=+-@\t\r" else value


def test_csv_neutralises_formulas_and_keeps_numbers(tmp_path):
    path = tables.write_csv(_frame(), tmp_path / "t.csv")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["text", "number", "float"]
    body = rows[1:]
    assert [r[0] for r in body] == [_expected(v) for v in DANGEROUS]
    assert [int(r[1]) for r in body] == _frame()["number"].tolist()
    floats = [float(r[2]) if r[2] else np.nan for r in body]
    assert np.allclose(floats, _frame()["float"], equal_nan=True)
    assert body[0][1] == "-5"  # a negative number is data, not a formula


def test_csv_neutralises_header_too(tmp_path):
    df = pd.DataFrame({"=HYPERLINK(1)": [1]})
    path = tables.write_csv(df, tmp_path / "h.csv")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh)) == ["'=HYPERLINK(1)"]


def test_xlsx_has_no_formula_cells(tmp_path):
    from openpyxl import load_workbook

    path = tables.write_xlsx(
        {"Scan": _frame()}, tmp_path / "t.xlsx", marking="OFFICIAL-SENSITIVE"
    )
    wb = load_workbook(path)
    ws = wb["Scan"]
    assert ws.cell(1, 1).value == "OFFICIAL-SENSITIVE"
    assert ws.oddHeader.center.text == "OFFICIAL-SENSITIVE"
    assert [c.value for c in ws[2]] == ["text", "number", "float"]
    types = {c.data_type for row in ws.iter_rows(min_row=3) for c in row}
    assert "f" not in types
    assert [ws.cell(r, 1).value for r in range(3, 10)] == [
        _expected(v) for v in DANGEROUS
    ]
    assert [ws.cell(r, 2).value for r in range(3, 10)] == _frame()["number"].tolist()
    assert ws.cell(3, 3).value == -2.5 and ws.cell(6, 3).value is None


def test_points_get_coordinates(tmp_path):
    layer = asset_layer()
    path = tables.write_csv(layer, tmp_path / "a.csv")
    df = pd.read_csv(path, encoding="utf-8-sig")
    assert np.allclose(df["x"], layer.frame.geometry.x)
    lon, lat = to_lonlat(
        layer.frame.geometry.x.to_numpy(), layer.frame.geometry.y.to_numpy()
    )
    assert np.allclose(df["longitude"], lon, atol=1e-6)
    assert np.allclose(df["latitude"], lat, atol=1e-6)
    # the script-like name is kept as text (not a formula, so unchanged)
    assert "<script>alert(1)</script>" in df["name"].tolist()


def test_gpx_waypoints_and_route(tmp_path):
    stops, route = patrol_layers()
    path = tables.write_gpx([stops, route], tmp_path / "plan.gpx")
    gpx = gpxpy.parse(path.read_text(encoding="utf-8"))
    assert [w.name for w in gpx.waypoints] == stops.frame["name"].tolist()
    lon, lat = to_lonlat(
        stops.frame.geometry.x.to_numpy(), stops.frame.geometry.y.to_numpy()
    )
    assert np.allclose([w.latitude for w in gpx.waypoints], lat, atol=1e-7)
    assert np.allclose([w.longitude for w in gpx.waypoints], lon, atol=1e-7)
    assert len(gpx.routes) == 1 and len(gpx.routes[0].points) == 4
    assert np.allclose(gpx.routes[0].points[0].latitude, lat[0], atol=1e-7)


def test_write_table_by_suffix(tmp_path):
    frame = gpd.GeoDataFrame(
        {"v": [1]}, geometry=gpd.points_from_xy([350000], [430000]), crs=BNG
    )
    assert tables.write_table(frame, tmp_path / "x.csv").exists()
    assert tables.write_table(frame, tmp_path / "x.xlsx").exists()
    with pytest.raises(DataError, match="GPX export needs a layer"):
        tables.write_table(frame, tmp_path / "x.gpx")
    with pytest.raises(DataError, match=r"\.csv, \.xlsx or \.gpx"):
        tables.write_table(frame, tmp_path / "x.txt")


def test_write_table_records_the_export(tmp_path):
    import hashlib

    from openpyxl import load_workbook

    from tests.export._projects import make_project

    project = make_project(40, full=False)
    layer = project.layers[-1]
    out = tables.write_table(layer, tmp_path / "crime.xlsx", project=project)
    entry = project.audit[-1]
    assert entry.action == "export" and entry.parameters["format"] == "xlsx"
    assert entry.parameters["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert entry.parameters["rows"] == len(layer)
    assert list(entry.input_hashes) == [layer.id]
    assert load_workbook(out).active.cell(1, 1).value == "OFFICIAL-SENSITIVE"
