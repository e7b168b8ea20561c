"""Issue 6 end to end on the synthetic force area: import, back-test, patrol, evaluate."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import gpxpy
import pandas as pd
import pytest


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workstation", *args],
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("plan")
    data = root / "demo"
    r = run("demo-data", str(data), "--seed", "3", "--scale", "0.15")
    assert r.returncode == 0, r.stderr
    proj = root / "p.gpkg"
    r = run(
        "import",
        str(data / "crime"),
        str(data / "calls" / "synthetic_calls_for_service.csv"),
        str(data / "assets" / "community_assets.csv"),
        "-o",
        str(proj),
    )
    assert r.returncode == 0, r.stderr
    r = run(
        "import",
        "--kind",
        "boundary",
        str(data / "boundaries" / "lsoa.gpkg"),
        "--join-population",
        str(data / "boundaries" / "population.csv"),
        "--join-imd",
        str(data / "boundaries" / "imd.csv"),
        "-o",
        str(proj),
    )
    assert r.returncode == 0, r.stderr
    assert "matched" in r.stdout
    return proj


def test_backtest_every_method_beside_naive(project: Path, tmp_path: Path):
    r = run(
        "backtest",
        str(project),
        "--layer",
        "crime",
        "--origins",
        "4",
        "-o",
        str(tmp_path / "bt"),
        "--json",
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    table = pd.DataFrame(out["table"])
    assert set(table["method"]) == {
        "naive", "last3", "history", "kde", "prospective", "sepp",
    }  # fmt: skip
    assert set(table["coverage"].round(2)) == {0.01, 0.02, 0.05, 0.10}
    assert (tmp_path / "bt.png").stat().st_size > 10_000
    card = (tmp_path / "bt.md").read_text()
    assert "naive" in card
    fairness = card.split("## Fairness", 1)[1]
    assert (
        sum(
            1
            for line in fairness.splitlines()
            if line.startswith("| ") and line[2].isdigit()
        )
        == 10
    )


def test_patrol_plan_respects_hours_and_writes_gpx(project: Path, tmp_path: Path):
    from layers.plans import plans_of
    from layers.store import load_project

    gpx_path = tmp_path / "plan.gpx"
    r = run(
        "patrol", str(project), "--officer-hours", "12.5", "-o", str(gpx_path),
        "-o", str(tmp_path / "plan.csv"), "--sheets", str(tmp_path / "sheets"), "--json",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert 0 < out["officer_hours_used"] <= 12.5
    assert out["fairness"] is not None and len(out["fairness"]) == 10
    assert out["timing_evidence"] and "synthetic_calls_for_service" in out["timing"]
    assert "weeks" in out["timing"]
    gpx = gpxpy.parse(gpx_path.read_text())
    assert gpx.routes and gpx.waypoints
    csv = pd.read_csv(tmp_path / "plan.csv")
    assert len(csv) == out["visits"] + out["reassurance_points"]
    assert {"plan_id", "shift_id", "patrol_area", "officer", "grid_ref"} <= set(csv)
    assert (csv["plan_id"] == out["plan_id"]).all()
    # the plan is kept in the project, with its places and visits, and audited
    saved = load_project(project)
    stored = plans_of(saved)[out["plan_id"]]
    assert len(stored.frames["places"]) == len(out["places"])
    assert len(stored.frames["visits"]) == len(csv)
    assert stored.frames["places"].geometry.notna().all()
    assert any(
        e.action == "patrol plan" and e.parameters.get("plan_id") == out["plan_id"]
        for e in saved.audit
    )
    # one sheet per shift worked and patrol area
    pdfs = sorted((tmp_path / "sheets").glob("*.pdf"))
    assert len(pdfs) == csv.groupby(["shift_id", "patrol_area"]).ngroups
    assert len(out["sheets"]) >= 2 * len(pdfs)
    # the plan's own CSV reads back as the delivered record of that plan
    r = run("patrol", str(project), "--delivered", str(tmp_path / "plan.csv"), "--json")
    assert r.returncode == 0, r.stderr
    back = json.loads(r.stdout)
    assert back["plan_id"] == out["plan_id"]
    total = next(d for d in back["delivered"] if d["level"] == "plan")
    assert total["on_time"] == total["planned_visits"] == out["visits"]
    # filled in: first visit on time, second 30 minutes late, the rest not done
    filled = csv.copy()
    filled[["delivered_arrive", "delivered_depart"]] = ""
    hs = filled.index[filled["stop_type"] == "hot spot"]
    filled.loc[hs[0], "delivered_arrive"] = filled.loc[hs[0], "arrive"]
    filled.loc[hs[0], "delivered_depart"] = filled.loc[hs[0], "depart"]
    day, hm = filled.loc[hs[1], "arrive"].split()
    t = pd.Timestamp(f"2026-01-05 {hm}") + pd.Timedelta(minutes=30)
    filled.loc[hs[1], "delivered_arrive"] = f"{day} {t:%H:%M}"
    filled.loc[hs[1], "delivered_depart"] = (
        f"{day} {t + pd.Timedelta(minutes=15):%H:%M}"
    )
    filled.to_csv(tmp_path / "filled.csv", index=False)
    r = run(
        "patrol", str(project), "--delivered", str(tmp_path / "filled.csv"),
        "--compare", str(tmp_path / "cmp.csv"), "--compare", str(tmp_path / "cmp.pdf"),
        "--json",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    total = next(d for d in json.loads(r.stdout)["delivered"] if d["level"] == "plan")
    assert (total["on_time"], total["late"]) == (1, 1)
    assert total["missed"] == out["visits"] - 2
    cmp = pd.read_csv(tmp_path / "cmp.csv")
    assert set(cmp["level"]) == {"place", "shift", "plan"}
    assert (tmp_path / "cmp.pdf").stat().st_size > 1000
    # a CSV of visits with place ids, against the saved plan by its id
    visits = tmp_path / "delivered.csv"
    visits.write_text("place_id,start,end\n1,2026-10-02 22:00,2026-10-02 22:14\n")
    r = run(
        "patrol",
        str(project),
        "--plan",
        out["plan_id"],
        "--delivered",
        str(visits),
        "--json",
    )
    assert r.returncode == 0, r.stderr
    got = pd.DataFrame(json.loads(r.stdout)["delivered"])
    place1 = got[(got["level"] == "place") & (got["key"] == "1")].iloc[0]
    assert place1["delivered_minutes"] in (
        0.0,
        14.0,
    )  # 14 only if a visit was planned then
    r = run(
        "patrol", str(project), "--plan", "no-such-plan", "--delivered", str(visits)
    )
    assert (
        r.returncode == 2
        and "no saved plan" in r.stderr
        and "Traceback" not in r.stderr
    )


def test_evaluate_cli_vectors_and_bad_input():
    r = run("evaluate", "--treated", "207,110", "--control", "308,318", "--displacement", "178,157",
            "--displacement-control", "150,140", "--json")  # fmt: skip
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["wdd"] == pytest.approx(-118)
    assert out["z"] == pytest.approx(-2.98, abs=0.005)
    r = run("evaluate", "--treated", "1,2")
    assert r.returncode == 2
    assert "error" in r.stderr and "Traceback" not in r.stderr


def test_evaluate_counts_areas_and_periods_from_layers(project: Path):
    import geopandas as gpd

    from layers.store import load_project

    lsoa_file = project.parent / "demo" / "boundaries" / "lsoa.gpkg"
    lsoa = gpd.read_file(lsoa_file).to_crs(27700)
    code_col = next(c for c in lsoa.columns if str(lsoa[c].iloc[0]).startswith("X01"))
    treated, control = str(lsoa[code_col].iloc[0]), str(lsoa[code_col].iloc[1])
    r = run(
        "evaluate", "--data", str(project), "--layer", "crime",
        "--treated", f"{lsoa_file}:{treated}", "--control", f"{lsoa_file}:{control}",
        "--before", "2025-01-01,2025-07-01", "--after", "2025-07-01,2026-01-01", "--json",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    crime = next(lyr for lyr in load_project(project).layers if lyr.name == "crime")
    t = crime.frame["occurred_at"]

    def count(code: str, a: str, b: str) -> int:
        poly = lsoa.loc[lsoa[code_col] == code, "geometry"].iloc[0]
        inside = crime.frame.geometry.within(poly)
        when = (t >= pd.Timestamp(a, tz="Europe/London")) & (
            t < pd.Timestamp(b, tz="Europe/London")
        )
        return int((inside & when).sum())

    tb, ta = (
        count(treated, "2025-01-01", "2025-07-01"),
        count(treated, "2025-07-01", "2026-01-01"),
    )
    cb, ca = (
        count(control, "2025-01-01", "2025-07-01"),
        count(control, "2025-07-01", "2026-01-01"),
    )
    assert out["params"]["treated"] == [tb, ta]
    assert out["params"]["control"] == [cb, ca]
    assert out["wdd"] == pytest.approx((ta - tb) - (ca - cb))
