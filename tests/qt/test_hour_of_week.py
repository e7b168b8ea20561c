from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QPoint, Qt

from layers.filtering import TimeWindow
from tests.qt.shell_data import (
    TZ,
    calls_layer,
    crime_layer,
    isolated_settings,  # noqa: F401
    project_with,
)
from workstation.qt.panels.hour_of_week import HourOfWeekPanel, hour_of_week_counts
from workstation.qt.timeline import TimelineWidget

pytestmark = pytest.mark.usefixtures("isolated_settings")


def _oracle(layer, window=None, categories=None) -> np.ndarray:
    t = layer.frame["occurred_at"].dt.tz_convert(TZ)
    keep = pd.Series(True, index=t.index)
    if window is not None:
        keep &= (t >= window.start) & (t < window.end)
    if categories is not None:
        keep &= layer.frame["category"].astype(str).isin(categories)
    t = t[keep]
    grid = np.zeros((7, 24), dtype=np.int64)
    for (d, h), n in t.groupby([t.dt.day_of_week, t.dt.hour]).size().items():
        grid[d, h] = n
    return grid


def _centre(grid, day, hour) -> QPoint:
    return grid.cell_rect(day, hour).center().toPoint()


@pytest.fixture
def calls():
    return calls_layer()


def test_counts_match_pandas_and_follow_window_and_categories_not_hours(calls):
    p = project_with(calls)
    assert np.array_equal(hour_of_week_counts(calls, p.filter.state), _oracle(calls))
    win = TimeWindow(
        pd.Timestamp("2024-02-01", tz=TZ), pd.Timestamp("2024-03-15", tz=TZ)
    )
    p.filter.set_window(win)
    p.filter.set_categories({"Domestic", "RTC"})
    p.filter.set_hours({5, 6, 7})
    got = hour_of_week_counts(calls, p.filter.state)
    assert np.array_equal(got, _oracle(calls, win, {"Domestic", "RTC"}))


def test_click_sets_filter_hours_and_the_timeline_follows(qtbot, calls):
    p = project_with(calls)
    panel = HourOfWeekPanel(p)
    panel.resize(700, 300)
    qtbot.addWidget(panel)
    panel.show()
    timeline = TimelineWidget(p)
    qtbot.addWidget(timeline)
    total_before = timeline.counts.counts.sum()
    grid = panel.grid
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=_centre(grid, 2, 9))
    assert p.filter.state.hours == frozenset({2 * 24 + 9})  # Wednesday 09:00-10:00
    oracle = _oracle(calls)
    assert timeline.counts.counts.sum() == oracle[2, 9] < total_before
    assert str(oracle[2, 9]) in panel.summary.text().replace(",", "")
    # the grid still shows every hour (hours are what it chooses)
    assert np.array_equal(panel.counts(), oracle)
    panel.clear_button.click()
    assert p.filter.state.hours is None


def test_drag_selects_a_block_of_hours_and_shift_adds(qtbot, calls):
    p = project_with(calls)
    panel = HourOfWeekPanel(p)
    panel.resize(700, 300)
    qtbot.addWidget(panel)
    panel.show()
    grid = panel.grid
    qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=_centre(grid, 0, 8))
    qtbot.mouseMove(grid, pos=_centre(grid, 1, 10))
    qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=_centre(grid, 1, 10))
    assert p.filter.state.hours == frozenset({8, 9, 10, 32, 33, 34})
    qtbot.mouseClick(
        grid,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
        pos=_centre(grid, 6, 23),
    )
    assert p.filter.state.hours == frozenset({8, 9, 10, 32, 33, 34, 167})
    rows = p.filter.slice_for(calls)
    t = calls.frame["occurred_at"].iloc[rows].dt.tz_convert(TZ)
    how = set((t.dt.day_of_week * 24 + t.dt.hour).tolist())
    assert how <= {8, 9, 10, 32, 33, 34, 167}


def test_month_precision_layer_says_why_it_cannot_be_drawn(qtbot):
    crime = crime_layer()
    p = project_with(crime)
    panel = HourOfWeekPanel(p)
    qtbot.addWidget(panel)
    assert panel.stack.currentWidget() is panel.message
    assert "only the month" in panel.message.text()
    calls = calls_layer()
    p.add_layer(calls)
    # layers with times come first in the chooser
    assert panel.current_layer() is calls
    assert panel.stack.currentWidget() is panel.grid
    panel.set_layer(crime.id)
    assert panel.stack.currentWidget() is panel.message


def test_grid_says_which_layer_and_period_and_follows_the_visible_layers(qtbot):
    a = calls_layer(n=1500, seed=4, days=364, name="Calls A")
    b = calls_layer(n=900, seed=5, days=120, name="Calls B")
    p = project_with(a, b)
    p.set_visible(b.id, False)
    panel = HourOfWeekPanel(p)
    qtbot.addWidget(panel)
    panel.resize(420, 320)
    panel.show()
    assert panel.current_layer().id == a.id
    cap = panel.caption.text()
    assert cap.startswith("Calls A, ") and "over 52 weeks" in cap
    assert panel.grid.unit == "(total over 52 weeks)"
    p.filter.set_window(
        TimeWindow(pd.Timestamp("2024-01-01", tz=TZ), pd.Timestamp("2024-01-29", tz=TZ))
    )
    assert "01 Jan 2024 to 28 Jan 2024" in panel.caption.text()
    assert "over 4 weeks" in panel.caption.text()
    # hide the counted layer, show the other: the grid follows
    p.set_visible(b.id, True)
    p.set_visible(a.id, False)
    assert panel.current_layer().id == b.id
    assert panel.caption.text().startswith("Calls B, ")
    assert panel.counts().sum() == len(p.filter.slice_for(b))
