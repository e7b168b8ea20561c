"""The confirmation asked before the project's own marking is lowered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from layers.marking import clean_reason


class MarkingDowngradeDialog(QDialog):
    """Asks why the marking goes from ``old`` to ``new``; OK needs a reason.

    ``how`` is :func:`layers.marking.lowering`'s answer (``"below"`` or
    ``"descriptor"``). Cancel (or Escape) keeps the old marking.
    """

    def __init__(
        self, old: str, new: str, how: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Lower the protective marking?"))
        lay = QVBoxLayout(self)
        if how == "below":
            why = self.tr("The classification goes down.")
        else:
            why = self.tr("The descriptor (handling caveat) is dropped or changed.")
        self.message = QLabel(
            self.tr(
                "Lower the project's protective marking from {0} to {1}? {2}\n\n"
                "Exports made afterwards carry the new marking. Give the reason; "
                "it is recorded in the audit trail."
            ).format(old, new, why)
        )
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # markings are user text
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(
            self.tr("why the marking may be lowered (required, recorded)")
        )
        lay.addWidget(self.reason_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(
            self.tr("Lower the marking"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.reason_edit.textChanged.connect(self._changed)
        self._changed()
        self.resize(480, 180)

    def reason(self) -> str:
        """The reason as it will be recorded (one line, controls removed)."""
        return clean_reason(self.reason_edit.text())

    def _changed(self, *_args) -> None:
        self.ok_button.setEnabled(bool(self.reason()))

    def accept(self) -> None:
        if self.reason():  # Enter in an empty field does not lower the marking
            super().accept()
