"""The Evaluate panel says so when the areas overlap (treated inside control)."""

import pytest
import shapely

from layers import Project
from workstation.qt.jobs import JobRunner


@pytest.fixture
def jobs(qtbot):
    runner = JobRunner()
    yield runner
    runner.shutdown()


def test_evaluate_panel_warns_when_treated_lies_inside_control(qtbot, jobs):
    from workstation.qt.panels.analysis.evaluate_panel import Panel

    panel = Panel(Project(), jobs)
    qtbot.addWidget(panel)
    for key, (b, a) in {"treated": (120, 60), "control": (300, 310)}.items():
        panel.spins[key][0].setValue(b)
        panel.spins[key][1].setValue(a)
    panel.areas = {"treated": shapely.box(0, 0, 500, 500)}
    panel.areas["control"] = shapely.box(-1000, -1000, 2000, 2000)
    r = panel.run()
    assert any("Areas overlap" in w for w in r.warnings)
    assert "overlap" in panel.note.toPlainText()
    assert r.odds_ratio > 1  # treated fell while control held: it worked
    # separate areas: no overlap warning
    panel.areas["control"] = shapely.box(3000, 0, 4000, 500)
    r = panel.run()
    assert not any("overlap" in w for w in r.warnings)
