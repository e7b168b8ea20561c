"""Boundary reader: messy polygons, layer choice, CRS handling, the real boundary files."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from shapely.geometry import Point, box

from layers.kinds import LayerKind
from layers.readers import boundaries
from layers.validation import DataError

DATA = Path(__file__).resolve().parent.parent / "data" / "boundaries"
MESSY = DATA / "messy_beats.geojson"


# -- the messy fixture ----------------------------------------------------------------
@pytest.fixture(scope="module")
def messy():
    return boundaries.read([MESSY])


def test_messy_rows_and_reasons(messy):
    raw = json.loads(MESSY.read_text())["features"]
    rep = messy.report
    assert messy.kind is LayerKind.BOUNDARY
    assert rep.rows_total == len(raw)
    assert rep.rows_loaded + rep.rows_rejected == rep.rows_total
    by_code = {f["properties"]["beat_code"]: i + 1 for i, f in enumerate(raw)}
    reasons = {r.row: r.reason for r in rep.rejected}
    assert reasons == {
        by_code["B03"]: "not a polygon (Point)",
        by_code["B04"]: "no geometry",
        by_code["B08"]: "not a polygon (LineString)",
    }


def test_messy_repairs_z_and_collections(messy):
    f = messy.frame.set_index("area_code")
    assert set(f.index) == {"B01", "B02", "B05", "B06", "B07"}
    assert f.loc["B02", "area_name"] == "Bow-tie"
    geoms = f.geometry.to_numpy()
    assert shapely.is_valid(geoms).all()
    assert not shapely.has_z(geoms).any()
    assert set(f.geom_type) <= {"Polygon", "MultiPolygon"}
    assert f.loc["B06"].geometry.geom_type == "MultiPolygon"
    assert messy.provenance["repaired_geometries"] == 1
    assert any("make_valid" in n for n in messy.report.notes)
    assert any("Z coordinates dropped" in n for n in messy.report.notes)
    # the bow-tie's repaired area equals make_valid's area on the source polygon
    raw = gpd.read_file(MESSY)
    src = raw[raw["beat_code"] == "B02"].to_crs(27700).geometry.iloc[0]
    assert f.loc["B02"].geometry.area == pytest.approx(
        shapely.make_valid(src).area, rel=1e-3
    )
    assert messy.provenance["mapping"] == {
        "area_code": "beat_code",
        "area_name": "beat_name",
    }
    json.dumps(messy.provenance)


# -- layer choice, CRS, names ---------------------------------------------------------------
def _two_layer_gpkg(path: Path) -> None:
    pts = gpd.GeoDataFrame(
        {"name": ["a", "b"]},
        geometry=[Point(407000, 286000), Point(408000, 287000)],
        crs=27700,
    )
    polys = gpd.GeoDataFrame(
        {"sector_code": ["S1", "S2"], "sector_name": ["North", "South"]},
        geometry=[
            box(406000, 285000, 407000, 286000),
            box(407000, 285000, 408000, 286000),
        ],
        crs=27700,
    )
    pts.to_file(path, layer="stations", driver="GPKG")
    polys.to_file(path, layer="sectors", driver="GPKG")


def test_gpkg_polygon_layer_picked_and_named_layer(tmp_path):
    path = tmp_path / "force.gpkg"
    _two_layer_gpkg(path)
    layer = boundaries.read([path])
    assert layer.provenance["layers"] == ["sectors"]
    assert layer.frame["area_code"].tolist() == ["S1", "S2"]
    assert layer.frame["area_name"].tolist() == ["North", "South"]
    assert layer.provenance["transform"]["method"] == "none"
    assert layer.frame.geometry.iloc[0].equals(box(406000, 285000, 407000, 286000))
    named = boundaries.read([path], mapping={"layer": "stations"})
    assert named.report.by_reason() == {"not a polygon (Point)": 2}
    with pytest.raises(DataError, match="no layer named 'nope'"):
        boundaries.read([path], mapping={"layer": "nope"})


def test_mapping_overrides_area_columns(tmp_path):
    path = tmp_path / "force.gpkg"
    _two_layer_gpkg(path)
    layer = boundaries.read(
        [path], mapping={"area_code": "sector_name", "area_name": "sector_code"}
    )
    assert layer.frame["area_code"].tolist() == ["North", "South"]
    with pytest.raises(DataError, match="missing_col"):
        boundaries.read([path], mapping={"area_code": "missing_col"})


@pytest.mark.filterwarnings("ignore:'crs' was not provided:UserWarning")
def test_shapefile_without_prj_read_as_bng_with_note(tmp_path):
    gdf = gpd.GeoDataFrame(
        {"WD22CD": ["E05000001", "E05000002"], "WD22NM": ["One", "Two"]},
        geometry=[
            box(400000, 280000, 401000, 281000),
            box(401000, 280000, 402000, 281000),
        ],
        crs=None,
    )
    path = tmp_path / "wards.shp"
    gdf.to_file(path)
    assert not path.with_suffix(".prj").exists()
    layer = boundaries.read([path])
    assert layer.crs.to_epsg() == 27700
    assert any("no coordinate system declared" in n for n in layer.report.notes)
    assert layer.frame["area_code"].tolist() == ["E05000001", "E05000002"]
    assert layer.frame["area_name"].tolist() == ["One", "Two"]


def test_no_names_many_features_use_codes(tmp_path):
    gdf = gpd.GeoDataFrame(
        {"value": [1, 2]},
        geometry=[
            box(400000, 280000, 401000, 281000),
            box(401000, 280000, 402000, 281000),
        ],
        crs=27700,
    )
    path = tmp_path / "cells.gpkg"
    gdf.to_file(path, layer="cells")
    layer = boundaries.read([path])
    assert layer.frame["area_code"].tolist() == ["area_0001", "area_0002"]
    assert layer.frame["area_name"].tolist() == ["area_0001", "area_0002"]
    assert any("no area name column" in n for n in layer.report.notes)


def test_not_a_vector_file(tmp_path):
    path = tmp_path / "x.gpkg"
    path.write_bytes(b"not a geopackage at all")
    with pytest.raises(DataError):
        boundaries.read([path])
    assert boundaries.sniff(path, None, None)[0] == 0.0


def test_utm_outside_gb(tmp_path):
    gdf = gpd.GeoDataFrame(
        {"beat": ["B1"], "name": ["Downtown"]},
        geometry=[box(-122.34, 47.60, -122.33, 47.61)],
        crs=4326,
    )
    path = tmp_path / "seattle.geojson"
    gdf.to_file(path, driver="GeoJSON")
    layer = boundaries.read([path])
    assert layer.crs.to_epsg() == 32610
    expected = gdf.to_crs(32610).geometry.iloc[0].area
    assert layer.frame.geometry.iloc[0].area == pytest.approx(expected, rel=1e-6)


# -- the real files --------------------------------------------------------------------------
def test_birmingham_lsoa21(shared_data):
    path = shared_data / "boundaries/birmingham_lsoa21.geojson"
    layer = boundaries.read([path])
    raw = gpd.read_file(path)
    assert len(layer) == len(raw) == 659
    assert layer.report.rows_rejected == 0
    assert layer.frame["area_code"].tolist() == raw["lsoa21cd"].tolist()
    assert layer.frame["area_name"].tolist() == raw["lsoa21nm"].tolist()
    assert layer.crs.to_epsg() == 27700
    assert layer.provenance["transform"]["method"] == "OSTN15 (convertbng)"
    # total area: PROJ's reprojection agrees with our OSTN15 one to 0.1 %
    expected = raw.to_crs(27700).area.sum()
    assert layer.frame.area.sum() == pytest.approx(expected, rel=1e-3)
    assert layer.frame.area.sum() / 1e6 == pytest.approx(267.8, abs=0.1)
    # every source attribute is kept
    assert {"lsoa21cd", "bng_e", "lat", "long"} <= set(layer.frame.columns)


def test_west_midlands_force_area(shared_data):
    path = shared_data / "boundaries/west_midlands_police_force_area.gpkg"
    layer = boundaries.read([path])
    info = pyogrio.read_info(str(path))
    assert len(layer) == info["features"] == 1
    g = layer.frame.geometry.iloc[0]
    assert g.geom_type == "MultiPolygon"
    assert not g.has_z
    assert g.area / 1e6 == pytest.approx(901.7, abs=0.5)
    assert layer.frame["area_name"].iloc[0] == "West Midlands Police Force Area"
    assert any("named" in n and "after the file" in n for n in layer.report.notes)


def test_lancashire_wards_and_districts(shared_data):
    wards = boundaries.read([shared_data / "boundaries/lancashire_wards.gpkg"])
    districts = boundaries.read(
        [shared_data / "boundaries/lancashire_districts.geojson"]
    )
    raw_w = gpd.read_file(shared_data / "boundaries/lancashire_wards.gpkg")
    raw_d = gpd.read_file(shared_data / "boundaries/lancashire_districts.geojson")
    assert wards.frame["area_code"].tolist() == raw_w["ward_code"].tolist()
    assert wards.provenance["transform"]["method"] == "none"
    assert districts.frame["area_code"].tolist() == raw_d["objectid"].tolist()
    assert districts.frame["area_name"].tolist() == raw_d["district"].tolist()
    # both cover the same land (README: 3,066.4 km2)
    aw = wards.frame.area.sum() / 1e6
    ad = districts.frame.area.sum() / 1e6
    assert aw == pytest.approx(raw_w.area.sum() / 1e6)
    assert ad == pytest.approx(aw, rel=1e-3)
    assert np.isclose(ad, 3066.4, atol=1.0)


def test_sniff_real_files(shared_data):
    score, mapping = boundaries.sniff(
        shared_data / "boundaries/lancashire_districts.geojson", None, None
    )
    assert score >= 0.5
    assert mapping == {"area_code": "objectid", "area_name": "district"}
    assert boundaries.sniff(MESSY, ["a", "b"], "a,b\n")[0] == 0.0


def test_sniff_mixed_geometry_files():
    score, mapping = boundaries.sniff(MESSY, None, None)
    assert score >= 0.5  # polygons with a code column, despite the odd features
    assert mapping["area_code"] == "beat_code"
    venues = DATA.parent / "assets" / "youth_venues.geojson"
    assert boundaries.sniff(venues, None, None)[0] < 0.3  # named places, no codes


def test_nested_geojson_values_become_json_text(shared_data):
    layer = boundaries.read([shared_data / "boundaries/birmingham_lsoa21.geojson"])
    raw = gpd.read_file(shared_data / "boundaries/birmingham_lsoa21.geojson")
    first = raw["geo_point_2d"].iloc[0]
    assert isinstance(first, dict)
    assert json.loads(layer.frame["geo_point_2d"].iloc[0]) == first
