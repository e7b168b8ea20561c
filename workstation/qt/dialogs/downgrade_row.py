"""The reason and confirmation asked when an output is marked below its project.

One widget for every dialog that writes a marked output (the briefing export, the
tactical assessment and problem profile): the same rule
(:func:`layers.marking.lowering`), the same wording naming both markings, and the
same test of whether the output may be written.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLineEdit, QVBoxLayout, QWidget

from layers.marking import lowering, marking_str
from layers.project import ProjectMetadata


class DowngradeRow(QWidget):
    """A reason field and a confirmation box; :attr:`changed` fires on any edit.

    Call :meth:`check` whenever the chosen marking changes: it returns how the
    choice lowers the project's marking (``"below"``, ``"descriptor"`` or "") and
    words the confirmation with both markings. The dialog hides the row when
    nothing is lowered.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(
            self.tr("why this output may carry a lower marking (recorded)")
        )
        self.confirm = QCheckBox()
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.reason)
        col.addWidget(self.confirm)
        self.how = ""
        self.reason.textChanged.connect(self.changed)
        self.confirm.toggled.connect(self.changed)

    def check(self, metadata: ProjectMetadata, marking: str, descriptor: str) -> str:
        """How ``(marking, descriptor)`` lowers the project's marking; words the box."""
        ours = (marking, descriptor.strip())
        theirs = (metadata.marking, metadata.marking_descriptor or "")
        self.how = lowering(theirs, ours) if marking else ""
        if self.how:
            self.confirm.setText(
                self.tr(
                    "I confirm this output is marked {0}, lower than the project's {1}"
                ).format(marking_str(ours), metadata.marking_text)
            )
        else:
            self.confirm.setChecked(False)
        return self.how

    def ok(self) -> bool:
        """Nothing lowered, or a reason given and the lower marking confirmed."""
        return not self.how or (
            bool(self.reason.text().strip()) and self.confirm.isChecked()
        )

    def reason_text(self) -> str | None:
        """The reason to record, or None when nothing is lowered."""
        return self.reason.text().strip() if self.how else None
