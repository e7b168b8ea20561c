"""``workstation backtest`` on a real police.uk layer of 11 months, with defaults."""

from __future__ import annotations

import json

import pandas as pd

from workstation.cli import main

ASB = "crime/lancashire_asb_2022.tab"


def test_backtest_runs_on_eleven_real_months_and_names_the_best_baseline(
    shared_data, tmp_path, capsys
):
    df = pd.read_csv(shared_data / ASB, sep="\t", dtype=str)
    lon, lat = df["longitude"].astype(float), df["latitude"].astype(float)
    # one town (Blackburn) and January to November: quick, and 11 months
    part = df[
        (df["month"] < "2022-12")
        & lon.between(-2.55, -2.40)
        & lat.between(53.70, 53.79)
    ]
    assert part["month"].nunique() == 11
    path = tmp_path / "asb11.tab"
    part.to_csv(path, sep="\t", index=False)
    out = tmp_path / "bt"
    rc = main([
        "backtest", str(path), "--method", "kde", "--cell-m", "250", "-o", str(out),
        "--json",
    ])  # fmt: skip
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    s = json.loads(captured.out)
    assert s["origins"] == 5
    assert any("11 months" in w for w in s["warnings"])
    assert s["best_baseline"] in ("naive", "last3", "history")
    assert s["study_area"] == "the cells that ever had an event"
    table = pd.DataFrame(s["table"])
    assert {"hit_rate_min", "hit_rate_max", "pai_min", "pai_max"} <= set(table)
    kde = [v for v in s["verdicts"] if v.startswith("kde")]
    assert len(kde) == 1 and "beat" in kde[0]
    card = (tmp_path / "bt.md").read_text(encoding="utf-8")
    assert "Against the best fair baseline" in card
    assert "5 origins" in card


def test_backtest_study_area_is_the_projects_force_area(tmp_path, capsys):
    import geopandas as gpd
    import numpy as np
    import shapely

    from layers import Layer, LayerKind, Project
    from layers.store import save_project
    from tests.analysis.test_forecast import _persistent_events
    from workstation.analysis.grid import Grid
    from workstation.analysis.hotspots import cells_within

    x, y, t = _persistent_events(months=14)
    x, y = x + 400_000, y + 280_000
    frame = gpd.GeoDataFrame(
        {"occurred_at": pd.to_datetime(t, utc=True), "category": "Burglary"},
        geometry=shapely.points(x, y),
        crs="EPSG:27700",
    )
    force = shapely.box(400_000, 280_000, 401_500, 283_000)  # the west half
    areas = gpd.GeoDataFrame(
        {"area_code": ["F1"], "area_name": ["Force"]}, geometry=[force], crs=27700
    )
    project = Project()
    project.add_layer(Layer("crime", LayerKind.CRIME, frame, time_precision="month"))
    project.add_layer(Layer("Force area", LayerKind.BOUNDARY, areas))
    path = tmp_path / "p.gpkg"
    save_project(project, path)
    rc = main([
        "backtest", str(path), "--layer", "crime", "--method", "kde", "--cell-m",
        "150", "-o", str(tmp_path / "bt"), "--json",
    ])  # fmt: skip
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    s = json.loads(captured.out)
    assert "Force area" in s["study_area"]
    g = Grid.covering(force.bounds, 150)
    assert s["study_cells"] == int(cells_within(g, np.array([force])).sum())
