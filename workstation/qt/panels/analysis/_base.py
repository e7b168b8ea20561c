"""Shared parts of the analysis and plan panels: a DataFrame table model, a run bar
(Run, Cancel, progress) and a stale marker that follows the project's filter.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QTextBrowser,
    QWidget,
)

from layers.project import Project


class DataFrameModel(QAbstractTableModel):
    """A read-only table over a DataFrame (values formatted, numbers right-aligned)."""

    def __init__(self, frame: pd.DataFrame | None = None, parent=None) -> None:
        super().__init__(parent)
        self._frame = frame if frame is not None else pd.DataFrame()

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self._frame = frame.reset_index(drop=True)
        self.endResetModel()

    @property
    def frame(self) -> pd.DataFrame:
        return self._frame

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._frame)

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return (
            0 if parent is not None and parent.isValid() else len(self._frame.columns)
        )

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        v = self._frame.iat[index.row(), index.column()]
        if role == Qt.DisplayRole:
            return format_value(v)
        if role == Qt.TextAlignmentRole and isinstance(v, int | float | np.number):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole) -> Any:
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return str(self._frame.columns[section]).replace("_", " ")
        return str(section + 1)


def format_value(v: Any) -> str:
    if v is None or (isinstance(v, float) and not np.isfinite(v)):
        return ""
    if isinstance(v, float | np.floating):
        return f"{v:,.3f}" if abs(v) < 10 else f"{v:,.1f}"
    return str(v)


def table_view(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QTableView.SelectRows)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class RunBar(QWidget):
    """Run / Cancel buttons, a progress bar and a status line."""

    def __init__(self, run_text: str = "Run", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.run_button = QPushButton(run_text)
        self.run_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.status = QLabel("")
        lay.addWidget(self.run_button)
        lay.addWidget(self.cancel_button)
        lay.addWidget(self.progress, 1)

    def busy(self, on: bool) -> None:
        self.run_button.setEnabled(not on)
        self.cancel_button.setEnabled(on)
        if not on:
            self.progress.setValue(0)

    def set_progress(self, fraction: float, message: str = "") -> None:
        self.progress.setValue(int(fraction * 1000))
        if message:
            self.status.setText(message)


class StaleNote(QLabel):
    """Says when the filter has moved since the result was made."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._project = project
        self._state = None
        self.setWordWrap(True)
        self.setStyleSheet("color: #8a5a00; background: #fff6e0; padding: 3px;")
        self.hide()
        project.filter.changed.connect(self._filter_changed)

    def mark_fresh(self) -> None:
        self._state = self._project.filter.state
        self.hide()

    @property
    def stale(self) -> bool:
        return self._state is not None and self._state != self._project.filter.state

    def _filter_changed(self, _state) -> None:
        if self._state is None:
            return
        if self.stale:
            self.setText(
                "Stale: the filter has changed since this result was made. Run again to update it."
            )
            self.show()
        else:
            self.hide()


def note_browser() -> QTextBrowser:
    b = QTextBrowser()
    b.setOpenExternalLinks(False)
    b.setMinimumHeight(90)
    return b
