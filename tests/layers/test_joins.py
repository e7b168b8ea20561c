"""Attribute joins: census population, IMD, footers, BOMs, duplicates, vintages."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from layers.joins import join_attributes, join_census_population, join_imd
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.readers import boundaries
from layers.validation import DataError

CENSUS = "boundaries/census2021_TS001_usual_residents_lsoa21.csv"
IMD = "boundaries/imd2019_lsoa11.csv"


@pytest.fixture(scope="module")
def birmingham(shared_data):
    return boundaries.read([shared_data / "boundaries/birmingham_lsoa21.geojson"])


def _areas(codes: list[str], **extra) -> Layer:
    frame = gpd.GeoDataFrame(
        {
            "area_code": codes,
            "area_name": [f"n{i}" for i in range(len(codes))],
            **extra,
        },
        geometry=[box(i, 0, i + 1, 1) for i in range(len(codes))],
        crs=27700,
    )
    return Layer(name="areas", kind=LayerKind.BOUNDARY, frame=frame)


def test_census_population_birmingham(birmingham, shared_data):
    path = shared_data / CENSUS
    layer, rep = join_census_population(birmingham, path)
    census = pd.read_csv(path).dropna(subset=["mnemonic"])
    expected = census.set_index("mnemonic")["total"].astype(int)
    got = layer.frame.set_index("area_code")["population"]
    assert rep.matched == 659
    assert rep.unmatched == 0
    assert (got == expected.reindex(got.index)).all()
    assert int(got.sum()) == 1_144_925  # the data README's figure
    assert str(got.dtype) == "Int64"
    # the 7 footer lines are not data rows, and say so
    assert rep.not_data_rows == 7
    assert rep.table_rows == len(census) == 35_672
    assert any("not data rows" in r for r in rep.reasons)
    # same id, joined columns recorded in the provenance
    assert layer.id == birmingham.id
    assert layer.provenance["joins"][-1]["columns_added"] == ["population"]
    assert "population" not in birmingham.frame  # the input is untouched


def test_imd_birmingham_detects_the_vintage_mismatch(birmingham, shared_data):
    path = shared_data / IMD
    layer, rep = join_imd(birmingham, path)
    imd = pd.read_csv(path, thousands=",")
    codes = set(imd["LSOA code (2011)"])
    in_table = birmingham.frame["area_code"].isin(codes)
    assert rep.matched == int(in_table.sum()) == 616
    assert rep.unmatched == 43
    assert rep.reasons[0].startswith(
        "43 LSOA 2021 codes are not in the 2011-based IMD table; an LSOA "
        "2011->2021 lookup is needed"
    )
    f = layer.frame.set_index("area_code")
    ranks = imd.set_index("LSOA code (2011)")[
        "Index of Multiple Deprivation (IMD) Rank"
    ]
    matched = f[f["imd_rank"].notna()]
    assert (matched["imd_rank"] == ranks.reindex(matched.index)).all()
    assert matched["imd_rank"].max() > 1000  # "29,199"-style ranks read as numbers
    assert f["imd_decile"].dropna().between(1, 10).all()
    assert int(f["imd_decile"].isna().sum()) == 43
    assert set(rep.unmatched_codes) == set(birmingham.frame["area_code"][~in_table])


def test_join_wrong_geography_is_a_clear_error(shared_data):
    wards = boundaries.read([shared_data / "boundaries/lancashire_wards.gpkg"])
    with pytest.raises(DataError, match="no column of the table holds"):
        join_imd(wards, shared_data / IMD)


def test_bom_cp1252_duplicates_footer_and_explicit_columns(tmp_path):
    path = tmp_path / "table.csv"
    path.write_bytes(
        b"\xef\xbb\xbfCode,Name,Score,Band\r\n"
        b'E01000001,Caf\xc3\xa9 Quarter,"1,234",A\r\n'
        b"E01000002,Two,17,B\r\n"
        b"E01000002,Two again,18,B\r\n"
        b",,,\r\n"
        b",Note: figures are provisional,,\r\n"
    )
    layer = _areas(["E01000001", "E01000002", "E01000003"])
    out, rep = join_attributes(layer, path, columns=["Score", "Name"])
    f = out.frame.set_index("area_code")
    assert rep.right_on == "Code"  # found despite the BOM
    assert f.loc["E01000001", "score"] == 1234
    assert f.loc["E01000001", "name"] == "Café Quarter"
    assert f.loc["E01000002", "score"] == 17  # first of the duplicates
    assert pd.isna(f.loc["E01000003", "score"])
    assert rep.duplicate_codes == 1
    assert rep.not_data_rows == 2
    assert rep.matched == 2
    assert rep.unmatched_codes == ("E01000003",)
    assert any("more than once" in r for r in rep.reasons)


def test_cp1252_and_rename(tmp_path):
    path = tmp_path / "pop.csv"
    path.write_bytes("area,people\nW01000001,1\xa0234\n".encode("cp1252"))
    layer = _areas(["W01000001", "W01000002"])
    out, rep = join_attributes(
        layer, path, right_on="area", rename={"people": "population"}
    )
    assert out.frame["population"].tolist()[0] == 1234
    assert rep.unmatched == 1
    assert rep.reasons[0].startswith("1 LSOA code(s) are not in the")
    assert any("Welsh" in r for r in rep.reasons)


def test_join_replaces_an_existing_column_and_says_so(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("code,population\nE01000001,10\n")
    layer = _areas(["E01000001"], population=[5])
    out, rep = join_attributes(layer, path, columns=["population"])
    assert out.frame["population"].tolist() == [10]
    assert any("replaced" in r for r in rep.reasons)


def test_bad_arguments(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("code,value\nE01000001,10\n")
    layer = _areas(["E01000001"])
    with pytest.raises(DataError, match="no column 'nope'"):
        join_attributes(layer, path, right_on="nope")
    with pytest.raises(DataError, match="'missing'"):
        join_attributes(layer, path, columns=["missing"])
    with pytest.raises(DataError, match="no column 'lsoa'"):
        join_attributes(layer, path, left_on="lsoa")


def test_lsoa11_codes_against_the_2021_census_are_explained(shared_data):
    census = pd.read_csv(shared_data / CENSUS).dropna(subset=["mnemonic"])
    imd = pd.read_csv(shared_data / IMD)
    codes11 = set(imd["LSOA code (2011)"])
    codes21 = set(census["mnemonic"])
    retired = sorted(codes11 - codes21)[:3]
    kept = sorted(codes11 & codes21)[:5]
    layer = _areas(kept + retired)
    out, rep = join_census_population(layer, shared_data / CENSUS)
    assert rep.matched == len(kept)
    assert set(rep.unmatched_codes) == set(retired)
    assert "look like LSOA 2011 codes" in rep.reasons[0]
    assert "2011->2021 lookup is needed" in rep.reasons[0]
    assert out.frame["population"].notna().sum() == len(kept)
