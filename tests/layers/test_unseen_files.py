"""Files as a new user would bring them: other forces, years and systems.

Each fixture in ``tests/data/unseen`` imitates a real layout nobody here had seen
when the readers were written (README.md there says which). A file passes when
every row is accounted for and kind, times, coordinates and CRS are what the file
says, or when it is refused with one line naming the file and the reason. The
coordinates are checked against PROJ (pyproj), independently of the readers' own
transformation path, and the times against the text in the files.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Transformer

from layers import readers
from layers.kinds import LayerKind
from layers.validation import DataError
from workstation.cli import main

U = Path(__file__).resolve().parents[1] / "data" / "unseen"
TO_BNG = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
#: OSTN15 (the readers) and PROJ's default Helmert path differ by a few metres.
TOL_M = 5.0


def accounted(layer, rows: int) -> None:
    rep = layer.report
    assert rep is not None
    assert len(layer) == rep.rows_loaded
    assert rep.rows_loaded + rep.rows_rejected == rows
    assert rep.rows_total == rows


def csv_rows(path: Path, encoding: str = "utf-8-sig", delimiter: str = ","):
    text = path.read_bytes().decode(encoding)
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def assert_points_lonlat(layer, lon, lat, crs: str = "EPSG:27700") -> None:
    """Loaded points equal PROJ's transform of (lon, lat), in file order."""
    assert layer.frame.crs.to_string() == crs
    tr = TO_BNG if crs == "EPSG:27700" else Transformer.from_crs(4326, crs, True)
    ex, ey = tr.transform(np.asarray(lon, float), np.asarray(lat, float))
    order = (
        np.argsort(layer.frame["source_row"].to_numpy())
        if ("source_row" in layer.frame)
        else np.arange(len(layer))
    )
    got = layer.frame.geometry.to_numpy()[order]
    d = np.hypot(shapely.get_x(got) - ex, shapely.get_y(got) - ey)
    assert d.max() < TOL_M, d


def cli(*argv: str, capsys) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def info_json(project: Path, capsys) -> dict:
    code, out, err = cli("info", str(project), "--json", capsys=capsys)
    assert code == 0, err
    return json.loads(out)


# -- police.uk ---------------------------------------------------------------------
def test_btp_bom_crlf_quoted_context_across_gb():
    path = U / "police_uk" / "2023-09-btp-street.csv"
    raw = csv_rows(path)
    layer = readers.read(path)
    assert layer.kind is LayerKind.CRIME
    accounted(layer, len(raw))
    assert layer.report.by_reason() == {"no location": 1}
    placed = [r for r in raw if r["Longitude"]]
    assert set(layer.frame["falls_within"]) == {"British Transport Police"}
    # stations from London to Edinburgh, all placed on the national grid
    f = layer.frame.sort_values("crime_id", na_position="first")
    by_type = dict(zip(layer.frame["category"], layer.frame.geometry, strict=True))
    for r in placed:
        x, y = TO_BNG.transform(float(r["Longitude"]), float(r["Latitude"]))
        g = by_type[r["Crime type"]]
        assert abs(g.x - x) < TOL_M and abs(g.y - y) < TOL_M
    ctx = set(f["context"].dropna())
    assert 'Reported by rail staff, platform 5; "drunk and abusive"' in ctx
    assert "Assault on a train between Haymarket, and Waverley" in ctx
    assert (
        layer.frame["occurred_at"] == pd.Timestamp("2023-09-01", tz="Europe/London")
    ).all()
    # the Scottish row has no LSOA: kept, not rejected
    assert layer.frame["lsoa_code"].isna().sum() == 1


def test_psni_no_lsoa_points_in_northern_ireland():
    path = U / "police_uk" / "2023-05-northern-ireland-street.csv"
    raw = csv_rows(path)
    layer = readers.read(path)
    accounted(layer, len(raw))
    placed = [r for r in raw if r["Longitude"]]
    assert len(layer) == len(placed)
    assert layer.frame["lsoa_code"].isna().all()
    assert_points_lonlat(
        layer,
        [float(r["Longitude"]) for r in placed],
        [float(r["Latitude"]) for r in placed],
    )
    # the ASB row (no Crime ID) is a separate record, not a duplicate
    assert layer.frame["crime_id"].isna().sum() == 1


def test_2011_layout_easting_northing_old_categories():
    path = U / "police_uk" / "2011-01-greater-manchester-street.csv"
    raw = csv_rows(path)
    layer = readers.read(path)
    accounted(layer, len(raw))
    assert layer.time_precision == "month"
    placed = [r for r in raw if r["Easting"]]
    got = sorted(
        zip(
            shapely.get_x(layer.frame.geometry.to_numpy()),
            shapely.get_y(layer.frame.geometry.to_numpy()),
            strict=True,
        )
    )
    want = sorted((float(r["Easting"]), float(r["Northing"])) for r in placed)
    np.testing.assert_allclose(got, want)
    assert "Violent crime" in set(layer.frame["category"])
    assert layer.frame["occurred_at"].min() == pd.Timestamp(
        "2011-01-01", tz="Europe/London"
    )


def test_zip_download_months_forces_outcomes_stop_search_mac_junk():
    path = U / "police_uk" / "custom_download.zip"
    with zipfile.ZipFile(path) as zf:
        street = [
            n for n in zf.namelist() if n.endswith("-street.csv") and "MACOSX" not in n
        ]
        n_rows = sum(len(zf.read(n).decode().strip().splitlines()) - 1 for n in street)
    layer = readers.read(path)
    accounted(layer, n_rows)
    assert set(layer.frame["falls_within"]) == {
        "Cumbria Constabulary",
        "Lancashire Constabulary",
    }
    months = sorted(layer.frame["occurred_at"].dt.strftime("%Y-%m").unique())
    assert months == ["2023-08", "2023-09"]
    skipped = " ".join(s["reason"] for s in layer.provenance["skipped"])
    assert "outcomes" in skipped and "stop-and-search" in skipped


def test_month_folder_with_readme_and_ds_store():
    folder = U / "police_uk" / "month_folder"
    rows = len(csv_rows(folder / "2023-10" / "2023-10-durham-street.csv"))
    layer = readers.read(folder)
    accounted(layer, rows)
    assert set(layer.frame["falls_within"]) == {"Durham Constabulary"}


def test_excel_resaved_day_first_month_trailing_empty_columns_cp1252():
    path = U / "police_uk" / "2023-07-thames-valley-street-excel.csv"
    raw = csv_rows(path, encoding="cp1252")
    layer = readers.read(path)
    accounted(layer, len(raw))  # the trailing ",,,," row is accounted for too
    assert (
        layer.frame["occurred_at"] == pd.Timestamp("2023-07-01", tz="Europe/London")
    ).all()
    assert set(layer.frame["location"]) == {"Caf\u00e9 Nero"}  # "On or near" dropped
    placed = [r for r in raw if r["Longitude"]]
    assert_points_lonlat(
        layer,
        [float(r["Longitude"]) for r in placed],
        [float(r["Latitude"]) for r in placed],
    )


def test_excel_trailing_all_comma_row_is_an_empty_row():
    layer = readers.read(U / "police_uk" / "2023-07-thames-valley-street-excel.csv")
    assert layer.report.by_reason() == {"empty row (every field blank)": 1}


def test_excel_display_month_mmm_yy():
    layer = readers.read(U / "police_uk" / "2023-07-thames-valley-street-mmmyy.csv")
    accounted(layer, 3)
    assert (
        layer.frame["occurred_at"] == pd.Timestamp("2023-07-01", tz="Europe/London")
    ).all()


def test_police_uk_saved_as_xlsx():
    layer = readers.read(U / "police_uk" / "2023-07-avon-and-somerset-street.xlsx")
    assert layer.kind is LayerKind.CRIME
    accounted(layer, 3)
    assert (
        layer.frame["occurred_at"] == pd.Timestamp("2023-07-01", tz="Europe/London")
    ).all()
    assert_points_lonlat(
        layer, [-2.5970, -2.5870, -2.5770], [51.4545, 51.4645, 51.4745]
    )


def test_header_only_file_is_an_empty_layer():
    layer = readers.read(U / "police_uk" / "2023-10-dyfed-powys-street.csv")
    assert layer.kind is LayerKind.CRIME
    accounted(layer, 0)


def test_header_only_file_says_no_records():
    layer = readers.read(U / "police_uk" / "2023-10-dyfed-powys-street.csv")
    assert any("no records" in w for w in layer.report.warnings)


@pytest.mark.parametrize(
    ("name", "needle"),
    [
        ("2023-08-lancashire-stop-and-search.csv", "stop-and-search"),
    ],
)
def test_other_police_uk_layouts_refused_not_read_as_calls(name, needle):
    with pytest.raises(DataError, match=needle):
        readers.read(U / "police_uk" / name)


def test_outcomes_file_refused_with_advice(tmp_path):
    with zipfile.ZipFile(U / "police_uk" / "custom_download.zip") as zf:
        data = zf.read("2023-08/2023-08-cumbria-outcomes.csv")
    path = tmp_path / "2023-08-cumbria-outcomes.csv"
    path.write_bytes(data)
    with pytest.raises(DataError, match=r"outcomes.*street.csv"):
        readers.read(path)


# -- calls for service ---------------------------------------------------------------
def test_smartstorm_export():
    path = U / "calls" / "smartstorm_incidents.csv"
    raw = csv_rows(path)
    layer = readers.read(path)
    assert layer.kind is LayerKind.DEMAND
    accounted(layer, len(raw))
    assert layer.report.by_reason() == {"no location": 1}
    f = layer.frame.set_index("call_id")
    for r in raw:
        if not r["Easting"]:
            continue
        row = f.loc[r["Incident No"]]
        want = pd.Timestamp(
            pd.to_datetime(r["Date/Time Created"], dayfirst=True), tz="Europe/London"
        )
        assert row["occurred_at"] == want
        assert (row.geometry.x, row.geometry.y) == (
            float(r["Easting"]),
            float(r["Northing"]),
        )
        assert row["grade"] == int(r["Grade"].split()[-1])
        assert row["category"] == r["Opening Code"]
    assert "closing_code" in layer.frame and "beat" in layer.frame


def test_folder_of_monthly_exports_with_readme():
    folder = U / "calls" / "monthly_exports"
    months = sorted(folder.glob("*-incidents.csv"))
    n = sum(len(csv_rows(f)) for f in months)
    layer = readers.read(folder)
    assert layer.kind is LayerKind.DEMAND
    accounted(layer, n)
    assert layer.name == "monthly_exports"
    assert sorted(layer.frame["occurred_at"].dt.month.unique()) == [11, 12]
    assert set(layer.frame["source_file"].map(lambda p: Path(p).name)) == {
        f.name for f in months
    }


def test_command_and_control_separate_date_and_time():
    path = U / "calls" / "command_control_date_time.csv"
    raw = csv_rows(path)
    layer = readers.read(path)
    accounted(layer, len(raw))
    f = layer.frame.set_index("call_id")
    words = {
        "Immediate": 1,
        "Priority": 2,
        "Scheduled": 3,
        "Resolution without deployment": 4,
    }
    for r in raw:
        row = f.loc[r["Log No"]]
        want = pd.Timestamp(f"{r['Date']} {r['Time']}", tz="Europe/London")
        assert row["occurred_at"] == want
        assert row["grade"] == words[r["Response Grade"]]


def test_new_orleans_wkt_location_state_plane_mapx_us_dates():
    path = U / "calls" / "new_orleans_calls_for_service.csv"
    raw = csv_rows(path)
    layer = readers.read(path)
    accounted(layer, len(raw))
    assert layer.report.by_reason() == {"no location (0,0 placeholder)": 1}
    assert layer.frame.crs.to_string() == "EPSG:32615"  # UTM 15N, not BNG
    assert str(layer.frame["occurred_at"].dt.tz) == "America/Chicago"
    placed = [r for r in raw if r["Location"] != "POINT (0 0)"]
    pts = [shapely.from_wkt(r["Location"]) for r in placed]
    assert_points_lonlat(
        layer, [p.x for p in pts], [p.y for p in pts], crs="EPSG:32615"
    )
    f = layer.frame.sort_values("source_row")
    for r, (_, row) in zip(placed, f.iterrows(), strict=True):
        # month first (US): 01/02/2023 is 2 January
        want = pd.Timestamp(
            pd.to_datetime(r["TimeCreate"], format="%m/%d/%Y %I:%M:%S %p"),
            tz="America/Chicago",
        )
        assert row["occurred_at"] == want
        assert row["category"] == r["TypeText"]  # the words, not the Type_ code
    grades = dict(zip(f["source_priority"], f["grade"], strict=True))
    assert grades["2A"] == 1  # NOPD priority 2 is the emergency level
    assert grades["1A"] == 2


def test_us_cad_location_as_lat_lon_text():
    path = U / "calls" / "us_cad_location_text.csv"
    raw = csv_rows(path)
    layer = readers.read(path)
    accounted(layer, len(raw))
    assert layer.report.by_reason() == {"no location": 1}
    placed = [r for r in raw if r["Location"].strip("() ,")]
    lat = [float(r["Location"].strip("()").split(",")[0]) for r in placed]
    lon = [float(r["Location"].strip("()").split(",")[1]) for r in placed]
    assert_points_lonlat(layer, lon, lat, crs="EPSG:32616")
    assert str(layer.frame["occurred_at"].dt.tz) == "America/New_York"


def test_semicolon_decimal_comma_dotted_dates():
    path = U / "calls" / "semicolon_decimal_comma.csv"
    rows = csv_rows(path, delimiter=";")
    raw = [r for r in rows if any(r.values())]
    layer = readers.read(path)
    accounted(layer, len(rows))
    assert layer.report.by_reason() == {"empty row (every field blank)": 1}
    lon = [float(r["Longitude"].replace(",", ".")) for r in raw]
    lat = [float(r["Latitude"].replace(",", ".")) for r in raw]
    assert_points_lonlat(layer, lon, lat)
    f = layer.frame.sort_values("source_row")
    want = [
        pd.Timestamp(
            pd.to_datetime(f"{r['Date']} {r['Time']}", format="%d.%m.%Y %H:%M"),
            tz="Europe/London",
        )
        for r in raw
    ]
    assert list(f["occurred_at"]) == want


def test_xlsx_export_with_date_cells():
    from openpyxl import load_workbook

    path = U / "calls" / "incidents_export.xlsx"
    ws = load_workbook(path).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    layer = readers.read(path)
    accounted(layer, len(rows))
    f = layer.frame.set_index("call_id")
    for inc, when, _code, grade, e, n, _beat in rows:
        row = f.loc[inc]
        assert row["occurred_at"] == pd.Timestamp(when, tz="Europe/London")
        assert (row.geometry.x, row.geometry.y) == (e, n)
        assert row["grade"] == grade


def test_workbook_with_a_summary_sheet_first():
    from openpyxl import load_workbook

    path = U / "calls" / "summary_then_incidents.xlsx"
    rows = list(load_workbook(path)["Incidents"].iter_rows(min_row=2, values_only=True))
    layer = readers.read(path)
    assert layer.kind is LayerKind.DEMAND
    accounted(layer, len(rows))
    f = layer.frame.set_index("call_id")
    for inc, when, _code, _grade, e, n in rows:
        assert f.loc[inc, "occurred_at"] == pd.Timestamp(when, tz="Europe/London")
        assert (f.loc[inc].geometry.x, f.loc[inc].geometry.y) == (e, n)
    assert any("'Incidents'" in note for note in layer.report.notes)


def test_utf16_tab_unicode_text_export():
    path = U / "calls" / "unicode_text_export.txt"
    raw = csv_rows(path, encoding="utf-16", delimiter="\t")
    layer = readers.read(path)
    accounted(layer, len(raw))
    assert "ASB \u2013 NUISANCE" in set(layer.frame["category"])
    assert layer.frame["occurred_at"].max() == pd.Timestamp(
        "2023-11-13 09:01", tz="Europe/London"
    )


def test_headerless_read_from_values_then_with_columns():
    """Issue 11: a headerless calls file is recognised from its values."""
    path = U / "calls" / "headerless_comma.csv"
    raw = list(csv.reader(io.StringIO(path.read_text(), newline="")))
    guessed = readers.read(path)
    assert guessed.kind is LayerKind.DEMAND
    accounted(guessed, 3)
    assert_points_lonlat(
        guessed, [float(r[4]) for r in raw], [float(r[5]) for r in raw]
    )
    assert set(guessed.frame["category"]) == {r[2] for r in raw}
    # a headerless file without times and places is still refused, saying why
    with pytest.raises(DataError, match=r"looks like data.*columns") as err:
        readers.read(U.parent / "as_they_come" / "headerless_counts.csv")
    assert err.value.row == 1
    cols = ["call_id", "occurred_at", "category", "priority", "longitude", "latitude"]
    layer = readers.read(path, columns=cols)
    assert layer.kind is LayerKind.DEMAND
    accounted(layer, 3)
    assert_points_lonlat(layer, [float(r[4]) for r in raw], [float(r[5]) for r in raw])
    assert "Disorder, outside pub" in set(layer.frame["category"])


@pytest.mark.parametrize(
    ("rel", "needle"),
    [
        ("calls/no_calls_header_only.csv", "header row but no records"),
        ("boundaries/empty_layer.geojson", "no features"),
    ],
)
def test_empty_sources_say_so(rel, needle):
    with pytest.raises(DataError, match=needle):
        readers.read(U / rel)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_report_with_title_rows_refused_naming_the_header_row(suffix):
    with pytest.raises(DataError, match=r"'Incident Summary Report'.*title.*row 4"):
        readers.read(U / "calls" / f"report_with_title_rows{suffix}")


def test_os_grid_references_with_letters():
    path = U / "calls" / "storm_grid_refs.csv"
    raw = csv_rows(path)
    layer = readers.read(path)
    accounted(layer, len(raw))
    assert layer.report.by_reason() == {"unparsable coordinates": 1, "no location": 1}
    f = layer.frame.set_index("call_id")
    # 100 km squares from the OS National Grid tables: SP (4, 2), TG (6, 3),
    # NN (2, 7), HP (4, 12); a point is the centre of the referenced square
    want = {
        "0412": (407512.5, 286934.5),  # 1 m square
        "0413": (651409.5, 313177.5),  # OS's own worked example, TG 51409 13177
        "0414": (216650.0, 771250.0),  # NN 166 712 (Ben Nevis): 100 m square
        "0415": (462500.0, 1216500.0),  # HP 62 16: 1 km square (Shetland)
    }
    for inc, (e, n) in want.items():
        g = f.loc[inc].geometry
        assert (g.x, g.y) == (e, n)


def test_incidents_as_geojson_points_are_calls():
    path = U / "calls" / "incidents_points.geojson"
    feats = json.loads(path.read_text())["features"]
    layer = readers.read(path)
    assert layer.kind is LayerKind.DEMAND
    accounted(layer, len(feats))
    assert layer.report.by_reason() == {"no location": 1}
    placed = [f for f in feats if f["geometry"]]
    assert_points_lonlat(
        layer,
        [f["geometry"]["coordinates"][0] for f in placed],
        [f["geometry"]["coordinates"][1] for f in placed],
    )
    f = layer.frame.set_index("call_id")
    for ft in placed:
        p = ft["properties"]
        want = pd.Timestamp(
            pd.to_datetime(p["Date/Time Created"], dayfirst=True), tz="Europe/London"
        )
        assert f.loc[p["Incident No"], "occurred_at"] == want


def test_incidents_gpkg_in_bng_keep_exact_coordinates():
    import geopandas as gpd

    path = U / "calls" / "incidents_bng.gpkg"
    src = gpd.read_file(path)
    layer = readers.read(path)
    assert layer.kind is LayerKind.DEMAND
    accounted(layer, len(src))
    f = layer.frame.set_index("call_id")
    for _, r in src.iterrows():
        g = f.loc[r["log_no"]].geometry
        assert (g.x, g.y) == (r.geometry.x, r.geometry.y)  # no round trip via lon/lat
        want = pd.Timestamp(r["call_received"], tz="Europe/London")
        assert f.loc[r["log_no"], "occurred_at"] == want


def test_arcgis_asset_layer_with_editor_tracking_stays_assets():
    import geopandas as gpd

    path = U / "assets" / "community_sites_arcgis.gpkg"
    src = gpd.read_file(path)
    layer = readers.read(path)
    assert layer.kind is LayerKind.ASSET
    accounted(layer, len(src))
    assert list(layer.frame["name"]) == list(src["SiteName"])
    assert list(layer.frame["asset_type"]) == list(src["SiteType"])


# -- assets --------------------------------------------------------------------------
def test_overpass_geojson_amenity_names_hours_mixed_geometry():
    path = U / "assets" / "overpass_schools.geojson"
    feats = json.loads(path.read_text())["features"]
    layer = readers.read(path)
    assert layer.kind is LayerKind.ASSET
    accounted(layer, len(feats))
    assert set(layer.frame["asset_type"]) == {
        "school"
    }  # amenity, not the relation's type
    hours = dict(zip(layer.frame["name"], layer.frame["opening_hours"], strict=True))
    assert hours["Broadway Academy"] == "Mo-Fr 08:30-15:30; PH off"
    types = set(layer.frame.geometry.geom_type)
    assert {"Point", "Polygon"} <= types


def test_overpass_raw_json_elements():
    path = U / "assets" / "overpass_raw.json"
    elements = json.loads(path.read_text())["elements"]
    layer = readers.read(path)
    assert layer.kind is LayerKind.ASSET
    accounted(layer, len(elements))
    assert layer.report.by_reason() == {
        "untagged OSM element (a way's node, not a place)": 1,
        "no location": 1,  # a way exported without "out center"
    }
    f = layer.frame.set_index("name")
    node, way, rel = elements[0], elements[1], elements[2]
    want = {
        node["tags"]["name"]: (node["lon"], node["lat"]),
        way["tags"]["name"]: (way["center"]["lon"], way["center"]["lat"]),
        rel["tags"]["name"]: (
            (rel["bounds"]["minlon"] + rel["bounds"]["maxlon"]) / 2,
            (rel["bounds"]["minlat"] + rel["bounds"]["maxlat"]) / 2,
        ),
    }
    for name, (lon, lat) in want.items():
        x, y = TO_BNG.transform(lon, lat)
        g = f.loc[name].geometry
        assert abs(g.x - x) < TOL_M and abs(g.y - y) < TOL_M
    assert set(layer.frame["asset_type"]) == {"community_centre"}
    assert f.loc["Balsall Heath Hub", "opening_hours"] == "Mo-Fr 09:00-21:00"


def test_socrata_facilities_lat_lon_location_column():
    path = U / "assets" / "socrata_facilities.csv"
    raw = csv_rows(path)
    layer = readers.read(path)
    assert layer.kind is LayerKind.ASSET
    accounted(layer, len(raw))
    assert layer.report.by_reason() == {"no location": 1}
    placed = [r for r in raw if r["Location"]]
    lat = [float(r["Location"].strip("()").split(",")[0]) for r in placed]
    lon = [float(r["Location"].strip("()").split(",")[1]) for r in placed]
    assert_points_lonlat(layer, lon, lat, crs="EPSG:32616")
    assert list(layer.frame["asset_type"]) == [r["Facility Type"] for r in placed]


def test_gias_schools_cp1252_closed_school_without_location():
    path = U / "assets" / "edubasealldata_extract.csv"
    raw = csv_rows(path, encoding="cp1252")
    layer = readers.read(path)
    accounted(layer, len(raw))
    assert layer.report.by_reason() == {"no location": 1}
    f = layer.frame.set_index("name")
    for r in raw:
        if not r["Easting"]:
            continue
        row = f.loc[r["EstablishmentName"]]
        assert row["asset_type"] == r["TypeOfEstablishment (name)"]
        assert (row.geometry.x, row.geometry.y) == (
            float(r["Easting"]),
            float(r["Northing"]),
        )
    assert "St Th\u00e9r\u00e8se of Lisieux Catholic Primary" in f.index
    # GIAS lists closed schools too: CloseDate marks them
    for r in raw:
        if r["Easting"]:
            closed = bool(r["CloseDate"])
            assert bool(f.loc[r["EstablishmentName"], "closed"]) == closed
    assert f.loc["Lea Mason Church of England School", "year_closed"] == 2019


def test_postcodes_only_refused_clearly():
    with pytest.raises(
        DataError, match=r"postcodes.*no coordinates.*not looked up"
    ) as err:
        readers.read(U / "assets" / "postcodes_only.csv")
    assert err.value.column == "Postcode"


def test_kml_youth_clubs():
    layer = readers.read(U / "assets" / "youth_clubs.kml")
    accounted(layer, 3)
    f = layer.frame.set_index("name")
    g = f.loc["Aston Youth Club"].geometry
    x, y = TO_BNG.transform(-1.8872, 52.5021)
    assert abs(g.x - x) < TOL_M and abs(g.y - y) < TOL_M


def test_kmz_youth_clubs_match_the_kml():
    kml = readers.read(U / "assets" / "youth_clubs.kml")
    kmz = readers.read(U / "assets" / "youth_clubs.kmz")
    accounted(kmz, 3)
    assert list(kmz.frame["name"]) == list(kml.frame["name"])
    assert kmz.frame.geometry.geom_equals_exact(kml.frame.geometry, 1e-6).all()


def test_gpkg_youth_clubs_club_name_column():
    import geopandas as gpd

    path = U / "assets" / "youth_clubs.gpkg"
    src = gpd.read_file(path)
    layer = readers.read(path)
    accounted(layer, len(src))
    assert list(layer.frame["name"]) == list(src["club_name"])
    assert layer.frame.geometry.equals(
        src.geometry.set_crs("EPSG:27700", allow_override=True)
    )


# -- boundaries ----------------------------------------------------------------------
def test_ons_lsoa21_geojson():
    path = U / "boundaries" / "LSOA_2021_EW_BGC.geojson"
    props = [f["properties"] for f in json.loads(path.read_text())["features"]]
    layer = readers.read(path)
    assert layer.kind is LayerKind.BOUNDARY
    accounted(layer, len(props))
    assert list(layer.frame["area_code"]) == [p["LSOA21CD"] for p in props]
    assert list(layer.frame["area_name"]) == [p["LSOA21NM"] for p in props]


def test_lad_geojson_without_crs_in_bng_metres():
    path = U / "boundaries" / "LAD_2023_bng_nocrs.geojson"
    feats = json.loads(path.read_text())["features"]
    layer = readers.read(path)
    accounted(layer, len(feats))
    assert layer.frame.crs.to_string() == "EPSG:27700"
    for f, g in zip(feats, layer.frame.geometry, strict=True):
        assert g.equals(shapely.geometry.shape(f["geometry"]))
    assert any("British National Grid" in w for w in layer.report.warnings)


def test_zipped_shapefile_in_a_folder_wd23():
    layer = readers.read(U / "boundaries" / "Wards_December_2023_Boundaries_UK_BGC.zip")
    assert layer.kind is LayerKind.BOUNDARY
    accounted(layer, 3)
    assert list(layer.frame["area_code"]) == ["E05011118", "E05011119", "E05011120"]
    assert list(layer.frame["area_name"]) == [
        "Acocks Green",
        "Allens Cross",
        "Alum Rock",
    ]
    assert layer.frame.crs.to_string() == "EPSG:27700"
    np.testing.assert_allclose(layer.frame.area, 1500.0**2)


def test_zipped_shapefile_without_prj():
    layer = readers.read(U / "boundaries" / "sectors_no_prj.zip")
    accounted(layer, 2)
    assert list(layer.frame["area_code"]) == ["N1", "S1"]
    np.testing.assert_allclose(
        layer.frame.total_bounds, [400000, 280000, 405000, 295000]
    )


def test_geojson_with_bng_crs_member():
    layer = readers.read(U / "boundaries" / "MSOA_2021_bng_crs_member.geojson")
    accounted(layer, 1)
    assert layer.frame["area_code"].iat[0] == "E02001850"
    np.testing.assert_allclose(
        layer.frame.total_bounds, [406000, 286000, 408000, 288000]
    )


def test_zip_of_two_different_layers_is_refused():
    with pytest.raises(DataError, match=r"different attributes.*LAD_2023\.geojson"):
        readers.read(U / "boundaries" / "wards_and_districts.zip")


def test_qgis_csv_with_wkt_polygons():
    path = U / "boundaries" / "wards_qgis_wkt.csv"
    raw = csv_rows(path, delimiter=";")
    layer = readers.read(path)
    assert layer.kind is LayerKind.BOUNDARY
    accounted(layer, len(raw))
    (rej,) = layer.report.rejected
    assert rej.row == 4  # the file's row (header = row 1)
    assert rej.reason == "no geometry"
    good = [r for r in raw if r["ward_code"] != rej_code(rej, raw)]
    assert list(layer.frame["area_code"]) == [r["ward_code"] for r in good]
    for r, g in zip(good, layer.frame.geometry, strict=True):
        assert g.equals(shapely.from_wkt(r["wkt_geom"]))
    assert layer.frame.crs.to_string() == "EPSG:27700"


def rej_code(rej, raw) -> str:
    return raw[rej.row - 2]["ward_code"]


def test_police_uk_neighbourhood_kml_folder():
    folder = U / "boundaries" / "west-midlands"
    layer = readers.read(folder)
    assert layer.kind is LayerKind.BOUNDARY
    kmls = sorted(p.stem for p in folder.glob("*.kml"))
    accounted(layer, len(kmls))
    assert sorted(layer.frame["area_code"]) == kmls  # the file name is the id


def test_hole_kept_and_bow_tie_repaired():
    path = U / "boundaries" / "beats_holes_bowtie.geojson"
    layer = readers.read(path)
    accounted(layer, 2)
    f = layer.frame.set_index("area_code")
    src = {
        ft["properties"]["beat"]: shapely.geometry.shape(ft["geometry"])
        for ft in json.loads(path.read_text())["features"]
    }
    ring = shapely.transform(
        src["BE1"], lambda c: np.column_stack(TO_BNG.transform(c[:, 0], c[:, 1]))
    )
    assert len(f.loc["BE1"].geometry.interiors) == 1
    assert f.loc["BE1"].geometry.area == pytest.approx(ring.area, rel=1e-3)
    assert f.loc["BE2"].geometry.is_valid
    assert f.loc["BE2"].geometry.geom_type == "MultiPolygon"  # two triangles
    assert layer.report.warnings


# -- attribute joins ------------------------------------------------------------------
def test_join_ons_bulk_ts001_and_imd_file1_workbook():
    from openpyxl import load_workbook

    from layers.joins import join_census_population, join_imd

    lsoa = readers.read(U / "boundaries" / "LSOA_2021_EW_BGC.geojson")
    ts001 = U / "joins" / "census2021-ts001-lsoa.csv"
    layer, rep = join_census_population(lsoa, ts001)
    want = {
        r["geography code"]: int(r["Residence type: Total; measures: Value"])
        for r in csv_rows(ts001)
    }
    got = dict(zip(layer.frame["area_code"], layer.frame["population"], strict=True))
    assert got == want  # the Total column, not "Lives in a household"
    imd = U / "joins" / "File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx"
    sheet = load_workbook(imd)["IMD2019"]  # the data sheet, after "Notes"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    layer, rep = join_imd(layer, imd)
    f = layer.frame.set_index("area_code")
    for code, _n, _lad, _ladn, rank, decile in rows:
        assert (f.loc[code, "imd_rank"], f.loc[code, "imd_decile"]) == (rank, decile)
    assert pd.isna(f.loc["W01001234", "imd_rank"])
    text = rep.summary()
    assert "2 of 3" in text and "Welsh" in text and "English codes only" in text


# -- through the real command line ----------------------------------------------------
CLI_CASES = [
    ("police_uk/2023-09-btp-street.csv", "crime", 5, "EPSG:27700"),
    ("police_uk/custom_download.zip", "crime", 16, "EPSG:27700"),
    ("calls/new_orleans_calls_for_service.csv", "demand", 4, "EPSG:32615"),
    ("calls/semicolon_decimal_comma.csv", "demand", 4, "EPSG:27700"),
    ("assets/edubasealldata_extract.csv", "asset", 4, "EPSG:27700"),
    (
        "boundaries/Wards_December_2023_Boundaries_UK_BGC.zip",
        "boundary",
        3,
        "EPSG:27700",
    ),
    ("boundaries/west-midlands", "boundary", 2, "EPSG:27700"),
    ("boundaries/LAD_2023_bng_nocrs.geojson", "boundary", 2, "EPSG:27700"),
]


@pytest.mark.parametrize(("rel", "kind", "rows", "crs"), CLI_CASES)
def test_cli_import_then_info(rel, kind, rows, crs, tmp_path, capsys):
    proj = tmp_path / "p.gpkg"
    code, _out, err = cli("import", str(U / rel), "-o", str(proj), capsys=capsys)
    assert code == 0, err
    (layer,) = info_json(proj, capsys)["layers"]
    assert layer["kind"] == kind
    assert layer["rows_loaded"] + layer["rows_rejected"] == rows
    assert layer["crs"] == crs


@pytest.mark.parametrize(
    ("rel", "needle"),
    [
        ("assets/postcodes_only.csv", "postcode"),
        ("../as_they_come/headerless_counts.csv", "--columns"),
        ("calls/report_with_title_rows.csv", "title"),
        ("police_uk/2023-08-lancashire-stop-and-search.csv", "stop-and-search"),
    ],
)
def test_cli_refusals_are_one_line(rel, needle, tmp_path, capsys):
    code, _out, err = cli(
        "import", str(U / rel), "-o", str(tmp_path / "p.gpkg"), capsys=capsys
    )
    assert code == 2
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in err
    assert Path(rel).name in lines[0] and needle in lines[0]


def test_cli_headerless_with_columns(tmp_path, capsys):
    proj = tmp_path / "p.gpkg"
    code, _o, err = cli(
        "import",
        str(U / "calls" / "headerless_comma.csv"),
        "--columns",
        "call_id,occurred_at,category,priority,longitude,latitude",
        "-o",
        str(proj),
        capsys=capsys,
    )
    assert code == 0, err
    (layer,) = info_json(proj, capsys)["layers"]
    assert (layer["kind"], layer["rows_loaded"]) == ("demand", 3)
    assert layer["time_min"].startswith("2024-02-10T21:05")


def test_console_script_exit_code_and_one_line(tmp_path):
    """The real process: exit 2 and one line on stderr, no traceback."""
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "workstation",
            "import",
            str(U / "assets" / "postcodes_only.csv"),
            "-o",
            str(tmp_path / "p.gpkg"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1
    assert "postcodes_only.csv" in r.stderr


@pytest.mark.parametrize("as_folder", [False, True])
def test_import_says_each_skipped_file_once(tmp_path, capsys, as_folder):
    """The outcomes and stop-and-search files of a download are named when skipped
    (the zip named neither, the folder only the outcomes file)."""
    path = U / "police_uk" / "custom_download.zip"
    if as_folder:
        with zipfile.ZipFile(path) as zf:
            zf.extractall(tmp_path / "download")
        path = tmp_path / "download"
    assert main(["import", str(path), "-o", str(tmp_path / "p.gpkg")]) == 0
    lines = [ln for ln in capsys.readouterr().out.splitlines() if "skipped" in ln]
    for kind in ("-outcomes.csv", "-stop-and-search.csv"):
        named = [ln for ln in lines if kind in ln and "MACOSX" not in ln]
        assert len(named) == len(set(named)) >= 1, (kind, lines)
    assert len(lines) == len(set(lines))
