"""Project properties: lowering the project's own marking needs a reason (issue 13.1)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from layers.project import Project, ProjectMetadata
from layers.store import load_project, save_project
from tests.qt.shell_data import crime_layer, isolated_settings  # noqa: F401
from workstation.qt.dialogs.project_settings import ProjectSettingsDialog

REASON = "Sanitised by DS Khan for the partnership meeting"


def _project(marking: str, descriptor: str = "") -> Project:
    p = Project(ProjectMetadata(marking=marking, marking_descriptor=descriptor))
    p.add_layer(crime_layer(n=50))
    return p


def _open(qtbot, project: Project) -> ProjectSettingsDialog:
    dlg = ProjectSettingsDialog(project)
    qtbot.addWidget(dlg)
    dlg.open()
    return dlg


def _marking_entries(project: Project) -> list:
    return [e for e in project.audit if e.action == "set_marking"]


LOWERINGS = [
    # (project marking, descriptor) -> (new marking, new descriptor)
    (("SECRET", ""), ("OFFICIAL", "")),
    (("TOP SECRET", ""), ("OFFICIAL-SENSITIVE", "")),
    (("OFFICIAL-SENSITIVE", "PERSONAL"), ("OFFICIAL-SENSITIVE", "")),
    (("OFFICIAL-SENSITIVE", "PERSONAL"), ("OFFICIAL-SENSITIVE", "COMMERCIAL")),
    (("SECRET", "PERSONAL UK EYES ONLY"), ("SECRET", "PERSONAL")),
    (("OFFICIAL-SENSITIVE", "PERSONAL"), ("SECRET", "")),  # raised, caveat lost
]


@pytest.mark.parametrize(("was", "new"), LOWERINGS)
def test_lowering_asks_a_reason_that_goes_into_the_audit_trail(
    qtbot, tmp_path, was, new
):
    p = _project(*was)
    before = p.metadata.marking_text
    dlg = _open(qtbot, p)
    dlg.marking_combo.setCurrentText(new[0])
    dlg.descriptor_edit.setText(new[1])
    dlg.accept()
    ask = dlg.downgrade_dialog
    assert ask.isVisible() and dlg.isVisible()
    assert p.metadata.marking_text == before  # nothing applied yet
    assert before in ask.message.text()
    assert not ask.ok_button.isEnabled()
    qtbot.keyClicks(ask.reason_edit, REASON)
    assert ask.ok_button.isEnabled()
    qtbot.mouseClick(ask.ok_button, Qt.MouseButton.LeftButton)
    assert not ask.isVisible() and not dlg.isVisible()
    assert (p.metadata.marking, p.metadata.marking_descriptor) == new
    entry = _marking_entries(p)[-1]
    assert entry.parameters == {
        "from": before,
        "to": p.metadata.marking_text,
        "downgrade_reason": REASON,
    }
    # the entry is part of the sealed trail and survives a save
    path = tmp_path / "p.gpkg"
    save_project(p, path)
    again = load_project(path)
    assert again.audit_intact
    assert _marking_entries(again)[-1].parameters["downgrade_reason"] == REASON
    assert again.metadata.marking_text == p.metadata.marking_text


def test_cancel_keeps_the_old_marking(qtbot):
    p = _project("OFFICIAL-SENSITIVE", "PERSONAL")
    dlg = _open(qtbot, p)
    dlg.title_edit.setText("Op Beacon")
    dlg.marking_combo.setCurrentText("OFFICIAL")
    dlg.descriptor_edit.setText("")
    dlg.accept()
    ask = dlg.downgrade_dialog
    qtbot.keyClicks(ask.reason_edit, REASON)
    qtbot.mouseClick(
        ask.buttons.button(ask.buttons.StandardButton.Cancel),
        Qt.MouseButton.LeftButton,
    )
    assert not ask.isVisible()
    assert p.metadata.marking_text == "OFFICIAL-SENSITIVE - PERSONAL"
    assert p.metadata.title != "Op Beacon"  # nothing applied
    assert _marking_entries(p) == []
    # the form shows the old marking again and stays open for the other edits
    assert dlg.isVisible()
    assert dlg.marking_combo.currentText() == "OFFICIAL-SENSITIVE"
    assert dlg.descriptor_edit.text() == "PERSONAL"
    dlg.accept()  # OK now applies the title and keeps the marking
    assert not dlg.isVisible()
    assert p.metadata.title == "Op Beacon"
    assert p.metadata.marking_text == "OFFICIAL-SENSITIVE - PERSONAL"
    assert _marking_entries(p) == []


@pytest.mark.parametrize("typed", ["", "   ", "\t\x1b\x07 "])
def test_an_empty_reason_is_not_accepted(qtbot, typed):
    p = _project("SECRET")
    dlg = _open(qtbot, p)
    dlg.marking_combo.setCurrentText("OFFICIAL")
    dlg.accept()
    ask = dlg.downgrade_dialog
    ask.reason_edit.setText(typed)
    assert not ask.ok_button.isEnabled()
    qtbot.keyClick(ask.reason_edit, Qt.Key.Key_Return)  # Enter does not get round it
    ask.accept()
    assert ask.isVisible()
    assert p.metadata.marking == "SECRET"
    assert _marking_entries(p) == []


@pytest.mark.parametrize(
    ("was", "new"),
    [
        (("OFFICIAL", ""), ("SECRET", "")),
        (("OFFICIAL-SENSITIVE", ""), ("OFFICIAL-SENSITIVE", "PERSONAL")),
        (("OFFICIAL-SENSITIVE", "PERSONAL"), ("SECRET", "PERSONAL UK EYES ONLY")),
        (("OFFICIAL-SENSITIVE", "PERSONAL"), ("OFFICIAL-SENSITIVE", "personal")),
    ],
)
def test_raising_or_adding_a_descriptor_asks_nothing(qtbot, was, new):
    p = _project(*was)
    dlg = _open(qtbot, p)
    dlg.marking_combo.setCurrentText(new[0])
    dlg.descriptor_edit.setText(new[1])
    dlg.accept()
    assert not hasattr(dlg, "downgrade_dialog")
    assert not dlg.isVisible()
    assert (p.metadata.marking, p.metadata.marking_descriptor) == new
    assert _marking_entries(p) == []  # only a lowering is recorded


def test_unchanged_marking_records_nothing(qtbot):
    p = _project("SECRET", "UK EYES ONLY")
    dlg = _open(qtbot, p)
    dlg.title_edit.setText("Op Beacon")
    dlg.accept()
    assert not dlg.isVisible() and p.metadata.title == "Op Beacon"
    assert _marking_entries(p) == []


def test_export_dialog_counts_a_dropped_descriptor_as_a_downgrade(qtbot, tmp_path):
    from workstation.qt.dialogs.export_briefing import ExportBriefingDialog

    p = _project("OFFICIAL-SENSITIVE", "PERSONAL")
    dlg = ExportBriefingDialog(p, None)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.format.setCurrentIndex(dlg.format.findData("html"))
    dlg.path.setText(str(tmp_path / "b.html"))
    assert dlg.marking.currentData() == "OFFICIAL-SENSITIVE"
    assert not dlg.downgrade_reason.isVisible() and dlg.export_button.isEnabled()
    for typed in ("", "COMMERCIAL"):
        dlg.descriptor.setText(typed)
        assert dlg.downgrade_reason.isVisible()
        assert "OFFICIAL-SENSITIVE - PERSONAL" in dlg.downgrade_confirm.text()
        assert not dlg.export_button.isEnabled()
    dlg.descriptor.setText("personal uk eyes only")  # adding is not lowering
    assert not dlg.downgrade_reason.isVisible() and dlg.export_button.isEnabled()
    dlg.reject()


@pytest.mark.usefixtures("isolated_settings")
def test_the_window_shows_the_lowered_marking_only_after_the_reason(qtbot):
    from workstation.qt.main_window import MainWindow

    w = MainWindow()
    w.ask_unsaved = lambda: "discard"
    qtbot.addWidget(w)
    w.show()
    try:
        w.project.set_metadata(marking="SECRET")
        assert w.marking_strip.text() == "SECRET"
        w.project_properties()
        dlg = w.last_dialog
        dlg.marking_combo.setCurrentText("OFFICIAL")
        dlg.accept()
        assert w.marking_strip.text() == "SECRET"  # still, while it asks
        qtbot.keyClicks(dlg.downgrade_dialog.reason_edit, REASON)
        qtbot.keyClick(dlg.downgrade_dialog.reason_edit, Qt.Key.Key_Return)
        assert w.marking_strip.text() == "OFFICIAL"
        assert "[OFFICIAL]" in w.windowTitle()
        assert w.project.audit[-1].parameters["downgrade_reason"] == REASON
    finally:
        w.jobs.shutdown()
