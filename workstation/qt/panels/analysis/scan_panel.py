"""Horizon scan: a ranked list of what is rising; clicking an item shows it on the map."""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from layers.filtering import TimeWindow
from layers.kinds import LayerKind
from layers.project import Project
from workstation.analysis.results import frozen_params
from workstation.qt.i18n import translate
from workstation.qt.panels.analysis._base import (
    DataFrameModel,
    ResultPanel,
    double_spin,
    int_spin,
    table_view,
    wrapped_label,
)
from workstation.qt.panels.analysis._point_inputs import method_html

JOB_KEY = "scan"
SHOWN = ["rank", "message", "area_type", "observed", "expected", "p_fdr", "harm_excess"]
CHAIN_SHOWN = ["rank", "message", "category", "observed", "harm_weight"]
#: header text where the column name alone would not say the unit
HEADERS = {
    "harm_excess": QT_TRANSLATE_NOOP("ScanPanel", "harm excess (days)"),
    "harm_weight": QT_TRANSLATE_NOOP("ScanPanel", "harm weight (days)"),
}


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
            if role == Qt.ToolTipRole and self.notes.get(col):
                return self.notes[col]
            if role == Qt.DisplayRole and col in HEADERS:
                return translate("ScanPanel", HEADERS[col])
        return super().headerData(section, orientation, role)


#: rows of the watch list shown (and kept in the project file)
WATCH_ROWS = 100
#: What "harm excess" means when the result does not describe its own columns.
HARM_EXCESS_FALLBACK = QT_TRANSLATE_NOOP(
    "ScanPanel",
    "Harm excess, in crime harm days (days of custody equivalent per offence, "
    "CCHI-style; see resources/lookups/harm_weights.md): the events above "
    "expectation weighted by their category's harm; for near-repeat clusters, "
    "the harm of the cluster's events.",
)


def compute_scan(events: list, areas: list, params: dict[str, Any], progress=None):
    """Worker (no Qt). Layers are read-only, so they are passed as they are."""
    from workstation.analysis.scan import horizon_scan

    return horizon_scan(events, areas=areas, progress=progress, **params)


class Panel(ResultPanel):
    TITLE = QT_TRANSLATE_NOOP("Panels", "Horizon scan")
    MENU = "Analysis"
    INTRO = QT_TRANSLATE_NOOP(
        "Panels",
        "What is rising, where, how sure and how harmful: every category in every area (the whole area, the ticked boundaries, grid cells), latest period against its own history, false discovery rate controlled, ranked by harm. The scan uses each layer's whole history, not the filter's window. Click an item to show it on the map.",
    )
    RUN_TEXT = QT_TRANSLATE_NOOP("Panels", "Scan")
    STALE = False
    #: the shape of the item the user clicked (shapely, working CRS), or None
    outline_requested = Signal(object)
    #: the layer of the clicked item became the one to look at (layer id)
    layer_requested = Signal(str)

    def __init__(self, project: Project, jobs, parent: QWidget | None = None) -> None:
        self._items = pd.DataFrame()
        self._chains = pd.DataFrame()
        super().__init__(project, jobs, parent)
        self._key = JOB_KEY
        self._current: pd.Series | None = None
        self.view.clicked.connect(lambda idx: self.show_item(idx.row()))
        project.layer_added.connect(lambda _l: self.refill())
        project.layer_removed.connect(lambda _i: self.refill())
        self.refill()

    def build_inputs(self) -> QFormLayout:
        form = QFormLayout()
        self.events_list = QListWidget()
        self.events_list.setMaximumHeight(80)
        form.addRow(translate("ScanPanel", "Events"), self.events_list)
        self.areas_list = QListWidget()
        self.areas_list.setMaximumHeight(80)
        form.addRow(translate("ScanPanel", "Areas"), self.areas_list)
        self.cell = double_spin(0, 10_000, 500, decimals=0, step=100, suffix=" m")
        self.cell.setSpecialValueText(translate("ScanPanel", "no grid"))
        form.addRow(translate("ScanPanel", "Grid cells"), self.cell)
        self.fdr = double_spin(0.001, 0.5, 0.05, decimals=3, step=0.01)
        form.addRow(translate("ScanPanel", "False discovery rate"), self.fdr)
        self.min_count = int_spin(1, 1000, 5, suffix=translate("ScanPanel", " events"))
        form.addRow(translate("ScanPanel", "Smallest item"), self.min_count)
        self.emerging = QCheckBox(translate("ScanPanel", "Emerging hot spots"))
        self.emerging.setChecked(True)
        self.near_repeat = QCheckBox(
            translate("ScanPanel", "New near-repeat clusters (dated layers)")
        )
        self.near_repeat.setChecked(True)
        form.addRow(translate("ScanPanel", "Also"), self.emerging)
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
        rising = QWidget()
        lay = QVBoxLayout(rising)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view, 1)
        self.harm_note = wrapped_label(translate("ScanPanel", HARM_EXCESS_FALLBACK))
        self.harm_note.setStyleSheet("color: #444;")
        lay.addWidget(self.harm_note)
        return [
            (rising, translate("ScanPanel", "Rising significantly")),
            (self._watch_view, translate("ScanPanel", "Watch list")),
            (
                self.chain_view,
                translate("ScanPanel", "Near-repeat chains (not tested)"),
            ),
        ]

    def result_buttons(self) -> list[QPushButton]:
        self.filter_button = QPushButton(translate("ScanPanel", "Filter to this"))
        self.filter_button.setToolTip(
            translate(
                "ScanPanel",
                "Set the shared filter to the clicked item's area, category and period",
            )
        )
        self.filter_button.clicked.connect(self.filter_to_item)
        self.html_button = QPushButton(translate("ScanPanel", "Export report…"))
        self.csv_button = QPushButton(translate("ScanPanel", "Export CSV…"))
        self.html_button.clicked.connect(lambda: self._export("html"))
        self.csv_button.clicked.connect(lambda: self._export("csv"))
        return [self.filter_button, self.html_button, self.csv_button]

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
            self.refuse(
                translate("ScanPanel", "tick at least one crime or calls layer")
            )
            return
        areas = self._ticked(self.areas_list)
        self.submit(
            JOB_KEY,
            translate("ScanPanel", "Scanning…"),
            compute_scan,
            events,
            areas,
            self.parameters(),
        )

    def show_result(self, result) -> None:
        self._display(result)
        self.project.record("horizon scan", result.params)
        self.run_bar.status.setText(
            translate("ScanPanel", "Scan done. Click an item to show it on the map.")
        )

    def _display(self, result) -> None:
        self.result = result
        sig = result.significant().reset_index(drop=True)
        self._items = sig
        self._chains = result.untested().reset_index(drop=True)
        for m in (self.model, self.watch_model, self.chain_model):
            m.notes = dict(getattr(result, "column_notes", {}))
        self.model.set_frame(sig[SHOWN])
        tested = result.tested()
        watch = tested[~tested["significant"].astype(bool)].head(WATCH_ROWS)
        self.watch_model.set_frame(watch[SHOWN])
        self.chain_model.set_frame(self._chains[CHAIN_SHOWN])
        for view in (self.view, self._watch_view, self.chain_view):
            cols = list(view.model().frame.columns)
            if "message" in cols:  # the sentence is what the analyst reads
                view.horizontalHeader().resizeSection(cols.index("message"), 520)
        self.summary.setText(
            translate(
                "ScanPanel",
                "<b>{n:,}</b> items rising beyond chance of {tests:,} "
                "tests (false discovery rate {fdr:.0%}); "
                "{chains:,} near-repeat chains (no test, listed apart); ",
            ).format(
                n=len(sig),
                tests=result.n_tests,
                fdr=result.params["fdr"],
                chains=len(self._chains),
            )
            + html.escape(
                "; ".join(
                    translate("ScanPanel", "{k}: {a} to {b}").format(
                        k=k, a=a[:10], b=b[:10]
                    )
                    for k, (a, b) in result.periods.items()
                )
            )
        )
        self.note.setHtml(method_html(result.method_note, list(result.warnings)))
        for b in (self.html_button, self.csv_button):
            b.setEnabled(True)
        self.filter_button.setEnabled(False)
        self._current = None
        self.harm_note.setText(harm_excess_definition(result))
        described = column_descriptions(result)
        described.setdefault("harm_excess", self.harm_note.text())
        for model in (self.model, self.watch_model, self.chain_model):
            model.set_descriptions(described)

    # -- work that comes back --------------------------------------------------
    def panel_state(self) -> dict[str, Any]:
        state = super().panel_state()
        state["tables"] = {}  # the result below carries them
        state["ticked"] = [
            lyr.id
            for lyr in self._ticked(self.events_list) + self._ticked(self.areas_list)
        ]
        r = self.result
        if r is not None:
            # what the panel shows (rising items and the watch list's top), not
            # every test: a scan of a force can run to tens of thousands of rows
            t, tested = r.table, r.tested()
            sig = tested["significant"].astype(bool)
            kept = pd.concat([tested[sig], tested[~sig].head(WATCH_ROWS), r.untested()])
            state["result"] = {
                "table": kept.to_json(orient="table", index=False),
                "rows_tested": len(t),
                "n_tests": int(r.n_tests),
                "periods": {k: list(v) for k, v in r.periods.items()},
                "params": frozen_params(r.params),
                "method_note": r.method_note,
                "warnings": list(r.warnings),
            }
        return state

    def restore_panel_state(self, state: dict[str, Any]) -> None:
        from io import StringIO

        from workstation.analysis.scan import ScanResult

        super().restore_panel_state(state)
        ticked = set(state.get("ticked") or [])
        for widget in (self.events_list, self.areas_list):
            for i in range(widget.count()):
                it = widget.item(i)
                on = it.data(Qt.UserRole) in ticked
                it.setCheckState(Qt.Checked if on else Qt.Unchecked)
        saved = state.get("result")
        if not saved:
            return
        table = pd.read_json(StringIO(saved["table"]), orient="table")
        result = ScanResult(
            table=table,
            n_tests=int(saved["n_tests"]),
            periods={k: tuple(v) for k, v in saved["periods"].items()},
            params=dict(saved["params"]),
            method_note=saved.get("method_note", ""),
            warnings=(
                *saved.get("warnings", ()),
                "Restored from the project file: the rising items and the top "
                f"{WATCH_ROWS} of the watch list are kept, not every one of the "
                f"{int(saved.get('rows_tested', len(table))):,} rows tested; scan "
                "again for the full table.",
            ),
        )
        self._display(result)
        self.run_bar.status.setText(
            translate(
                "ScanPanel",
                "Restored from the project file (last scan). Click an item to show it.",
            )
        )

    # -- item -> map -----------------------------------------------------------
    def item_layer(self, item: pd.Series):
        """The project layer an item was counted in (by id when given, else name)."""
        lid = item.get("layer_id") if hasattr(item, "get") else None
        if lid and lid in self.project:
            return self.project.layer(lid)
        return next(
            (lyr for lyr in self.project.layers if lyr.name == item["layer"]), None
        )

    def item_area(self, item: pd.Series):
        """The item's area: a boundary polygon, a grid cell or a cluster's box.

        None for the whole area (no area to filter to).
        """
        if item["area_code"] == "ALL":
            return None
        for lyr in self.project.layers_of(LayerKind.BOUNDARY):
            if lyr.name == item["area_type"] and "area_code" in lyr.frame:
                hit = lyr.frame.index[
                    lyr.frame["area_code"].astype(str) == str(item["area_code"])
                ]
                if len(hit):
                    return lyr.frame.geometry.loc[hit[0]]
        bounds = [float(item[c]) for c in ("xmin", "ymin", "xmax", "ymax")]
        if not all(np.isfinite(bounds)):
            return None
        box = shapely.box(*bounds)
        return box.buffer(50.0) if box.area < 1.0 else box

    def item_window(self, item: pd.Series) -> TimeWindow:
        """The item's period (to the end of its layer's data when open-ended)."""
        start = pd.Timestamp(item["period_start"])
        end = pd.Timestamp(item["period_end"]) if item["period_end"] else None
        if end is None or pd.isna(end):
            layer = self.item_layer(item)
            rng = layer.time_range() if layer is not None else None
            end = (
                rng[1] + pd.Timedelta(seconds=1)
                if rng
                else start + pd.Timedelta(days=28)
            )
        return TimeWindow(start, end)

    def show_item(self, row: int) -> None:
        """Show the item's layer, outline its area and zoom there."""
        if self.result is None or not 0 <= row < len(self._items):
            return
        self._show(self._items.iloc[row])

    def show_chain(self, row: int) -> None:
        """Show a near-repeat chain as :meth:`show_item` shows a tested item."""
        if self.result is None or not 0 <= row < len(self._chains):
            return
        self._show(self._chains.iloc[row])

    def _show(self, item: pd.Series) -> None:
        self._current = item
        layer = self.item_layer(item)
        if layer is not None:
            self.project.set_visible(layer.id, True)
            self.layer_requested.emit(layer.id)
        area = self.item_area(item)
        self.outline_requested.emit(area)
        self.filter_button.setEnabled(True)
        bounds = [float(item[c]) for c in ("xmin", "ymin", "xmax", "ymax")]
        if area is not None:
            bounds = list(area.bounds)
        if all(np.isfinite(bounds)):
            pad = max(bounds[2] - bounds[0], bounds[3] - bounds[1], 200.0) * 0.5
            self.project.request_zoom(
                (bounds[0] - pad, bounds[1] - pad, bounds[2] + pad, bounds[3] + pad)
            )
        # the whole sentence, which the table's column may cut short
        self.run_bar.status.setText(
            translate(
                "ScanPanel",
                "On the map, item {rank}: {message} "
                "(“Filter to this” sets its area, category and period.)",
            ).format(rank=int(item["rank"]), message=item.get("message", ""))
        )

    def filter_to_item(self) -> None:
        """Set the shared filter to the clicked item's area, category and period."""
        item = self._current
        if item is None:
            return
        cat = str(item["category"])
        cats = frozenset([cat]) if cat and cat != "All categories" else None
        state = replace(
            self.project.filter.state,
            window=self.item_window(item),
            categories=cats,
            area=self.item_area(item),
            hours=None,  # the item counts every hour of the week
        )
        self.project.filter.set_state(state)

    # -- export ----------------------------------------------------------------
    def export_to(self, path: str | Path) -> Path:
        if self.result is None:
            raise ValueError(translate("ScanPanel", "run the scan first"))
        path = Path(path)
        if path.suffix.lower() == ".csv":
            return self.result.to_csv(path)
        self.result.to_html(path, marking=self.project.metadata.marking_text)
        return path

    def _export(self, kind: str) -> None:
        name, filt = (
            ("horizon_scan.html", translate("ScanPanel", "HTML report (*.html)"))
            if kind == "html"
            else ("horizon_scan.csv", translate("ScanPanel", "CSV (*.csv)"))
        )
        self.save_dialog(translate("ScanPanel", "Export horizon scan"), name, filt)


def column_descriptions(result: Any) -> dict[str, str]:
    """The column descriptions a scan result carries (attribute or table attrs)."""
    for source in (
        getattr(result, "column_notes", None),
        getattr(result, "column_descriptions", None),
        getattr(getattr(result, "table", None), "attrs", {}).get("descriptions"),
    ):
        if isinstance(source, dict):
            return {str(k): str(v) for k, v in source.items()}
    return {}


def harm_excess_definition(result: Any) -> str:
    """The result's own description of its harm excess column, else ours."""
    for source in (
        getattr(result, "column_notes", None),
        getattr(result, "column_descriptions", None),
        getattr(getattr(result, "table", None), "attrs", {}).get("descriptions"),
    ):
        if isinstance(source, dict) and source.get("harm_excess"):
            text = str(source["harm_excess"])
            if text.lower().startswith("harm"):
                return text
            return translate("ScanPanel", "Harm excess: {text}").format(text=text)
    return translate("ScanPanel", HARM_EXCESS_FALLBACK)
