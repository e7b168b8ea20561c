"""Community-asset reader: CSV with E/N and lon/lat, vector files, the real libraries."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from layers.kinds import LayerKind
from layers.readers import assets, boundaries
from layers.validation import DataError

DATA = Path(__file__).resolve().parent.parent / "data" / "assets"
SITES = DATA / "community_sites.csv"
VENUES = DATA / "youth_venues.geojson"
LIBRARIES = "assets/libraries_england_2023.csv"


# -- the small CSV ------------------------------------------------------------------
@pytest.fixture(scope="module")
def sites():
    return assets.read([SITES])


def test_sites_rows_accounted_for(sites):
    raw = pd.read_csv(SITES, dtype=str)
    rep = sites.report
    assert sites.kind is LayerKind.ASSET
    assert rep.rows_total == len(raw)
    assert rep.rows_loaded + rep.rows_rejected == rep.rows_total
    no_loc = raw[["Easting", "Northing", "Longitude", "Latitude"]].isna().all(axis=1)
    assert rep.by_reason() == {"no location": int(no_loc.sum())}
    assert rep.rejected[0].row == int(np.flatnonzero(no_loc.to_numpy())[0]) + 2


def test_sites_prefer_grid_reference_and_warn_on_disagreement(sites):
    raw = pd.read_csv(SITES, dtype=str)
    f = sites.frame.set_index("source_row")
    # row 3 has both; lon/lat ~540 m away: the grid reference wins
    assert (f.loc[3].geometry.x, f.loc[3].geometry.y) == (
        float(raw.loc[1, "Easting"]),
        float(raw.loc[1, "Northing"]),
    )
    warn = [w for w in sites.report.warnings if "more than 100 m apart" in w]
    assert len(warn) == 1
    assert "rows 3" in warn[0]


def test_sites_lonlat_only_row_placed_with_ostn15(sites):
    from convertbng.cutil import convert_bng

    raw = pd.read_csv(SITES, dtype=str)
    lon, lat = float(raw.loc[2, "Longitude"]), float(raw.loc[2, "Latitude"])
    ex, ny = convert_bng([lon], [lat])
    g = sites.frame.set_index("source_row").loc[4].geometry
    assert g.x == pytest.approx(ex[0], abs=0.01)
    assert g.y == pytest.approx(ny[0], abs=0.01)
    methods = {t["method"] for t in sites.provenance["transforms"]}
    assert "OSTN15 (convertbng)" in methods


def test_sites_canonical_columns_and_source_columns(sites):
    f = sites.frame.set_index("source_row")
    assert f.loc[2, "name"] == "Central Youth Club"
    assert f.loc[2, "asset_type"] == "Youth club"
    assert f.loc[7, "postcode"] == "B1 1AA"  # normalised case
    assert f.loc[8, "address"] == "Chapel Row, Hamlet"
    # no category: type from the file name, with a warning
    assert f.loc[8, "asset_type"] == "Community Sites"
    assert any("no type" in w for w in sites.report.warnings)
    for col in ("site_name", "category", "easting", "northing", "longitude"):
        assert col in f.columns
    dup = [w for w in sites.report.warnings if "repeat the name and postcode" in w]
    assert dup
    assert dup[0].startswith("1 record")
    json.dumps(sites.provenance)


def test_missing_coordinates_is_a_data_error(tmp_path):
    f = tmp_path / "no_coords.csv"
    f.write_text("Name,Type\nA,School\n")
    with pytest.raises(DataError, match="coordinates"):
        assets.read([f])


def test_cp1252_file_and_headerless(tmp_path):
    f = tmp_path / "cafes.csv"
    f.write_bytes("Caf\xe9 Ol\xe9,Cafe,407000,286000\n".encode("cp1252"))
    layer = assets.read(
        [f], columns=["Name", "Type", "Easting", "Northing"], name="Cafes"
    )
    assert layer.frame.loc[0, "name"] == "Café Olé"
    assert layer.provenance["files"][0]["encoding"] == "cp1252"
    assert layer.report.rows_total == 1


def test_user_mapping_overrides_guess(tmp_path):
    f = tmp_path / "mapped.csv"
    f.write_text("Label,Kind,E,N\nHall,Community,407000,286000\n")
    layer = assets.read(
        [f],
        mapping={
            "name": "Label",
            "asset_type": "Kind",
            "easting": "E",
            "northing": "N",
        },
    )
    assert layer.frame.loc[0, "name"] == "Hall"
    assert layer.frame.loc[0, "asset_type"] == "Community"


# -- a vector file ---------------------------------------------------------------------
def test_vector_points_and_polygons(tmp_path):
    layer = assets.read([VENUES])
    raw = gpd.read_file(VENUES)
    rep = layer.report
    assert rep.rows_total == len(raw)
    assert rep.rows_loaded + rep.rows_rejected == rep.rows_total
    reasons = {r.row: r.reason for r in rep.rejected}
    line_row = int(np.flatnonzero((raw.geom_type == "LineString").to_numpy())[0]) + 1
    null_row = int(np.flatnonzero(raw.geometry.isna().to_numpy())[0]) + 1
    assert reasons[line_row].startswith("unsupported geometry (LineString")
    assert reasons[null_row] == "no location"
    f = layer.frame
    assert f["asset_type"].tolist()[0] == "community_centre"  # from 'amenity'
    assert set(f.geom_type) <= {"Point", "Polygon", "MultiPolygon"}
    assert shapely.is_valid(f.geometry.to_numpy()).all()  # the bow-tie was repaired
    assert layer.crs.to_epsg() == 27700
    # a GeoPackage copy reads the same way
    gpkg = tmp_path / "venues.gpkg"
    raw.to_file(gpkg, layer="venues", driver="GPKG")
    again = assets.read([gpkg])
    assert again.report.rows_loaded == rep.rows_loaded


def test_sniff():
    score, mapping = assets.sniff(
        SITES, ["Site Name", "Category", "Easting", "Northing"], None
    )
    assert score >= 0.5
    assert mapping["name"] == "Site Name"
    assert assets.sniff(VENUES, None, None)[0] >= 0.5
    assert assets.sniff(Path("nothing.gpkg"), None, None) == (0.0, {})


# -- the real libraries file -------------------------------------------------------------
@pytest.fixture(scope="module")
def libraries(shared_data):
    path = shared_data / LIBRARIES
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    return raw, assets.read([path])


def test_libraries_counts(libraries):
    raw, layer = libraries
    rep = layer.report
    assert rep.rows_total == len(raw) == 3539
    coords = raw[["Easting", "Northing", "Longitude", "Latitude"]]
    none = (coords.apply(lambda c: c.str.strip()) == "").all(axis=1)
    assert int(none.sum()) == 15  # the data README's figure, derived here
    assert rep.by_reason() == {"no location": int(none.sum())}
    assert len(layer) == len(raw) - int(none.sum())
    assert any("no postcode lookup" in n for n in rep.notes)
    # every rejected record is a Mobile Library with no coordinates
    rows = [r.row for r in rep.rejected]
    assert set(raw.iloc[[r - 2 for r in rows]]["Type"]) == {"Mobile Library"}


def test_libraries_types_closed_and_duplicates(libraries):
    raw, layer = libraries
    coords = raw[["Easting", "Northing", "Longitude", "Latitude"]]
    placed = raw[~(coords.apply(lambda c: c.str.strip()) == "").all(axis=1)]
    f = layer.frame
    # the data README's figures, on the raw file
    assert raw["Type"].value_counts().to_dict() == {
        "Static Library": 3308,
        "Mobile Library": 99,
        "Archive": 54,
        "Prison Library": 51,
        "Static Local History Library": 27,
    }
    assert int((raw["Year closed"].str.strip() != "").sum()) == 361
    assert (
        f["asset_type"].value_counts().to_dict()
        == placed["Type"].value_counts().to_dict()
    )
    closed = (placed["Year closed"].str.strip() != "").sum()
    assert int(f["closed"].sum()) == int(closed)
    assert int(f["year_closed"].notna().sum()) == int(closed)
    key = (
        placed["Name"].str.strip().str.lower()
        + "|"
        + placed["Postcode"].str.replace(" ", "").str.upper()
    )
    n_dup = int((key.duplicated() & (placed["Postcode"].str.strip() != "")).sum())
    assert n_dup == 80  # the data README: 80 duplicate name+postcode pairs
    assert any(w.startswith(f"{n_dup} record(s) repeat") for w in layer.report.warnings)


def test_libraries_opening_hours_and_columns(libraries):
    raw, layer = libraries
    f = layer.frame.set_index("source_row")
    first = raw.iloc[0]
    days = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    expected = "; ".join(
        f"{d[:3]}: {first[f'{d} opening times']}"
        for d in days
        if first[f"{d} opening times"].strip()
    )
    assert f.loc[2, "opening_hours"] == expected
    assert f.loc[2, "monday_opening_times"] == first["Monday opening times"]
    # every source column is kept (normalised names)
    assert len([c for c in f.columns if c not in assets._CANON_OUT]) >= 60
    # records with a newline inside a quoted field keep their row numbers
    multi = raw.apply(lambda r: any("\n" in v for v in r), axis=1)
    assert int(multi.sum()) == 8


def test_libraries_grid_reference_matches_the_file(libraries):
    _raw, layer = libraries
    f = layer.frame
    e = pd.to_numeric(f["easting"], errors="coerce").to_numpy(float)
    n = pd.to_numeric(f["northing"], errors="coerce").to_numpy(float)
    has = np.isfinite(e) & np.isfinite(n)
    np.testing.assert_array_equal(f.geometry.x.to_numpy()[has], e[has])
    np.testing.assert_array_equal(f.geometry.y.to_numpy()[has], n[has])
    assert not [w for w in layer.report.warnings if "100 m apart" in w]


def test_west_midlands_libraries_inside_the_force_area(libraries, shared_data):
    _raw, layer = libraries
    force = boundaries.read(
        [shared_data / "boundaries/west_midlands_police_force_area.gpkg"]
    )
    districts = {
        "Birmingham",
        "Sandwell",
        "Coventry",
        "Dudley",
        "Walsall",
        "Wolverhampton",
        "Solihull",
    }
    f = layer.frame
    wm = f[f["upper_tier_local_authority"].isin(districts)]
    assert len(wm) == 155  # the data README's figure
    inside = wm.within(force.frame.geometry.iloc[0])
    assert bool(inside.all())


def test_closed_flag_as_yes_no(tmp_path):
    f = tmp_path / "clubs.csv"
    f.write_text(
        "Name,Type,Easting,Northing,Closed\n"
        "A,Club,407000,286000,Yes\n"
        "B,Club,407100,286100,No\n"
        "C,Club,407200,286200,\n"
    )
    layer = assets.read([f])
    assert layer.frame["closed"].tolist() == [True, False, False]
    assert "year_closed" not in layer.frame


def test_excel_asset_list(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Site", "Category", "Easting", "Northing"])
    ws.append(["Hall", "Community centre", 407000.0, 286000.0])
    ws.append(["Field", "Park", None, None])
    path = tmp_path / "sites.xlsx"
    wb.save(path)
    assert assets.sniff(path, None, None)[0] >= 0.5
    layer = assets.read([path])
    assert layer.report.by_reason() == {"no location": 1}
    g = layer.frame.geometry.iloc[0]
    assert (g.x, g.y) == (407000.0, 286000.0)
    assert layer.frame["name"].tolist() == ["Hall"]


def test_xy_in_another_crs_outside_gb(tmp_path):
    import pyproj

    tr = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3452", always_xy=True)
    x, y = tr.transform(-90.07, 29.95)  # New Orleans, state plane feet
    f = tmp_path / "nola_sites.csv"
    f.write_text(f"Name,Type,X,Y\nLibrary,Library,{x:.2f},{y:.2f}\n")
    with pytest.raises(DataError, match="source_crs"):
        assets.read([f])
    layer = assets.read([f], mapping={"source_crs": "EPSG:3452"})
    assert layer.crs.to_epsg() == 32615
    ex, ey = pyproj.Transformer.from_crs(4326, 32615, always_xy=True).transform(
        -90.07, 29.95
    )
    g = layer.frame.geometry.iloc[0]
    assert (g.x, g.y) == pytest.approx((ex, ey), abs=0.05)
