"""``workstation emerging``, ``nearrepeat`` and ``scan`` end to end, on synthetic and real data."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from layers.synthetic import planted_signals, write_demo_data
from workstation.cli import main

ASB = "crime/lancashire_asb_2022.tab"
WARDS = "boundaries/lancashire_wards.gpkg"
BURGLARY_MAPPING = (
    "category=Crime Type,occurred_at=Committed Date Time,easting=Easting,"
    "northing=Northing"
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo36")
    manifest = write_demo_data(root, seed=7, months=36, scale=0.5)
    return root, planted_signals(manifest)


def _run(capsys, *argv):
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


def test_emerging_finds_the_planted_emerging_hot_spot(demo, tmp_path, capsys):
    root, signals = demo
    out = tmp_path / "em.gpkg"
    rc, stdout, err = _run(
        capsys, "emerging", root / "crime", "--cell-m", 250, "--step", "month",
        "-o", out, "--json",
    )  # fmt: skip
    assert rc == 0, err
    summary = json.loads(stdout)
    assert summary["steps"] == 36
    gdf = gpd.read_file(out)
    assert {"pattern", "trend_z", "trend_p", "count"} <= set(gdf.columns)
    em = signals["emerging_hotspot"]
    centre = shapely.Point(em["centre"])
    near = gdf[gdf.geometry.distance(centre) <= em["radius_m"]]
    emerging = {"new_hot_spot", "consecutive_hot_spot", "intensifying_hot_spot"}
    assert set(near["pattern"]) & emerging, near[["pattern", "count"]]
    # and away from every planted signal, emerging patterns are rare
    far = gdf[gdf.geometry.distance(centre) > 3000]
    assert far["pattern"].isin(emerging).mean() < 0.02


def test_nearrepeat_finds_planted_repeats_and_refuses_monthly(demo, tmp_path, capsys):
    root, signals = demo
    nr = signals["near_repeat_burglary"]
    out = tmp_path / "knox.csv"
    rc, _stdout, err = _run(
        capsys, "nearrepeat", root / nr["file"], "--kind", "demand",
        "--mapping", BURGLARY_MAPPING,
        "--space-bands", "0,100,200,400", "--time-bands", "0,7,14,28",
        "--permutations", 199, "--seed", 1, "-o", out,
    )  # fmt: skip
    assert rc == 0, err
    df = pd.read_csv(out)
    assert list(df.columns[:6]) == [
        "space_band", "time_band", "observed", "expected", "knox_ratio", "p_value",
    ]  # fmt: skip
    # planted: follow-ons within 200 m and 1-14 days
    inside = df[(df.space_to_m <= nr["radius_m"]) & (df.time_to_days <= nr["max_days"])]
    inside = inside[inside.space_to_m > 0]
    assert (inside.knox_ratio > 1.5).all()
    assert (inside.p_value <= 0.01).all()
    outside = df[(df.time_from_days >= 14) & (df.space_from_m >= 0)]
    assert (outside.knox_ratio < 1.2).all()
    rc, _, err = _run(capsys, "nearrepeat", root / "crime", "-o", tmp_path / "x.csv")
    assert rc == 2
    assert "police.uk data are monthly" in err
    assert "Traceback" not in err
    rc, _, err = _run(
        capsys, "nearrepeat", root / nr["file"], "--space-bands", "100,50",
        "-o", tmp_path / "x.csv",
    )  # fmt: skip
    assert rc == 2
    assert "--space-bands" in err


def test_scan_report_names_the_rising_call_type(demo, tmp_path, capsys):
    root, signals = demo
    rising = signals["rising_call_type"]
    out_csv = tmp_path / "scan.csv"
    rc, stdout, err = _run(
        capsys, "scan", root / "crime", root / "calls" / "synthetic_calls_for_service.csv",
        "--areas", root / "boundaries" / "wards.geojson", "-o", out_csv, "--json",
    )  # fmt: skip
    assert rc == 0, err
    summary = json.loads(stdout)
    assert summary["tests"] > 1000
    df = pd.read_csv(out_csv)
    sig = df[df.significant]
    drugs = sig[(sig.category == rising["call_type"]) & (sig["item"] == "count")]
    assert len(drugs) >= 1
    centre = np.array(rising["centre"])
    hit = drugs[
        (drugs.xmin <= centre[0]) & (drugs.xmax >= centre[0])
        & (drugs.ymin <= centre[1]) & (drugs.ymax >= centre[1])
    ]  # fmt: skip
    assert len(hit) >= 1
    for _section, part in df.groupby("section", sort=False):
        assert part["rank"].tolist() == list(range(1, len(part) + 1))
    assert (df["significant"] == (df["p_fdr"] <= 0.05)).all()
    out_html = tmp_path / "scan.html"
    rc, _, err = _run(
        capsys, "scan", root / "calls" / "synthetic_calls_for_service.csv",
        "--no-near-repeat", "--no-emerging", "--cell-m", 0,
        "--marking", "OFFICIAL-SENSITIVE", "-o", out_html,
    )  # fmt: skip
    assert rc == 0, err
    text = out_html.read_text(encoding="utf-8")
    assert "synthetic_calls_for_service, drugs: up" in text
    assert "OFFICIAL-SENSITIVE" in text
    assert "http" not in text.lower().replace("http-equiv", "")


def test_scan_and_emerging_on_real_police_uk_asb(shared_data, tmp_path, capsys):
    out = tmp_path / "asb.csv"
    rc, stdout, err = _run(
        capsys, "scan", shared_data / ASB, "--areas", shared_data / WARDS,
        "--cell-m", 1000, "-o", out, "--json",
    )  # fmt: skip
    assert rc == 0, err
    summary = json.loads(stdout)
    df = pd.read_csv(out)
    # latest period: December 2022 (the last month in the file)
    assert summary["periods"]
    assert all("2022-12-01" in v[0] for v in summary["periods"].values())
    # December is the file's quietest month (3,488 rows, README), so the whole
    # area cannot be rising against its trailing mean; wards can
    assert "whole area" not in set(df["area_type"])
    assert any("ward" in a.lower() for a in df["area_type"].astype(str))
    assert summary["tests"] > len(df)
    assert any("trailing mean" in m for m in df["method"].astype(str))
    rc, stdout, err = _run(
        capsys, "emerging", shared_data / ASB, "--cell-m", 1000, "-o",
        tmp_path / "asb.gpkg", "--json",
    )  # fmt: skip
    assert rc == 0, err
    s = json.loads(stdout)
    assert s["steps"] == 12
    assert sum(s["patterns"].values()) == s["cells"]
