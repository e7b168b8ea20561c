from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from layers.filtering import TimeWindow
from tests.qt.shell_data import (
    TZ,
    calls_layer,
    crime_layer,
    isolated_settings,  # noqa: F401
    project_with,
)
from workstation.qt.timeline import TimelineWidget, timeline_counts
from workstation.qt.timeline.timeline import bin_edges

pytestmark = pytest.mark.usefixtures("isolated_settings")


def _oracle(layer, freq: str) -> pd.DataFrame:
    """Counts per period and category with pandas (independent of our binning)."""
    f = layer.frame
    local = f["occurred_at"].dt.tz_convert(TZ).dt.tz_localize(None)
    per = local.dt.to_period(freq).dt.start_time
    return pd.crosstab(per, f["category"].astype(str))


@pytest.fixture
def crime():
    return crime_layer()


@pytest.fixture
def calls():
    return calls_layer()


def test_month_counts_match_pandas_crosstab(crime):
    p = project_with(crime)
    c = timeline_counts([crime], p.filter.state, "month", TZ, top_n=50)
    oracle = _oracle(crime, "M")
    assert c.counts.shape == (len(oracle), len(oracle.columns))
    for j, name in enumerate(c.series):
        assert np.array_equal(c.counts[:, j], oracle[name].to_numpy())
    starts = pd.to_datetime(c.edges[:-1], utc=True).tz_convert(TZ).tz_localize(None)
    assert list(starts) == list(oracle.index)


def test_day_counts_across_dst_match_pandas(calls):
    p = project_with(calls)
    c = timeline_counts([calls], p.filter.state, "day", TZ, top_n=50)
    oracle = _oracle(calls, "D")
    totals = oracle.sum(axis=1)
    ours = pd.Series(
        c.totals,
        index=pd.to_datetime(c.edges[:-1], utc=True).tz_convert(TZ).tz_localize(None),
    )
    ours = ours[ours > 0]
    assert ours.to_dict() == totals[totals > 0].to_dict()
    assert c.totals.sum() == len(calls)


def test_top_n_folds_the_rest_into_other(crime):
    p = project_with(crime)
    c = timeline_counts([crime], p.filter.state, "month", TZ, top_n=3)
    assert c.series[-1] == "Other"
    assert len(c.series) == 4
    assert c.counts.sum() == len(crime)
    totals = crime.frame["category"].astype(str).value_counts()
    assert set(c.series[:3]) == set(totals.index[:3])


def test_bin_edges_are_local_month_starts():
    lo = pd.Timestamp("2024-02-15 12:00", tz=TZ).value
    hi = pd.Timestamp("2024-05-01 00:00", tz=TZ).value
    e = bin_edges(lo, hi, "month", TZ)
    local = pd.to_datetime(e, utc=True).tz_convert(TZ)
    assert [str(t.date()) for t in local] == [
        "2024-02-01",
        "2024-03-01",
        "2024-04-01",
        "2024-05-01",
        "2024-06-01",
    ]
    assert all(t.hour == 0 for t in local)


def test_region_writes_the_filter_window_snapped_to_months(qtbot, crime):
    p = project_with(crime)
    w = TimelineWidget(p)
    qtbot.addWidget(w)
    assert w.counts.unit == "month"
    e = w.counts.edges / 1e9
    # a drag that ends a little inside bins snaps to the nearest month edges
    w.set_region_seconds(e[3] + 86400 * 2, e[9] - 86400 * 3)
    win = p.filter.state.window
    assert win is not None
    assert win.start == pd.Timestamp("2022-04-01", tz=TZ)
    assert win.end == pd.Timestamp("2022-10-01", tz=TZ)
    inside = p.filter.slice_for(crime)
    t = crime.frame["occurred_at"]
    expected = ((t >= win.start) & (t < win.end)).sum()
    assert len(inside) == expected


def test_filter_window_moves_the_region_and_counts_ignore_the_window(qtbot, crime):
    p = project_with(crime)
    w = TimelineWidget(p)
    qtbot.addWidget(w)
    before = w.counts.counts.copy()
    win = TimeWindow(
        pd.Timestamp("2023-01-01", tz=TZ), pd.Timestamp("2023-07-01", tz=TZ)
    )
    p.filter.set_window(win)
    lo, hi = w.region.getRegion()
    assert lo == pytest.approx(win.start_ns / 1e9)
    assert hi == pytest.approx(win.end_ns / 1e9)
    assert np.array_equal(w.counts.counts, before)
    assert "Jan 2023" in w.window_label.text()


def test_dragging_through_the_signal_proxy_updates_the_filter(qtbot, calls):
    p = project_with(calls)
    w = TimelineWidget(p)
    qtbot.addWidget(w)
    e = w.counts.edges / 1e9
    w.region.setRegion((e[10], e[40]))  # as a drag does: via sigRegionChanged
    qtbot.waitUntil(lambda: p.filter.state.window is not None, timeout=2000)
    win = p.filter.state.window
    assert win.start_ns == pytest.approx(w.counts.edges[10], abs=1000)
    assert win.end_ns == pytest.approx(w.counts.edges[40], abs=1000)


def test_categories_filter_recounts_and_the_check_list_follows(qtbot, crime):
    p = project_with(crime)
    w = TimelineWidget(p)
    qtbot.addWidget(w)
    w.set_category_checked("Burglary", False)
    cats = p.filter.state.categories
    assert cats is not None and "Burglary" not in cats
    assert "Burglary" not in w.counts.series
    assert w.counts.counts.sum() == (crime.frame["category"] != "Burglary").sum()
    p.filter.set_categories({"Drugs"})
    assert w.checked_categories() == {"Drugs"}
    assert w.counts.counts.sum() == (crime.frame["category"] == "Drugs").sum()
    w.check_all()
    assert p.filter.state.categories is None
    assert len(w.checked_categories()) == w.category_list.count()


def test_presets_are_relative_to_the_latest_data(qtbot, crime, calls):
    p = project_with(crime)
    w = TimelineWidget(p)
    qtbot.addWidget(w)
    w.apply_preset("12m")
    win = p.filter.state.window
    # latest crime month is Dec 2024: the window is the 12 months Jan-Dec 2024
    assert win.start == pd.Timestamp("2024-01-01", tz=TZ)
    assert win.end == pd.Timestamp("2025-01-01", tz=TZ)
    w.apply_preset("all")
    assert p.filter.state.window is None

    p2 = project_with(calls)
    w2 = TimelineWidget(p2)
    qtbot.addWidget(w2)
    w2.apply_preset("28d")
    latest = calls.frame["occurred_at"].max().tz_convert(TZ)
    end = latest.normalize() + pd.Timedelta(days=1)
    win = p2.filter.state.window
    assert win.end == end
    assert (win.end - win.start) == pd.Timedelta(days=28)


def test_play_steps_the_window_forward_one_bin(qtbot, crime):
    p = project_with(crime)
    w = TimelineWidget(p)
    qtbot.addWidget(w)
    p.filter.set_window(
        TimeWindow(pd.Timestamp("2022-01-01", tz=TZ), pd.Timestamp("2022-04-01", tz=TZ))
    )
    assert w.step()
    win = p.filter.state.window
    assert win.start == pd.Timestamp("2022-02-01", tz=TZ)
    assert win.end == pd.Timestamp("2022-05-01", tz=TZ)
    p.filter.set_window(
        TimeWindow(pd.Timestamp("2024-07-01", tz=TZ), pd.Timestamp("2024-10-01", tz=TZ))
    )
    w.speed_combo.setCurrentIndex(w.speed_combo.count() - 1)  # fastest
    w.set_playing(True)
    qtbot.waitUntil(lambda: not w.play_button.isChecked(), timeout=10000)
    last = p.filter.state.window
    assert last.start == pd.Timestamp("2024-12-01", tz=TZ)


def test_hidden_layers_are_not_counted(qtbot, crime, calls):
    p = project_with(crime, calls)
    w = TimelineWidget(p)
    qtbot.addWidget(w)
    # auto: the largest visible layer only
    assert w.counts.counts.sum() == len(calls) > len(crime)
    w.layer_combo.setCurrentIndex(w.layer_combo.findData("__all__"))
    assert w.counts.counts.sum() == len(crime) + len(calls)
    w.layer_combo.setCurrentIndex(w.layer_combo.findData("__by_layer__"))
    assert w.counts.series == ["Calls", "Crime"]
    assert w.counts.counts.sum(axis=0).tolist() == [len(calls), len(crime)]
    w.layer_combo.setCurrentIndex(w.layer_combo.findData("__all__"))
    p.set_visible(calls.id, False)
    assert w.counts.counts.sum() == len(crime)
    p.set_visible(crime.id, False)
    assert w.counts is None
    assert not w.region.isVisible()


def test_category_list_shows_the_counted_layer_and_keeps_the_others(
    qtbot, crime, calls
):
    p = project_with(crime, calls)
    w = TimelineWidget(p)
    qtbot.addWidget(w)
    assert w.counted_layers() == [calls]  # auto: the largest layer
    assert w.shown_categories() == set(calls.categories)
    w.set_category_checked("RTC", False)
    cats = p.filter.state.categories
    assert cats == (set(calls.categories) | set(crime.categories)) - {"RTC"}
    # the crime layer keeps every row: its categories were not touched
    assert len(p.filter.slice_for(crime)) == len(crime)
    w.check_none()
    assert p.filter.state.categories == frozenset(crime.categories)
    w.check_all()
    assert p.filter.state.categories is None
    w.layer_combo.setCurrentIndex(w.layer_combo.findData(crime.id))
    assert w.shown_categories() == set(crime.categories)


def test_programmatic_moves_never_write_back_through_the_proxy(qtbot, calls):
    p = project_with(calls)
    w = TimelineWidget(p)
    qtbot.addWidget(w)
    changes = []
    p.filter.changed.connect(changes.append)
    odd = TimeWindow(
        pd.Timestamp("2024-02-03 04:05:06.789123456", tz=TZ),
        pd.Timestamp("2024-03-04 05:06:07.891234567", tz=TZ),
    )
    p.filter.set_window(odd)
    qtbot.wait(150)  # longer than the proxy's delay
    assert p.filter.state.window == odd
    p.filter.set_window(None)
    qtbot.wait(150)
    assert p.filter.state.window is None
    assert len(changes) == 2


def test_bin_text_names_the_month_and_its_counts(qtbot, crime):
    p = project_with(crime)
    w = TimelineWidget(p)
    qtbot.addWidget(w)
    x = pd.Timestamp("2023-05-15", tz=TZ).value / 1e9
    text = w.bin_text(x)
    in_may = crime.frame[crime.frame["month"] == "2023-05"]
    assert text.startswith(f"May 2023: {len(in_may):,}")
    counts = in_may["category"].astype(str).value_counts().to_dict()
    pairs = [line.rsplit(": ", 1) for line in text.split("\n")[1:]]
    shown = {name: int(n.replace(",", "")) for name, n in pairs}
    assert sum(shown.values()) == len(in_may)
    for name, n in shown.items():
        if name != "Other":  # the top 8 series of the whole timeline, rest folded
            assert counts[name] == n
    assert list(shown.values()) == sorted(shown.values(), reverse=True)


def _drag(qtbot, w, x_from: float, x_to: float, modifiers=None) -> None:
    """A real left-button drag on the chart between two times (seconds)."""
    from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    vb = w.plot.getPlotItem().getViewBox()
    y = vb.viewRange()[1][0] + 0.9 * (vb.viewRange()[1][1] - vb.viewRange()[1][0])
    viewport = w.plot.viewport()

    def widget_pos(x: float) -> QPointF:
        from PySide6.QtCore import QPointF as P

        scene = vb.mapViewToScene(P(x, y))
        return QPointF(w.plot.mapFromScene(scene))

    mods = modifiers or Qt.KeyboardModifier.NoModifier
    a, b = widget_pos(x_from), widget_pos(x_to)
    left = Qt.MouseButton.LeftButton

    def send(kind, pos, buttons) -> None:
        ev = QMouseEvent(kind, pos, viewport.mapToGlobal(pos), left, buttons, mods)
        QApplication.sendEvent(viewport, ev)

    send(QEvent.Type.MouseButtonPress, a, left)
    for k in range(1, 11):
        p = QPointF(a.x() + (b.x() - a.x()) * k / 10, a.y())
        send(QEvent.Type.MouseMove, p, left)
    send(QEvent.Type.MouseButtonRelease, b, Qt.MouseButton.NoButton)
    qtbot.wait(50)
    assert isinstance(QPoint(), QPoint)


def _shown(qtbot, p):
    w = TimelineWidget(p)
    qtbot.addWidget(w)
    w.resize(1200, 260)
    w.show()
    qtbot.waitExposed(w)
    qtbot.wait(50)
    return w


def test_dragging_on_empty_chart_selects_that_period(qtbot, crime):
    p = project_with(crime)
    w = _shown(qtbot, p)
    e = w.counts.edges / 1e9
    # the brush covers everything at first: make it small, then drag elsewhere
    p.filter.set_window(
        TimeWindow(pd.Timestamp("2022-01-01", tz=TZ), pd.Timestamp("2022-03-01", tz=TZ))
    )
    before = w.plot.getPlotItem().getViewBox().viewRange()[0]
    _drag(qtbot, w, e[12] + 86400 * 3, e[18] - 86400 * 3)
    win = p.filter.state.window
    assert win is not None
    assert win.start == pd.Timestamp("2023-01-01", tz=TZ)
    assert win.end == pd.Timestamp("2023-07-01", tz=TZ)
    # it selected: the chart did not pan
    after = w.plot.getPlotItem().getViewBox().viewRange()[0]
    assert after == pytest.approx(before)
    lo, hi = w.region.getRegion()
    assert (lo, hi) == pytest.approx((win.start_ns / 1e9, win.end_ns / 1e9))


def test_double_click_clears_the_window(qtbot, crime):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    p = project_with(crime)
    w = _shown(qtbot, p)
    p.filter.set_window(
        TimeWindow(pd.Timestamp("2023-01-01", tz=TZ), pd.Timestamp("2023-03-01", tz=TZ))
    )
    vb = w.plot.getPlotItem().getViewBox()
    e = w.counts.edges / 1e9
    from PySide6.QtCore import QPointF

    y = vb.viewRange()[1][1] * 0.9
    pos = w.plot.mapFromScene(vb.mapViewToScene(QPointF(e[30], y)))
    QTest.mouseDClick(
        w.plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
        QPoint(pos.x(), pos.y()),
    )  # fmt: skip
    qtbot.waitUntil(lambda: p.filter.state.window is None, timeout=2000)
    assert "all time" in w.window_label.text()


def test_the_whole_range_fits_on_first_show(qtbot, crime):
    p = project_with(crime)
    w = _shown(qtbot, p)
    e = w.counts.edges / 1e9
    (x0, x1), _ = w.plot.getPlotItem().getViewBox().viewRange()
    assert x0 <= e[0] and x1 >= e[-1]
    # and no more than a bin's width of empty space either side
    assert e[0] - x0 < (e[1] - e[0]) and x1 - e[-1] < (e[-1] - e[-2])
