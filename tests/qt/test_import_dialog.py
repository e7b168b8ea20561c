from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from layers import readers
from tests.qt.shell_data import isolated_settings  # noqa: F401
from workstation.qt.dialogs.import_dialog import (
    ImportDialog,
    looks_headerless,
    make_preview,
    needs_mapping,
)
from workstation.qt.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("isolated_settings")

N_ROWS = 40
BAD_ROWS = {6, 17, 30}  # 0-based data rows with no coordinates


def write_headerless_calls(path):
    """A headerless call log: id, time, lon, lat, type (Birmingham)."""
    rng = np.random.default_rng(4)
    t0 = pd.Timestamp("2024-03-04 08:00")
    lines = []
    for i in range(N_ROWS):
        t = t0 + pd.Timedelta(minutes=int(37 * i))
        lon, lat = -1.89 + rng.normal(0, 0.01), 52.48 + rng.normal(0, 0.01)
        loc = ("", "") if i in BAD_ROWS else (f"{lon:.6f}", f"{lat:.6f}")
        kind = ["Domestic", "ASB", "RTC"][i % 3]
        lines.append(f"CAD{i:05d},{t:%Y-%m-%d %H:%M:%S},{loc[0]},{loc[1]},{kind}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    w.ask_unsaved = lambda: "discard"
    qtbot.addWidget(w)
    w.show()
    yield w
    w.jobs.shutdown()


def test_headerless_detection_and_when_to_ask(tmp_path, shared_data):
    path = write_headerless_calls(tmp_path / "log.csv")
    verdicts = readers.sniff_all(path)
    assert verdicts[0].headerless and verdicts[0].reader == "calls"
    assert looks_headerless(readers.sniff_all(path)[1].columns)
    ask, why = needs_mapping([path], verdicts)
    assert ask and why
    seattle = shared_data / "demand" / "seattle_spd_dispatch_2024_sample.csv"
    ask, why = needs_mapping([seattle], readers.sniff_all(seattle))
    assert not ask, why


def _map_headerless(dlg: ImportDialog) -> None:
    dlg.reader_combo.setCurrentIndex(dlg.reader_combo.findData("calls"))
    assert not dlg.header_box.isChecked()
    assert dlg.column_names() == [f"column_{i}" for i in range(1, 6)]
    dlg.set_field("call_id", "column_1")
    dlg.set_field("occurred_at", "column_2")
    dlg.set_field("lon", "column_3")
    dlg.set_field("lat", "column_4")
    dlg.set_field("category", "column_5")


def test_mapping_dialog_previews_the_effect_then_imports(qtbot, window, tmp_path):
    path = write_headerless_calls(tmp_path / "call_log_export.csv")
    window.import_paths([path])
    dlg = window.import_dialog
    assert isinstance(dlg, ImportDialog) and dlg.isVisible()
    assert dlg.raw_table.rowCount() == min(N_ROWS, 12)
    assert dlg.raw_table.item(0, 0).text() == "CAD00000"  # the first row is data
    _map_headerless(dlg)
    with qtbot.waitSignal(window.jobs.finished, timeout=20000):
        dlg.update_preview()
    pv = dlg.preview
    assert pv.error is None, pv.error
    assert pv.rows_total == N_ROWS
    assert pv.rows_loaded == N_ROWS - len(BAD_ROWS)
    assert sum(pv.by_reason.values()) == len(BAD_ROWS)
    assert pv.head[0]["category"] == "Domestic"
    assert f"{N_ROWS - len(BAD_ROWS)} would load" in dlg.preview_label.text()
    with qtbot.waitSignal(window.layer_imported, timeout=30000) as blocker:
        dlg.accept()
    layer = window.project.layer(blocker.args[0])
    assert len(layer) == N_ROWS - len(BAD_ROWS)
    assert layer.report.rows_rejected == len(BAD_ROWS)
    assert sorted(r.row for r in layer.report.rejected) == sorted(
        i + 1 for i in BAD_ROWS
    )
    assert layer.time_precision == "second"
    msg = window.message_bar.visible_messages()
    assert any(a[0] == "Show rejected rows" for m in msg for a in m.actions)


def test_preview_reports_a_bad_mapping(tmp_path):
    path = write_headerless_calls(tmp_path / "log.csv")
    dlg = ImportDialog([path])
    _map_headerless(dlg)
    dlg.set_field("lon", None)
    dlg.update_preview()  # no job runner: runs here
    assert dlg.preview.error is not None
    assert "location" in dlg.preview.error.lower()
    ok = dlg.buttons.buttons()[0]
    assert not ok.isEnabled() or ok.text() != "Import"
    dlg.set_field("lon", "column_3")
    dlg.update_preview()
    assert dlg.preview.error is None
    req = dlg.request()
    assert req.columns == [f"column_{i}" for i in range(1, 6)]
    assert make_preview(req).rows_loaded == N_ROWS - len(BAD_ROWS)


def _drop(window, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        window.rect().center(),  # QDragEnterEvent takes a QPoint
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(window.rect().center()),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, drop)
    return drop


def test_drag_and_drop_a_confident_file_imports_it(
    qtbot, window, tmp_path, shared_data
):
    src = shared_data / "demand" / "seattle_spd_dispatch_2024_sample.csv"
    path = tmp_path / src.name
    shutil.copy(src, path)
    with qtbot.waitSignal(window.layer_imported, timeout=60000) as blocker:
        _drop(window, [path])
    layer = window.project.layer(blocker.args[0])
    rep = layer.report
    assert rep.rows_total == 1000
    assert rep.rows_loaded + rep.rows_rejected == 1000
    assert len(layer) == rep.rows_loaded
    assert window.import_dialog is None  # no questions for a file the reader is sure of


def test_drop_of_a_headerless_file_opens_the_mapping_dialog(qtbot, window, tmp_path):
    path = write_headerless_calls(tmp_path / "log.csv")
    _drop(window, [path])
    qtbot.waitUntil(lambda: window.import_dialog is not None, timeout=5000)
    assert window.import_dialog.paths == [path]
    window.import_dialog.reject()


def test_reader_options_date_order_and_crs_of_xy(tmp_path):
    # a call log with projected x/y (BNG metres) and dates whose days are all <= 12
    lines = ["ref,when,x,y,type"]
    for i in range(12):
        lines.append(
            f"R{i},{i + 1:02d}/03/2024 10:00,{406000 + i * 10},{286000 + i * 10},ASB"
        )
    path = tmp_path / "xy_calls.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dlg = ImportDialog([path])
    dlg.reader_combo.setCurrentIndex(dlg.reader_combo.findData("calls"))
    dlg.set_field("x", "x")
    dlg.set_field("y", "y")
    dlg.set_field("occurred_at", "when")
    dlg.set_field("category", "type")
    dlg.set_option("source_crs", "EPSG:27700")
    dlg.set_option("date_order", "mdy")
    req = dlg.request()
    assert req.mapping["source_crs"] == "EPSG:27700"
    assert req.mapping["date_order"] == "mdy"
    layer = req.read()
    assert len(layer) == 12
    # month first: "02/03/2024" is 3 February
    t = layer.frame["occurred_at"].dt.tz_convert("Europe/London")
    assert (t.dt.month == [1 + i for i in range(12)]).all()
    assert layer.xy[0].tolist() == pytest.approx([406000.0, 286000.0], abs=0.01)
    dlg.set_option("date_order", "dmy")
    day_first = dlg.request().read()
    t = day_first.frame["occurred_at"].dt.tz_convert("Europe/London")
    assert (t.dt.month == 3).all()


# -- issue 11 point 3: the dialog proposes what the registry recognised ------------
AS_THEY_COME = Path(__file__).resolve().parents[1] / "data" / "as_they_come"


def test_dialog_proposes_calls_for_a_headerless_export(qtbot):
    dlg = ImportDialog([AS_THEY_COME / "headerless_calls.csv"])
    qtbot.addWidget(dlg)
    assert dlg.reader() == "calls"
    assert "Calls" in dlg.reader_combo.currentText()
    assert not dlg.header_box.isChecked()
    assert dlg.mapping() == {
        "lat": "column_1",
        "lon": "column_2",
        "category": "column_3",
        "occurred_at": "column_4",
    }
    dlg.update_preview()  # no job runner: runs here
    assert dlg.preview.error is None, dlg.preview.error
    assert dlg.preview.rows_loaded == dlg.preview.rows_total > 0
    assert dlg.preview.head[0]["category"] == "Concern for safety"


@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("overdose_calls.csv", "calls"),
        ("asset_lists", "assets"),
        ("crime_points.geojson", "police_uk"),
        ("crime_points.gpkg", "police_uk"),
    ],
)
def test_dialog_proposes_the_reader_of_each_file_case(qtbot, name, reader):
    dlg = ImportDialog([AS_THEY_COME / name])
    qtbot.addWidget(dlg)
    assert dlg.reader() == reader
    assert dlg.verdict().confidence >= readers.MIN_CONFIDENCE


def test_files_of_a_download_not_read_are_named_in_the_window(qtbot, window):
    from tests.layers.test_unseen_files import U

    path = U / "police_uk" / "custom_download.zip"
    with qtbot.waitSignal(window.layer_imported, timeout=60000) as blocker:
        window.import_paths([path])
    layer = window.project.layer(blocker.args[0])
    said = [m.text for m in window.message_bar.history]
    skipped = [
        s["path"] for s in layer.provenance["skipped"] if "MACOSX" not in s["path"]
    ]
    assert skipped and any(all(Path(p).name in t for p in skipped[:3]) for t in said), (
        said
    )
