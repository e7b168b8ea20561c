"""The partitioned store and its Dask aggregations against the in-memory path (the oracle)."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pandas as pd
import pytest

from layers import readers
from layers.store_import import import_to_store, source_units
from layers.store_parquet import open_store, store_layer
from workstation.analysis.distributed import (
    Selection,
    cube_counts,
    grid_counts,
    store_extent,
)
from workstation.analysis.emerging import space_time_bins
from workstation.analysis.grid import Grid


@pytest.fixture(scope="module")
def memory(national_dir):
    """The same files read the ordinary way, as one in-memory layer."""
    return readers.read(national_dir, name="Street crime")


def test_every_row_is_accounted_for_and_agrees_with_reading_in_memory(store, memory):
    layer, skipped = store
    assert layer.rows + layer.rows_rejected == layer.rows_total
    assert layer.rows_total == memory.report.rows_total
    assert layer.rows == len(memory.frame)
    by_reason: dict[str, int] = {}
    for r in layer.reports:
        for k, v in r["rejected_by_reason"].items():
            by_reason[k] = by_reason.get(k, 0) + v
    assert by_reason == memory.report.by_reason()
    # rows per partition in the manifest are the rows in the files
    reread = open_store(layer.root)[0]
    assert sum(p.rows for p in reread.partitions) == layer.rows
    assert [r[0] for r in skipped if "national.json" in r[0]], skipped


def test_partitions_are_force_and_month(store, national_dir):
    layer, _ = store
    info = json.loads((national_dir / "national.json").read_text())
    assert len(layer.months) == len(info["months"])
    assert len(layer.forces) == len(info["forces"])
    for p in layer.partitions:
        assert f"month={p.month}" in p.path and "force=" in p.path


def test_grid_counts_equal_the_in_memory_counts(store, memory, cluster_client):
    layer, _ = store
    grid = Grid.covering(memory.frame.total_bounds, 500.0)
    ours = grid_counts(layer, grid, cluster_client)
    x, y = memory.frame.geometry.x.to_numpy(), memory.frame.geometry.y.to_numpy()
    np.testing.assert_array_equal(ours, grid.counts(x, y))
    assert ours.sum() == len(memory.frame)


def test_weighted_window_and_category_selection(store, memory, cluster_client):
    layer, _ = store
    grid = Grid.covering(memory.frame.total_bounds, 1000.0)
    frame = memory.frame
    months = sorted(frame["occurred_at"].dt.strftime("%Y-%m").unique())
    start = frame["occurred_at"][
        frame["occurred_at"].dt.strftime("%Y-%m") == months[3]
    ].min()
    end = frame["occurred_at"][
        frame["occurred_at"].dt.strftime("%Y-%m") == months[8]
    ].min()
    sel = Selection(
        start_ns=int(start.value),
        end_ns=int(end.value),
        categories=("Burglary", "Robbery"),
    )
    weights = {"Burglary": 79.3, "Robbery": 365.0}
    ours = grid_counts(layer, grid, cluster_client, sel=sel, weights=weights)
    keep = (
        (frame["occurred_at"] >= start)
        & (frame["occurred_at"] < end)
        & frame["category"].isin(["Burglary", "Robbery"])
    )
    sub = frame[keep]
    w = sub["category"].map(weights).to_numpy(dtype=float)
    oracle = grid.counts(sub.geometry.x.to_numpy(), sub.geometry.y.to_numpy(), w)
    np.testing.assert_allclose(ours, oracle, rtol=1e-12, atol=1e-9)
    assert keep.sum() > 100  # the selection is not empty


def test_cube_counts_equal_the_in_memory_cube(store, memory, cluster_client):
    layer, _ = store
    grid = Grid.covering(memory.frame.total_bounds, 2000.0)
    cube, months = cube_counts(layer, grid, cluster_client)
    step, starts = space_time_bins(memory.times_ns, "month", "Europe/London")
    assert months == [s.strftime("%Y-%m") for s in starts]
    cell = grid.flat_index(
        memory.frame.geometry.x.to_numpy(), memory.frame.geometry.y.to_numpy()
    )
    ok = cell >= 0
    oracle = np.bincount(
        step[ok] * grid.size + cell[ok], minlength=len(starts) * grid.size
    )
    np.testing.assert_array_equal(cube.reshape(-1), oracle)


def test_extent_is_the_data_extent(store, memory, cluster_client):
    layer, _ = store
    bounds, n = store_extent(layer, cluster_client)
    np.testing.assert_allclose(bounds, memory.frame.total_bounds)
    assert n == len(memory.frame)


@pytest.mark.slow
def test_a_bulk_download_zip_imports_as_the_folder_does(
    national_dir, cluster_client, tmp_path, store
):
    from layers.synthetic_national import write_national_data

    from .conftest import FORCES

    src = tmp_path / "bulk"
    write_national_data(src, rows=30_000, months=14, forces=FORCES, seed=5, as_zip=True)
    # outcomes and stop-and-search files come in the same archive: listed, skipped
    import zipfile

    with zipfile.ZipFile(src / "national.zip", "a") as zf:
        zf.writestr("2026-09/2026-09-gwent-outcomes.csv", "Crime ID,Month\n")
        zf.writestr("2026-09/2026-09-gwent-stop-and-search.csv", "Type,Date\n")
    _units, skipped = source_units([src / "national.zip"])
    reasons = dict(skipped)
    assert any("outcomes" in k for k in reasons) and any(
        "stop-and-search" in k for k in reasons
    )
    layer, _ = import_to_store(
        [src / "national.zip"], tmp_path / "s", client=cluster_client
    )
    folder_layer, _ = store
    assert (layer.rows, layer.rows_rejected) == (
        folder_layer.rows,
        folder_layer.rows_rejected,
    )


def test_a_crime_id_in_two_overlapping_files_is_kept_once(
    national_dir, cluster_client, tmp_path
):
    src = tmp_path / "overlap"
    month = sorted(p.name for p in national_dir.iterdir() if p.is_dir())[-1]
    (src / month).mkdir(parents=True)
    f = next((national_dir / month).glob("*gwent*"))
    shutil.copy(f, src / month / f.name)
    shutil.copy(f, src / month / f.name.replace("-street", "-street-again"))
    layer, _ = import_to_store([src], tmp_path / "s", client=cluster_client)
    one = readers.read(f)
    ids = one.frame["crime_id"].astype("string")
    with_id = int((ids.notna() & (ids != "")).sum())
    assert 0 < with_id < len(one.frame)
    assert (
        layer.rows == 2 * len(one.frame) - with_id
    )  # ASB rows have no ID: never de-duplicated
    assert layer.rows + layer.rows_rejected == layer.rows_total
    reasons = [k for r in layer.reports for k in r["rejected_by_reason"]]
    assert any("duplicate Crime ID" in k for k in reasons)


@pytest.mark.slow
def test_the_same_counts_on_a_scheduler_started_by_hand(
    store, memory, scheduler_by_hand
):
    from layers.cluster import dask_client

    layer, _ = store
    grid = Grid.covering(memory.frame.total_bounds, 500.0)
    with dask_client(scheduler_by_hand) as client:
        ours = grid_counts(layer, grid, client)
    x, y = memory.frame.geometry.x.to_numpy(), memory.frame.geometry.y.to_numpy()
    np.testing.assert_array_equal(ours, grid.counts(x, y))


def test_store_layer_round_trips_to_an_in_memory_layer(store, memory):
    layer, _ = store
    back = store_layer(layer.root).to_layer(forces=["Gwent Police"])
    ref = memory.frame[memory.frame["falls_within"] == "Gwent Police"]
    assert len(back.frame) == len(ref)
    assert back.frame.crs == memory.frame.crs
    ours = back.frame["category"].astype(str).value_counts().to_dict()
    assert ours == ref["category"].astype(str).value_counts().to_dict()


@pytest.mark.slow
def test_hotspots_command_on_a_store_equals_the_command_on_the_files(
    store, national_dir, tmp_path
):
    import geopandas as gpd

    from workstation.cli import main

    layer, _ = store
    a, b = tmp_path / "files.gpkg", tmp_path / "store.gpkg"
    common = ["--cell-m", "1000", "--category", "Burglary", "--from", "2026-01"]
    assert main(["hotspots", str(national_dir), *common, "-o", str(a)]) == 0
    assert (
        main(["hotspots", str(layer.root), *common, "--workers", "2", "-o", str(b)])
        == 0
    )
    fa, fb = gpd.read_file(a), gpd.read_file(b)
    assert len(fa) == len(fb)
    np.testing.assert_array_equal(fa["count"], fb["count"])
    np.testing.assert_allclose(fa["gi_z"], fb["gi_z"], rtol=1e-12, equal_nan=True)
    assert (fa["hotspot_class"] == fb["hotspot_class"]).all()


def test_a_worker_killed_mid_job_loses_nothing(store, memory, tmp_path):
    """SIGKILL one worker while tasks run: the scheduler re-runs its tasks elsewhere."""
    import os
    import signal
    import threading
    import time

    from layers.cluster import dask_client

    layer, _ = store
    grid = Grid.covering(memory.frame.total_bounds, 250.0)
    with dask_client(workers=2) as client:
        pids = client.run(os.getpid)
        killed: list[int] = []

        def kill_a_busy_worker() -> None:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not killed:
                busy = [w for w, tasks in client.processing().items() if tasks]
                if busy:
                    os.kill(pids[busy[0]], signal.SIGKILL)
                    killed.append(pids[busy[0]])
                time.sleep(0.005)

        t = threading.Thread(target=kill_a_busy_worker)
        t.start()
        ours = grid_counts(layer, grid, client)
        t.join()
    assert killed, "no worker was busy to kill"
    x, y = memory.frame.geometry.x.to_numpy(), memory.frame.geometry.y.to_numpy()
    np.testing.assert_array_equal(ours, grid.counts(x, y))


@pytest.mark.parametrize("kernel", ["quartic", "gaussian"])
def test_kde_of_a_region_equals_the_in_memory_binned_fft(
    store, memory, cluster_client, kernel
):
    from workstation.analysis.distributed import kde_from_store
    from workstation.analysis.kde import kde_surface

    layer, _ = store
    f = memory.frame
    wy = f[f["falls_within"] == "West Yorkshire Police"]
    x0, y0, *_ = wy.total_bounds
    extent = (
        x0 + 2000,
        y0 + 2000,
        x0 + 22000,
        y0 + 18000,
    )  # part of one force: edge loss
    ours = kde_from_store(
        layer, cluster_client, bandwidth_m=600, cell_m=100, extent=extent, kernel=kernel
    )
    x, y = f.geometry.x.to_numpy(), f.geometry.y.to_numpy()
    oracle = kde_surface(
        x,
        y,
        bandwidth_m=600,
        cell_m=100,
        extent=extent,
        kernel=kernel,
        method="binned_fft",
    )
    assert ours.grid == oracle.grid
    # float32 surfaces: equal to their precision (the FFT adds in another order)
    np.testing.assert_allclose(
        ours.density, oracle.density, rtol=1e-6, atol=1e-6 * oracle.density.max()
    )
    assert ours.n_events == oracle.n_events
    assert ours.edge_loss == pytest.approx(oracle.edge_loss, rel=1e-9)
    assert ours.density.max() > 10  # a real surface, not zeros on both sides


def test_emerging_from_the_store_cube_equals_the_in_memory_analysis(
    store, memory, cluster_client
):
    from workstation.analysis.distributed import cube_counts
    from workstation.analysis.emerging import emerging_from_cube, emerging_hotspots

    layer, _ = store
    f = memory.frame
    grid = Grid.covering(f.total_bounds, 2000.0)
    cube, months = cube_counts(layer, grid, cluster_client)
    starts = [pd.Timestamp(m + "-01").tz_localize("Europe/London") for m in months]
    ours = emerging_from_cube(cube, grid, starts, step="month", permutations=99, seed=3)
    oracle = emerging_hotspots(
        f.geometry.x.to_numpy(),
        f.geometry.y.to_numpy(),
        memory.times_ns,
        cell_m=2000.0,
        extent=tuple(f.total_bounds),
        permutations=99,
        seed=3,
    )
    assert ours.grid == oracle.grid
    np.testing.assert_array_equal(ours.cell_ids, oracle.cell_ids)
    np.testing.assert_array_equal(ours.pattern, oracle.pattern)
    np.testing.assert_allclose(ours.trend_p, oracle.trend_p)
    # the planted emerging burglary square of West Yorkshire is found from the store
    x0, y0 = 430000.0, 433000.0
    cell = grid.flat_index(np.array([x0 + 500]), np.array([y0 + 500]))[0]
    k = int(np.flatnonzero(ours.cell_ids == cell)[0])
    assert ours.trend_z[k] > 0 and ours.trend_p[k] < 0.05, (
        ours.pattern[k],
        ours.trend_p[k],
    )
