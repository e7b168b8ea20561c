from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from layers.filtering import TimeWindow
from tests.qt.shell_data import (
    TZ,
    calls_layer,
    isolated_settings,  # noqa: F401
    project_with,
)
from workstation.qt.jobs import JobRunner
from workstation.qt.panels import table as table_mod
from workstation.qt.panels.table import TablePanel, sort_order

pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def calls():
    return calls_layer()


@pytest.fixture
def panel(qtbot, calls):
    p = project_with(calls)
    panel = TablePanel(p)
    panel.resize(900, 400)
    qtbot.addWidget(panel)
    return panel


def _column(panel, name):
    return panel.model.columns.index(name)


def test_table_shows_every_row_and_follows_the_filter(panel, calls):
    p = panel.project
    m = panel.model
    assert m.rowCount() == len(calls)
    assert m.columnCount() == len(calls.frame.columns) - 1 + 2  # no geometry; x, y
    c = _column(panel, "call_id")
    assert m.text(5, c) == calls.frame["call_id"].iat[5]
    win = TimeWindow(
        pd.Timestamp("2024-02-01", tz=TZ), pd.Timestamp("2024-02-08", tz=TZ)
    )
    p.filter.set_window(win)
    t = calls.frame["occurred_at"]
    expected = np.flatnonzero(((t >= win.start) & (t < win.end)).to_numpy())
    assert m.rowCount() == len(expected)
    assert np.array_equal(m.row_positions(), expected)
    assert f"{len(expected):,} of {len(calls):,} rows" in panel.count_label.text()
    panel.follow.setChecked(False)
    assert m.rowCount() == len(calls)


def test_sort_by_numeric_and_text_columns(panel, calls):
    m = panel.model
    c = _column(panel, "response_s")
    m.sort(c, Qt.SortOrder.AscendingOrder)
    shown = calls.frame["response_s"].to_numpy()[m.row_positions()]
    assert np.array_equal(shown, np.sort(calls.frame["response_s"].to_numpy()))
    m.sort(c, Qt.SortOrder.DescendingOrder)
    shown = calls.frame["response_s"].to_numpy()[m.row_positions()]
    assert np.array_equal(shown, np.sort(calls.frame["response_s"].to_numpy())[::-1])
    c = _column(panel, "category")
    m.sort(c, Qt.SortOrder.AscendingOrder)
    shown = calls.frame["category"].astype(str).to_numpy()[m.row_positions()]
    assert list(shown) == sorted(calls.frame["category"].astype(str))


def test_sort_then_filter_keeps_the_order_inside_the_filter(panel, calls):
    m = panel.model
    m.sort(_column(panel, "response_s"), Qt.SortOrder.AscendingOrder)
    panel.project.filter.set_categories({"RTC"})
    pos = m.row_positions()
    assert set(calls.frame["category"].iloc[pos].astype(str)) == {"RTC"}
    assert len(pos) == (calls.frame["category"] == "RTC").sum()
    vals = calls.frame["response_s"].to_numpy()[pos]
    assert np.all(np.diff(vals) >= 0)


def test_sort_order_puts_missing_last_and_handles_datetimes():
    s = pd.Series([3.0, np.nan, 1.0, 2.0])
    assert list(sort_order(s)) == [2, 3, 0, 1]
    t = pd.Series(pd.to_datetime(["2024-01-03", None, "2024-01-01"]).tz_localize(TZ))
    assert list(sort_order(t)) == [2, 0, 1]
    txt = pd.Series(["b", None, "a"], dtype="object")
    assert list(sort_order(txt)) == [2, 0, 1]


def test_big_layer_sorts_in_a_job(qtbot, calls, monkeypatch):
    monkeypatch.setattr(table_mod, "SORT_IN_JOB_ROWS", 100)
    jobs = JobRunner()
    p = project_with(calls)
    panel = TablePanel(p, jobs)
    qtbot.addWidget(panel)
    c = _column(panel, "response_s")
    with qtbot.waitSignal(jobs.finished, timeout=10000):
        panel.model.sort(c, Qt.SortOrder.AscendingOrder)
    shown = calls.frame["response_s"].to_numpy()[panel.model.row_positions()]
    assert np.all(np.diff(shown) >= 0)
    jobs.shutdown()


def test_selecting_rows_sets_the_project_selection(panel, calls):
    m = panel.model
    m.sort(_column(panel, "response_s"), Qt.SortOrder.AscendingOrder)
    sm = panel.view.selectionModel()
    flags = (
        QItemSelectionModel.SelectionFlag.Select
        | QItemSelectionModel.SelectionFlag.Rows
    )
    for r in (0, 1, 2, 10):
        sm.select(m.index(r, 0), flags)
    rows = panel.project.selection.rows_for(calls.id)
    expected = np.sort(m.row_positions()[[0, 1, 2, 10]])
    assert np.array_equal(rows, expected)
    assert "4 selected" in panel.count_label.text()


def test_project_selection_selects_rows_and_scrolls(qtbot, panel, calls):
    panel.show()
    wanted = np.array([3000, 3001, 3500])
    panel.project.selection.set(calls.id, wanted)
    got = np.sort(panel.selected_positions())
    assert np.array_equal(got, wanted)
    top_row = panel.view.rowAt(0)
    assert top_row == 3000
    panel.project.selection.clear()
    assert len(panel.selected_table_rows()) == 0


def test_copy_as_tsv(panel, calls):
    sm = panel.view.selectionModel()
    m = panel.model
    flags = (
        QItemSelectionModel.SelectionFlag.Select
        | QItemSelectionModel.SelectionFlag.Rows
    )
    sm.select(m.index(1, 0), flags)
    sm.select(m.index(2, 0), flags)
    text = panel.copy_selection()
    assert QApplication.clipboard().text() == text
    lines = text.rstrip("\n").split("\n")
    assert lines[0].split("\t") == m.columns
    assert len(lines) == 3
    c = _column(panel, "call_id")
    assert lines[1].split("\t")[c] == calls.frame["call_id"].iat[1]


def test_export_csv_neutralises_formulas(panel, calls, tmp_path):
    out = tmp_path / "rows.csv"
    n = panel.export_csv(out, selected_only=False)
    assert n == len(calls)
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == panel.model.columns
    c = panel.model.columns.index("call_id")
    first = rows[1][c]
    assert calls.frame["call_id"].iat[0].startswith("=")
    assert first == "'" + calls.frame["call_id"].iat[0]
    assert rows[2][c] == calls.frame["call_id"].iat[1]


def test_choosing_a_layer_and_removing_it(qtbot, calls):
    other = calls_layer(n=50, seed=9, name="Other calls")
    p = project_with(calls, other)
    panel = TablePanel(p)
    qtbot.addWidget(panel)
    panel.set_layer(other.id)
    assert panel.current_layer() is other
    assert panel.model.rowCount() == 50
    p.remove_layer(other.id)
    assert panel.current_layer() is calls


def test_big_selections_are_shaded_not_put_in_qts_selection_model(
    qtbot, panel, calls, monkeypatch
):
    monkeypatch.setattr(table_mod, "BIG_SELECTION_ROWS", 50)
    m = panel.model
    rows = np.arange(100, 300)
    panel.project.selection.set(calls.id, rows)
    assert m.shaded is not None
    assert len(panel.view.selectionModel().selection()) == 0
    assert np.array_equal(np.sort(panel.selected_positions()), rows)
    bg = Qt.ItemDataRole.BackgroundRole
    assert m.data(m.index(150, 0), bg) is not None
    assert m.data(m.index(10, 0), bg) is None
    assert "200 selected" in panel.count_label.text()
    # a click selects one row again through Qt
    flags = (
        QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows
    )
    panel.view.selectionModel().select(m.index(7, 0), flags)
    assert np.array_equal(panel.project.selection.rows_for(calls.id), [7])
    assert m.shaded is None


def test_select_all_selects_every_shown_row(panel, calls):
    win = TimeWindow(
        pd.Timestamp("2024-03-01", tz=TZ), pd.Timestamp("2024-03-08", tz=TZ)
    )
    panel.project.filter.set_window(win)
    panel.view.selectAll()
    assert np.array_equal(
        panel.project.selection.rows_for(calls.id),
        panel.project.filter.slice_for(calls),
    )


def test_selected_only_lists_just_the_selection(panel, calls):
    panel.project.selection.set(calls.id, [5, 50, 500])
    panel.selected_only.setChecked(True)
    assert np.array_equal(panel.model.row_positions(), [5, 50, 500])
    assert np.array_equal(np.sort(panel.selected_positions()), [5, 50, 500])
    panel.selected_only.setChecked(False)
    assert panel.model.rowCount() == len(calls)
