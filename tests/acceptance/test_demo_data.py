"""``workstation demo-data`` and the demo project read through the real readers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from layers.kinds import LayerKind
from layers.synthetic import planted_signals
from workstation.cli import main

SCALE = 0.1


def test_cli_writes_the_data_set_and_prints_a_summary(tmp_path, capsys):
    out = tmp_path / "demo"
    args = ["--seed", "3", "--end-month", "2025-12", "--months", "14"]
    rc = main(["demo-data", str(out), *args, "--scale", "0.05", "--json"])
    assert rc == 0
    summary = json.loads(capsys.readouterr().out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert summary["seed"] == manifest["seed"] == 3
    assert summary["end_month"] == "2025-12"
    assert summary["start_month"] == "2024-11"
    assert summary["rows"] == manifest["rows"]
    months = sorted(p.name for p in (out / "crime").iterdir() if p.is_dir())
    assert len(months) == 14
    assert months[-1] == "2025-12"
    # With fewer than 30 months the emerging hot spot starts two thirds in.
    assert manifest["signals"]["emerging_hotspot"]["start_month"] == months[9]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--end-month", "2026-13"], "--end-month"),
        (["--scale", "0"], "--scale"),
        (["--months", "0"], "--months"),
    ],
)
def test_cli_bad_options_exit_2_with_one_line(tmp_path, capsys, args, needle):
    rc = main(["demo-data", str(tmp_path / "x"), *args])
    assert rc == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert needle in err
    assert not (tmp_path / "x" / "manifest.json").exists()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    pytest.importorskip("layers.joins", reason="layers.joins is not there yet")
    from workstation.demo import ensure_demo_data, load_demo_project

    folder = tmp_path_factory.mktemp("demo")
    project = load_demo_project(folder, seed=7, scale=SCALE)
    _, manifest = ensure_demo_data(folder, seed=7, scale=SCALE)
    return folder, manifest, project


def _by_name(project, name):
    (layer,) = [lyr for lyr in project.layers if lyr.name == name]
    return layer


def test_demo_project_layers_metadata_and_styles(demo):
    _, _, project = demo
    kinds = [(lyr.name, lyr.kind) for lyr in project.layers]
    assert kinds == [
        ("Force area", LayerKind.BOUNDARY),
        ("Districts", LayerKind.BOUNDARY),
        ("Wards", LayerKind.BOUNDARY),
        ("LSOAs", LayerKind.BOUNDARY),
        ("Street crime (data.police.uk layout)", LayerKind.CRIME),
        ("Burglary extract (exact times)", LayerKind.CRIME),
        ("Calls for service", LayerKind.DEMAND),
        ("Community assets", LayerKind.ASSET),
    ]
    assert project.metadata.title == "Demo force area (synthetic data)"
    assert project.metadata.marking == "OFFICIAL"
    assert project.metadata.crs == "EPSG:27700"
    crime = _by_name(project, "Street crime (data.police.uk layout)")
    assert crime.time_precision == "month"
    assert _by_name(project, "Burglary extract (exact times)").time_precision == (
        "second"
    )
    assert _by_name(project, "Calls for service").time_precision == "second"
    lsoa = _by_name(project, "LSOAs")
    assert lsoa.style["mode"] == "choropleth"
    assert lsoa.style["choropleth"]["layer_id"] == crime.id
    assert crime.style["mode"] == "category"
    assert project.audit[-1].action == "load_demo_project"
    assert not project.dirty


def test_every_row_of_every_file_is_accounted_for(demo):
    folder, manifest, project = demo
    street_files = [
        folder / f["path"]
        for f in manifest["files"]
        if f["format"] == "police_uk_street"
    ]
    street = pd.concat(
        [pd.read_csv(p, dtype=str, keep_default_na=False) for p in street_files]
    )
    calls = pd.read_csv(
        folder / "calls" / "synthetic_calls_for_service.csv",
        dtype=str,
        keep_default_na=False,
    )
    expected = {
        "Street crime (data.police.uk layout)": (
            len(street),
            int((street["Longitude"] == "").sum()),
        ),
        "Calls for service": (len(calls), int((calls["Easting"] == "").sum())),
        "Burglary extract (exact times)": (
            len(pd.read_csv(folder / "crime" / "synthetic_force_burglary.csv")),
            0,
        ),
        "Community assets": (
            len(pd.read_csv(folder / "assets" / "community_assets.csv")),
            0,
        ),
    }
    for layer in project.layers:
        rep = layer.report
        assert rep is not None, layer.name
        assert rep.rows_loaded + rep.rows_rejected == rep.rows_total, layer.name
        assert len(layer) == rep.rows_loaded, layer.name
        if layer.name in expected:
            total, rejected = expected[layer.name]
            assert rep.rows_total == total, layer.name
            assert rep.rows_rejected == rejected, layer.name
            if rejected:
                assert set(rep.by_reason()) == {"no location"}, layer.name


def test_joins_put_population_and_imd_on_every_lsoa(demo):
    folder, _, project = demo
    lsoa = _by_name(project, "LSOAs")
    pop = pd.read_csv(folder / "boundaries" / "population.csv", dtype=str)
    pop = pop[pop["mnemonic"].notna()].set_index("mnemonic")["total"].astype(int)
    frame = lsoa.frame
    assert frame["population"].notna().all()
    got = frame.set_index("area_code")["population"].astype(int)
    assert (got == pop.loc[got.index]).all()
    assert frame["imd_decile"].astype(int).between(1, 10).all()


def test_planted_emerging_hot_spot_survives_the_readers(demo):
    _, manifest, project = demo
    em = planted_signals(manifest)["emerging_hotspot"]
    crime = _by_name(project, "Street crime (data.police.uk layout)")
    xy = crime.xy
    inside = (
        np.hypot(xy[:, 0] - em["centre"][0], xy[:, 1] - em["centre"][1])
        <= (em["radius_m"])
    )
    inside &= crime.frame["category"].astype(str).isin(em["types"]).to_numpy()
    month = crime.frame["occurred_at"].dt.strftime("%Y-%m").to_numpy()
    after = month >= em["start_month"]
    n_after_months = 36 - em["start_month_index"]
    rate_before = (inside & ~after).sum() / em["start_month_index"]
    rate_after = (inside & after).sum() / n_after_months
    assert rate_after > 3 * max(rate_before, 0.5)


def test_cached_demo_data_are_reused(demo):
    from workstation.demo import ensure_demo_data

    folder, _, _ = demo
    stamp = (Path(folder) / "manifest.json").stat().st_mtime_ns
    again, manifest = ensure_demo_data(folder, seed=7, scale=SCALE)
    assert again == Path(folder)
    assert (Path(folder) / "manifest.json").stat().st_mtime_ns == stamp
    assert manifest["seed"] == 7
