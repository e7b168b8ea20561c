"""Issue 3's done criteria on the real files in ../shared/data, through the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workstation", *args],
        capture_output=True,
        text=True,
        timeout=600,
    )


def info(project: Path) -> dict:
    r = run("info", str(project), "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_lancashire_asb_every_row_accounted(shared_data: Path, tmp_path: Path):
    proj = tmp_path / "x.gpkg"
    r = run(
        "import",
        str(shared_data / "crime" / "lancashire_asb_2022.tab"),
        "-o",
        str(proj),
    )
    assert r.returncode == 0, r.stderr
    (layer,) = info(proj)["layers"]
    assert layer["rows_loaded"] + layer["rows_rejected"] == 56_434
    assert layer["rows_total"] == 56_434
    assert layer["time_min"].startswith("2022-01-01")
    assert layer["time_max"].startswith("2022-12-01")
    assert layer["time_precision"] == "month"
    assert layer["crs"] == "EPSG:27700"
    # Lancashire lies roughly between these BNG bounds
    x0, y0, x1, y1 = layer["bounds"]
    assert 320_000 < x0 < x1 < 400_000
    assert 395_000 < y0 < y1 < 480_000


def test_seattle_calls_get_utm_and_local_time(shared_data: Path, tmp_path: Path):
    proj = tmp_path / "s.gpkg"
    r = run(
        "import",
        str(shared_data / "demand" / "seattle_spd_dispatch_2024_sample.csv"),
        "-o",
        str(proj),
    )
    assert r.returncode == 0, r.stderr
    (layer,) = info(proj)["layers"]
    assert layer["kind"] == "demand"
    assert layer["rows_loaded"] + layer["rows_rejected"] == 1_000
    assert layer["rows_rejected"] == 1  # the (0, 0) placeholder
    assert layer["crs"] == "EPSG:32610"
    assert layer["time_min"] == "2024-01-01T20:24:01-08:00"
    assert layer["time_precision"] == "second"


def test_libraries_and_boundaries_with_joins(shared_data: Path, tmp_path: Path):
    proj = tmp_path / "b.gpkg"
    r = run(
        "import",
        str(shared_data / "assets" / "libraries_england_2023.csv"),
        "-o",
        str(proj),
    )
    assert r.returncode == 0, r.stderr
    r = run(
        "import",
        "--kind",
        "boundary",
        str(shared_data / "boundaries" / "birmingham_lsoa21.geojson"),
        "--join-population",
        str(shared_data / "boundaries" / "census2021_TS001_usual_residents_lsoa21.csv"),
        "--join-imd",
        str(shared_data / "boundaries" / "imd2019_lsoa11.csv"),
        "-o",
        str(proj),
        "--json",
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    joins = " ".join(out["joins"])
    assert "659 of 659" in joins  # census 2021 codes
    assert "616 of 659" in joins  # IMD uses 2011 codes
    assert "2011" in joins
    libs, lsoa = info(proj)["layers"]
    assert libs["kind"] == "asset"
    assert libs["rows_loaded"] + libs["rows_rejected"] == 3_539
    assert libs["rejected_by_reason"].get("no location", 0) == 15
    assert lsoa["rows_loaded"] == 659
    assert {"population", "imd_decile"} <= set(lsoa["columns"])


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("", "empty"),
        ("a,b,c\n1,2,3\n", "column"),
    ],
)
def test_bad_input_one_line_exit_2(tmp_path: Path, content: str, needle: str):
    bad = tmp_path / "bad.csv"
    bad.write_text(content)
    r = run("import", str(bad), "-o", str(tmp_path / "p.gpkg"))
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert "bad.csv" in r.stderr
    assert needle in r.stderr.lower()
