"""Emerging hot spots: ArcGIS's 17 space-time patterns of the filtered events."""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QWidget,
)

from layers.kinds import LayerKind
from layers.layer import Layer
from workstation.qt.i18n import date_text, translate
from workstation.qt.panels.analysis._base import (
    DataFrameModel,
    double_spin,
    int_spin,
    table_view,
)
from workstation.qt.panels.analysis._point_inputs import EventPanel, method_html

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
        trend_test=params.get("trend_test", "permutation"),
        weights=snap.weights,
        mask=mask,
        tz=tz,
        progress=progress,
    )


class Panel(EventPanel):
    TITLE = QT_TRANSLATE_NOOP("Panels", "Emerging hot spots")
    MENU = "Analysis"
    INTRO = QT_TRANSLATE_NOOP(
        "Panels",
        "Where clustering is new, growing, fading or coming and going: Gi* for every cell and time step, a Mann-Kendall trend per cell (permutation test by default), and ArcGIS's 17 emerging hot spot patterns. Uses the events inside the project's filter.",
    )

    def add_parameters(self, form: QFormLayout) -> None:
        self.cell = double_spin(25, 10_000, 250, decimals=0, step=50, suffix=" m")
        form.addRow(translate("EmergingPanel", "Cell size"), self.cell)
        self.step = QComboBox()
        self.step.addItem(
            translate(
                "EmergingPanel", "Automatic (month for police.uk data, else week)"
            ),
            "auto",
        )
        self.step.addItem(translate("EmergingPanel", "Month"), "month")
        self.step.addItem(translate("EmergingPanel", "Week (Monday to Sunday)"), "week")
        self.step.addItem(translate("EmergingPanel", "Day"), "day")
        form.addRow(translate("EmergingPanel", "Time step"), self.step)
        self.k = int_spin(
            0, 6, 1, suffix=translate("EmergingPanel", " step(s) either side")
        )
        form.addRow(translate("EmergingPanel", "Time neighbourhood"), self.k)
        self.alpha = double_spin(0.01, 0.2, 0.10, decimals=2, step=0.01)
        self.alpha.setToolTip(
            translate("EmergingPanel", "0.10 = 90 % confidence, as ArcGIS")
        )
        form.addRow(translate("EmergingPanel", "Bin significance"), self.alpha)
        self.fdr = QCheckBox(
            translate("EmergingPanel", "Correct bins for multiple testing (FDR)")
        )
        self.fdr.setChecked(True)
        form.addRow("", self.fdr)
        self.trend_alpha = double_spin(0.01, 0.2, 0.05, decimals=2)
        form.addRow(translate("EmergingPanel", "Trend significance"), self.trend_alpha)
        self.trend_test = QComboBox()
        self.trend_test.addItem(
            translate("EmergingPanel", "Permutation (holds 5 % on data with no trend)"),
            "permutation",
        )
        self.trend_test.addItem(
            translate("EmergingPanel", "Mann-Kendall on each cell's counts"),
            "counts_mk",
        )
        self.trend_test.addItem(
            translate(
                "EmergingPanel", "ArcGIS-compatible (about 20 % false trends at 5 %)"
            ),
            "arcgis_gi_mk",
        )
        form.addRow(translate("EmergingPanel", "Trend test"), self.trend_test)

    def result_tabs(self) -> list[tuple[QWidget, str]]:
        self.patterns_model = DataFrameModel()
        return [
            (table_view(self.patterns_model), translate("EmergingPanel", "Patterns"))
        ]

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
            "trend_test": str(self.trend_test.currentData()),
            "harm": self.inputs.harm.isChecked(),
        }

    def run(self) -> None:
        snap = self.take_snapshot()
        if snap is None:
            return
        layer = self.project.layer(snap.layer_id)
        params = self.parameters(layer)
        if layer.time_precision == "month" and params["step"] != "month":
            self.refuse(
                translate(
                    "EmergingPanel",
                    "police.uk data are monthly: choose a month time step",
                )
            )
            return
        rows = self.project.filter.slice_for(layer, snap.filter_state)
        times = layer.times_ns[rows].copy()
        self._params = params
        self.submit_snapshot(
            JOB_KEY,
            translate("EmergingPanel", "Emerging hot spots of {n:,} events…").format(
                n=snap.n
            ),
            compute_emerging,
            snap,
            times,
            layer.timezone,
            params,
        )

    def show_result(self, result) -> None:
        snap = self._snapshot
        self.result = result
        warnings = [*snap.warnings, *result.warnings]
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
                "fill_opacity": 0.8,
                "outline": "#00000000",
            },
        )
        self.replace_result_layer(layer)
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
            translate(
                "EmergingPanel",
                "<b>{emerging:,}</b> new, consecutive or intensifying hot spot cells of {v1:,} over {n_steps} {step}s ({first} to {last}); {n:,} events, {v7}.",
            ).format(
                emerging=emerging,
                v1=len(result.cell_ids),
                n_steps=result.n_steps,
                step=translate("Timeline", result.step),
                first=date_text(result.step_starts[0], "MMM yyyy"),
                last=date_text(result.step_starts[-1]),
                n=snap.n,
                v7=html.escape(snap.filter_text()),
            )
        )
        self.note.setHtml(method_html(result.method_note, warnings))
        self.run_bar.status.setText(
            translate("EmergingPanel", "Emerging hot spot cells added to the map.")
        )
