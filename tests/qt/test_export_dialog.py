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
