"""The synthetic force area: determinism, real formats, and the planted signals.

Every check on a signal counts what is in the written files (parsed back from the
CSVs), never the generator's own constants; the manifest only says where to look.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from scipy.spatial import cKDTree

from layers.crs import to_working
from layers.synthetic import (
    POLICE_UK_HEADER,
    planted_signals,
    write_demo_data,
)

SCALE = 0.1
MODERN_HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
    "LSOA name,Crime type,Last outcome category,Context"
)
FOURTEEN = {
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("demo")
    manifest = write_demo_data(out, seed=7, end_month="2026-09", scale=SCALE)
    return out, manifest


@pytest.fixture(scope="module")
def street(demo) -> pd.DataFrame:
    out, _ = demo
    files = sorted((out / "crime").glob("*/*-synthetic-police-street.csv"))
    frames = []
    for f in files:
        df = pd.read_csv(f, dtype=str, keep_default_na=False)
        df["_folder"] = f.parent.name
        frames.append(df)
    df = pd.concat(frames, ignore_index=True)
    has = df["Longitude"] != ""
    x = np.full(len(df), np.nan)
    y = np.full(len(df), np.nan)
    ex, ny, _ = to_working(
        df.loc[has, "Longitude"].astype(float).to_numpy(),
        df.loc[has, "Latitude"].astype(float).to_numpy(),
        "EPSG:4326",
    )
    x[has.to_numpy()] = ex
    y[has.to_numpy()] = ny
    df["x"] = x
    df["y"] = y
    return df


@pytest.fixture(scope="module")
def calls(demo) -> pd.DataFrame:
    out, _ = demo
    df = pd.read_csv(
        out / "calls" / "synthetic_calls_for_service.csv",
        dtype=str,
        keep_default_na=False,
    )
    df["t"] = pd.to_datetime(df["Created"], format="%d/%m/%Y %H:%M:%S")
    df["x"] = pd.to_numeric(df["Easting"], errors="coerce")
    df["y"] = pd.to_numeric(df["Northing"], errors="coerce")
    return df


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _within(df: pd.DataFrame, centre, radius: float) -> np.ndarray:
    return np.hypot(df["x"] - centre[0], df["y"] - centre[1]).to_numpy() <= radius


# -- determinism --------------------------------------------------------------------
def test_same_seed_gives_identical_files_and_another_seed_differs(demo, tmp_path):
    out, _ = demo
    again = tmp_path / "again"
    write_demo_data(again, seed=7, end_month="2026-09", scale=SCALE)
    first = _digest(out)
    assert first == _digest(again)
    other = tmp_path / "other"
    write_demo_data(other, seed=8, end_month="2026-09", scale=SCALE)
    second = _digest(other)
    assert first.keys() == second.keys()
    changed = [k for k in first if first[k] != second[k]]
    assert "crime/2026-09/2026-09-synthetic-police-street.csv" in changed
    assert "calls/synthetic_calls_for_service.csv" in changed
    assert "boundaries/lsoa.gpkg" in changed


# -- formats ------------------------------------------------------------------------
def test_monthly_files_have_the_modern_police_uk_header_and_months(demo):
    out, manifest = demo
    assert ",".join(POLICE_UK_HEADER) == MODERN_HEADER
    folders = sorted(p.name for p in (out / "crime").iterdir() if p.is_dir())
    expected = [str(p) for p in pd.period_range(end="2026-09", periods=36, freq="M")]
    assert folders == expected
    for month in folders:
        path = out / "crime" / month / f"{month}-synthetic-police-street.csv"
        with open(path, encoding="utf-8", newline="") as fh:
            assert fh.readline().rstrip("\r\n") == MODERN_HEADER
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        assert set(df["Month"]) == {month}
        assert set(df["Reported by"]) == {"Synthetic Police"}
        assert set(df["Falls within"]) == {"Synthetic Police"}
    rows = sum(
        f["rows"] for f in manifest["files"] if f["format"] == "police_uk_street"
    )
    assert rows == manifest["rows"]["street_crime"]


def test_crime_ids_outcomes_and_no_location_rows(street):
    asb = street["Crime type"] == "Anti-social behaviour"
    assert (street.loc[asb, "Crime ID"] == "").all()
    assert (street.loc[asb, "Last outcome category"] == "").all()
    ids = street.loc[~asb, "Crime ID"]
    assert ids.str.fullmatch(r"[0-9a-f]{64}").all()
    assert ids.is_unique
    assert (street.loc[~asb, "Last outcome category"] != "").all()
    assert (
        street["Location"].str.startswith("On or near ").sum()
        > 0.99 * (street["Location"] != "No location").sum()
    )
    noloc = street["Location"] == "No location"
    assert 0 < noloc.sum() < 0.02 * len(street)
    for col in ("Longitude", "Latitude", "LSOA code", "LSOA name"):
        assert (street.loc[noloc, col] == "").all()
        assert (street.loc[~noloc, col] != "").all()
    # Recent months are mostly still under investigation, old ones rarely.
    ui = street["Last outcome category"] == "Under investigation"
    last = street["_folder"] == "2026-09"
    first = street["_folder"] == "2023-10"
    assert ui[last & ~asb].mean() > 0.4 > 0.1 > ui[first & ~asb].mean()


def test_all_fourteen_types_in_sane_proportions(street):
    share = street["Crime type"].value_counts(normalize=True)
    assert set(share.index) == FOURTEEN
    assert 0.28 < share["Violence and sexual offences"] < 0.42
    assert 0.12 < share["Anti-social behaviour"] < 0.25
    assert share.idxmax() == "Violence and sexual offences"
    for t in FOURTEEN:
        assert 0.004 < share[t] < 0.45, t
    # About 6,000-8,000 a month at full scale; allow three Poisson SDs at SCALE.
    per_month = street.groupby("_folder").size()
    lo, hi = 6000 * SCALE, 8000 * SCALE
    assert per_month.between(lo - 3 * lo**0.5, hi + 3 * hi**0.5).all()


def test_summer_peak_for_asb(street):
    asb = street[street["Crime type"] == "Anti-social behaviour"]
    by_moy = asb.groupby(asb["_folder"].str[5:7]).size()
    summer = by_moy[["06", "07", "08"]].mean()
    winter = by_moy[["12", "01", "02"]].mean()
    assert summer > 1.2 * winter


def test_points_are_snapped_to_a_limited_set_of_map_points(street, demo):
    _, manifest = demo
    located = street[street["Longitude"] != ""]
    points = located.groupby(["Longitude", "Latitude"]).size()
    assert len(points) <= manifest["map_points"]
    assert len(located) > 5 * len(points)
    # One map point, one location text and one LSOA.
    per_point = located.groupby(["Longitude", "Latitude"])[
        ["Location", "LSOA code"]
    ].nunique()
    assert (per_point == 1).all().all()


# -- planted signals ----------------------------------------------------------------
def test_emerging_hot_spot_steps_up_from_month_24(street, demo):
    _, manifest = demo
    em = planted_signals(manifest)["emerging_hotspot"]
    assert em["start_month_index"] == 23
    months = sorted(street["_folder"].unique())
    start = months[23]
    assert em["start_month"] == start
    types = street["Crime type"].isin(em["types"])
    inside = _within(street, em["centre"], em["radius_m"]) & types
    per_month = street[inside].groupby("_folder").size().reindex(months, fill_value=0)
    before = per_month.iloc[:23].mean()
    after = per_month.iloc[23:].mean()
    assert after > 3 * max(before, 0.5)
    # Not a force-wide rise: the same types elsewhere barely change.
    elsewhere = street[types & ~inside].groupby("_folder").size().reindex(months)
    ratio = elsewhere.iloc[23:].mean() / elsewhere.iloc[:23].mean()
    assert 0.8 < ratio < 1.25
    # The step is a step: the last month before is low, the first after is high.
    assert per_month.iloc[23:].min() > per_month.iloc[:23].median()


def test_persistent_hot_spots_concentrate_town_centre_crime(street, demo):
    _, manifest = demo
    sig = planted_signals(manifest)
    shop = street["Crime type"] == "Shoplifting"
    for h in sig["persistent_hotspots"]:
        inside = _within(street, h["centre"], h["radius_m"])
        share = (inside & shop).sum() / shop.sum()
        assert share > 20 * h["area_share"], h["name"]
        months = street.loc[inside, "_folder"].nunique()
        assert months == 36  # persistent: present every month


def test_declining_area_declines(street, demo):
    _, manifest = demo
    dec = planted_signals(manifest)["declining_area"]
    sel = _within(street, dec["centre"], dec["radius_m"]) & street["Crime type"].isin(
        dec["types"]
    )
    months = sorted(street["_folder"].unique())
    per_month = street[sel].groupby("_folder").size().reindex(months, fill_value=0)
    assert per_month.iloc[-12:].sum() < 0.6 * per_month.iloc[:12].sum()


def test_near_repeat_burglaries_in_the_force_extract(demo, street):
    out, manifest = demo
    nr = planted_signals(manifest)["near_repeat_burglary"]
    ext = pd.read_csv(out / nr["file"], dtype={"Crime ID": str})
    t = pd.to_datetime(ext["Committed Date Time"], format="%d/%m/%Y %H:%M")
    # Same Crime IDs and months as the street files.
    b = street[street["Crime type"] == "Burglary"].set_index("Crime ID")
    assert set(ext["Crime ID"]) == set(b.index)
    assert (t.dt.strftime("%Y-%m").to_numpy() == b.loc[ext["Crime ID"], "Month"]).all()
    # Knox: pairs close in space and time against the independence expectation.
    xy = ext[["Easting", "Northing"]].to_numpy(float)
    days = (t - t.min()).dt.total_seconds().to_numpy() / 86400.0
    n = len(xy)
    pairs = np.array(sorted(cKDTree(xy).query_pairs(nr["radius_m"])))
    close_space = len(pairs)
    dt = np.abs(days[:, None] - days[None, :])
    close_time = (np.triu(dt <= nr["max_days"], k=1)).sum()
    observed = (np.abs(days[pairs[:, 0]] - days[pairs[:, 1]]) <= nr["max_days"]).sum()
    expected = close_space * close_time / (n * (n - 1) / 2)
    assert observed > 2.0 * expected


def test_calls_have_friday_saturday_night_peak_in_town_centres(calls, demo):
    _, manifest = demo
    nte = planted_signals(manifest)["night_time_economy"]
    near = np.zeros(len(calls), dtype=bool)
    for c in nte["centres"]:
        near |= _within(calls, c, 600.0)
    hour = calls["t"].dt.hour
    dow = calls["t"].dt.day_of_week
    # Friday/Saturday 22:00-23:59 and Saturday/Sunday 00:00-01:59 (same nights).
    weekend_night = ((dow.isin([4, 5])) & hour.isin([22, 23])) | (
        dow.isin([5, 6]) & hour.isin([0, 1])
    )
    midweek_night = (dow.isin([0, 1]) & hour.isin([22, 23])) | (
        dow.isin([1, 2]) & hour.isin([0, 1])
    )
    centre_ratio = (near & weekend_night).sum() / max(1, (near & midweek_night).sum())
    assert centre_ratio > 3
    # Away from the centres the peak is in the day, and weekend nights are modest.
    away = ~near & calls["x"].notna().to_numpy()
    by_hour = calls[away].groupby(hour[away]).size()
    assert 10 <= by_hour.idxmax() <= 20
    away_ratio = (away & weekend_night).sum() / max(1, (away & midweek_night).sum())
    assert away_ratio < centre_ratio / 2


def test_calls_format_grades_repeat_callers_and_rising_type(calls, demo):
    _, manifest = demo
    assert list(calls.columns[:9]) == [
        "Incident Number",
        "Created",
        "Call Type",
        "Priority",
        "Easting",
        "Northing",
        "Beat",
        "Caller ID",
        "Closed",
    ]
    assert calls["Incident Number"].is_unique
    assert set(calls["Priority"]) == {"P1", "P2", "P3", "P4"}
    closed = pd.to_datetime(calls["Closed"], format="%d/%m/%Y %H:%M:%S")
    assert (closed >= calls["t"]).mean() > 0.99  # the autumn clock change aside
    months = calls["t"].dt.strftime("%Y-%m")
    assert months.nunique() == 12
    assert months.max() == "2026-09"
    per_caller = calls.loc[calls["Caller ID"] != "", "Caller ID"].value_counts()
    assert per_caller.iloc[0] >= 20
    assert (per_caller == 1).mean() > 0.8
    rise = planted_signals(manifest)["rising_call_type"]
    sel = _within(calls, rise["centre"], rise["radius_m"]) & (
        calls["Call Type"] == rise["call_type"]
    )
    per_month = (
        calls[sel]
        .groupby(months[sel])
        .size()
        .reindex(sorted(months.unique()), fill_value=0)
    )
    assert list(per_month.index[-2:]) == rise["months"]
    assert per_month.iloc[-2:].mean() > 4 * max(per_month.iloc[:-2].mean(), 0.5)


def test_assets_types_hours_and_some_near_hot_spots(demo):
    out, manifest = demo
    a = pd.read_csv(out / "assets" / "community_assets.csv", dtype=str)
    assert 120 <= len(a) <= 180
    assert set(a["Type"]) == {"School", "Youth club", "Library", "Place of worship"}
    days = [c for c in a.columns if c.endswith("opening times")]
    assert len(days) == 7
    pattern = re.compile(r"^(\d{2}:\d{2}-\d{2}:\d{2}|Closed)$")
    assert a[days].map(lambda v: bool(pattern.match(v))).all().all()
    assert a["Name"].is_unique
    x = a["Easting"].astype(float)
    y = a["Northing"].astype(float)
    centres = [h["centre"] for h in planted_signals(manifest)["persistent_hotspots"]]
    near = np.zeros(len(a), dtype=bool)
    for cx, cy in centres:
        near |= np.hypot(x - cx, y - cy).to_numpy() <= 800
    assert near.sum() >= 10


def test_boundaries_and_join_tables(demo):
    out, manifest = demo
    b = out / "boundaries"
    lsoa = gpd.read_file(b / "lsoa.gpkg")
    assert lsoa.crs.to_epsg() == 27700
    assert 250 <= len(lsoa) <= 400
    assert lsoa["LSOA21CD"].is_unique
    assert lsoa["LSOA21CD"].str.fullmatch(r"X01\d{6}").all()
    assert lsoa["LSOA21NM"].str.fullmatch(r"[A-Za-z ]+ \d{3}[A-Z]").all()
    assert lsoa.is_valid.all()
    wards = gpd.read_file(b / "wards.geojson").to_crs(27700)
    districts = gpd.read_file(b / "districts.gpkg")
    force = gpd.read_file(b / "force_area.geojson").to_crs(27700)
    assert 30 <= len(wards) <= 50
    assert len(districts) == 6
    assert len(force) == 1
    total = force.area.sum()
    for layer in (lsoa, wards, districts):
        assert abs(layer.area.sum() - total) / total < 0.002
    assert 350e6 < total < 600e6  # about 25 x 20 km
    # Every LSOA in both join tables; population in a census-like range.
    pop = pd.read_csv(b / "population.csv", dtype=str)
    pop = pop[pop["mnemonic"].notna()]
    assert set(pop["mnemonic"]) == set(lsoa["LSOA21CD"])
    assert pop["total"].astype(int).between(1000, 3000).all()
    raw = (b / "imd.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    imd = pd.read_csv(b / "imd.csv", dtype=str, encoding="utf-8-sig")
    assert set(imd["LSOA code (2011)"]) == set(lsoa["LSOA21CD"])
    decile = imd["Index of Multiple Deprivation (IMD) Decile"].astype(int)
    assert set(decile) == set(range(1, 11))
    rank = imd["Index of Multiple Deprivation (IMD) Rank"].str.replace(",", "")
    rank = rank.astype(int)
    assert ((rank - 1) // 3285 + 1 - decile).abs().max() <= 1
    # Deprivation is spatially correlated: a deprived centre.
    m = lsoa.merge(imd, left_on="LSOA21CD", right_on="LSOA code (2011)")
    town = manifest["towns"][0]
    c = m.geometry.representative_point()
    d = np.hypot(c.x - town["x"], c.y - town["y"])
    dec = m["Index of Multiple Deprivation (IMD) Decile"].astype(int)
    assert dec[d < 3000].mean() + 2 < dec[d > 8000].mean()


def test_manifest_documents_files_and_signals(demo):
    out, manifest = demo
    on_disk = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert on_disk == manifest
    for f in manifest["files"]:
        path = out / f["path"]
        assert path.is_file(), f["path"]
        if path.suffix == ".csv" and f["format"] != "census_ts001":
            n = len(pd.read_csv(path, dtype=str, keep_default_na=False))
            assert n == f["rows"], f["path"]
    sig = planted_signals(out)
    assert sig == planted_signals(manifest)
    assert sig == planted_signals(out / "manifest.json")
    assert isinstance(sig["emerging_hotspot"]["centre"], tuple)
    assert manifest["seed"] == 7
    assert manifest["end_month"] == "2026-09"


def test_bad_parameters_are_refused(tmp_path):
    with pytest.raises(ValueError, match="YYYY-MM"):
        write_demo_data(tmp_path, end_month="September")
    with pytest.raises(ValueError, match="scale"):
        write_demo_data(tmp_path, scale=0)
