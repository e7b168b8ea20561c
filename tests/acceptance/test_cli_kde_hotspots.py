"""``workstation kde`` and ``workstation hotspots`` end to end, on real and synthetic data."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import rasterio

from layers.synthetic import planted_signals, write_demo_data
from workstation.cli import main

ASB = "crime/lancashire_asb_2022.tab"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    write_demo_data(root, seed=7, months=12, scale=0.3)
    return root


def _run(capsys, *argv):
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


def test_kde_on_real_police_uk_file(shared_data, tmp_path, capsys):
    out = tmp_path / "asb.tif"
    rc, stdout, err = _run(
        capsys,
        "kde", shared_data / ASB,
        "--bandwidth-m", 300, "--cell-m", 100,
        "--from", "2022-06", "--to", "2022-09",
        "-o", out, "--json",
    )  # fmt: skip
    assert rc == 0, err
    summary = json.loads(stdout)
    # June, July and August only: count the rows of those months independently
    lines = (shared_data / ASB).read_text().splitlines()[1:]
    months = [ln.split("\t")[0] for ln in lines]
    want = sum(m in ("2022-06-01", "2022-07-01", "2022-08-01") for m in months)
    assert summary["events"] == want
    with rasterio.open(out) as src:
        assert src.crs.to_epsg() == 27700
        assert src.dtypes[0] == "float32"
        assert src.transform.a == 100
        assert src.transform.c % 100 == 0
        assert src.transform.f % 100 == 0
        band = src.read(1)
        cell_km2 = (src.transform.a / 1000) ** 2
        # integrates to the event count less edge loss
        assert band.sum(dtype=float) * cell_km2 == pytest.approx(
            want * (1 - summary["edge_loss"]), rel=1e-3
        )
        assert "quartic" in src.tags()["method_note"]
    assert summary["peak"] == pytest.approx(float(band.max()), rel=1e-6)


def test_kde_finds_the_biggest_planted_town_centre(demo, tmp_path, capsys):
    out = tmp_path / "demo.tif"
    rc, _stdout, err = _run(
        capsys,
        "kde", demo / "crime",
        "--bandwidth-m", 400, "--cell-m", 50, "-o", out, "--json",
    )  # fmt: skip
    assert rc == 0, err
    centres = planted_signals(demo)["persistent_hotspots"]
    biggest = max(centres, key=lambda s: s["expected_per_month"])
    with rasterio.open(out) as src:
        band = src.read(1)
        r, c = np.unravel_index(np.argmax(band), band.shape)
        px, py = src.xy(r, c)
    assert np.hypot(px - biggest["centre"][0], py - biggest["centre"][1]) < 700


def test_hotspots_on_synthetic_data_find_planted_centres(demo, tmp_path, capsys):
    out = tmp_path / "hs.gpkg"
    rc, stdout, err = _run(
        capsys,
        "hotspots", demo / "crime",
        "--cell-m", 250,
        "--boundary", demo / "boundaries" / "force_area.geojson",
        "-o", out, "--json",
    )  # fmt: skip
    assert rc == 0, err
    summary = json.loads(stdout)
    assert summary["fdr_on"] is True
    cells = gpd.read_file(out, layer="hotspots")
    for col in ("count", "gi_z", "p_value", "p_fdr", "hotspot_class"):
        assert col in cells
    assert cells.crs.to_epsg() == 27700
    for site in planted_signals(demo)["persistent_hotspots"]:
        x, y = site["centre"]
        hit = cells[cells.contains(gpd.points_from_xy([x], [y])[0])]
        assert len(hit) == 1
        assert hit["hotspot_class"].iloc[0] == "hot_99", site["name"]
    meta = pyogrio.read_info(out, layer="hotspots")["layer_metadata"]
    assert "Benjamini" in meta["method_note"]
    assert json.loads(meta["params"])["fdr_on"] is True


def test_hotspots_real_data_fdr_vs_no_fdr(shared_data, tmp_path, capsys):
    out1, out2 = tmp_path / "fdr.gpkg", tmp_path / "raw.gpkg"
    base = [
        "hotspots", shared_data / ASB, "--cell-m", 500,
        "--boundary", shared_data / "boundaries" / "lancashire_districts.geojson",
        "--json",
    ]  # fmt: skip
    rc1, s1, err1 = _run(capsys, *base, "-o", out1)
    rc2, s2, err2 = _run(capsys, *base, "--no-fdr", "-o", out2)
    assert rc1 == 0, err1
    assert rc2 == 0, err2
    a, b = json.loads(s1), json.loads(s2)
    sig = lambda d: sum(v for k, v in d["classes"].items() if k != "not_significant")  # noqa: E731
    assert sig(b) >= sig(a) > 0
    cells = gpd.read_file(out1)
    # every written cell is inside the study area and counts add up to events kept
    dropped = sum(
        int(w.split()[0].replace(",", ""))
        for w in a["warnings"]
        if "outside the study area" in w or "outside the grid" in w
    )
    assert cells["count"].sum() == a["events"] - dropped


def test_harm_weighted_kde_and_hotspots(demo, tmp_path, capsys):
    rc, stdout, err = _run(
        capsys,
        "kde", demo / "crime", "--harm", "--cell-m", 100,
        "-o", tmp_path / "harm.tif", "--json",
    )  # fmt: skip
    assert rc == 0, err
    s = json.loads(stdout)
    assert s["harm_weighted"] is True
    assert s["total_weight"] > s["events"]  # most crime types weigh more than 1 day
    rc, stdout, err = _run(
        capsys,
        "hotspots", demo / "crime", "--harm", "--cell-m", 250,
        "-o", tmp_path / "harm.gpkg", "--json",
    )  # fmt: skip
    assert rc == 0, err
    assert "Cambridge Crime Harm Index" in json.loads(stdout)["method_note"]


def test_project_input(demo, tmp_path, capsys):
    proj = tmp_path / "p.gpkg"
    rc, _, err = _run(capsys, "import", demo / "crime", "-o", proj)
    assert rc == 0, err
    rc, stdout, err = _run(
        capsys,
        "hotspots", proj, "--cell-m", 300, "--category", "Burglary",
        "-o", tmp_path / "b.gpkg", "--json",
    )  # fmt: skip
    assert rc == 0, err
    s = json.loads(stdout)
    assert s["categories"] == ["Burglary"]
    assert s["events"] > 0


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        (["--extent", "1,2,3"], "--extent"),
        (["--category", "Nonsense"], "--category 'Nonsense'"),
        (["--from", "2022-09", "--to", "2022-03"], "--to"),
        (["--from", "not a date"], "--from"),
    ],
)
def test_bad_input_exits_2_with_one_line(shared_data, tmp_path, capsys, extra, needle):
    rc, _, err = _run(
        capsys, "kde", shared_data / ASB, "-o", tmp_path / "x.tif", *extra
    )
    assert rc == 2
    assert needle in err
    assert err.strip().count("\n") == 0
    assert "Traceback" not in err


def test_bad_files_exit_2(tmp_path, capsys):
    rc, _, err = _run(capsys, "kde", tmp_path / "missing.csv", "-o", tmp_path / "x.tif")
    assert rc == 2
    assert "missing.csv" in err
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    rc, _, err = _run(
        capsys, "hotspots", bad, "--cell-m", 100, "-o", tmp_path / "o.txt"
    )
    assert rc == 2
    assert ".gpkg" in err


def test_hotspots_on_areas_equal_esda(shared_data, tmp_path, capsys):
    from esda.getisord import G_Local
    from libpysal.weights import Queen

    wards = shared_data / "boundaries" / "lancashire_wards.gpkg"
    out = tmp_path / "wards.gpkg"
    rc, stdout, err = _run(
        capsys, "hotspots", shared_data / ASB, "--areas", wards, "-o", out, "--json"
    )
    assert rc == 0, err
    s = json.loads(stdout)
    got = gpd.read_file(out)
    src = gpd.read_file(wards)
    assert list(got["ward_code"]) == list(src["ward_code"])
    lost = sum(
        float(w.split()[0].replace(",", ""))
        for w in s["warnings"]
        if "outside every area" in w
    )
    assert got["count"].sum() == s["events"] - lost
    w = Queen.from_iterable(src.geometry.values, silence_warnings=True)
    z = G_Local(got["count"].to_numpy(), w, transform="B", star=True, permutations=0).Zs
    np.testing.assert_allclose(got["gi_z"].to_numpy(), z, atol=1e-9)
    rc, _, err = _run(capsys, "hotspots", shared_data / ASB, "-o", tmp_path / "x.gpkg")
    assert rc == 2
    assert "--cell-m" in err


def _exact_extent(demo, half_m=3000.0, snap=1000.0):
    """A square extent of whole kilometres around the biggest planted centre."""
    centres = planted_signals(demo)["persistent_hotspots"]
    cx, cy = max(centres, key=lambda s: s["expected_per_month"])["centre"]
    x0, y0 = round(cx / snap) * snap - half_m, round(cy / snap) * snap - half_m
    return (x0, y0, x0 + 2 * half_m, y0 + 2 * half_m)


def test_every_grid_command_keeps_an_exact_extent(demo, tmp_path, capsys):
    ext = _exact_extent(demo)
    text = ",".join(f"{v:.0f}" for v in ext)
    rc, _, err = _run(
        capsys, "kde", demo / "crime", "--cell-m", 50, "--extent", text,
        "-o", tmp_path / "k.tif", "--json",
    )  # fmt: skip
    assert rc == 0, err
    with rasterio.open(tmp_path / "k.tif") as src:
        assert (src.width, src.height) == (120, 120)
        assert tuple(src.bounds) == ext
    rc, stdout, err = _run(
        capsys, "hotspots", demo / "crime", "--cell-m", 250, "--extent", text,
        "-o", tmp_path / "h.gpkg", "--json",
    )  # fmt: skip
    assert rc == 0, err
    assert json.loads(stdout)["grid"]["nx"] == 24
    cells = gpd.read_file(tmp_path / "h.gpkg")
    assert len(cells) == 24 * 24
    assert tuple(cells.total_bounds) == ext
    rc, stdout, err = _run(
        capsys, "emerging", demo / "crime", "--cell-m", 250, "--extent", text,
        "-o", tmp_path / "e.gpkg", "--json",
    )  # fmt: skip
    assert rc == 0, err
    assert tuple(json.loads(stdout)["params"]["extent"]) == ext
    cells = gpd.read_file(tmp_path / "e.gpkg")
    b = cells.total_bounds
    assert b[0] >= ext[0] and b[1] >= ext[1] and b[2] <= ext[2] and b[3] <= ext[3]


def test_significant_only_writes_only_significant_cells(demo, tmp_path, capsys):
    base = ["hotspots", demo / "crime", "--cell-m", 200, "--json"]
    rc, _stdout, err = _run(capsys, *base, "-o", tmp_path / "all.gpkg")
    assert rc == 0, err
    every = gpd.read_file(tmp_path / "all.gpkg")
    # hot_90 / cold_90 cells (p_fdr in (0.05, 0.10]) are classed but not significant
    assert (every["significant"] == (every["p_fdr"] <= 0.05)).all()
    assert ((every["hotspot_class"] != "not_significant") & ~every["significant"]).any()
    rc, _, err = _run(capsys, *base, "--significant-only", "-o", tmp_path / "sig.gpkg")
    assert rc == 0, err
    sig = gpd.read_file(tmp_path / "sig.gpkg")
    assert sig["significant"].all()
    assert len(sig) == int(every["significant"].sum())
    assert set(sig["cell_id"]) == set(every.loc[every["significant"], "cell_id"])


def test_evaluate_refuses_a_treated_area_inside_its_control(demo, tmp_path, capsys):
    lsoa = demo / "boundaries" / "lsoa.gpkg"
    rc, _, err = _run(
        capsys, "evaluate", "--data", demo / "crime",
        "--treated", f"{lsoa}:X01000001",
        "--control", demo / "boundaries" / "force_area.geojson",
        "--before", "2024-01-01,2024-04-01", "--after", "2024-04-01,2024-07-01",
    )  # fmt: skip
    assert rc == 2
    assert "treated area and the control area overlap" in err
    assert err.strip().count("\n") == 0
    # two separate areas run, and the odds ratio is reported the Farrington way
    rc, stdout, err = _run(
        capsys, "evaluate", "--data", demo / "crime",
        "--treated", f"{lsoa}:X01000001", "--control", f"{lsoa}:X01000002",
        "--before", "2024-01-01,2024-04-01", "--after", "2024-04-01,2024-07-01",
        "--json",
    )  # fmt: skip
    assert rc == 0, err
    out = json.loads(stdout)
    (tb, ta), (cb, ca) = out["params"]["treated"], out["params"]["control"]
    if min(tb, ta, cb, ca) > 0:
        assert out["odds_ratio"] == pytest.approx(tb * ca / (ta * cb))


@pytest.fixture(scope="module")
def demo_project(demo, tmp_path_factory):
    proj = tmp_path_factory.mktemp("proj") / "p.gpkg"
    assert main(["import", str(demo / "crime"), "-o", str(proj)]) == 0
    force = demo / "boundaries" / "force_area.geojson"
    assert main(["import", "--kind", "boundary", str(force), "-o", str(proj)]) == 0
    return proj


def test_lisa_on_a_project_is_masked_to_its_force_area(
    demo, demo_project, tmp_path, capsys
):
    from layers.store import load_project

    out = tmp_path / "lisa.gpkg"
    rc, stdout, err = _run(
        capsys, "hotspots", demo_project, "--layer", "crime", "--cell-m", 250,
        "--statistic", "lisa", "--permutations", 199, "-o", out, "--json",
    )  # fmt: skip
    assert rc == 0, err
    s = json.loads(stdout)
    assert s["statistic"] == "lisa"
    assert "force" in s["study_area"].lower() and "default" in s["study_area"]
    cells = gpd.read_file(out)
    for col in ("lisa_i", "lisa_q", "p_sim", "p_value", "p_fdr", "lisa_class"):
        assert col in cells
    assert "Local Moran" in pyogrio.read_info(out)["layer_metadata"]["method_note"]
    force = next(
        lyr for lyr in load_project(demo_project).layers if lyr.kind.value == "boundary"
    )
    area = force.frame.geometry.to_crs(27700).union_all()
    assert cells.geometry.centroid.within(area).all()  # cells outside take no part
    for site in planted_signals(demo)["persistent_hotspots"]:
        hit = cells[cells.contains(gpd.points_from_xy(*zip(site["centre"]))[0])]
        assert hit["lisa_class"].iloc[0] == "high_high", site["name"]
    # without the mask the lattice is the whole rectangle
    rc, stdout, err = _run(
        capsys, "hotspots", demo_project, "--layer", "crime", "--cell-m", 250,
        "--no-boundary", "-o", tmp_path / "gi.gpkg", "--json",
    )  # fmt: skip
    assert rc == 0, err
    assert json.loads(stdout)["study_area"] is None
    assert len(gpd.read_file(tmp_path / "gi.gpkg")) > len(cells)


def test_area_hotspots_with_knn_and_distance_weights(demo, tmp_path, capsys):
    lsoa = demo / "boundaries" / "lsoa.gpkg"
    for extra in (["--neighbourhood", "knn", "--k", 6],
                  ["--neighbourhood", "distance", "--distance-m", 1500]):  # fmt: skip
        for stat in ("gi", "lisa"):
            out = tmp_path / f"{stat}{extra[1]}.gpkg"
            rc, _stdout, err = _run(
                capsys, "hotspots", demo / "crime", "--areas", lsoa,
                "--statistic", stat, *extra, "-o", out, "--json",
            )  # fmt: skip
            assert rc == 0, err
            areas = gpd.read_file(out)
            assert len(areas) == len(gpd.read_file(lsoa))
            assert ("lisa_class" if stat == "lisa" else "hotspot_class") in areas
    rc, _, err = _run(
        capsys, "hotspots", demo / "crime", "--areas", lsoa, "--neighbourhood", "knn",
        "-o", tmp_path / "x.gpkg",
    )  # fmt: skip
    assert rc == 2
    assert "--k" in err
