"""Attribute table: a lazy model over a layer's frame that follows filter and selection.

The model holds only an int64 array of row positions (the rows shown, in display
order); a cell's value is read from the frame when the view asks for it, so a
million rows cost a few megabytes and scrolling touches only the visible cells.
Sorting argsorts one column of the whole layer once (in a background job for big
layers) and keeps the order; following the filter is then a boolean mask over that
order, O(rows) in numpy.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from layers.csvsafe import write_rows
from layers.layer import Layer, times_to_ns
from layers.project import Project
from workstation.qt.i18n import translate

#: Layers bigger than this sort in a background job (argsort of 1M is ~100 ms).
SORT_IN_JOB_ROWS = 200_000
#: Selections bigger than this many table rows are shown by shading the rows
#: rather than through Qt's selection model (which slows painting in proportion to
#: the rows selected: a 1M-row selection took seconds per frame).
BIG_SELECTION_ROWS = 5_000
#: Copy to the clipboard at most this many rows.
MAX_COPY_ROWS = 200_000
#: Highlight at most this many separate runs of selected rows in the view (Qt's
#: selection model slows down with many ranges); "Selected only" lists them all.
MAX_SELECTION_RUNS = 500


def sort_order(series: pd.Series) -> np.ndarray:
    """Stable ascending order of a column (missing values last), as int64 positions."""
    if isinstance(
        series.dtype, pd.DatetimeTZDtype
    ) or pd.api.types.is_datetime64_any_dtype(series.dtype):
        key = times_to_ns(series)
        key = np.where(key == np.iinfo(np.int64).min, np.iinfo(np.int64).max, key)
        return np.argsort(key, kind="stable").astype(np.int64)
    if pd.api.types.is_bool_dtype(series.dtype) or pd.api.types.is_numeric_dtype(
        series.dtype
    ):
        key = series.to_numpy(dtype="float64", na_value=np.nan)
        return np.argsort(key, kind="stable").astype(np.int64)  # NaN sort last
    codes, _uniques = pd.factorize(series.astype("object").map(_text_key), sort=True)
    codes = np.where(codes < 0, np.iinfo(np.int64).max, codes)
    return np.argsort(codes, kind="stable").astype(np.int64)


def sorted_unique(a: np.ndarray) -> np.ndarray:
    """Sorted distinct values (sort-based: faster than np.unique's hashing here)."""
    a = np.sort(np.asarray(a, dtype=np.int64))
    if len(a) < 2:
        return a
    return a[np.r_[True, a[1:] != a[:-1]]]


def _text_key(v: Any) -> Any:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return str(v)


def format_value(v: Any, precision: str | None = None) -> str:
    """Cell text: blank for missing, dates in the layer's zone, floats trimmed."""
    if v is None or v is pd.NaT:
        return ""
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        if v.is_integer() and abs(v) < 1e15:
            return f"{int(v)}"
        return f"{v:.6g}" if abs(v) < 1e6 else f"{v:.1f}"
    if isinstance(v, pd.Timestamp):
        if precision == "month":
            return f"{v:%Y-%m}"
        if precision == "day":
            return f"{v:%Y-%m-%d}"
        return f"{v:%Y-%m-%d %H:%M:%S}"
    if isinstance(v, bytes | bytearray):
        return f"<{len(v)} bytes>"
    try:
        if pd.isna(v):
            return ""
    except (TypeError, ValueError):
        pass
    return str(v)


def _columns_of(
    layer: Layer, points_before: int = 0
) -> tuple[list[str], list[pd.Series]]:
    """The table's columns of a layer (x and y for points) and their series.

    ``points_before``: the first rows are known to be points (only the rest are
    tested, so a growing layer is not scanned again).
    """
    f = layer.frame
    geom = f.geometry.name
    columns = [c for c in f.columns if c != geom]
    series = [f[c] for c in columns]
    if len(f) and (f.geometry.iloc[points_before:].geom_type == "Point").all():
        xy = layer.xy
        columns += ["x", "y"]
        series += [pd.Series(xy[:, 0]), pd.Series(xy[:, 1])]
    return columns, series


class LayerTableModel(QAbstractTableModel):
    """Rows of one layer at ``positions`` in display order, read lazily."""

    rows_changed = Signal()
    sort_requested = Signal(int, object)  # column, Qt.SortOrder (model asks for a job)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.layer: Layer | None = None
        self._columns: list[str] = []
        self._series: list[pd.Series] = []
        self._positions = np.zeros(0, dtype=np.int64)  # the rows allowed (sorted)
        self._view = np.zeros(0, dtype=np.int64)  # display order
        self._orders: dict[str, np.ndarray] = {}
        self._sort: tuple[str, Qt.SortOrder] | None = None
        self._inverse: np.ndarray | None = None
        self.shaded: np.ndarray | None = None  # bool per layer row, big selections
        self._shade = QBrush(QColor("#cfe3f3"))

    # -- content -----------------------------------------------------------
    def set_shaded(self, mask: np.ndarray | None) -> None:
        """Shade the rows where ``mask`` (bool per layer row) is True."""
        if mask is None and self.shaded is None:
            return
        self.shaded = mask
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(self.rowCount() - 1, self.columnCount() - 1),
                [Qt.ItemDataRole.BackgroundRole],
            )

    def set_layer(
        self, layer: Layer | None, positions: np.ndarray | None = None
    ) -> None:
        self.beginResetModel()
        self.shaded = None
        self.layer = layer
        self._orders = {}
        self._sort = None
        if layer is None:
            self._columns, self._series = [], []
            self._positions = np.zeros(0, dtype=np.int64)
        else:
            f = layer.frame
            self._columns, self._series = _columns_of(layer)
            self._positions = (
                np.arange(len(f), dtype=np.int64)
                if positions is None
                else np.asarray(positions, dtype=np.int64)
            )
        self._rebuild_view()
        self.endResetModel()
        self.rows_changed.emit()

    def grow(self, positions: np.ndarray, start: int) -> None:
        """The layer grew from ``start`` rows: show ``positions`` of the longer layer.

        Unsorted, the new rows are inserted at the bottom (``beginInsertRows``, the
        rows shown stay put); sorted, the orders are worked out again.
        """
        layer = self.layer
        if layer is None:
            return
        points = start if self._columns[-2:] == ["x", "y"] else 0
        columns, series = _columns_of(layer, points)
        if columns != self._columns:
            self.set_layer(layer, positions)
            return
        self._series = series
        if self.shaded is not None and len(self.shaded) < len(layer):
            grown = np.zeros(len(layer), dtype=bool)
            grown[: len(self.shaded)] = self.shaded
            self.shaded = grown
        self._inverse = None
        if self._sort is not None:
            column, order = self._sort
            self._orders = {}
            if len(layer) <= SORT_IN_JOB_ROWS:
                self._positions = np.asarray(positions, dtype=np.int64)
                self.apply_sort(column, order)
                return
            # a big layer is sorted in a job again; meanwhile rows in layer order
            self._sort = None
            self.set_positions(positions)
            self.sort_requested.emit(self._columns.index(column), order)
            return
        self.set_positions(positions)

    def _follow(self, new: np.ndarray) -> bool:
        """Go from the rows shown to ``new`` by removing rows at the top and adding
        rows at the bottom, when that is all that changed (a window following now).
        """
        old = self._positions
        if self._sort is not None or not len(old) or not len(new):
            return False
        k = int(np.searchsorted(old, new[0]))
        keep = len(old) - k
        if keep <= 0 or len(new) < keep or not np.array_equal(old[k:], new[:keep]):
            return False
        if k:
            self.beginRemoveRows(QModelIndex(), 0, k - 1)
            self._positions = self._view = old[k:]
            self._inverse = None
            self.endRemoveRows()
        if len(new) > keep:
            self.beginInsertRows(QModelIndex(), keep, len(new) - 1)
            self._positions = self._view = new
            self._inverse = None
            self.endInsertRows()
        self.rows_changed.emit()
        return True

    def set_positions(self, positions: np.ndarray) -> None:
        positions = np.asarray(positions, dtype=np.int64)
        if np.array_equal(positions, self._positions):
            return
        if self._follow(positions):
            return
        self.beginResetModel()
        self._positions = positions
        self._rebuild_view()
        self.endResetModel()
        self.rows_changed.emit()

    def _rebuild_view(self) -> None:
        self._inverse = None
        n = len(self.layer) if self.layer is not None else 0
        if self._sort is None or self.layer is None:
            self._view = self._positions
            return
        column, order = self._sort
        full = self._orders[column]
        if len(self._positions) == n:
            view = full
        else:
            mask = np.zeros(n, dtype=bool)
            mask[self._positions] = True
            view = full[mask[full]]
        if order == Qt.SortOrder.DescendingOrder:
            view = view[::-1]
        self._view = view

    @property
    def columns(self) -> list[str]:
        return list(self._columns)

    @property
    def positions(self) -> np.ndarray:
        return self._positions

    def row_positions(self, rows: np.ndarray | None = None) -> np.ndarray:
        """Layer row positions of table rows (all shown rows if None), display order."""
        return (
            self._view if rows is None else self._view[np.asarray(rows, dtype=np.int64)]
        )

    def table_rows(self, positions: np.ndarray) -> np.ndarray:
        """Table rows (sorted) that show the given layer positions (hidden ones omitted)."""
        if self.layer is None:
            return np.zeros(0, dtype=np.int64)
        if self._inverse is None:
            inv = np.full(len(self.layer), -1, dtype=np.int64)
            inv[self._view] = np.arange(len(self._view), dtype=np.int64)
            self._inverse = inv
        r = self._inverse[np.asarray(positions, dtype=np.int64)]
        return np.sort(r[r >= 0])

    # -- sorting ------------------------------------------------------------
    def has_order(self, column: str) -> bool:
        return column in self._orders

    def set_order(self, column: str, order: np.ndarray) -> None:
        self._orders[column] = np.asarray(order, dtype=np.int64)

    def apply_sort(self, column: str, order: Qt.SortOrder) -> None:
        if column not in self._orders:
            self._orders[column] = sort_order(self._series[self._columns.index(column)])
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._rebuild_view()
        self.layoutChanged.emit()
        self.rows_changed.emit()

    def series(self, column: str) -> pd.Series:
        return self._series[self._columns.index(column)]

    def sort(
        self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder
    ) -> None:
        if self.layer is None or not (0 <= column < len(self._columns)):
            return
        name = self._columns[column]
        if name in self._orders or len(self.layer) <= SORT_IN_JOB_ROWS:
            self.apply_sort(name, order)
        else:
            self.sort_requested.emit(column, order)

    # -- Qt model API ----------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._view)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def value(self, row: int, column: int) -> Any:
        return self._series[column].iat[int(self._view[row])]

    def text(self, row: int, column: int) -> str:
        precision = (
            self.layer.time_precision
            if self.layer is not None
            and self._columns[column] == self.layer.time_column
            else None
        )
        return format_value(self.value(row, column), precision)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.shaded is not None and self.shaded[int(self._view[index.row()])]:
                return self._shade
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            s = self._series[index.column()]
            if pd.api.types.is_numeric_dtype(
                s.dtype
            ) and not pd.api.types.is_bool_dtype(s.dtype):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section] if section < len(self._columns) else None
        return str(int(self._view[section]) + 1) if section < len(self._view) else None


class _TableView(QTableView):
    """A table whose Select All goes to the project selection, not Qt's model."""

    def __init__(self, panel: TablePanel) -> None:
        super().__init__()
        self._panel = panel

    def selectAll(self) -> None:
        self._panel.select_all_shown()


class TablePanel(QWidget):
    """Dock content: layer chooser, the table, row counts, copy and export."""

    def __init__(
        self, project: Project, jobs=None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.jobs = jobs
        self._syncing = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.setSpacing(2)
        top = QHBoxLayout()
        self.layer_combo = QComboBox()
        self.layer_combo.setMinimumWidth(160)
        self.layer_combo.currentIndexChanged.connect(self._layer_chosen)
        top.addWidget(self.layer_combo)
        self.follow = QCheckBox(translate("Table", "Only rows in the filter"))
        self.follow.setChecked(True)
        self.follow.setToolTip(
            translate(
                "Table",
                "Show only the rows inside the time window, categories and area",
            )
        )
        self.follow.toggled.connect(lambda _c: self.refresh_rows())
        top.addWidget(self.follow)
        self.selected_only = QCheckBox(translate("Table", "Selected only"))
        self.selected_only.setToolTip(translate("Table", "List only the selected rows"))
        self.selected_only.toggled.connect(lambda _c: self.refresh_rows())
        top.addWidget(self.selected_only)
        self._partial = False
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #444;")
        top.addWidget(self.count_label, 1)
        self.zoom_button = QPushButton(translate("Table", "Zoom to selection"))
        self.zoom_button.clicked.connect(self.zoom_to_selection)
        top.addWidget(self.zoom_button)
        self.copy_button = QPushButton(translate("Table", "Copy"))
        self.copy_button.setToolTip(
            translate("Table", "Copy the selected rows as tab-separated text (Ctrl+C)")
        )
        self.copy_button.clicked.connect(self.copy_selection)
        top.addWidget(self.copy_button)
        self.export_button = QPushButton(translate("Table", "Export CSV..."))
        self.export_button.setToolTip(
            translate(
                "Table",
                "Save the selected rows (or all shown rows when none is selected) as CSV",
            )
        )
        self.export_button.clicked.connect(self._export_dialog)
        top.addWidget(self.export_button)
        lay.addLayout(top)

        self.model = LayerTableModel(self)
        self.model.rows_changed.connect(self._update_count)
        self.model.sort_requested.connect(self._sort_in_job)
        self.view = _TableView(self)
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        vh = self.view.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(20)
        self.view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive
        )
        self.view.selectionModel().selectionChanged.connect(
            self._view_selection_changed
        )
        lay.addWidget(self.view, 1)
        QShortcut(QKeySequence.StandardKey.Copy, self.view, self.copy_selection)

        project.filter.changed.connect(lambda _s: self.refresh_rows())
        project.selection.changed.connect(self._project_selection_changed)
        project.layer_added.connect(lambda _l: self._fill_layers())
        project.layer_removed.connect(lambda _i: self._fill_layers())
        project.layer_changed.connect(lambda _i: self._fill_layers())
        project.rows_appended.connect(self._on_rows_appended)
        self._fill_layers()

    # -- layers ---------------------------------------------------------------
    def _on_rows_appended(self, layer_id: str, start: int, _stop: int) -> None:
        """A layer grew: its count in the chooser, and the new rows at the bottom."""
        i = self.layer_combo.findData(layer_id)
        layer = self.project.layer(layer_id)
        if i >= 0:
            self.layer_combo.setItemText(i, f"{layer.name} ({len(layer):,})")
        if self.model.layer is layer:
            self.model.grow(self._filtered_positions(layer), start)
            self._update_count()

    def _fill_layers(self) -> None:
        current = self.layer_combo.currentData()
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        for lyr in reversed(self.project.layers):
            self.layer_combo.addItem(f"{lyr.name} ({len(lyr):,})", lyr.id)
        i = self.layer_combo.findData(current)
        self.layer_combo.setCurrentIndex(i if i >= 0 else 0)
        self.layer_combo.blockSignals(False)
        if self.layer_combo.currentData() != (
            self.model.layer.id if self.model.layer else None
        ):
            self._layer_chosen()

    def set_layer(self, layer_id: str) -> None:
        i = self.layer_combo.findData(layer_id)
        if i >= 0:
            self.layer_combo.setCurrentIndex(i)
            if self.model.layer is None or self.model.layer.id != layer_id:
                self._layer_chosen()

    def current_layer(self) -> Layer | None:
        return self.model.layer

    def _layer_chosen(self, _i: int | None = None) -> None:
        lid = self.layer_combo.currentData()
        layer = self.project.layer(lid) if lid in self.project else None
        self.model.set_layer(layer, self._filtered_positions(layer))
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._fit_columns()
        self._project_selection_changed()

    def _filtered_positions(self, layer: Layer | None) -> np.ndarray | None:
        if layer is None:
            return None
        if not self.follow.isChecked():
            pos = np.arange(len(layer), dtype=np.int64)
        else:
            pos = self.project.filter.slice_for(layer)
        if self.selected_only.isChecked():
            chosen = self.project.selection.rows_for(layer.id)
            pos = np.intersect1d(pos, chosen, assume_unique=True)
        return pos

    def refresh_rows(self) -> None:
        layer = self.model.layer
        if layer is None:
            return
        self.model.set_positions(self._filtered_positions(layer))
        self._project_selection_changed()

    def _fit_columns(self) -> None:
        fm = self.view.fontMetrics()
        n = min(self.model.rowCount(), 40)
        for c, name in enumerate(self.model.columns):
            w = fm.horizontalAdvance(name) + 28
            for r in range(n):
                w = max(w, fm.horizontalAdvance(self.model.text(r, c)) + 14)
            self.view.setColumnWidth(c, min(w, 320))

    def _update_count(self) -> None:
        layer = self.model.layer
        if layer is None:
            self.count_label.setText(translate("Table", "No layer"))
            return
        shown = self.model.rowCount()
        sel = len(self.project.selection.rows_for(layer.id))
        text = translate("Table", "{shown:,} of {n:,} rows").format(
            shown=shown, n=len(layer)
        )
        if shown != len(layer):
            text += translate("Table", " (filtered)")
        if sel:
            text += translate("Table", "; {sel:,} selected").format(sel=sel)
            if self._partial:
                text += translate(
                    "Table",
                    " (the first {runs:,} groups are highlighted; "
                    "tick Selected only to list them all)",
                ).format(runs=MAX_SELECTION_RUNS)
        self.count_label.setText(text)

    # -- sorting in a job --------------------------------------------------------
    def _sort_in_job(self, column: int, order) -> None:
        name = self.model.columns[column]
        layer = self.model.layer
        series = self.model.series(name)
        if self.jobs is None:
            self.model.apply_sort(name, order)
            return

        rows = len(layer)  # a layer that grew meanwhile is sorted again

        def done(result: np.ndarray, layer_id=layer.id, n=rows) -> None:
            lyr = self.model.layer
            if lyr is not None and lyr.id == layer_id and len(lyr) == n:
                self.model.set_order(name, result)
                self.model.apply_sort(name, order)
                self._project_selection_changed()

        self.jobs.submit(
            f"table-sort:{layer.id}",
            _sort_job,
            series,
            on_done=done,
            job_title=translate("Table", "Sorting {name} by {v1}").format(
                name=layer.name, v1=name
            ),
        )

    # -- selection ------------------------------------------------------------------
    def selected_table_rows(self) -> np.ndarray:
        """Table rows selected (shaded rows when the selection is big)."""
        parts = [
            np.arange(r.top(), r.bottom() + 1, dtype=np.int64)
            for r in self.view.selectionModel().selection()
        ]
        if parts:
            return sorted_unique(np.concatenate(parts))
        if self.model.shaded is not None:
            return np.flatnonzero(self.model.shaded[self.model.row_positions()])
        return np.zeros(0, dtype=np.int64)

    def select_all_shown(self) -> None:
        """Select every row the table shows (Ctrl+A)."""
        if self.model.layer is not None:
            self.project.selection.set(self.model.layer.id, self.model.positions)

    def selected_positions(self) -> np.ndarray:
        """Layer row positions of the selected table rows, in display order."""
        return self.model.row_positions(self.selected_table_rows())

    def _view_selection_changed(self, *_args) -> None:
        if self._syncing or self.model.layer is None:
            return
        rows = self.selected_positions()
        big = len(rows) > BIG_SELECTION_ROWS
        self._syncing = True
        try:
            self.project.selection.set(self.model.layer.id, rows)
        finally:
            self._syncing = False
        if big:  # hand a big selection over to shading (see BIG_SELECTION_ROWS)
            self._project_selection_changed()
        else:
            self.model.set_shaded(None)
        self._update_count()

    def _project_selection_changed(self) -> None:
        if self._syncing:
            return
        layer = self.model.layer
        sm = self.view.selectionModel()
        if layer is None:
            return
        wanted = self.project.selection.rows_for(layer.id)
        if self.selected_only.isChecked():
            self.model.set_positions(self._filtered_positions(layer))
        rows = self.model.table_rows(wanted)
        big = len(rows) > BIG_SELECTION_ROWS
        if not big and self.model.shaded is None:
            current = np.sort(self.selected_positions())
            if np.array_equal(np.sort(wanted), current):
                self._update_count()
                return
        sel = QItemSelection()
        self._partial = False
        if big:
            mask = np.zeros(len(layer), dtype=bool)
            mask[wanted] = True
            self.model.set_shaded(mask)
        else:
            self.model.set_shaded(None)
            if len(rows):
                breaks = np.flatnonzero(np.diff(rows) != 1)
                starts = np.r_[rows[0], rows[breaks + 1]]
                ends = np.r_[rows[breaks], rows[-1]]
                self._partial = len(starts) > MAX_SELECTION_RUNS
                last_col = max(self.model.columnCount() - 1, 0)
                for a, b in list(zip(starts, ends, strict=True))[:MAX_SELECTION_RUNS]:
                    sel.select(
                        self.model.index(int(a), 0), self.model.index(int(b), last_col)
                    )
        self._syncing = True
        try:
            sm.select(
                sel,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._syncing = False
        if len(rows):
            self.view.scrollTo(
                self.model.index(int(rows[0]), 0),
                QAbstractItemView.ScrollHint.PositionAtTop,
            )
        self._update_count()

    def zoom_to_selection(self) -> None:
        layer = self.model.layer
        if layer is None:
            return
        rows = self.project.selection.rows_for(layer.id)
        if not len(rows):
            return
        b = layer.frame.geometry.iloc[rows].total_bounds
        pad = max(b[2] - b[0], b[3] - b[1], 200.0) * 0.1
        self.project.request_zoom((b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad))

    # -- copy and export -------------------------------------------------------------
    def rows_as_text(self, table_rows: np.ndarray) -> list[list[str]]:
        return [
            [self.model.text(int(r), c) for c in range(self.model.columnCount())]
            for r in table_rows
        ]

    def copy_selection(self) -> str:
        rows = self.selected_table_rows()[:MAX_COPY_ROWS]
        if not len(rows) or self.model.layer is None:
            return ""
        lines = ["\t".join(self.model.columns)]
        lines += [
            "\t".join(v.replace("\t", " ").replace("\n", " ") for v in row)
            for row in self.rows_as_text(rows)
        ]
        text = "\n".join(lines) + "\n"
        QApplication.clipboard().setText(text)
        return text

    def export_csv(self, path: str | Path, selected_only: bool = True) -> int:
        """Write the selected rows (or all shown rows) to CSV, formulas neutralised."""
        rows = self.selected_table_rows() if selected_only else np.zeros(0, np.int64)
        if not len(rows):
            rows = np.arange(self.model.rowCount(), dtype=np.int64)
        chunks = (
            row
            for start in range(0, len(rows), 50_000)
            for row in self.rows_as_text(rows[start : start + 50_000])
        )
        write_rows(path, self.model.columns, chunks)
        return len(rows)

    def _export_dialog(self) -> None:
        layer = self.model.layer
        if layer is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("Table", "Export rows as CSV"),
            f"{layer.name}.csv",
            translate("Table", "CSV (*.csv)"),
        )
        if path:
            self.export_csv(path)


def _sort_job(series: pd.Series, progress=None) -> np.ndarray:
    if progress is not None:
        progress.update(0.1, "sorting")
    return sort_order(series)
