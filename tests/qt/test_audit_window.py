"""The window warns when it opens a project whose audit trail is broken, and a save
from the window keeps the break on record."""

from __future__ import annotations

import pytest

from layers.audit import BREAK_ACTION
from layers.store import load_project, save_project
from tests.layers.test_audit_trail import tamper
from tests.layers.test_store import make_project
from tests.qt.shell_data import isolated_settings  # noqa: F401
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


def test_opening_a_tampered_project_warns_and_saving_keeps_the_break(
    qtbot, window, tmp_path
):
    path = save_project(make_project(), tmp_path / "p.gpkg")
    tamper(path, "UPDATE audit SET user = 'someone else' WHERE seq = 1")
    with qtbot.waitSignal(window.project_opened, timeout=30000):
        window.open_project(path, ask=False)
    warnings = [
        m for m in window.message_bar.visible_messages() if m.level == "warning"
    ]
    assert len(warnings) == 1
    assert "audit trail broken" in warnings[0].text
    assert (
        "entry 1" in warnings[0].text and "saving keeps the break" in warnings[0].text
    )
    assert not window.project.audit_intact
    assert window._save_to(path, wait=True)
    again = load_project(path)
    assert not again.audit_intact
    assert [e.action for e in again.audit].count(BREAK_ACTION) == 1


def test_opening_an_untouched_project_does_not_warn(qtbot, window, tmp_path):
    path = save_project(make_project(), tmp_path / "p.gpkg")
    with qtbot.waitSignal(window.project_opened, timeout=30000):
        window.open_project(path, ask=False)
    assert all(m.level != "warning" for m in window.message_bar.visible_messages())
    assert window.project.audit_intact
