from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from layers.filtering import TimeWindow
from layers.store import load_project
from tests.qt.shell_data import (
    TZ,
    calls_layer,
    crime_layer,
    isolated_settings,  # noqa: F401
)
from workstation.qt import settings as ws_settings
from workstation.qt.dialogs.project_settings import ProjectSettingsDialog
from workstation.qt.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    w.ask_unsaved = lambda: "discard"
    qtbot.addWidget(w)
    w.show()
    yield w
    w.jobs.shutdown()


def _fill(window):
    crime, calls = crime_layer(n=800), calls_layer(n=600)
    p = window.project
    p.add_layer(crime)
    p.add_layer(calls)
    p.set_style(crime.id, mode="category", size=5.0)
    p.set_style(calls.id, color="#e31a1c")
    p.set_visible(calls.id, False)
    win = TimeWindow(
        pd.Timestamp("2023-01-01", tz=TZ), pd.Timestamp("2023-07-01", tz=TZ)
    )
    p.filter.set_window(win)
    p.filter.set_categories({"Burglary", "Robbery", "Domestic"})
    p.set_metadata(title="Op Lantern", marking="OFFICIAL-SENSITIVE")
    return crime, calls, win


def test_save_and_reopen_keeps_layers_styles_filter_and_extent(qtbot, window, tmp_path):
    crime, calls, win = _fill(window)
    if window.canvas is not None:
        window.canvas.zoom_to_bounds((398000.0, 283000.0, 402000.0, 287000.0))
    path = tmp_path / "op.gpkg"
    assert window._save_to(path, wait=True)
    assert path.exists()
    assert not window.project.dirty
    assert window.project.path == str(path)
    assert "op.gpkg" in window.windowTitle() and "*" not in window.windowTitle()
    assert ws_settings.recent_projects() == [str(path.resolve())]

    # a fresh window opens it
    w2 = MainWindow()
    w2.ask_unsaved = lambda: "discard"
    qtbot.addWidget(w2)
    w2.show()
    with qtbot.waitSignal(w2.project_opened, timeout=30000):
        w2.open_project(path, ask=False)
    p2 = w2.project
    assert [lyr.id for lyr in p2.layers] == [crime.id, calls.id]
    assert [lyr.name for lyr in p2.layers] == ["Crime", "Calls"]
    assert p2.layer(crime.id).style["mode"] == "category"
    assert p2.layer(calls.id).style["color"] == "#e31a1c"
    assert p2.layer(calls.id).visible is False
    assert p2.filter.state.window == win
    assert p2.filter.state.categories == frozenset({"Burglary", "Robbery", "Domestic"})
    assert p2.metadata.marking == "OFFICIAL-SENSITIVE"
    assert w2.marking_strip.text() == "OFFICIAL-SENSITIVE"
    assert len(p2.layer(crime.id)) == len(crime)
    assert np.array_equal(
        p2.filter.slice_for(p2.layer(crime.id)), window.project.filter.slice_for(crime)
    )
    # the views follow the reopened project
    assert w2.timeline.counts is not None
    # the list shows the counted (visible crime) layer's categories
    assert w2.timeline.checked_categories() == {"Burglary", "Robbery"}
    if w2.canvas is not None:
        ext = np.array(w2.canvas.extent())
        saved = np.array(load_project(path).metadata.extent)
        # the reopened view shows the saved extent (fitted to the window's aspect)
        centre = (ext[:2] + ext[2:]) / 2
        assert np.allclose(centre, (saved[:2] + saved[2:]) / 2, atol=50)
        assert ext[0] <= saved[0] + 1 and ext[2] >= saved[2] - 1
        assert (ext[2] - ext[0]) < 3 * (saved[2] - saved[0])
    assert not p2.dirty
    w2.jobs.shutdown()


def test_open_of_a_damaged_file_is_one_error_line(qtbot, window, tmp_path):
    bad = tmp_path / "broken.gpkg"
    bad.write_bytes(b"this is not a geopackage")
    with qtbot.waitSignal(window.jobs.failed, timeout=10000):
        window.open_project(bad, ask=False)
    msg = window.message_bar.visible_messages()[0]
    assert msg.level == "error"
    assert "broken.gpkg" in msg.text and "Traceback" not in msg.text
    assert window.project.layers == []


def test_new_project_clears_the_window(window):
    _fill(window)
    window.new_project()
    assert window.project.layers == []
    assert window.project.filter.state.is_empty
    assert window.project.metadata.marking == "OFFICIAL"
    assert window.timeline.counts is None
    assert window.table.current_layer() is None


def test_save_with_unsaved_changes_on_close(qtbot, window, tmp_path, monkeypatch):
    _fill(window)
    path = tmp_path / "closing.gpkg"
    monkeypatch.setattr(
        "workstation.qt.main_window.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(path), "Project (*.gpkg)"),
    )
    window.ask_unsaved = lambda: "save"
    assert window.close()
    assert path.exists()
    reopened = load_project(path)
    assert [lyr.name for lyr in reopened.layers] == ["Crime", "Calls"]


def test_project_properties_set_title_and_marking(qtbot, window):
    dlg = ProjectSettingsDialog(window.project, window)
    qtbot.addWidget(dlg)
    dlg.title_edit.setText("Op Beacon")
    dlg.marking_combo.setCurrentText("SECRET")
    dlg.descriptor_edit.setText("")
    dlg.accept()
    assert window.project.metadata.title == "Op Beacon"
    assert window.marking_strip.text() == "SECRET"
    assert "[SECRET]" in window.windowTitle()


def test_recent_projects_menu_lists_saved_projects(window, tmp_path):
    files = []
    for name in ("a.gpkg", "b.gpkg"):
        f = tmp_path / name
        f.write_bytes(b"x")
        ws_settings.add_recent_project(f)
        files.append(str(f.resolve()))
    window._fill_recent()
    names = [a.text() for a in window.recent_menu.actions()]
    assert names[:2] == ["b.gpkg", "a.gpkg"]
    (tmp_path / "a.gpkg").unlink()
    assert ws_settings.recent_projects() == [files[1]]


def test_replacing_contents_keeps_drawing_order_and_choropleth_sources(qtbot):
    from layers.project import Project
    from workstation.qt.main_window import replace_project_contents

    crime, calls = crime_layer(n=50), calls_layer(n=50)
    src = Project()
    # the choropleth-like layer is drawn first (bottom) but refers to the crime layer
    calls.style = {"choropleth": {"source": "count", "layer_id": crime.id}}
    src.add_layer(calls)
    src.add_layer(crime)
    seen = []
    target = Project()
    target.layer_added.connect(lambda lyr: seen.append(lyr.id))
    replace_project_contents(target, src)
    assert seen == [crime.id, calls.id]  # the source goes in first
    assert [lyr.id for lyr in target.layers] == [calls.id, crime.id]  # order kept


def test_saving_says_so_and_the_title_names_the_project(qtbot, window, tmp_path):
    _fill(window)
    path = tmp_path / "op.gpkg"
    assert window._save_to(path, wait=True)
    assert window.windowTitle().startswith("Op Lantern (op.gpkg) - ")
    assert window.statusBar().currentMessage().startswith("Saved op.gpkg")


def test_reopening_restores_the_analysis_panels(qtbot, window, tmp_path):
    from tests.qt.test_scan_panels import _crime, _wards

    p = window.project
    p.add_layer(_wards())
    p.add_layer(_crime())
    scan = window.open_panel("Horizon scan")
    scan.near_repeat.setChecked(False)
    scan.emerging.setChecked(False)
    scan.min_count.setValue(7)
    scan.run()
    qtbot.waitUntil(lambda: scan.result is not None, timeout=60_000)
    hot = window.open_panel("Hot spots (Gi*)")
    hot.run()
    qtbot.waitUntil(lambda: hot.result is not None, timeout=60_000)
    rows, summary = scan.model.rowCount(), scan.summary.text()
    hot_summary = hot.summary.text()
    hot_top = hot.top_model.frame.copy()
    path = tmp_path / "scan.gpkg"
    assert window._save_to(path, wait=True)

    w2 = MainWindow()
    w2.ask_unsaved = lambda: "discard"
    qtbot.addWidget(w2)
    w2.show()
    with qtbot.waitSignal(w2.project_opened, timeout=30000):
        w2.open_project(path, ask=False)
    names = {m.rsplit(".", 1)[-1] for m in w2.analysis_panels}
    assert {"scan_panel", "hotspot_panel"} <= names
    scan2 = w2.open_panel("Horizon scan")
    assert scan2.min_count.value() == 7
    assert not scan2.near_repeat.isChecked()
    assert scan2.model.rowCount() == rows > 0
    assert scan2.summary.text() == summary
    assert scan2.html_button.isEnabled()
    # an item of the restored scan still leads to the map
    with qtbot.waitSignal(w2.project.zoom_requested, timeout=2000):
        scan2.view.clicked.emit(scan2.model.index(0, 0))
    hot2 = w2.open_panel("Hot spots (Gi*)")
    assert hot2.summary.text() == hot_summary
    assert hot2.top_model.rowCount() == len(hot_top) > 0
    assert hot2.result_layer_id == hot.result_layer_id
    assert "Restored" in hot2.run_bar.status.text()
    assert not w2.project.dirty
    w2.jobs.shutdown()
