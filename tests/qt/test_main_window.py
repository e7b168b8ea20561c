from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QItemSelectionModel

from layers.filtering import TimeWindow
from layers.validation import DataError, ReadReport
from tests.qt.shell_data import (
    TZ,
    calls_layer,
    crime_layer,
    isolated_settings,  # noqa: F401
)
from workstation.qt import settings as ws_settings
from workstation.qt.app import ERROR_LOG, make_excepthook
from workstation.qt.dialogs.import_dialog import ImportRequest
from workstation.qt.main_window import MainWindow
from workstation.qt.notifications import RejectedRowsDialog

pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    w.ask_unsaved = lambda: "discard"
    qtbot.addWidget(w)
    w.show()
    yield w
    w.jobs.shutdown()


def _needs_canvas(window):
    if window.canvas is None:
        pytest.skip(f"map canvas not available: {window.canvas_missing}")


def test_menus_toolbar_docks_and_status_bar(window):
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Layer", "Analysis", "Plan", "View", "Help"]
    tool_names = [a.text() for a in window.map_toolbar.actions() if a.text()]
    for name in (
        "Pan",
        "Identify",
        "Select by rectangle",
        "Select by lasso",
        "Filter to area",
        "Clear filter",
        "Zoom full",
    ):
        assert name in tool_names
    for dock in (
        window.layers_dock,
        window.timeline_dock,
        window.table_dock,
        window.how_dock,
    ):
        assert dock.widget() is not None
    assert window.marking_label.text().strip() == "OFFICIAL"
    assert "OFFICIAL" in window.windowTitle()


def test_protective_marking_shows_in_strip_title_and_status(window):
    window.project.set_metadata(
        marking="OFFICIAL-SENSITIVE", marking_descriptor="PERSONAL"
    )
    assert window.marking_strip.text() == "OFFICIAL-SENSITIVE - PERSONAL"
    assert "OFFICIAL-SENSITIVE" in window.marking_label.text()
    assert "[OFFICIAL-SENSITIVE - PERSONAL]" in window.windowTitle()
    assert window.windowTitle().split(" - ")[0].endswith("*")  # unsaved


def test_timeline_region_filters_the_map(qtbot, window):
    _needs_canvas(window)
    crime = crime_layer(n=5000)
    window.project.add_layer(crime)
    qtbot.waitUntil(lambda: not window.canvas.redraw_pending(), timeout=5000)
    assert window.canvas.visible_point_count(crime.id) == len(crime)
    e = window.timeline.counts.edges / 1e9
    window.timeline.set_region_seconds(e[0], e[6])
    win = window.project.filter.state.window
    assert win == TimeWindow(
        pd.Timestamp("2022-01-01", tz=TZ), pd.Timestamp("2022-07-01", tz=TZ)
    )
    expected = int(
        (
            (crime.frame["occurred_at"] >= win.start)
            & (crime.frame["occurred_at"] < win.end)
        ).sum()
    )
    qtbot.waitUntil(lambda: not window.canvas.redraw_pending(), timeout=5000)
    assert window.canvas.visible_point_count(crime.id) == expected < len(crime)
    assert "Filter: 01 Jan 2022 to 30 Jun 2022" in window.filter_label.text()
    window.act_clear_filter.trigger()
    qtbot.waitUntil(lambda: not window.canvas.redraw_pending(), timeout=5000)
    assert window.canvas.visible_point_count(crime.id) == len(crime)


def test_table_selection_highlights_on_the_map(qtbot, window):
    _needs_canvas(window)
    calls = calls_layer(n=500)
    window.project.add_layer(calls)
    window.open_table(calls.id)
    assert window.table.current_layer() is calls
    m = window.table.model
    sm = window.table.view.selectionModel()
    flags = (
        QItemSelectionModel.SelectionFlag.Select
        | QItemSelectionModel.SelectionFlag.Rows
    )
    for r in (4, 5, 6):
        sm.select(m.index(r, 0), flags)
    assert np.array_equal(window.project.selection.rows_for(calls.id), [4, 5, 6])
    qtbot.waitUntil(lambda: _count(window.canvas.selection_item) == 3, timeout=3000)


def test_analysis_panels_are_discovered_into_menus(window):
    infos = window.panel_infos
    analysis = window.menus["Analysis"].actions()
    if not infos:
        assert analysis[0].text() == "(no panels installed)"
        return
    for info in infos:
        menu = window.menus[info.menu]
        texts = [a.text() for a in menu.actions()]
        assert any(t.startswith(info.title) for t in texts)
    ok = [i for i in infos if i.available]
    if ok:
        panel = window.open_panel(ok[0])
        assert panel is not None
        assert window.analysis_docks[ok[0].module].isVisible()
        assert window.open_panel(ok[0]) is panel  # opened once


def test_message_bar_opens_rejected_rows(qtbot, window):
    calls = calls_layer(n=20)
    rep = ReadReport("calls.csv", rows_total=22, rows_loaded=20)
    rep.reject(5, "lat", "", "no location")
    rep.reject(9, "when", "31/02/2024", "unparsable time")
    calls.report = rep
    window._imported(ImportRequest([Path("calls.csv")], reader="calls"), calls)
    assert calls.id in window.project
    assert window.project.audit[-1].action == "import"
    msg = window.message_bar.visible_messages()[0]
    assert "2 rejected" in msg.text and msg.level == "warning"
    label, action = msg.actions[0]
    assert label == "Show rejected rows"
    action()
    dlg = window.last_dialog
    assert isinstance(dlg, RejectedRowsDialog)
    assert dlg.model.rowCount() == 2
    assert dlg.model.data(dlg.model.index(1, 4)) == "unparsable time"
    assert dlg.model.data(dlg.model.index(0, 1)) == 5
    dlg.close()


def test_excepthook_logs_traceback_and_shows_one_line(window):
    hook = make_excepthook(window)
    try:
        raise ValueError("bad thing")
    except ValueError as exc:
        hook(type(exc), exc, exc.__traceback__)
    log = (ws_settings.user_data_dir() / ERROR_LOG).read_text()
    assert "Traceback" in log and "ValueError: bad thing" in log
    text = window.message_bar.visible_messages()[0].text
    assert "ValueError: bad thing" in text and "\n" not in text
    err = DataError("unparsable month", source="a.csv", row=3, column="Month")
    hook(DataError, err, None)
    assert (
        window.message_bar.visible_messages()[0].text
        == "a.csv, row 3, column 'Month': unparsable month"
    )


def test_layout_persists_in_settings(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    w.table_dock.hide()
    w.resize(1111, 777)
    w.save_layout()
    w.jobs.shutdown()
    w2 = MainWindow()
    qtbot.addWidget(w2)
    w2.show()
    assert w2.table_dock.isHidden()
    assert ws_settings.settings().value("window/geometry") is not None
    w2.jobs.shutdown()


def test_close_asks_about_unsaved_changes(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    w.project.add_layer(calls_layer(n=10))
    assert w.project.dirty
    asked = []
    w.ask_unsaved = lambda: asked.append(1) or "cancel"
    assert not w.close()
    assert w.isVisible() and asked == [1]
    w.ask_unsaved = lambda: "discard"
    assert w.close()


def _count(item) -> int:
    c = item.count
    return int(c() if callable(c) else c)


def test_help_shows_the_user_guide_and_about_box(window):
    window.act_guide.trigger()
    guide = window.last_dialog
    text = guide.browser.toPlainText()
    assert "Analyst Workstation: user guide" in text
    assert "Show rejected rows" in text
    guide.close()
    window.act_about.trigger()
    about = window.last_dialog
    text = about.browser.toPlainText()
    assert "Open Government Licence" in text
    assert "pyqtgraph" in text and "MIT" in text
    assert window.project.metadata.marking  # the box does not change the project
    about.close()


def test_status_bar_shows_bng_and_lat_lon(window):
    from layers.crs import to_lonlat

    window._cursor_moved(406000.0, 286500.0)
    text = window.coord_label.text()
    lon, lat = to_lonlat([406000.0], [286500.0])
    assert "E 406,000" in text and "N 286,500" in text
    assert f"{lat[0]:.5f}°N" in text and f"{abs(lon[0]):.5f}°W" in text
    window._scale_changed(25000.4)
    assert window.scale_label.text() == "1:25,000"


def test_identify_tool_lists_attributes_of_features_under_the_cursor(qtbot, window):
    _needs_canvas(window)
    calls = calls_layer(n=200)
    window.project.add_layer(calls)
    window.canvas.zoom_to_layer(calls.id)
    qtbot.waitUntil(lambda: not window.canvas.redraw_pending(), timeout=5000)
    x, y = calls.xy[17]
    found = window.canvas.identify_at(x, y)
    assert (calls.id, 17) in found
    tree = window.identify_panel
    top = tree.topLevelItem(0)
    assert top.text(0) == "Calls"
    rows = [top.child(i).text(0) for i in range(top.childCount())]
    assert "row 18" in rows  # row numbers shown 1-based
    item = top.child(rows.index("row 18"))
    fields = {
        item.child(i).text(0): item.child(i).text(1) for i in range(item.childCount())
    }
    assert fields["call_id"] == calls.frame["call_id"].iat[17]
    assert fields["category"] == str(calls.frame["category"].iat[17])
    assert window.identify_dock.isVisible()
    assert 17 in window.project.selection.rows_for(calls.id)


@pytest.mark.slow
def test_demo_opens_the_synthetic_force_area(qtbot, window):
    from layers.kinds import LayerKind
    from workstation.qt.app import load_demo

    with qtbot.waitSignal(window.project_opened, timeout=240000):
        load_demo(window, seed=7)
    qtbot.waitUntil(lambda: not window.demo_progress.isVisible(), timeout=5000)
    p = window.project
    kinds = {lyr.kind for lyr in p.layers}
    assert {
        LayerKind.CRIME,
        LayerKind.DEMAND,
        LayerKind.ASSET,
        LayerKind.BOUNDARY,
    } <= kinds
    crime = max(p.layers_of(LayerKind.CRIME), key=len)
    assert window.timeline.counted_layers() == [crime]
    c = window.timeline.counts
    assert c.unit == "month" and len(c.edges) - 1 == 36
    assert c.counts.sum() == len(crime)
    choropleths = [
        lyr
        for lyr in p.layers_of(LayerKind.BOUNDARY)
        if lyr.style.get("mode") == "choropleth"
    ]
    assert choropleths and choropleths[0].style["choropleth"]["source"] == "rate"
    win = p.filter.state.window
    assert win.start_ns == c.edges[-13] and win.end_ns == c.edges[-1]  # last 12 months
    assert not p.dirty
