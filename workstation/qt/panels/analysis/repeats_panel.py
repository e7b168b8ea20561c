"""Repeats: places (or callers) that keep coming back, in the filter's window."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QPushButton,
    QWidget,
)

from layers.project import Project
from workstation.qt.i18n import translate, vocab
from workstation.qt.panels.analysis._base import (
    DataFrameModel,
    ResultPanel,
    double_spin,
    fill_layer_combo,
    int_spin,
    table_view,
)
from workstation.qt.panels.analysis._point_inputs import method_html

JOB_KEY = "repeats"
SHOWN = [
    "rank",
    "location",
    "events",
    "repeats_within_days",
    "first",
    "last",
    "months",
    "categories",
]


def compute_repeats(layer, rows: np.ndarray, params: dict[str, Any], progress=None):
    """Worker (no Qt): the repeat places of the selected events."""
    from workstation.analysis.repeat import repeat_places

    return repeat_places(layer, rows=rows, **params)


class Panel(ResultPanel):
    TITLE = QT_TRANSLATE_NOOP("Panels", "Repeats")
    MENU = "Analysis"
    INTRO = QT_TRANSLATE_NOOP(
        "Panels",
        "Places that keep coming back in the filter's time window: the same point (police.uk: the same snapped 'On or near' point, months are enough), with first and last month and the categories. For dated calls, also repeats within a number of days of the previous call at the place or from the same caller. A count, not a risk: there is no significance test.",
    )
    RUN_TEXT = QT_TRANSLATE_NOOP("Panels", "Find repeats")
    EXPORT_DIALOG = (
        QT_TRANSLATE_NOOP("Panels", "Export repeats"),
        "repeats.csv",
        QT_TRANSLATE_NOOP("Panels", "CSV (*.csv)"),
    )

    def __init__(self, project: Project, jobs, parent: QWidget | None = None) -> None:
        super().__init__(project, jobs, parent)
        self.view.clicked.connect(lambda idx: self.show_place(idx.row()))
        self.layer_combo.currentIndexChanged.connect(lambda _i: self._layer_changed())
        project.layer_added.connect(lambda _l: self.refill())
        project.layer_removed.connect(lambda _i: self.refill())
        self.refill()

    def build_inputs(self) -> QFormLayout:
        form = QFormLayout()
        self.layer_combo = QComboBox()
        form.addRow(translate("RepeatsPanel", "Events"), self.layer_combo)
        self.by_combo = QComboBox()
        form.addRow(translate("RepeatsPanel", "Same"), self.by_combo)
        self.within = double_spin(1, 1000, 1, decimals=0, step=5, suffix=" m")
        self.within.setToolTip(
            translate(
                "RepeatsPanel", "points on the same square of this size are one place"
            )
        )
        form.addRow(translate("RepeatsPanel", "Place size"), self.within)
        self.use_days = QCheckBox(translate("RepeatsPanel", "Repeats within"))
        self.days = double_spin(
            1, 365, 7, decimals=0, step=1, suffix=translate("RepeatsPanel", " days")
        )
        form.addRow(self.use_days, self.days)
        self.min_events = int_spin(
            2, 1000, 2, suffix=translate("RepeatsPanel", " events")
        )
        form.addRow(translate("RepeatsPanel", "Smallest place"), self.min_events)
        return form

    def result_tabs(self) -> list[tuple[QWidget, str]]:
        self.model = DataFrameModel()
        self.view = table_view(self.model)
        return [(self.view, translate("RepeatsPanel", "Repeat places"))]

    def result_buttons(self) -> list[QPushButton]:
        self.export_button = QPushButton(translate("RepeatsPanel", "Export CSV…"))
        self.export_button.clicked.connect(self.export_dialog)
        return [self.export_button]

    # -- inputs ----------------------------------------------------------------
    def refill(self) -> None:
        def label(lyr) -> str:
            note = (
                translate("RepeatsPanel", " - months only")
                if lyr.time_precision == "month"
                else ""
            )
            return f"{lyr.name} ({vocab(lyr.kind.label)}{note})"

        fill_layer_combo(self.layer_combo, self.project, label)
        self.run_bar.run_button.setEnabled(self.layer_combo.count() > 0)
        self._layer_changed()

    def _layer(self):
        lid = self.layer_combo.currentData()
        return None if lid is None else self.project.layer(lid)

    def _layer_changed(self) -> None:
        """Days only for dated layers; callers only where a caller column exists."""
        layer = self._layer()
        dated = layer is not None and layer.time_precision != "month"
        self.use_days.setEnabled(dated)
        self.days.setEnabled(dated)
        if not dated:
            self.use_days.setChecked(False)
        self.by_combo.clear()
        self.by_combo.addItem(translate("RepeatsPanel", "place"), "location")
        if layer is not None and dated:
            for col in layer.frame.columns:
                if "caller" in str(col).lower() and layer.frame[col].nunique() > 2:
                    self.by_combo.addItem(
                        translate("RepeatsPanel", "caller ({col})").format(col=col),
                        str(col),
                    )

    def parameters(self) -> dict[str, Any]:
        return {
            "key": self.by_combo.currentData() or "location",
            "round_m": float(self.within.value()),
            "days": float(self.days.value()) if self.use_days.isChecked() else None,
            "min_events": int(self.min_events.value()),
        }

    # -- running ---------------------------------------------------------------
    def run(self) -> None:
        layer = self._layer()
        if layer is None:
            self.refuse(translate("RepeatsPanel", "add a crime or calls layer first"))
            return
        rows = self.project.filter.slice_for(layer, self.project.filter.state)
        if len(rows) < 2:
            self.refuse(
                translate("RepeatsPanel", "fewer than 2 events pass the filter")
            )
            return
        self._layer_name = layer.name
        self.submit(
            f"{JOB_KEY}:{layer.id}",
            translate("RepeatsPanel", "Repeats among {v0:,} events…").format(
                v0=len(rows)
            ),
            compute_repeats,
            layer,
            np.asarray(rows),
            self.parameters(),
        )

    def show_result(self, result) -> None:
        self.result = result
        self.stale.mark_fresh()
        shown = [c for c in SHOWN if c != "repeats_within_days" or result.days]
        if result.key != "location":
            shown.insert(1, "caller")
        self.model.set_frame(result.table[shown])
        s = result.summary()
        self.summary.setText(
            translate(
                "RepeatsPanel",
                "<b>{v0:,}</b> places with {v1}+ events hold {n_in_repeats:,} of {n_events:,} events of {v4}. Click a place to show it on the map.",
            ).format(
                v0=s["repeat_places"],
                v1=result.params["min_events"],
                n_in_repeats=result.n_in_repeats,
                n_events=result.n_events,
                v4=html.escape(self._layer_name),
            )
        )
        self.note.setHtml(method_html(result.method_note, list(result.warnings)))
        self.export_button.setEnabled(True)
        self.project.record("repeats", result.params)
        self.run_bar.status.setText(translate("RepeatsPanel", "Repeats ready."))

    def show_place(self, row: int) -> None:
        """Zoom the map to the place."""
        if self.result is None or not 0 <= row < len(self.result.table):
            return
        r = self.result.table.iloc[row]
        b = [float(r[c]) for c in ("xmin", "ymin", "xmax", "ymax")]
        if all(np.isfinite(b)) and hasattr(self.project, "request_zoom"):
            pad = max(b[2] - b[0], b[3] - b[1], 300.0)
            self.project.request_zoom((b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad))

    def export_to(self, path: str | Path) -> Path:
        if self.result is None:
            raise ValueError(translate("RepeatsPanel", "find the repeats first"))
        return self.result.to_csv(path)
