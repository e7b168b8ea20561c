"""Emerging hot spots: ArcGIS's 17 space-time patterns of the filtered events."""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from layers.kinds import LayerKind
from layers.layer import Layer
from layers.project import Project
from workstation.qt.panels.analysis._base import (
    DataFrameModel,
    RunBar,
    StaleNote,
    note_browser,
    table_view,
)
from workstation.qt.panels.analysis._point_inputs import EventInputs, method_html

JOB_KEY = "emerging"


def compute_emerging(
    snap, times_ns: np.ndarray, tz: str, params: dict[str, Any], progress=None
):
    """Worker (no Qt): the emerging hot spot analysis of a snapshot."""
    from workstation.analysis.emerging import emerging_hotspots
    from workstation.analysis.grid import Grid
    from workstation.analysis.hotspots import cells_within

    extent = None
    mask = None
    if snap.study_area is not None:
        extent = tuple(snap.study_area.total_bounds)
        grid = Grid.covering(extent, params["cell_m"], crs=snap.crs)
        mask = cells_within(grid, snap.study_area)
    return emerging_hotspots(
        snap.x,
        snap.y,
        times_ns,
        cell_m=params["cell_m"],
        step=params["step"],
        extent=extent,
        neighbourhood_steps=params["neighbourhood_steps"],
        alpha=params["alpha"],
        fdr=params["fdr"],
        trend_alpha=params["trend_alpha"],
        weights=snap.weights,
        mask=mask,
        tz=tz,
        progress=progress,
    )


class Panel(QWidget):
    TITLE = "Emerging hot spots"
    MENU = "Analysis"

    def __init__(self, project: Project, jobs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.jobs = jobs
        self.result = None
        self.result_layer_id: str | None = None
        self._key: str | None = None
        self._snap = None
        lay = QVBoxLayout(self)
        intro = QLabel(
            "Where clustering is new, growing, fading or coming and going: Gi* for "
            "every cell and time step, a Mann-Kendall trend per cell, and ArcGIS's 17 "
            "emerging hot spot patterns. Uses the events inside the project's filter."
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.inputs = EventInputs(project)
        form = self.inputs.form
        self.cell = QDoubleSpinBox()
        self.cell.setRange(25, 10_000)
        self.cell.setDecimals(0)
        self.cell.setSingleStep(50)
        self.cell.setValue(250)
        self.cell.setSuffix(" m")
        form.addRow("Cell size", self.cell)
        self.step = QComboBox()
        self.step.addItem("Automatic (month for police.uk data, else week)", "auto")
        self.step.addItem("Month", "month")
        self.step.addItem("Week (Monday to Sunday)", "week")
        self.step.addItem("Day", "day")
        form.addRow("Time step", self.step)
        self.k = QSpinBox()
        self.k.setRange(0, 6)
        self.k.setValue(1)
        self.k.setSuffix(" step(s) either side")
        form.addRow("Time neighbourhood", self.k)
        self.alpha = QDoubleSpinBox()
        self.alpha.setRange(0.01, 0.2)
        self.alpha.setDecimals(2)
        self.alpha.setSingleStep(0.01)
        self.alpha.setValue(0.10)
        self.alpha.setToolTip("0.10 = 90 % confidence, as ArcGIS")
        form.addRow("Bin significance", self.alpha)
        self.fdr = QCheckBox("Correct bins for multiple testing (FDR)")
        self.fdr.setChecked(True)
        form.addRow("", self.fdr)
        self.trend_alpha = QDoubleSpinBox()
        self.trend_alpha.setRange(0.01, 0.2)
        self.trend_alpha.setDecimals(2)
        self.trend_alpha.setValue(0.05)
        form.addRow("Trend significance", self.trend_alpha)
        lay.addWidget(self.inputs)
        self.run_bar = RunBar("Run")
        lay.addWidget(self.run_bar)
        lay.addWidget(self.run_bar.status)
        self.stale = StaleNote(project)
        lay.addWidget(self.stale)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.patterns_model = DataFrameModel()
        self.tabs.addTab(table_view(self.patterns_model), "Patterns")
        self.note = note_browser()
        self.tabs.addTab(self.note, "Method")
        lay.addWidget(self.tabs, 1)
        self.run_bar.run_button.clicked.connect(self.run)
        self.run_bar.cancel_button.clicked.connect(self._cancel)
        self.jobs.progressed.connect(self._progress)
        self.inputs.layer_combo.currentIndexChanged.connect(lambda _i: self._enable())
        self._enable()

    def _enable(self) -> None:
        self.run_bar.run_button.setEnabled(self.inputs.layer_combo.count() > 0)

    def _cancel(self) -> None:
        if self._key:
            self.jobs.cancel(self._key)

    def parameters(self, layer: Layer) -> dict[str, Any]:
        step = str(self.step.currentData())
        if step == "auto":
            step = "month" if layer.time_precision == "month" else "week"
        return {
            "cell_m": float(self.cell.value()),
            "step": step,
            "neighbourhood_steps": int(self.k.value()),
            "alpha": float(self.alpha.value()),
            "fdr": self.fdr.isChecked(),
            "trend_alpha": float(self.trend_alpha.value()),
            "harm": self.inputs.harm.isChecked(),
        }

    def run(self) -> None:
        try:
            snap = self.inputs.snapshot()
        except ValueError as exc:
            self.run_bar.status.setText(f"⚠ {exc}")
            return
        layer = self.project.layer(snap.layer_id)
        params = self.parameters(layer)
        if layer.time_precision == "month" and params["step"] != "month":
            self.run_bar.status.setText(
                "⚠ police.uk data are monthly: choose a month time step"
            )
            return
        rows = self.project.filter.slice_for(layer, snap.filter_state)
        times = layer.times_ns[rows].copy()
        self._snap = snap
        self._params = params
        self._key = f"{JOB_KEY}:{snap.layer_id}"
        self.run_bar.busy(True)
        self.run_bar.status.setText(f"Emerging hot spots of {snap.n:,} events…")
        self.jobs.submit(
            self._key,
            compute_emerging,
            snap,
            times,
            layer.timezone,
            params,
            on_done=self._done,
            on_error=self._failed,
            job_title="Emerging hot spots",
        )

    def _progress(self, key: str, fraction: float, message: str) -> None:
        if key == self._key:
            self.run_bar.set_progress(fraction, message)

    def _failed(self, message: str) -> None:
        self.run_bar.busy(False)
        self.run_bar.status.setText(f"⚠ {message}")

    def _done(self, result) -> None:
        self.run_bar.busy(False)
        snap = self._snap
        self.result = result
        warnings = [*snap.warnings, *result.warnings]
        if self.result_layer_id is not None and self.result_layer_id in self.project:
            self.project.remove_layer(self.result_layer_id)
        gdf = result.to_geodataframe()
        prov = result.provenance([snap.layer_id])
        prov.update(
            {
                "warnings": warnings,
                "filter": snap.filter_state.to_dict(),
                "steps": [s.isoformat() for s in result.step_starts],
                "patterns": result.pattern_counts(),
            }
        )
        layer = Layer(
            f"Emerging hot spots {snap.layer_name} ({result.grid.cell_m:g} m, "
            f"{result.step})",
            LayerKind.RESULT,
            gdf,
            provenance=prov,
            style={
                "mode": "classes",
                "classes_column": "pattern",
                "fill_opacity": 0.65,
                "outline": "#00000000",
            },
        )
        self.project.add_layer(layer)
        self.result_layer_id = layer.id
        self.project.record(
            "emerging hot spots",
            prov["params"],
            inputs=[self.project.layer(snap.layer_id)],
        )
        self.stale.mark_fresh()
        counts = result.pattern_counts()
        self.patterns_model.set_frame(
            pd.DataFrame(
                {
                    "pattern": [k.replace("_", " ") for k in counts],
                    "cells": list(counts.values()),
                }
            )
        )
        emerging = sum(
            counts[k]
            for k in ("new_hot_spot", "consecutive_hot_spot", "intensifying_hot_spot")
        )
        self.summary.setText(
            f"<b>{emerging:,}</b> new, consecutive or intensifying hot spot cells of "
            f"{len(result.cell_ids):,} over {result.n_steps} {result.step}s "
            f"({result.step_starts[0]:%b %Y} to {result.step_starts[-1]:%d %b %Y}); "
            f"{snap.n:,} events, {html.escape(snap.filter_text())}."
        )
        self.note.setHtml(method_html(result.method_note, warnings))
        self.run_bar.status.setText("Emerging hot spot cells added to the map.")
