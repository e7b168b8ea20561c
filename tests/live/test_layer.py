"""LiveLayer: grows, its R-tree answers like a brute-force box test, duplicates kept once."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from layers.live import Batch, LiveLayer
from layers.validation import ReadReport


def _batch(ids, xy, t0="2025-03-04 10:00") -> Batch:
    n = len(ids)
    frame = gpd.GeoDataFrame(
        {
            "occurred_at": pd.date_range(t0, periods=n, freq="min", tz="Europe/London"),
            "category": pd.Series(["Theft"] * n, dtype="str"),
            "call_id": pd.Series(ids, dtype="str"),
            "grade": pd.array([1 + i % 4 for i in range(n)], dtype="Int64"),
            "source_file": pd.Series(["t"] * n, dtype="str"),
            "source_row": pd.Series([str(i) for i in range(n)], dtype="str"),
        },
        geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]),
        crs="EPSG:27700",
    )
    rep = ReadReport("t", rows_total=n, rows_loaded=n)
    return Batch(frame, rep)


def test_index_grows_with_the_layer_and_matches_brute_force():
    rng = np.random.default_rng(0)
    layer = LiveLayer("live")
    pts = []
    for k, n in enumerate([2000, 7, 300, 1]):  # a bulk load, then inserts
        xy = rng.uniform(0, 10_000, (n, 2))
        pts.append(xy)
        layer.append(_batch([f"{k}-{i}" for i in range(n)], xy))
    allxy = np.vstack(pts)
    assert len(layer) == len(allxy)
    for box in [(1000, 1000, 3000, 2500), (0, 0, 10_000, 10_000), (50, 50, 60, 60)]:
        inside = np.flatnonzero(
            (allxy[:, 0] >= box[0])
            & (allxy[:, 0] <= box[2])
            & (allxy[:, 1] >= box[1])
            & (allxy[:, 1] <= box[3])
        )
        np.testing.assert_array_equal(layer.query_bbox(*box), inside)
    arr = layer.arrays()
    np.testing.assert_allclose(arr["x"], allxy[:, 0])
    lyr = layer.layer()
    assert lyr.kind.value == "demand" and len(lyr) == len(allxy)
    assert np.all(np.diff(lyr.times_ns) >= 0)


def test_a_call_id_seen_twice_is_kept_once_and_reported():
    layer = LiveLayer("live", known_ids=["H1"])
    xy = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    a = layer.append(_batch(["A", "B", "H1"], xy))
    b = layer.append(_batch(["B", "C", "C"], xy))
    assert (a.added, a.duplicates, b.added, b.duplicates) == (2, 1, 1, 2)
    assert sorted(layer.layer().frame["call_id"]) == ["A", "B", "C"]
    reasons = [r.reason for r in layer.report.rejected]
    assert reasons.count("duplicate call id (already in the history)") == 1
    assert reasons.count("duplicate call id (already received)") == 2
    assert layer.report.rows_total == 6 and layer.report.rows_loaded == 3
