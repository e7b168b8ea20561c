"""A growing layer reaches the views as "rows appended": each adds only the new rows.

The oracle of every incremental path is the same view built from scratch on the
grown layer (a fresh map item, ``timeline_counts``, ``hour_of_week_counts``).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from layers.kinds import LayerKind
from layers.layer import Layer
from layers.live import Batch, LiveLayer
from layers.project import Project
from layers.validation import ReadReport

T0 = pd.Timestamp("2025-03-04 08:00", tz="Europe/London")
TYPES = ["Violence", "Theft", "ASB", "Alarm"]


def _batch(start: int, n: int, *, t0: pd.Timestamp = T0, seed: int = 0) -> Batch:
    rng = np.random.default_rng(seed + start)
    xy = rng.uniform(525_000, 535_000, (n, 2))
    frame = gpd.GeoDataFrame(
        {
            "occurred_at": t0 + pd.to_timedelta(np.arange(start, start + n), "s"),
            "category": pd.Series(
                [TYPES[i % 4] for i in range(start, start + n)], dtype="str"
            ),
            "call_id": pd.Series([f"C{i:06d}" for i in range(start, start + n)]),
            "grade": pd.array([1 + i % 4 for i in range(n)], dtype="Int64"),
        },
        geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]),
        crs="EPSG:27700",
    )
    return Batch(frame, ReadReport("t", rows_total=n, rows_loaded=n))


def _by_series(c) -> dict[str, list[int]]:
    """Timeline counts by series name (the order of equal series is arbitrary)."""
    return {s: c.counts[:, j].tolist() for j, s in enumerate(c.series)}


def _grown(live: LiveLayer, *batches: Batch) -> Layer:
    for b in batches:
        live.append(b)
    return live.layer()


def test_append_rows_keeps_the_layer_and_says_which_rows_are_new():
    live = LiveLayer("live")
    project = Project()
    first = _grown(live, _batch(0, 50))
    project.add_layer(first)
    got = []
    project.rows_appended.connect(lambda *a: got.append(a))
    assert project.append_rows(first.id, _grown(live, _batch(50, 30)))
    lyr = project.layer(first.id)
    assert lyr is first and len(lyr) == 80 and got == [(first.id, 50, 80)]
    assert np.all(np.diff(lyr.times_ns) >= 0)
    assert lyr.frame["call_id"].tolist() == [f"C{i:06d}" for i in range(80)]
    # a row older than the layer's newest cannot be appended: nothing changes
    late = _batch(80, 1, t0=T0 - pd.Timedelta(hours=1))
    assert not project.append_rows(first.id, _grown(live, late))
    assert len(project.layer(first.id)) == 80 and len(got) == 1


@pytest.fixture
def window(qtbot, tmp_path):
    from workstation.qt import settings as ws_settings
    from workstation.qt.main_window import MainWindow

    ws_settings.use_settings_dir(tmp_path / "settings")
    project = Project()
    win = MainWindow(project)
    win.ask_unsaved = lambda: "discard"
    qtbot.addWidget(win)
    win.show()
    if win.canvas is None:
        pytest.skip(f"map canvas not available: {win.canvas_missing}")
    yield win
    win.jobs.shutdown()
    ws_settings.use_settings_dir(None)


def test_views_add_the_new_rows_and_agree_with_a_rebuild(window, qtbot):
    from layers.filtering import TimeWindow
    from workstation.qt.map import items as map_items
    from workstation.qt.panels.hour_of_week import hour_of_week_counts
    from workstation.qt.timeline.timeline import timeline_counts

    project = window.project
    live = LiveLayer("live")
    layer = project.add_layer(_grown(live, _batch(0, 400)))
    window.table.set_layer(layer.id)
    item = window.canvas.item(layer.id)
    model = window.table.model
    resets, inserted = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    bars = list(window.timeline._bars)

    assert project.append_rows(layer.id, _grown(live, _batch(400, 250)))
    qtbot.wait(50)
    # map: the same item, grown, drawing what a new item for the grown layer draws
    assert window.canvas.item(layer.id) is item
    fresh = map_items.create_item(layer, window.canvas.view_box.viewRect)
    for a, o in (("_x", "_ox"), ("_y", "_oy")):  # each item has its own origin
        mine = getattr(item, a).astype(np.float64) + getattr(item, o)
        theirs = getattr(fresh, a).astype(np.float64) + getattr(fresh, o)
        assert np.allclose(mine, theirs, rtol=0, atol=0.01)
    assert item.boundingRect().contains(fresh.boundingRect().adjusted(1, 1, -1, -1))
    assert item.visible_count() == window.canvas.visible_point_count(layer.id) == 650
    # table: rows inserted at the bottom, no reset
    assert resets == [] and inserted == [(400, 649)] and model.rowCount() == 650
    assert model.text(649, model.columns.index("call_id")) == "C000649"
    # timeline: the same bars, with the counts of a fresh count
    tl = window.timeline
    assert tl._bars == bars
    want = timeline_counts(
        [layer], project.filter.state, tl.counts.unit, project.metadata.timezone
    )
    assert _by_series(want) == _by_series(tl.counts)
    assert tl.counts.counts.sum() == 650
    # hour-of-week grid: the counts of a fresh count
    how = window.hour_of_week
    assert np.array_equal(
        how.counts(), hour_of_week_counts(layer, project.filter.state)
    )
    # layers panel: the count in the tooltip
    item_w = window.layer_panel._item_for(layer.id)
    assert "650 features" in item_w.toolTip(0)

    # a window that moves on (follows "now"): rows leave at the top, join at the bottom
    resets.clear()
    inserted.clear()
    removed = []
    model.rowsRemoved.connect(lambda _p, a, b: removed.append((a, b)))
    start = pd.Timestamp(layer.times_ns[100], tz="UTC")
    project.filter.set_window(TimeWindow(start, start + pd.Timedelta(hours=1)))
    assert removed == [(0, 99)] and resets == [] and model.rowCount() == 550
    assert project.append_rows(layer.id, _grown(live, _batch(650, 50)))
    assert inserted == [(550, 599)] and resets == []
    assert window.canvas.visible_point_count(layer.id) == 600
    assert np.array_equal(
        how.counts(), hour_of_week_counts(layer, project.filter.state)
    )


def test_views_follow_when_the_rows_need_a_rebuild(window, qtbot):
    """A new category the bars have no series for: the timeline counts again."""
    from workstation.qt.timeline.timeline import timeline_counts

    project = window.project
    live = LiveLayer("live")
    layer = project.add_layer(_grown(live, _batch(0, 100)))
    extra = _batch(100, 20)
    extra.frame["category"] = "Fire"
    assert project.append_rows(layer.id, _grown(live, extra))
    tl = window.timeline
    assert "Fire" in tl.counts.series
    want = timeline_counts(
        [layer], project.filter.state, tl.counts.unit, project.metadata.timezone
    )
    assert _by_series(want) == _by_series(tl.counts)
    assert "Fire" in tl.shown_categories()


def test_empty_growth_and_other_layers_leave_views_alone(window):
    project = window.project
    live = LiveLayer("live")
    layer = project.add_layer(_grown(live, _batch(0, 10)))
    other = Layer(
        "history",
        LayerKind.DEMAND,
        _batch(10_000, 5000, seed=3).frame,
        time_precision="second",
    )
    project.add_layer(other)
    item = window.canvas.item(other.id)
    assert project.append_rows(layer.id, _grown(live, _batch(10, 5)))
    assert window.canvas.item(other.id) is item
    assert len(item.filtered_rows) == 5000  # not touched by the other layer


def test_a_sorted_table_sorts_the_new_rows_in(window):
    from PySide6.QtCore import Qt

    project = window.project
    live = LiveLayer("live")
    layer = project.add_layer(_grown(live, _batch(0, 30)))
    window.table.set_layer(layer.id)
    model = window.table.model
    col = model.columns.index("call_id")
    model.sort(col, Qt.SortOrder.DescendingOrder)
    assert model.text(0, col) == "C000029"
    assert project.append_rows(layer.id, _grown(live, _batch(30, 10)))
    assert model.rowCount() == 40
    shown = [model.text(r, col) for r in range(40)]
    assert shown == sorted(shown, reverse=True) and shown[0] == "C000039"


def test_derived_arrays_carried_over_equal_those_worked_out_afresh():
    from layers.filtering import hour_of_week
    from layers.live.layer import carry_derived
    from workstation.qt.live import _warm

    live = LiveLayer("live")
    prev = _grown(live, _batch(0, 300))
    _warm(prev)
    grown = _grown(live, _batch(300, 200, seed=5))
    assert carry_derived(grown, prev) == 300
    fresh = Layer("f", LayerKind.DEMAND, grown.frame.copy(), time_precision="second")
    assert np.array_equal(grown.xy, fresh.xy)
    assert np.array_equal(hour_of_week(grown), hour_of_week(fresh))
    codes, names = grown.category_codes()
    fcodes, fnames = fresh.category_codes()
    assert [names[c] for c in codes] == [fnames[c] for c in fcodes]
    # a category not seen before: the codes are worked out again (sorted names)
    extra = _batch(500, 5)
    extra.frame["category"] = "Fire"
    more = _grown(live, extra)
    assert carry_derived(more, grown) == 500
    codes, names = more.category_codes()
    assert names == sorted(names) and names[codes[-1]] == "Fire"
    # a row out of time order: nothing is carried
    late = _grown(live, _batch(505, 1, t0=T0 - pd.Timedelta(hours=1)))
    assert carry_derived(late, more) == 0
