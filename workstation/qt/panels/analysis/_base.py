"""Shared parts of the analysis and plan panels: a DataFrame table model, a run bar
(Run, Cancel, progress), a stale marker that follows the project's filter, and
``ResultPanel``, the base every run-a-job panel builds on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from layers.kinds import LayerKind
from layers.layer import Layer
from layers.project import Project
from workstation import formatting
from workstation.qt.i18n import translate, vocab


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
        column = str(self._frame.columns[index.column()])
        if role == Qt.DisplayRole:
            text = formatting.cell(v, column)
            return vocab(text) if formatting.column_kind(column) == "class" else text
        if role == Qt.ToolTipRole and isinstance(v, str) and len(v) > 40:
            return v
        if role == Qt.TextAlignmentRole and isinstance(v, int | float | np.number):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    #: column name -> what it means (header tooltips), set by the panel
    descriptions: dict[str, str] = {}  # noqa: RUF012 (replaced, never mutated)

    def set_descriptions(self, descriptions: dict[str, str] | None) -> None:
        """Tooltips for the column headers (a result's column descriptions)."""
        self.descriptions = dict(descriptions or {})
        self.headerDataChanged.emit(Qt.Horizontal, 0, max(self.columnCount() - 1, 0))

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.ToolTipRole and orientation == Qt.Horizontal:
            return self.descriptions.get(str(self._frame.columns[section]))
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return vocab(formatting.column_title(str(self._frame.columns[section])))
        return str(section + 1)


def format_value(v: Any, column: str = "") -> str:
    """A result cell's text (see :func:`workstation.formatting.cell`)."""
    return formatting.cell(v, column)


#: the widest a text column grows to fit its contents (longer text is elided)
MAX_TEXT_COLUMN_PX = 420
MAX_NUMBER_COLUMN_PX = 110


def fit_columns(view: QTableView) -> None:
    """Columns as wide as their contents: text up to a wide cap, numbers narrow.

    The last column does not stretch, so a trailing number never takes the rest
    of the width while the messages beside it are cut off.
    """
    model = view.model()
    header = view.horizontalHeader()
    view.resizeColumnsToContents()
    frame = getattr(model, "frame", None)
    for c in range(model.columnCount()):
        numeric = frame is not None and pd.api.types.is_numeric_dtype(
            frame.dtypes.iloc[c]
        )
        cap = MAX_NUMBER_COLUMN_PX if numeric else MAX_TEXT_COLUMN_PX
        header.resizeSection(c, min(header.sectionSize(c) + 6, cap))


def table_view(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QTableView.SelectRows)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(False)
    view.setHorizontalScrollMode(QTableView.ScrollPerPixel)
    model.modelReset.connect(lambda: fit_columns(view))
    return view


class RunBar(QWidget):
    """Run / Cancel buttons, a progress bar and a status line."""

    def __init__(self, run_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.run_button = QPushButton(run_text or translate("Base", "Run"))
        self.run_button.setDefault(True)
        self.cancel_button = QPushButton(translate("Base", "Cancel"))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        # wrapped, so a long status never widens the panel past its dock
        self.status = wrapped_label()
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
                translate(
                    "Base",
                    "Stale: the filter has changed since this result was made. Run again to update it.",
                )
            )
            self.show()
        else:
            self.hide()


def note_browser() -> QTextBrowser:
    b = QTextBrowser()
    b.setOpenExternalLinks(False)
    b.setMinimumHeight(90)
    return b


def fit_to_dock(widget: QWidget, chars: int = 14) -> None:
    """Let a panel shrink to its dock's width rather than scroll sideways.

    Form rows whose field does not fit beside its label go under it, and combo
    boxes shrink to ``chars`` characters rather than their longest item (layer
    names run long), with the full text as tooltip and a popup wide enough to
    read every item.
    """
    for form in widget.findChildren(QFormLayout):
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    for combo in widget.findChildren(QComboBox):
        combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        combo.setMinimumContentsLength(chars)
        combo.currentTextChanged.connect(combo.setToolTip)
        combo.setToolTip(combo.currentText())
        combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        fit_popup(combo)


def fit_popup(combo: QComboBox) -> None:
    """The combo's popup as wide as its longest item."""
    combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)


#: the widest a row of result buttons is laid out in one line (a dock's width)
BUTTON_ROW_PX = 330


def button_rows(buttons: list[QPushButton]) -> QGridLayout:
    """Result buttons, disabled until a result arrives, in one row when they fit
    a narrow dock and two to a row when not.
    """
    grid = QGridLayout()
    wide = sum(b.sizeHint().width() + 6 for b in buttons) > BUTTON_ROW_PX
    per_row = 2 if wide else len(buttons)
    for i, button in enumerate(buttons):
        button.setEnabled(False)
        grid.addWidget(button, i // per_row, i % per_row)
    grid.setColumnStretch(per_row, 1)
    return grid


def wrapped_label(text: str = "") -> QLabel:
    """A word-wrapped label (intro text, summaries, status lines)."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def double_spin(
    lo: float,
    hi: float,
    value: float,
    *,
    decimals: int | None = None,
    step: float | None = None,
    suffix: str = "",
) -> QDoubleSpinBox:
    """A QDoubleSpinBox set up in Qt's order: range, decimals, step, value, suffix.

    The range is set before the decimals, as Qt rounds it to the decimals in force
    (two by default) when it is set.
    """
    return _spin(QDoubleSpinBox(), lo, hi, value, decimals, step, suffix)


def int_spin(
    lo: int, hi: int, value: int, *, step: int | None = None, suffix: str = ""
) -> QSpinBox:
    """A QSpinBox with its range, step, value and suffix."""
    return _spin(QSpinBox(), lo, hi, value, None, step, suffix)


def _spin(box, lo, hi, value, decimals, step, suffix):
    box.setRange(lo, hi)
    if decimals is not None:
        box.setDecimals(decimals)
    if step is not None:
        box.setSingleStep(step)
    box.setValue(value)
    if suffix:
        box.setSuffix(suffix)
    return box


def fill_layer_combo(
    combo: QComboBox,
    project: Project,
    label: Callable[[Layer], str],
    kinds: Iterable[LayerKind] = (LayerKind.CRIME, LayerKind.DEMAND),
) -> None:
    """Refill ``combo`` with the project's layers of ``kinds``, keeping the choice."""
    kinds = tuple(kinds)
    current = combo.currentData()
    combo.clear()
    for lyr in project.layers:
        if lyr.kind in kinds:
            combo.addItem(label(lyr), lyr.id)
    i = combo.findData(current)
    if i >= 0:
        combo.setCurrentIndex(i)
    fit_popup(combo)


class ResultPanel(QWidget):
    """A panel that runs one analysis as a background job and shows its result.

    Top to bottom: intro text, the subclass's inputs, a run bar and its status
    line, a stale note (``STALE``), a summary label, the result tabs with a
    "Method" tab for the method note (or the note alone when there are no tabs),
    and a row of result buttons (disabled until a result arrives).

    Subclasses set ``TITLE``, ``MENU``, ``INTRO``, ``RUN_TEXT`` (and ``JOB_TITLE``
    when the job list should name the job differently), and override
    ``build_inputs``, ``result_tabs``, ``result_buttons``, ``run`` (which calls
    ``submit``) and ``show_result``.
    """

    TITLE = ""
    MENU = "Analysis"
    INTRO = ""
    RUN_TEXT = QT_TRANSLATE_NOOP("Panels", "Run")
    JOB_TITLE: str | None = None
    STALE = True
    #: (caption, default file name, filters) of the ``export_dialog`` save dialog
    EXPORT_DIALOG: tuple[str, str, str] | None = None

    def __init__(self, project: Project, jobs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.jobs = jobs
        self.result = None
        self.result_layer_id: str | None = None
        self._key: str | None = None
        lay = QVBoxLayout(self)
        # intro and settings fold away once a result is shown, so the result gets
        # the height of the dock; the toggle brings them back
        self.settings_toggle = QToolButton()
        self.settings_toggle.setCheckable(True)
        self.settings_toggle.setChecked(True)
        self.settings_toggle.setAutoRaise(True)
        self.settings_toggle.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.settings_toggle.setArrowType(Qt.DownArrow)
        self.settings_toggle.setText(translate("Base", "Settings"))
        self.settings_toggle.toggled.connect(self.show_settings)
        lay.addWidget(self.settings_toggle)
        self.settings_box = QWidget()
        box = QVBoxLayout(self.settings_box)
        box.setContentsMargins(0, 0, 0, 0)
        if self.INTRO:
            box.addWidget(wrapped_label(translate("Panels", self.INTRO)))
        inputs = self.build_inputs()
        if isinstance(inputs, QLayout):
            box.addLayout(inputs)
        elif inputs is not None:
            box.addWidget(inputs)
        lay.addWidget(self.settings_box)
        self.run_bar = RunBar(translate("Panels", self.RUN_TEXT))
        lay.addWidget(self.run_bar)
        lay.addWidget(self.run_bar.status)
        if self.STALE:
            self.stale = StaleNote(project)
            lay.addWidget(self.stale)
        self.summary = wrapped_label()
        lay.addWidget(self.summary)
        self.note = note_browser()
        tabs = self.result_tabs()
        if tabs:
            self.tabs = QTabWidget()
            for widget, title in tabs:
                self.tabs.addTab(widget, title)
            self.tabs.addTab(self.note, translate("Base", "Method"))
            lay.addWidget(self.tabs, 1)
        else:
            lay.addWidget(self.note, 1)
        buttons = self.result_buttons()
        if buttons:
            lay.addLayout(button_rows(buttons))
        self.run_bar.run_button.clicked.connect(self.run)
        self.run_bar.cancel_button.clicked.connect(self.cancel)
        self.jobs.progressed.connect(self._progress)
        self.jobs.cancelled.connect(self._cancelled)

    # -- what subclasses provide -------------------------------------------------
    def build_inputs(self) -> QWidget | QLayout | None:
        """The parameter form (called once, before the run bar is built)."""
        return None

    def result_tabs(self) -> list[tuple[QWidget, str]]:
        """Result views as (widget, tab title); the Method tab is added after."""
        return []

    def result_buttons(self) -> list[QPushButton]:
        """Buttons under the result (export and the like)."""
        return []

    def run(self) -> None:
        raise NotImplementedError

    def show_result(self, result: Any) -> None:
        raise NotImplementedError

    # -- job plumbing --------------------------------------------------------------
    def submit(self, key: str, status: str, fn: Callable, /, *args, **kwargs) -> None:
        """Run ``fn(*args, **kwargs)`` as job ``key``; ``show_result`` gets the result."""
        self._key = key
        self.run_bar.busy(True)
        self.run_bar.status.setText(status)
        self.jobs.submit(
            key,
            fn,
            *args,
            on_done=self._job_done,
            on_error=self._failed,
            job_title=translate("Panels", self.JOB_TITLE or self.TITLE),
            **kwargs,
        )

    def refuse(self, message: Any) -> None:
        """Say why nothing was run (or what went wrong) on the status line."""
        self.run_bar.status.setText(f"⚠ {message}")

    def cancel(self) -> None:
        if self._key:
            self.jobs.cancel(self._key)

    def _progress(self, key: str, fraction: float, message: str) -> None:
        if key == self._key:
            self.run_bar.set_progress(fraction, message)

    def _cancelled(self, key: str) -> None:
        # the runner calls no on_error for a cancelled job: free the run bar here
        if key == self._key:
            self.run_bar.busy(False)
            self.run_bar.status.setText(translate("Base", "Cancelled."))

    def _failed(self, message: str) -> None:
        self.run_bar.busy(False)
        self.refuse(message)

    def _job_done(self, result: Any) -> None:
        self.run_bar.busy(False)
        self.show_result(result)
        self.show_settings(False)

    def show_settings(self, shown: bool) -> None:
        """Unfold (or fold away) the intro and the settings above the run bar."""
        self.settings_box.setVisible(shown)
        self.settings_toggle.setArrowType(Qt.DownArrow if shown else Qt.RightArrow)
        self.settings_toggle.setText(
            translate("Base", "Settings")
            if shown
            else translate("Base", "Settings (click to change)")
        )
        if self.settings_toggle.isChecked() != shown:
            self.settings_toggle.blockSignals(True)
            self.settings_toggle.setChecked(shown)
            self.settings_toggle.blockSignals(False)

    # -- result helpers ------------------------------------------------------------
    def replace_result_layer(self, layer: Layer) -> None:
        """Add ``layer`` to the project in place of this panel's previous result."""
        if self.result_layer_id is not None and self.result_layer_id in self.project:
            self.project.remove_layer(self.result_layer_id)
        self.project.add_layer(layer)
        self.result_layer_id = layer.id

    def export_to(self, path):
        raise NotImplementedError

    # -- work that comes back: settings and last results in the project -------------
    def panel_state(self) -> dict[str, Any]:
        """The panel's settings and last shown result, JSON-ready (for the project)."""
        state: dict[str, Any] = {"inputs": {}, "tables": {}}
        for name, widget in vars(self).items():
            value = _widget_value(widget)
            if value is not None:
                state["inputs"][name] = value
            elif isinstance(widget, DataFrameModel) and len(widget.frame.columns):
                state["tables"][name] = widget.frame.to_json(
                    orient="table", index=False, date_format="iso"
                )
        state["summary"] = self.summary.text()
        state["note"] = self.note.toHtml() if self.note.toPlainText() else ""
        state["status"] = self.run_bar.status.text()
        state["result_layer_id"] = self.result_layer_id
        return state

    def restore_panel_state(self, state: dict[str, Any]) -> None:
        """Put back what :meth:`panel_state` stored (a reopened project)."""
        for name, value in (state.get("inputs") or {}).items():
            widget = vars(self).get(name)
            if widget is not None:
                _set_widget_value(widget, value)
        for name, text in (state.get("tables") or {}).items():
            model = vars(self).get(name)
            if isinstance(model, DataFrameModel):
                from io import StringIO

                model.set_frame(pd.read_json(StringIO(text), orient="table"))
        if state.get("summary"):
            self.summary.setText(state["summary"])
        if state.get("note"):
            self.note.setHtml(state["note"])
        lid = state.get("result_layer_id")
        if lid and lid in self.project:
            self.result_layer_id = lid
        if state.get("summary"):
            self.run_bar.status.setText(
                translate(
                    "Base",
                    "Restored from the project file (last result); run again to update it.",
                )
            )
            self.show_settings(False)

    def export_dialog(self) -> None:
        """Ask for a file (``EXPORT_DIALOG``) and ``export_to`` it."""
        caption, name, filters = self.EXPORT_DIALOG
        self.save_dialog(
            translate("Panels", caption), name, translate("Panels", filters)
        )

    def save_dialog(
        self, caption: str, name: str, filters: str, done: str = ""
    ) -> None:
        path, _ = QFileDialog.getSaveFileName(self, caption, name, filters)
        if path:
            try:
                self.export_to(path)
                done = done or translate("Base", "Saved")
                self.run_bar.status.setText(
                    translate("Base", "{done} {path}").format(done=done, path=path)
                )
            except (OSError, ValueError) as exc:
                self.refuse(exc)


def _widget_value(widget: Any) -> Any:
    """The value of an input widget, or None for anything that is not an input."""
    if isinstance(widget, QDoubleSpinBox | QSpinBox):
        return widget.value()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        data = widget.currentData()
        return {"data": data if isinstance(data, str | int | float) else None,
                "text": widget.currentText()}  # fmt: skip
    return None


def _set_widget_value(widget: Any, value: Any) -> None:
    if isinstance(widget, QDoubleSpinBox | QSpinBox):
        widget.setValue(value)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QLineEdit):
        widget.setText(str(value))
    elif isinstance(widget, QComboBox) and isinstance(value, dict):
        i = widget.findData(value.get("data")) if value.get("data") is not None else -1
        if i < 0:
            i = widget.findText(str(value.get("text", "")))
        if i >= 0:
            widget.setCurrentIndex(i)
