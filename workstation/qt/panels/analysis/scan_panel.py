"""Horizon scan: a ranked list of what is rising; clicking an item shows it on the map."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from layers.filtering import TimeWindow
from layers.kinds import LayerKind
from layers.project import Project
from workstation.qt.panels.analysis._base import (
    DataFrameModel,
    ResultPanel,
    double_spin,
    int_spin,
    table_view,
)
from workstation.qt.panels.analysis._point_inputs import method_html

JOB_KEY = "scan"
SHOWN = ["rank", "message", "area_type", "observed", "expected", "p_fdr", "harm_excess"]
CHAIN_SHOWN = ["rank", "message", "category", "observed", "harm_weight"]
#: header text where the column name alone would not say the unit
HEADERS = {"harm_excess": "harm excess (days)", "harm_weight": "harm weight (days)"}


class NotedModel(DataFrameModel):
    """A result table whose headers carry the result's column descriptions."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent=parent)
        self.notes: dict[str, str] = {}

    def data(self, index, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.ToolTipRole and index.isValid():
            col = str(self.frame.columns[index.column()])
            if col == "message":  # the whole sentence, however narrow the column
                return str(self.frame.iat[index.row(), index.column()])
        return super().data(index, role)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole) -> Any:
        if orientation == Qt.Horizontal and 0 <= section < len(self.frame.columns):
            col = str(self.frame.columns[section])
            if role == Qt.ToolTipRole:
                return self.notes.get(col)
            if role == Qt.DisplayRole and col in HEADERS:
                return HEADERS[col]
        return super().headerData(section, orientation, role)


def compute_scan(events: list, areas: list, params: dict[str, Any], progress=None):
    """Worker (no Qt). Layers are read-only, so they are passed as they are."""
    from workstation.analysis.scan import horizon_scan

    return horizon_scan(events, areas=areas, progress=progress, **params)


class Panel(ResultPanel):
    TITLE = "Horizon scan"
    MENU = "Analysis"
    INTRO = (
        "What is rising, where, how sure and how harmful: every category in every "
        "area (the whole area, the ticked boundaries, grid cells), latest period "
        "against its own history, false discovery rate controlled, ranked by "
        "harm. The scan uses each layer's whole history, not the filter's window. "
        "Click an item to show it on the map."
    )
    RUN_TEXT = "Scan"
    STALE = False

    def __init__(self, project: Project, jobs, parent: QWidget | None = None) -> None:
        self._items = pd.DataFrame()
        self._chains = pd.DataFrame()
        super().__init__(project, jobs, parent)
        self._key = JOB_KEY
        self.view.clicked.connect(lambda idx: self.show_item(idx.row()))
        project.layer_added.connect(lambda _l: self.refill())
        project.layer_removed.connect(lambda _i: self.refill())
        self.refill()

    def build_inputs(self) -> QFormLayout:
        form = QFormLayout()
        self.events_list = QListWidget()
        self.events_list.setMaximumHeight(80)
        form.addRow("Events", self.events_list)
        self.areas_list = QListWidget()
        self.areas_list.setMaximumHeight(80)
        form.addRow("Areas", self.areas_list)
        self.cell = double_spin(0, 10_000, 500, decimals=0, step=100, suffix=" m")
        self.cell.setSpecialValueText("no grid")
        form.addRow("Grid cells", self.cell)
        self.fdr = double_spin(0.001, 0.5, 0.05, decimals=3, step=0.01)
        form.addRow("False discovery rate", self.fdr)
        self.min_count = int_spin(1, 1000, 5, suffix=" events")
        form.addRow("Smallest item", self.min_count)
        self.emerging = QCheckBox("Emerging hot spots")
        self.emerging.setChecked(True)
        self.near_repeat = QCheckBox("New near-repeat clusters (dated layers)")
        self.near_repeat.setChecked(True)
        form.addRow("Also", self.emerging)
        form.addRow("", self.near_repeat)
        return form

    def result_tabs(self) -> list[tuple[QWidget, str]]:
        self.model = NotedModel()
        self.view = table_view(self.model)
        self.watch_model = NotedModel()
        self.chain_model = NotedModel()
        self.chain_view = table_view(self.chain_model)
        self._watch_view = table_view(self.watch_model)
        self.chain_view.clicked.connect(lambda idx: self.show_chain(idx.row()))
        return [
            (self.view, "Rising significantly"),
            (self._watch_view, "Watch list"),
            (self.chain_view, "Near-repeat chains (not tested)"),
        ]

    def result_buttons(self) -> list[QPushButton]:
        self.html_button = QPushButton("Export report…")
        self.csv_button = QPushButton("Export CSV…")
        self.html_button.clicked.connect(lambda: self._export("html"))
        self.csv_button.clicked.connect(lambda: self._export("csv"))
        return [self.html_button, self.csv_button]

    # -- inputs ----------------------------------------------------------------
    def refill(self) -> None:
        def fill(widget: QListWidget, kinds: tuple[LayerKind, ...]) -> None:
            ticked = {
                widget.item(i).data(Qt.UserRole)
                for i in range(widget.count())
                if widget.item(i).checkState() == Qt.Checked
            }
            known = {widget.item(i).data(Qt.UserRole) for i in range(widget.count())}
            widget.clear()
            for lyr in self.project.layers:
                if lyr.kind in kinds:
                    it = QListWidgetItem(lyr.name)
                    it.setData(Qt.UserRole, lyr.id)
                    it.setFlags(it.flags() | Qt.ItemIsUserCheckable)
                    on = lyr.id in ticked or lyr.id not in known
                    it.setCheckState(Qt.Checked if on else Qt.Unchecked)
                    widget.addItem(it)

        fill(self.events_list, (LayerKind.CRIME, LayerKind.DEMAND))
        fill(self.areas_list, (LayerKind.BOUNDARY,))
        self.run_bar.run_button.setEnabled(self.events_list.count() > 0)

    def _ticked(self, widget: QListWidget) -> list:
        return [
            self.project.layer(widget.item(i).data(Qt.UserRole))
            for i in range(widget.count())
            if widget.item(i).checkState() == Qt.Checked
        ]

    def parameters(self) -> dict[str, Any]:
        return {
            "cell_m": float(self.cell.value()) or None,
            "fdr": float(self.fdr.value()),
            "min_count": int(self.min_count.value()),
            "emerging": self.emerging.isChecked(),
            "near_repeat": self.near_repeat.isChecked(),
        }

    # -- running ---------------------------------------------------------------
    def run(self) -> None:
        events = self._ticked(self.events_list)
        if not events:
            self.refuse("tick at least one crime or calls layer")
            return
        areas = self._ticked(self.areas_list)
        self.submit(
            JOB_KEY, "Scanning…", compute_scan, events, areas, self.parameters()
        )

    def show_result(self, result) -> None:
        self.result = result
        sig = result.significant().reset_index(drop=True)
        self._items = sig
        self._chains = result.untested().reset_index(drop=True)
        for m in (self.model, self.watch_model, self.chain_model):
            m.notes = dict(getattr(result, "column_notes", {}))
        self.model.set_frame(sig[SHOWN])
        tested = result.tested()
        watch = tested[~tested["significant"].astype(bool)].head(100)
        self.watch_model.set_frame(watch[SHOWN])
        self.chain_model.set_frame(self._chains[CHAIN_SHOWN])
        for view in (self.view, self._watch_view, self.chain_view):
            cols = list(view.model().frame.columns)
            if "message" in cols:  # the sentence is what the analyst reads
                view.horizontalHeader().resizeSection(cols.index("message"), 520)
        self.summary.setText(
            f"<b>{len(sig):,}</b> items rising beyond chance of {result.n_tests:,} "
            f"tests (p_fdr at most {result.params['fdr']:g}); "
            f"{len(self._chains):,} near-repeat chains (no test, listed apart); "
            + html.escape(
                "; ".join(
                    f"{k}: {a[:10]} to {b[:10]}" for k, (a, b) in result.periods.items()
                )
            )
        )
        self.note.setHtml(method_html(result.method_note, list(result.warnings)))
        for b in (self.html_button, self.csv_button):
            b.setEnabled(True)
        self.project.record("horizon scan", result.params)
        self.run_bar.status.setText("Scan done. Click an item to show it on the map.")

    # -- item -> map -----------------------------------------------------------
    def show_item(self, row: int) -> None:
        """Set the filter to the item's period and category, and zoom to its area."""
        if self.result is None or not 0 <= row < len(self._items):
            return
        self._show(self._items.iloc[row])

    def show_chain(self, row: int) -> None:
        """Show a near-repeat chain as :meth:`show_item` shows a tested item."""
        if self.result is None or not 0 <= row < len(self._chains):
            return
        self._show(self._chains.iloc[row])

    def _show(self, item: pd.Series) -> None:
        start = pd.Timestamp(item["period_start"])
        end = pd.Timestamp(item["period_end"]) if item["period_end"] else None
        if end is None or pd.isna(end):
            layer = next(
                (lyr for lyr in self.project.layers if lyr.name == item["layer"]), None
            )
            rng = layer.time_range() if layer is not None else None
            end = (
                rng[1] + pd.Timedelta(seconds=1)
                if rng
                else start + pd.Timedelta(days=28)
            )
        self.project.filter.set_window(TimeWindow(start, end))
        cat = str(item["category"])
        if cat and cat != "All categories":
            self.project.filter.set_categories(frozenset([cat]))
        else:
            self.project.filter.set_categories(None)
        bounds = [float(item[c]) for c in ("xmin", "ymin", "xmax", "ymax")]
        if all(np.isfinite(bounds)) and hasattr(self.project, "request_zoom"):
            pad = max(bounds[2] - bounds[0], bounds[3] - bounds[1], 200.0) * 0.5
            self.project.request_zoom(
                (bounds[0] - pad, bounds[1] - pad, bounds[2] + pad, bounds[3] + pad)
            )

    # -- export ----------------------------------------------------------------
    def export_to(self, path: str | Path) -> Path:
        if self.result is None:
            raise ValueError("run the scan first")
        path = Path(path)
        if path.suffix.lower() == ".csv":
            return self.result.to_csv(path)
        self.result.to_html(path, marking=self.project.metadata.marking_text)
        return path

    def _export(self, kind: str) -> None:
        name, filt = (
            ("horizon_scan.html", "HTML report (*.html)")
            if kind == "html"
            else ("horizon_scan.csv", "CSV (*.csv)")
        )
        self.save_dialog("Export horizon scan", name, filt)
