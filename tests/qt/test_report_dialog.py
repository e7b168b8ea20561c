"""File ▸ New tactical assessment and the map's right-click ▸ Problem profile: real
widgets draft the report as a job, preview it and write the files it names."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace

import numpy as np
import pytest
import shapely

from layers.kinds import LayerKind
from layers.marking import marking_str
from tests.qt.shell_data import isolated_settings  # noqa: F401
from tests.reports.conftest import noise_project
from workstation.qt.dialogs.report_dialog import ReportDialog
from workstation.qt.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    w.ask_unsaved = lambda: "discard"
    qtbot.addWidget(w)
    w.show()
    w.load_into_window(noise_project())
    yield w
    w.project.mark_dirty(False)
    w.jobs.shutdown()


def _draft(qtbot, dlg: ReportDialog) -> None:
    dlg.draft_button.click()
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=180_000)


def _pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_new_tactical_assessment_drafts_previews_and_writes(qtbot, window, tmp_path):
    window.act_assess.trigger()
    dlg = window.last_dialog
    assert isinstance(dlg, ReportDialog) and dlg.kind == "assess"
    assert not dlg.write_button.isEnabled()  # nothing drafted yet
    dlg.path.setText(str(tmp_path / "ta"))
    for box in dlg.format_boxes.values():
        box.setChecked(True)
    _draft(qtbot, dlg)
    assert dlg.report.title in dlg.preview.toPlainText()
    before = len(window.project.audit)
    assert dlg.write_button.isEnabled()
    dlg.write_button.click()
    names = sorted(p.name for p in dlg.written)
    assert names == ["ta.docx", "ta.html", "ta.pdf"]
    assert all((tmp_path / n).stat().st_size > 0 for n in names)
    assert "OFFICIAL" in _pdf_text(tmp_path / "ta.pdf")
    exports = [e for e in window.project.audit[before:] if e.action == "export"]
    assert len(exports) == 3


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_a_lower_marking_needs_a_reason_and_a_confirmation(qtbot, window, tmp_path):
    md = window.project.metadata
    window.project.metadata = replace(
        md, marking="OFFICIAL-SENSITIVE", marking_descriptor="OPERATIONAL"
    )
    dlg = ReportDialog(window.project, window.jobs, "assess", parent=window)
    qtbot.addWidget(dlg)
    dlg.path.setText(str(tmp_path / "low"))
    _draft(qtbot, dlg)
    assert dlg.write_button.isEnabled()  # the project's own marking
    dlg.marking.setCurrentText("OFFICIAL")
    assert dlg.lowered() == "below" and not dlg.write_button.isEnabled()
    assert dlg.downgrade_reason.isVisibleTo(dlg)
    confirm = dlg.downgrade_confirm.text()  # names both markings, as the export does
    ours = marking_str(("OFFICIAL", dlg.descriptor.text()))
    assert f"marked {ours}, lower than the project's OFFICIAL-SENSITIVE" in confirm
    dlg.downgrade_reason.setText("for the partnership meeting")
    assert not dlg.write_button.isEnabled()
    dlg.downgrade_confirm.setChecked(True)
    assert dlg.write_button.isEnabled()
    dlg.write_button.click()
    pdf = tmp_path / "low.pdf"
    assert pdf in dlg.written
    assert "for the partnership meeting" in " ".join(_pdf_text(pdf).split())
    entry = window.project.audit[-1]
    assert entry.action == "export"
    assert entry.parameters["downgrade_reason"] == "for the partnership meeting"
    # keeping the classification but dropping the descriptor is lowering too
    dlg.marking.setCurrentText("OFFICIAL-SENSITIVE")
    dlg.descriptor.setText("")
    assert dlg.lowered() == "descriptor"


def test_right_click_on_an_area_writes_its_problem_profile(qtbot, window, tmp_path):
    canvas = window.canvas
    areas = next(lyr for lyr in window.project.layers if lyr.kind is LayerKind.BOUNDARY)
    window.project.set_visible(areas.id, True)
    row = areas.frame.iloc[5]
    c = shapely.point_on_surface(row.geometry)
    menu = canvas.context_menu(c.x, c.y)
    act = next(a for a in menu.actions() if a.text().startswith("Problem profile of"))
    assert row["area_code"] in act.text() and row["area_name"] in act.text()
    act.trigger()
    dlg = window.last_dialog
    assert isinstance(dlg, ReportDialog) and dlg.kind == "profile"
    assert dlg.area == row["area_code"]
    dlg.path.setText(str(tmp_path / "pp"))
    for suffix, box in dlg.format_boxes.items():
        box.setChecked(suffix == ".html")
    _draft(qtbot, dlg)
    dlg.write_button.click()
    html = (tmp_path / "pp.html").read_text("utf-8")
    assert f"Problem profile: {row['area_name']} ({row['area_code']})" in html
    # outside every area: no profile offered
    x0, y0, _x1, _y1 = areas.frame.total_bounds
    menu = canvas.context_menu(x0 - 5_000, y0 - 5_000)
    assert not any(a.text().startswith("Problem profile") for a in menu.actions())
    assert np.isfinite(c.x)
