"""Project properties: title, author, protective marking, time zone, notes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from layers.marking import lowering, marking_str
from layers.project import MARKINGS, Project
from workstation.qt.dialogs.marking_downgrade import MarkingDowngradeDialog
from workstation.qt.i18n import translate


class ProjectSettingsDialog(QDialog):
    """Edits ``project.metadata`` through ``project.set_metadata`` on OK.

    Lowering the marking (a lower classification, or the descriptor dropped or
    changed) first asks for a reason (:class:`MarkingDowngradeDialog`), which
    goes into the audit trail; Cancel there puts the old marking back.
    """

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        md = project.metadata
        self.setWindowTitle(translate("ProjectSettings", "Project properties"))
        self.resize(520, 380)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.title_edit = QLineEdit(md.title)
        form.addRow(translate("ProjectSettings", "Title"), self.title_edit)
        self.author_edit = QLineEdit(md.author)
        form.addRow(translate("ProjectSettings", "Author"), self.author_edit)
        self.marking_combo = QComboBox()
        self.marking_combo.addItems(list(MARKINGS))
        self.marking_combo.setCurrentText(md.marking)
        form.addRow(
            translate("ProjectSettings", "Protective marking"), self.marking_combo
        )
        self.descriptor_edit = QLineEdit(md.marking_descriptor)
        self.descriptor_edit.setPlaceholderText(
            translate("ProjectSettings", "optional, e.g. PERSONAL or OPERATIONAL")
        )
        form.addRow(translate("ProjectSettings", "Descriptor"), self.descriptor_edit)
        crs = QLabel(
            translate("ProjectSettings", "{crs}  (time zone {timezone})").format(
                crs=md.crs, timezone=md.timezone
            )
        )
        crs.setToolTip(
            translate(
                "ProjectSettings",
                "Set by the first layer imported; every layer is reprojected to it",
            )
        )
        form.addRow(translate("ProjectSettings", "Working CRS"), crs)
        self.notes_edit = QPlainTextEdit(md.notes)
        form.addRow(translate("ProjectSettings", "Notes"), self.notes_edit)
        lay.addLayout(form)
        note = QLabel(
            translate(
                "ProjectSettings",
                "The marking is shown on the window and printed on every export (top and bottom of sheets, a banner on HTML briefings).",
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        lay.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def values(self) -> dict[str, str]:
        return {
            "title": self.title_edit.text().strip() or "Untitled project",
            "author": self.author_edit.text().strip(),
            "marking": self.marking_combo.currentText(),
            "marking_descriptor": self.descriptor_edit.text().strip(),
            "notes": self.notes_edit.toPlainText(),
        }

    def accept(self) -> None:
        md = self.project.metadata
        changed = {k: v for k, v in self.values().items() if getattr(md, k) != v}
        was = (md.marking, md.marking_descriptor)
        new = (
            changed.get("marking", md.marking),
            changed.get("marking_descriptor", md.marking_descriptor),
        )
        how = lowering(was, new)
        if how:  # lowering the marking needs a reason (issue 13)
            self._ask_reason(changed, marking_str(was), marking_str(new), how)
            return
        self._apply(changed)

    def _apply(self, changed: dict[str, str], reason: str | None = None) -> None:
        if changed:
            self.project.set_metadata(downgrade_reason=reason, **changed)
        super().accept()

    def _ask_reason(
        self, changed: dict[str, str], old: str, new: str, how: str
    ) -> None:
        """Open the confirmation; OK applies with its reason, Cancel keeps the marking."""
        dlg = MarkingDowngradeDialog(old, new, how, self)
        self.downgrade_dialog = dlg
        dlg.accepted.connect(lambda: self._apply(changed, dlg.reason()))
        dlg.rejected.connect(self._keep_marking)
        dlg.open()

    def _keep_marking(self) -> None:
        md = self.project.metadata
        self.marking_combo.setCurrentText(md.marking)
        self.descriptor_edit.setText(md.marking_descriptor)
