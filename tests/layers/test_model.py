"""The layer model, the one filter and the selection, against brute-force oracles."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from layers import FilterModel, FilterState, Layer, LayerKind, Project, TimeWindow
from layers.filtering import hour_of_week

TZ = "Europe/London"


def crime(n: int = 2000, seed: int = 0) -> Layer:
    rng = np.random.default_rng(seed)
    t = pd.Timestamp("2024-01-01", tz=TZ) + pd.to_timedelta(
        rng.integers(0, 366 * 86400, n), unit="s"
    )
    frame = gpd.GeoDataFrame(
        {
            "occurred_at": t,
            "category": pd.Categorical(rng.choice(["Burglary", "Drugs", "Robbery"], n)),
        },
        geometry=shapely.points(rng.uniform(0, 1000, n), rng.uniform(0, 1000, n)),
        crs="EPSG:27700",
    )
    return Layer("c", LayerKind.CRIME, frame, time_precision="second")


def test_layer_sorts_by_time_and_keeps_utc_nanoseconds():
    lyr = crime()
    ns = lyr.times_ns
    assert np.all(np.diff(ns) >= 0)
    assert ns.dtype == np.int64
    expected = (
        lyr.frame["occurred_at"].dt.tz_convert("UTC").astype("datetime64[ns, UTC]")
    )
    np.testing.assert_array_equal(ns, expected.array.asi8)
    assert isinstance(lyr.frame.index, pd.RangeIndex)


def test_layer_refuses_missing_required_columns():
    frame = gpd.GeoDataFrame(
        {"category": ["x"]}, geometry=[shapely.Point(0, 0)], crs=27700
    )
    with pytest.raises(ValueError, match="occurred_at"):
        Layer("bad", LayerKind.CRIME, frame)


def test_time_window_is_half_open_and_tz_aware():
    w = TimeWindow(pd.Timestamp("2024-03-01", tz=TZ), pd.Timestamp("2024-04-01", tz=TZ))
    assert w.contains(pd.Timestamp("2024-03-01", tz=TZ))
    assert not w.contains(pd.Timestamp("2024-04-01", tz=TZ))
    with pytest.raises(ValueError, match="aware"):
        TimeWindow(pd.Timestamp("2024-03-01"), pd.Timestamp("2024-04-01"))
    with pytest.raises(ValueError, match="before"):
        TimeWindow(pd.Timestamp("2024-04-01", tz=TZ), pd.Timestamp("2024-03-01", tz=TZ))


def test_filter_model_emits_only_on_real_change():
    fm = FilterModel()
    seen = []
    fm.changed.connect(seen.append)
    w = TimeWindow(pd.Timestamp("2024-03-01", tz=TZ), pd.Timestamp("2024-04-01", tz=TZ))
    assert fm.set_window(w)
    assert not fm.set_window(TimeWindow(w.start, w.end))
    assert fm.set_categories({"Drugs"})
    assert not fm.set_categories(frozenset({"Drugs"}))
    area = shapely.box(0, 0, 10, 10)
    assert fm.set_area(area)
    assert not fm.set_area(shapely.box(0, 0, 10, 10))
    assert not fm.set_hours(set(range(168)))  # all hours = no restriction
    assert len(seen) == 3
    assert FilterState.from_dict(fm.state.to_dict()) == fm.state


@settings(max_examples=40, deadline=None)
@given(
    a=st.integers(0, 366 * 86400),
    span=st.integers(0, 200 * 86400),
    cats=st.sets(st.sampled_from(["Burglary", "Drugs", "Robbery", "Nothing"])),
    box=st.tuples(st.floats(0, 900), st.floats(0, 900), st.floats(10, 600)),
    hours=st.one_of(st.none(), st.sets(st.integers(0, 167), min_size=1, max_size=40)),
)
def test_slice_for_matches_brute_force(a, span, cats, box, hours):
    lyr = crime()
    start = pd.Timestamp("2024-01-01", tz=TZ) + pd.Timedelta(seconds=a)
    w = TimeWindow(start, start + pd.Timedelta(seconds=span))
    area = shapely.Point(box[0], box[1]).buffer(box[2])
    state = FilterState(
        window=w,
        categories=frozenset(cats),
        area=area,
        hours=frozenset(hours) if hours else None,
    )
    got = FilterModel().slice_for(lyr, state)
    t = lyr.frame["occurred_at"]
    mask = ((t >= w.start) & (t < w.end)).to_numpy().copy()
    mask &= lyr.frame["category"].astype(str).isin(cats).to_numpy()
    xy = lyr.xy
    mask &= shapely.contains_xy(area, xy[:, 0], xy[:, 1])
    if hours:
        how = (t.dt.day_of_week * 24 + t.dt.hour).to_numpy()
        mask &= np.isin(how, list(hours))
    np.testing.assert_array_equal(got, np.flatnonzero(mask))


def test_hour_of_week_is_local_time_across_dst():
    frame = gpd.GeoDataFrame(
        {
            # Monday 01:30 in winter (GMT) and in summer (BST) local time
            "occurred_at": pd.to_datetime(
                ["2024-01-08 01:30", "2024-07-08 01:30"]
            ).tz_localize(TZ),
            "category": ["a", "a"],
        },
        geometry=[shapely.Point(0, 0), shapely.Point(1, 1)],
        crs=27700,
    )
    lyr = Layer("d", LayerKind.DEMAND, frame)
    assert hour_of_week(lyr).tolist() == [1, 1]


def test_untimed_layers_always_pass():
    assets = Layer(
        "a",
        LayerKind.ASSET,
        gpd.GeoDataFrame(
            {"name": ["x", "y"], "asset_type": ["School", "Library"]},
            geometry=[shapely.Point(0, 0), shapely.Point(5, 5)],
            crs=27700,
        ),
    )
    state = FilterState(
        window=TimeWindow(
            pd.Timestamp("2030-01-01", tz=TZ), pd.Timestamp("2030-01-02", tz=TZ)
        ),
        area=shapely.box(100, 100, 200, 200),
    )
    assert FilterModel().slice_for(assets, state).tolist() == [0, 1]


def test_project_events_selection_and_ids():
    p = Project()
    added, removed, sel = [], [], []
    p.layer_added.connect(added.append)
    p.layer_removed.connect(removed.append)
    p.selection.changed.connect(lambda: sel.append(1))
    a, b = crime(seed=1), crime(seed=2)
    p.add_layer(a)
    p.add_layer(b)
    with pytest.raises(ValueError, match="already"):
        p.add_layer(a)
    p.move_layer(b.id, 0)
    assert [lyr.id for lyr in p.layers] == [b.id, a.id]
    p.selection.set(a.id, [5, 3, 3])
    p.selection.set(a.id, [3, 5])  # no change, no signal
    assert p.selection.rows_for(a.id).tolist() == [3, 5]
    p.remove_layer(a.id)
    assert p.selection.rows_for(a.id).tolist() == []
    assert added == [a, b] and removed == [a.id] and len(sel) == 2
    assert p.dirty
    with pytest.raises(ValueError, match="marking"):
        p.set_metadata(marking="RESTRICTED")
