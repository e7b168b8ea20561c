"""File → Export briefing: marking required, preview, export on a worker, audit."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import Qt

from tests.export._projects import make_project
from workstation.qt.dialogs.export_briefing import ExportBriefingDialog


@pytest.fixture
def project():
    p = make_project(300)
    p.metadata.marking = ""  # force the analyst to choose
    return p


def _choose(dialog, combo, data):
    combo.setCurrentIndex(combo.findData(data))


def test_marking_is_required_and_preview_draws(qtbot, project, tmp_path):
    dlg = ExportBriefingDialog(project, None)
    qtbot.addWidget(dlg)
    dlg.path.setText(str(tmp_path / "b.pdf"))
    assert not dlg.export_button.isEnabled()
    assert "marking" in dlg.status.text()
    # the preview still shows the page, with the marking slot flagged
    assert dlg.preview.pixmap() is not None and not dlg.preview.pixmap().isNull()
    _choose(dlg, dlg.marking, "OFFICIAL-SENSITIVE")
    assert dlg.export_button.isEnabled()
    # the path's suffix follows the format
    _choose(dlg, dlg.format, "html")
    assert dlg.path.text().endswith(".html")
    assert not dlg.page.isEnabled() and not dlg.dpi.isEnabled()


@pytest.mark.parametrize("fmt", ["pdf", "html", "png"])
def test_export_runs_and_audits(qtbot, project, tmp_path, fmt):
    dlg = ExportBriefingDialog(project, None)
    qtbot.addWidget(dlg)
    _choose(dlg, dlg.format, fmt)
    _choose(dlg, dlg.marking, "OFFICIAL-SENSITIVE")
    dlg.descriptor.setText("operational")
    dlg.title.setText("Night-time economy")
    dlg.page.setCurrentText("A3")
    dlg.orientation.setCurrentText("Landscape")
    out = tmp_path / f"brief.{fmt}"
    dlg.path.setText(str(out))
    before = len(project.audit)
    with qtbot.waitSignal(dlg.exported, timeout=60000) as sig:
        qtbot.mouseClick(dlg.export_button, Qt.LeftButton)
    assert sig.args == [str(out)]
    assert out.exists()
    assert len(project.audit) == before + 1
    entry = project.audit[-1]
    assert entry.parameters["format"] == fmt
    assert entry.parameters["marking"] == "OFFICIAL-SENSITIVE - OPERATIONAL"
    assert entry.parameters["title"] == "Night-time economy"
    assert entry.parameters["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert "written to" in dlg.status.text()
    if fmt == "pdf":
        assert entry.parameters["page"] == "A3" and entry.parameters["landscape"]
    dlg.reject()


def test_uses_the_canvas_view(qtbot, project, tmp_path):
    from workstation.qt.map.canvas import MapCanvas

    canvas = MapCanvas(project)
    qtbot.addWidget(canvas)
    canvas.resize(600, 400)
    canvas.show()
    canvas.zoom_to_bounds((352500.0, 428500.0, 354500.0, 430500.0))
    view = tuple(float(v) for v in canvas.extent())
    dlg = ExportBriefingDialog(project, canvas)
    qtbot.addWidget(dlg)
    _choose(dlg, dlg.marking, "OFFICIAL")
    assert dlg.use_view.isChecked()
    assert dlg.make_briefing().extent == view
    dlg.use_view.setChecked(False)
    assert dlg.make_briefing().extent != view


def test_typed_path_is_accepted(qtbot, project, tmp_path):
    """Typing a path key by key (it starts as '/') never errors; a name without a
    suffix gets the format's."""
    dlg = ExportBriefingDialog(project, None)
    qtbot.addWidget(dlg)
    _choose(dlg, dlg.marking, "OFFICIAL")
    dlg.path.clear()
    typed = str(tmp_path / "typed-brief")
    qtbot.keyClicks(dlg.path, typed)
    assert dlg.path.text() == typed  # the dialog did not rewrite it while typing
    assert "error" not in dlg.status.text().lower()
    assert dlg.export_button.isEnabled()
    with qtbot.waitSignal(dlg.exported, timeout=60000) as sig:
        qtbot.mouseClick(dlg.export_button, Qt.LeftButton)
    assert sig.args == [typed + ".pdf"]
    assert (tmp_path / "typed-brief.pdf").read_bytes().startswith(b"%PDF")
    # ~ is the home folder; a bare name goes next to the project (else home)
    from pathlib import Path

    dlg.path.setText("~/brief-x")
    assert dlg.output_path() == Path.home() / "brief-x.pdf"
    dlg.path.setText("brief-rel.PDF")
    assert dlg.output_path() == Path.home() / "brief-rel.PDF"
    dlg.path.setText(str(tmp_path / "week.12.png"))
    assert dlg.output_path() == tmp_path / "week.12.pdf"
    dlg.path.setText(str(tmp_path / "week.12"))
    assert dlg.output_path() == tmp_path / "week.12.pdf"
    # a folder is not a file name: a clear message, nothing written
    dlg.path.setText(str(tmp_path) + "/")
    qtbot.mouseClick(dlg.export_button, Qt.LeftButton)
    assert "file name" in dlg.status.text()
    assert "Unexpected" not in dlg.status.text()
    dlg.reject()


def test_button_reads_close_after_export(qtbot, project, tmp_path):
    dlg = ExportBriefingDialog(project, None)
    qtbot.addWidget(dlg)
    _choose(dlg, dlg.marking, "OFFICIAL")
    dlg.path.setText(str(tmp_path / "b.pdf"))
    assert dlg.close_button.text() == "Cancel"
    with qtbot.waitSignal(dlg.exported, timeout=60000):
        qtbot.mouseClick(dlg.export_button, Qt.LeftButton)
    assert dlg.close_button.text() == "Close"
    assert dlg.close_button.isDefault() and not dlg.export_button.isDefault()
    qtbot.mouseClick(dlg.close_button, Qt.LeftButton)
    assert not dlg.isVisible() and dlg.result() == dlg.DialogCode.Rejected


def test_lower_marking_needs_a_reason_and_a_confirmation(qtbot, tmp_path):
    from PIL import Image

    p = make_project(200)
    p.metadata.marking = "SECRET"
    dlg = ExportBriefingDialog(p, None)
    qtbot.addWidget(dlg)
    dlg.show()
    # the preview draws the page before a marking is chosen
    assert dlg.preview.pixmap() is not None and not dlg.preview.pixmap().isNull()
    _choose(dlg, dlg.format, "png")
    out = tmp_path / "b.png"
    dlg.path.setText(str(out))
    _choose(dlg, dlg.marking, "OFFICIAL")
    assert dlg.downgrade_reason.isVisible() and dlg.downgrade_confirm.isVisible()
    assert "SECRET" in dlg.downgrade_confirm.text()
    assert not dlg.export_button.isEnabled()
    assert "below the project's" in dlg.status.text()
    qtbot.keyClicks(dlg.downgrade_reason, "Sanitised for partners by DS Khan")
    assert not dlg.export_button.isEnabled()  # the reason alone is not enough
    dlg.downgrade_confirm.setChecked(True)
    assert dlg.export_button.isEnabled()
    with qtbot.waitSignal(dlg.exported, timeout=60000):
        qtbot.mouseClick(dlg.export_button, Qt.LeftButton)
    entry = p.audit[-1]
    assert entry.parameters["downgrade_reason"] == "Sanitised for partners by DS Khan"
    assert entry.parameters["project_marking"] == "SECRET"
    text = Image.open(out).text
    assert text["downgrade_reason"] == "Sanitised for partners by DS Khan"
    # back at the project's level: no downgrade row
    _choose(dlg, dlg.marking, "OFFICIAL-SENSITIVE")
    assert dlg.downgrade_reason.isVisible()  # still below SECRET
    dlg.reject()


def test_same_marking_shows_no_downgrade_row(qtbot, tmp_path):
    p = make_project(100)
    dlg = ExportBriefingDialog(p, None)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.marking.currentData() == "OFFICIAL-SENSITIVE"
    assert not dlg.downgrade_reason.isVisible()
    _choose(dlg, dlg.marking, "OFFICIAL")
    assert dlg.downgrade_reason.isVisible()
    dlg.reject()
