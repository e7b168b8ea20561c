"""The horizon scan panel: tested items and near-repeat chains apart, columns explained."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from layers.project import Project
from tests.analysis.test_scan import _dated_layer_with_chains
from workstation.qt.jobs import JobRunner
from workstation.qt.panels.analysis.scan_panel import Panel as ScanPanel


@pytest.fixture
def jobs(qtbot):
    runner = JobRunner()
    yield runner
    runner.shutdown()


def test_chains_have_their_own_tab_and_harm_excess_says_its_unit(qtbot, jobs):
    project = Project()
    project.add_layer(_dated_layer_with_chains())
    panel = ScanPanel(project, jobs)
    qtbot.addWidget(panel)
    panel.cell.setValue(0)
    panel.emerging.setChecked(False)
    panel.run()
    qtbot.waitUntil(lambda: panel.result is not None, timeout=60_000)
    chains = panel.result.untested()
    assert len(chains) >= 1
    assert panel.chain_model.rowCount() == len(chains)
    # no chain among the tested items of the first two tabs
    for model in (panel.model, panel.watch_model):
        frame = model.frame
        assert not frame["message"].str.contains("near-repeat chain").any()
    frame = panel.model.frame if len(panel.model.frame) else panel.watch_model.frame
    model = panel.model if len(panel.model.frame) else panel.watch_model
    col = list(frame.columns).index("harm_excess")
    assert "days" in model.headerData(col, Qt.Horizontal, Qt.DisplayRole)
    tip = model.headerData(col, Qt.Horizontal, Qt.ToolTipRole)
    assert "days of custody-equivalent" in tip
    cm = panel.chain_model
    msg = list(cm.frame.columns).index("message")
    assert cm.data(cm.index(0, msg), Qt.ToolTipRole) == chains.iloc[0]["message"]
    with qtbot.waitSignal(project.zoom_requested, timeout=2000) as sig:
        panel.chain_view.clicked.emit(panel.chain_model.index(0, 0))
    x0, y0, x1, y1 = sig.args[0]
    r = chains.iloc[0]
    assert x0 <= r["xmin"] and x1 >= r["xmax"]
    assert y0 <= r["ymin"] and y1 >= r["ymax"]
