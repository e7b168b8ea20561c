"""No stale dock tab bars are left on screen after docks are tabified."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDockWidget, QTabBar

from layers import Project
from tests.qt.shell_data import isolated_settings  # noqa: F401
from workstation.qt.jobs import JobRunner
from workstation.qt.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("isolated_settings")


def _orphans(w: MainWindow) -> list[list[str]]:
    """Visible window tab bars that do not touch the dock their current tab names."""
    docks = {d.windowTitle(): d for d in w.findChildren(QDockWidget)}
    out = []
    for bar in w.findChildren(QTabBar):
        if bar.parent() is not w or not bar.isVisible() or bar.count() == 0:
            continue
        dock = docks[bar.tabText(bar.currentIndex())]
        g, d = bar.geometry(), dock.geometry()
        touching = abs(g.top() - d.bottom()) <= 8 or abs(g.bottom() - d.top()) <= 8
        if not touching:
            out.append([bar.tabText(i) for i in range(bar.count())])
    return out


def _settle() -> None:
    for _ in range(50):
        QApplication.processEvents()


def test_no_stale_tab_bars_after_opening_panels(qtbot):
    w = MainWindow(Project(), JobRunner())
    w.ask_unsaved = lambda: "discard"
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    _settle()
    assert _orphans(w) == []
    w.open_panel("Plan patrols")
    w.open_panel("Evaluate (WDD / WDQ)")
    _settle()
    assert _orphans(w) == []
    titles = [
        b.tabText(i)
        for b in w.findChildren(QTabBar)
        if b.parent() is w and b.isVisible()
        for i in range(b.count())
    ]
    assert titles.count("Plan patrols") == 1
    w.jobs.shutdown()
