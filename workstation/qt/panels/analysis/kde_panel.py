"""Kernel density: a density surface of the filtered events as a raster result layer."""

from __future__ import annotations

import dataclasses
import html
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QFormLayout, QPushButton

from layers.kinds import LayerKind
from layers.layer import Layer
from workstation.qt.i18n import translate
from workstation.qt.panels.analysis._base import double_spin
from workstation.qt.panels.analysis._point_inputs import (
    EventPanel,
    EventSnapshot,
    method_html,
)

JOB_KEY = "kde"


def compute_kde(snap: EventSnapshot, params: dict[str, Any], progress=None) -> Any:
    """Worker: the KDE of a snapshot (no Qt), with the study-area mask if any."""
    from workstation.analysis.hotspots import cells_within
    from workstation.analysis.kde import kde_surface

    result = kde_surface(
        snap.x,
        snap.y,
        bandwidth_m=params["bandwidth_m"],
        cell_m=params["cell_m"],
        kernel=params["kernel"],
        weights=snap.weights,
        crs=snap.crs,
        progress=progress,
    )
    if snap.study_area is not None:
        mask = cells_within(result.grid, snap.study_area)
        result = dataclasses.replace(result, mask=mask)
    return result


class Panel(EventPanel):
    TITLE = QT_TRANSLATE_NOOP("Panels", "Kernel density (KDE)")
    MENU = "Analysis"
    INTRO = QT_TRANSLATE_NOOP(
        "Panels",
        "Density of the filtered events per km² (quartic kernel by default). The bandwidth matters most: larger smooths, smaller fragments.",
    )
    JOB_TITLE = QT_TRANSLATE_NOOP("Panels", "Kernel density")
    EXPORT_DIALOG = (
        QT_TRANSLATE_NOOP("Panels", "Export density surface"),
        "density.tif",
        QT_TRANSLATE_NOOP("Panels", "GeoTIFF (*.tif)"),
    )

    def add_parameters(self, form: QFormLayout) -> None:
        self.bandwidth = double_spin(10, 20_000, 400, decimals=0, step=50, suffix=" m")
        self.bandwidth.setToolTip(
            translate("KdePanel", "Search radius (standard deviation for Gaussian)")
        )
        form.addRow(translate("KdePanel", "Bandwidth"), self.bandwidth)
        self.cell = double_spin(5, 5_000, 50, decimals=0, step=10, suffix=" m")
        form.addRow(translate("KdePanel", "Cell size"), self.cell)
        self.kernel = QComboBox()
        for key, text in (
            ("quartic", translate("KdePanel", "Quartic (biweight)")),
            ("gaussian", translate("KdePanel", "Gaussian")),
            ("triangular", translate("KdePanel", "Triangular")),
            ("uniform", translate("KdePanel", "Uniform (disc)")),
        ):
            self.kernel.addItem(text, key)
        form.addRow(translate("KdePanel", "Kernel"), self.kernel)

    def result_buttons(self) -> list[QPushButton]:
        self.export_button = QPushButton(translate("KdePanel", "Export GeoTIFF…"))
        self.export_button.clicked.connect(self.export_dialog)
        return [self.export_button]

    def parameters(self) -> dict[str, Any]:
        return {
            "bandwidth_m": float(self.bandwidth.value()),
            "cell_m": float(self.cell.value()),
            "kernel": str(self.kernel.currentData()),
            "harm": self.inputs.harm.isChecked(),
        }

    def run(self) -> None:
        snap = self.take_snapshot()
        if snap is not None:
            self.submit_snapshot(
                JOB_KEY,
                translate("KdePanel", "Estimating density of {n:,} events…").format(
                    n=snap.n
                ),
                compute_kde,
                snap,
                self.parameters(),
            )

    def show_result(self, result) -> None:
        snap = self._snapshot
        self.result = result
        layer = result_layer(result, snap)
        self.replace_result_layer(layer)
        self.project.record(
            "kernel density",
            layer.provenance["params"],
            inputs=[self.project.layer(snap.layer_id)],
        )
        self.stale.mark_fresh()
        g = result.grid
        self.summary.setText(
            translate(
                "KdePanel",
                "<b>{n_events:,} events</b> ({v1}); {nx} × {ny} cells of {cell_m:g} m; peak <b>{peak:,.1f} {v6}</b>.",
            ).format(
                n_events=result.n_events,
                v1=html.escape(snap.filter_text()),
                nx=g.nx,
                ny=g.ny,
                cell_m=g.cell_m,
                peak=result.peak,
                v6=html.escape(result.units),
            )
        )
        self.run_bar.status.setText(
            translate("KdePanel", "Density surface added to the map.")
        )
        self.note.setHtml(
            method_html(result.method_note, [*snap.warnings, *result.warnings])
        )
        self.export_button.setEnabled(True)

    def export_to(self, path: str | Path) -> Path:
        from workstation.analysis.raster import write_geotiff

        if self.result is None:
            raise ValueError(translate("KdePanel", "run the analysis first"))
        return write_geotiff(self.result, path)


def result_layer(result, snap: EventSnapshot) -> Layer:
    """A RESULT layer holding the surface as an array, styled as a raster."""
    from workstation.analysis.harm import HARM_SOURCE

    density = np.asarray(result.density, dtype=np.float32)
    if result.mask is not None:
        density = np.where(result.mask, density, np.float32(np.nan))
    note = result.method_note
    if snap.weights is not None:
        note += " " + HARM_SOURCE
    prov = result.provenance([snap.layer_id])
    prov.update(
        {
            "grid": result.grid.to_dict(),
            "method_note": note,
            "units": result.units,
            "filter": snap.filter_state.to_dict(),
            "study_area_layer": snap.study_area_id,
        }
    )
    weighted = ", harm" if snap.weights is not None else ""
    name = f"KDE {snap.layer_name} ({result.bandwidth_m:g} m{weighted})"
    frame = gpd.GeoDataFrame(geometry=gpd.GeoSeries([], crs=result.grid.crs))
    return Layer(
        name,
        LayerKind.RESULT,
        frame,
        provenance=prov,
        style={
            "mode": "raster",
            "opacity": 0.8,
            "raster": {"array": "density", "ramp": "YlOrRd", "vmin": 0, "vmax": None},
        },
        arrays={"density": density},
    )
