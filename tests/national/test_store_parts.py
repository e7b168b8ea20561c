"""How a store's parts are written: one schema, a readable hive dataset, sniffing once."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from layers import store_import
from layers.store_import import read_units, source_units
from layers.store_parquet import open_store, slug


def test_every_part_has_one_schema_and_the_folder_reads_as_one_dataset(store):
    layer, _ = store
    schemas = {
        pq.read_schema(layer.path_of(p)).remove_metadata() for p in layer.partitions
    }
    assert len(schemas) == 1, schemas
    folder = layer.root / slug(layer.name)
    table = ds.dataset(folder, partitioning="hive").to_table(
        columns=["force", "month", "x"]
    )
    assert table.num_rows == layer.rows
    counts = table.group_by(["force", "month"]).aggregate([("x", "count")])
    got = {
        (f, m): n
        for f, m, n in zip(
            counts["force"].to_pylist(),
            counts["month"].to_pylist(),
            counts["x_count"].to_pylist(),
            strict=True,
        )
    }
    want: dict[tuple[str, str], int] = {}
    for p in layer.partitions:
        key = (slug(p.force), p.month)
        want[key] = want.get(key, 0) + p.rows
    assert got == want
    frame = gpd.read_parquet(folder, columns=["geometry", "occurred_at"])
    assert len(frame) == layer.rows and frame.crs.equals(layer.crs)


def test_the_reader_is_chosen_once_per_header_not_per_file(national_dir, tmp_path):
    units, _ = source_units([national_dir])
    store_import._READER_BY_HEADER.clear()
    results = read_units(
        units[:6],
        str(tmp_path),
        kind=None,
        name="Street crime",
        target_crs=None,
        timezone=None,
    )
    assert all("error" not in r for r in results)
    assert list(store_import._READER_BY_HEADER.values()) == ["police_uk"]
    lines = [Path(u.path).read_text(encoding="utf-8").count("\n") for u in units[:6]]
    assert sum(r["report"]["rows_total"] for r in results) == sum(lines) - 6


def test_each_partition_knows_the_box_of_its_rows(store):
    """For drill-down by view (the map): a partition outside the view need not be read."""
    layer, _ = store
    for p in layer.partitions[:40]:
        t = pq.read_table(layer.path_of(p), columns=["x", "y"])
        x, y = t["x"].to_numpy(), t["y"].to_numpy()
        assert p.bbox == (x.min(), y.min(), x.max(), y.max())
        assert p.meets(p.bbox) and not p.meets((0.0, 0.0, 1.0, 1.0))
    reread = open_store(layer.root)[0]
    assert [p.bbox for p in reread.partitions] == [p.bbox for p in layer.partitions]


def test_a_regional_kde_integrates_no_kernel_of_far_partitions(store):
    """Parts wholly beyond the kernel's reach of a region are only counted (their kernels
    miss it), so a region's KDE does not integrate every event of the country."""
    from workstation.analysis.distributed import Selection, _beyond, _tasks
    from workstation.analysis.grid import Grid

    layer, _ = store
    wy = [p for p in layer.partitions if p.force == "West Yorkshire Police"]
    x0, y0 = wy[0].bbox[:2]
    grid = Grid.covering((x0, y0, x0 + 20_000, y0 + 16_000), 100.0, align=False)
    far = _beyond(grid, 600.0)
    near = [p for p in layer.partitions if not far(p)]
    assert 0 < len(near) < len(layer.partitions)
    assert {p.force for p in near} <= {"West Yorkshire Police"} | {
        p.force for p in near if p.bbox is None
    }
    assert sum(len(t) for t in _tasks(layer, Selection(), far)) == len(
        layer.partitions
    ) - len(near)
