"""Gi* hot spots: hot and cold cells of the filtered events, FDR on by default."""

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

from layers.kinds import LayerKind
from layers.layer import Layer
from layers.project import Project
from workstation.analysis.results import GridResult
from workstation.qt.i18n import translate
from workstation.qt.panels.analysis._base import DataFrameModel, double_spin, table_view
from workstation.qt.panels.analysis._point_inputs import (
    EventPanel,
    EventSnapshot,
    method_html,
)

JOB_KEY = "hotspots"


def compute_hotspots(
    snap: EventSnapshot, params: dict[str, Any], progress=None
) -> tuple[Any, list[str]]:
    """Worker: counts per cell (or area) and Gi* (no Qt). (result, extra warnings)."""
    from layers.progress import SubProgress, check
    from workstation.analysis.grid import Grid, counts_per_polygon
    from workstation.analysis.hotspots import (
        cells_within,
        getis_ord_hotspots,
        getis_ord_polygons,
    )

    check(progress, 0.0, "counting")
    if params.get("unit") == "areas":
        if snap.study_area is None:
            raise ValueError(
                translate(
                    "HotspotPanel",
                    "choose a boundary layer as the study area to use areas",
                )
            )
        if params["neighbourhood"] == "distance":
            raise ValueError(
                translate(
                    "HotspotPanel",
                    "areas use queen or rook contiguity, not a distance band",
                )
            )
        counts = counts_per_polygon(snap.x, snap.y, snap.study_area, snap.weights)
        total = float(snap.weights.sum()) if snap.weights is not None else snap.n
        extra = []
        if counts.sum() < total - 1e-6:
            extra.append(
                translate(
                    "HotspotPanel",
                    "{n:,.0f} event(s) (or harm) fall outside every "
                    "area and are not counted.",
                ).format(n=total - counts.sum())
            )
        if params.get("statistic") == "lisa":
            from workstation.analysis.lisa import local_moran_polygons

            result = local_moran_polygons(
                counts,
                snap.study_area,
                weights=params["neighbourhood"],
                fdr=params["fdr"],
                fdr_on=params["fdr_on"],
                progress=progress,
            )
            return result, extra
        result = getis_ord_polygons(
            counts,
            snap.study_area,
            contiguity=params["neighbourhood"],
            fdr=params["fdr"],
            fdr_on=params["fdr_on"],
            event_counts=None
            if snap.weights is None
            else counts_per_polygon(snap.x, snap.y, snap.study_area),
            progress=SubProgress(progress, 0.3, 1.0) if progress is not None else None,
        )
        return result, extra
    cell = params["cell_m"]
    if snap.study_area is not None:
        bounds = tuple(snap.study_area.total_bounds)
    else:
        bounds = (snap.x.min(), snap.y.min(), snap.x.max(), snap.y.max())
    grid = Grid.covering(bounds, cell, crs=snap.crs)
    mask = cells_within(grid, snap.study_area) if snap.study_area is not None else None
    counts = grid.counts(snap.x, snap.y, weights=snap.weights)
    extra: list[str] = []
    idx = grid.flat_index(snap.x, snap.y)
    lost = int((idx < 0).sum())
    if mask is not None:
        inside = idx >= 0
        lost += int((~mask.reshape(-1)[idx[inside]]).sum())
    if lost:
        extra.append(
            translate(
                "HotspotPanel",
                "{lost:,} event(s) lie outside the study area and are not counted.",
            ).format(lost=lost)
        )
    if params.get("statistic") == "lisa":
        from workstation.analysis.lisa import local_moran_grid

        result = local_moran_grid(
            counts,
            grid,
            neighbourhood=params["neighbourhood"],
            distance_m=params.get("distance_m"),
            mask=mask,
            fdr=params["fdr"],
            fdr_on=params["fdr_on"],
            progress=progress,
        )
        return result, extra
    result = getis_ord_hotspots(
        counts,
        grid,
        neighbourhood=params["neighbourhood"],
        distance_m=params.get("distance_m"),
        fdr=params["fdr"],
        fdr_on=params["fdr_on"],
        mask=mask,
        event_counts=None if snap.weights is None else grid.counts(snap.x, snap.y),
        progress=SubProgress(progress, 0.1, 1.0) if progress is not None else None,
    )
    return result, extra


class Panel(EventPanel):
    TITLE = QT_TRANSLATE_NOOP("Panels", "Hot spots (Gi*)")
    MENU = "Analysis"
    INTRO = QT_TRANSLATE_NOOP(
        "Panels",
        "Getis-Ord Gi* on counts per square cell: where events cluster more (hot) or less (cold) than the study-area average; or Local Moran's I (LISA): clusters of high or low values and outliers. The false discovery rate is controlled.",
    )
    EXPORT_DIALOG = (
        QT_TRANSLATE_NOOP("Panels", "Export hot spot cells"),
        "hotspots.gpkg",
        QT_TRANSLATE_NOOP("Panels", "GeoPackage (*.gpkg)"),
    )

    def __init__(self, project: Project, jobs, parent: QWidget | None = None) -> None:
        super().__init__(project, jobs, parent)
        self._default_to_force_area()
        self.neighbourhood.currentIndexChanged.connect(
            lambda _i: self.distance.setEnabled(
                self.neighbourhood.currentData() == "distance"
            )
        )
        self.fdr_on.toggled.connect(self.fdr.setEnabled)
        self.unit.currentIndexChanged.connect(
            lambda _i: self.cell.setEnabled(self.unit.currentData() == "cells")
        )

    def _default_to_force_area(self) -> None:
        """The project's force boundary is the study area (the lattice) by default."""
        from workstation.analysis.study_area import force_area_layer

        force = force_area_layer(self.project)
        combo = self.inputs.area_combo
        if force is not None and combo.currentData() is None:
            i = combo.findData(force.id)
            if i >= 0:
                combo.setCurrentIndex(i)

    def add_parameters(self, form: QFormLayout) -> None:
        self.statistic = QComboBox()
        self.statistic.addItem(
            translate("HotspotPanel", "Getis-Ord Gi*: hot and cold spots"), "gi"
        )
        self.statistic.addItem(
            translate(
                "HotspotPanel",
                "Local Moran's I (LISA): clusters and outliers, 999 permutations",
            ),
            "lisa",
        )
        form.addRow(translate("HotspotPanel", "Statistic"), self.statistic)
        self.unit = QComboBox()
        self.unit.addItem(translate("HotspotPanel", "Grid cells"), "cells")
        self.unit.addItem(
            translate("HotspotPanel", "Areas of the study-area layer (e.g. LSOAs)"),
            "areas",
        )
        form.addRow(translate("HotspotPanel", "Count by"), self.unit)
        self.cell = double_spin(10, 10_000, 150, decimals=0, step=25, suffix=" m")
        form.addRow(translate("HotspotPanel", "Cell size"), self.cell)
        self.neighbourhood = QComboBox()
        self.neighbourhood.addItem(
            translate("HotspotPanel", "Queen: the cell and its 8 neighbours"), "queen"
        )
        self.neighbourhood.addItem(
            translate("HotspotPanel", "Rook: the cell and its 4 neighbours"), "rook"
        )
        self.neighbourhood.addItem(
            translate("HotspotPanel", "Distance band"), "distance"
        )
        form.addRow(translate("HotspotPanel", "Neighbourhood"), self.neighbourhood)
        self.distance = double_spin(10, 20_000, 450, decimals=0, suffix=" m")
        self.distance.setEnabled(False)
        form.addRow(translate("HotspotPanel", "Distance band"), self.distance)
        self.fdr_on = QCheckBox(
            translate("HotspotPanel", "Correct for many tests (FDR)")
        )
        self.fdr_on.setChecked(True)
        self.fdr_on.setToolTip(
            translate(
                "HotspotPanel",
                "Benjamini–Hochberg false discovery rate. Off: about 10 % of cells "
                "with no real clustering would be flagged at 90 %",
            )
        )
        form.addRow("", self.fdr_on)
        self.fdr = double_spin(0.001, 0.5, 0.05, decimals=3, step=0.01)
        form.addRow(translate("HotspotPanel", "False discovery rate"), self.fdr)

    def result_tabs(self) -> list[tuple[QWidget, str]]:
        self.classes_model = DataFrameModel()
        self.top_model = DataFrameModel()
        return [
            (table_view(self.classes_model), translate("HotspotPanel", "Classes")),
            (table_view(self.top_model), translate("HotspotPanel", "Hottest cells")),
        ]

    def result_buttons(self) -> list[QPushButton]:
        self.export_button = QPushButton(
            translate("HotspotPanel", "Export GeoPackage…")
        )
        self.export_button.clicked.connect(self.export_dialog)
        return [self.export_button]

    def parameters(self) -> dict[str, Any]:
        hood = str(self.neighbourhood.currentData())
        return {
            "statistic": str(self.statistic.currentData()),
            "unit": str(self.unit.currentData()),
            "cell_m": float(self.cell.value()),
            "neighbourhood": hood,
            "distance_m": float(self.distance.value()) if hood == "distance" else None,
            "fdr": float(self.fdr.value()),
            "fdr_on": self.fdr_on.isChecked(),
            "harm": self.inputs.harm.isChecked(),
        }

    def run(self) -> None:
        snap = self.take_snapshot()
        if snap is not None:
            params = self.parameters()
            what = "LISA" if params["statistic"] == "lisa" else "Gi*"
            self.submit_snapshot(
                JOB_KEY,
                translate("HotspotPanel", "{what} on {n:,} events…").format(
                    what=what, n=snap.n
                ),
                compute_hotspots,
                snap,
                params,
            )

    def show_result(self, outcome) -> None:
        import pandas as pd

        result, extra = outcome
        snap = self._snapshot
        self.result = result
        self._warnings = [*snap.warnings, *extra, *result.warnings]
        layer = result_layer(result, snap, self._warnings)
        self.replace_result_layer(layer)
        lisa = result.params.get("statistic") == "lisa"
        self.project.record(
            "local Moran's I (LISA)" if lisa else "hot spots (Gi*)",
            layer.provenance["params"],
            inputs=[self.project.layer(snap.layer_id)],
        )
        self.stale.mark_fresh()
        s = result.summary
        if lisa:
            fdr = (
                translate("HotspotPanel", "FDR-corrected")
                if result.fdr_on
                else translate("HotspotPanel", "NOT corrected for multiple testing")
            )
            unit = (
                translate("HotspotPanel", "cells")
                if isinstance(result, GridResult)
                else translate("HotspotPanel", "areas")
            )
            head = translate(
                "HotspotPanel",
                "<b>{hh:,} high-high</b>, <b>{ll:,} low-low</b>, {out:,} outlier",
            ).format(
                hh=s["high_high"], ll=s["low_low"], out=s["high_low"] + s["low_high"]
            )
            score, cls = "lisa_i", "lisa_class"
            self.summary.setText(
                translate(
                    "HotspotPanel",
                    "{head} {unit} of {v2:,} ({fdr}); {n:,} events, {v5}.",
                ).format(
                    head=head,
                    unit=unit,
                    v2=sum(s.values()),
                    fdr=fdr,
                    n=snap.n,
                    v5=html.escape(snap.filter_text()),
                )
            )
        else:
            score, cls = "gi_z", "hotspot_class"
            self.summary.setText(hotspot_summary(result, snap))
        self.classes_model.set_frame(
            pd.DataFrame({"class": list(s), "cells": list(s.values())})
        )
        gdf = layer.frame
        ids = [c for c in ("cell_id", "area_code", "area_name") if c in gdf]
        top = (
            gdf.drop(columns="geometry")
            .sort_values(score, ascending=False)
            .head(25)[[*ids, "count", score, "p_fdr", cls]]
        )
        self.top_model.set_frame(top)
        self.run_bar.status.setText(
            translate("HotspotPanel", "Hot spot cells added to the map.")
        )
        self.note.setHtml(method_html(layer.provenance["method_note"], self._warnings))
        self.export_button.setEnabled(True)

    def export_to(self, path: str | Path) -> Path:
        from workstation.commands.hotspots import write_gpkg

        if self.result is None:
            raise ValueError(translate("HotspotPanel", "run the analysis first"))
        path = Path(path)
        snap = self._snapshot
        write_gpkg(
            _cells_or_areas(self.result, snap),
            path,
            self.result,
            {
                "layer": snap.layer_name,
                "events": snap.n,
                "filter": snap.filter_text(translated=False),
            },
        )
        return path


def _cells_or_areas(result, snap: EventSnapshot):
    """Every cell in the study area, or every area with its code and name."""
    gdf = result.to_geodataframe()
    if not isinstance(result, GridResult) and snap.study_area_attributes is not None:
        for col in snap.study_area_attributes.columns[::-1]:
            gdf.insert(0, col, snap.study_area_attributes[col].to_numpy())
    return gdf


def result_layer(result, snap: EventSnapshot, warnings: list[str]) -> Layer:
    """Cells with events or a significant class, styled by ``hotspot_class``.

    Empty cells that are not significant are left out of the map layer (they would
    only be drawn faint); the GeoPackage export keeps every cell.
    """
    from workstation.analysis.harm import HARM_SOURCE

    lisa = result.params.get("statistic") == "lisa"
    column = "lisa_class" if lisa else "hotspot_class"
    if isinstance(result, GridResult):
        classes = result.lisa_class if lisa else result.hotspot_class
        keep = (result.counts > 0) | (classes != "not_significant")
        gdf = result.to_geodataframe(only=keep)
        size = f"{result.grid.cell_m:g} m"
    else:
        gdf = _cells_or_areas(result, snap)
        size = "areas"
    note = result.method_note
    if snap.weights is not None:
        note += " Cell values are harm-weighted sums, not counts. " + HARM_SOURCE
    prov = result.provenance([snap.layer_id])
    prov.update(
        {
            "method_note": note,
            "warnings": list(warnings),
            "filter": snap.filter_state.to_dict(),
            "study_area_layer": snap.study_area_id,
            "summary": dict(result.summary),
        }
    )
    weighted = ", harm" if snap.weights is not None else ""
    what = "LISA" if lisa else "Hot spots"
    name = f"{what} {snap.layer_name} ({size}{weighted})"
    return Layer(
        name,
        LayerKind.RESULT,
        gdf,
        provenance=prov,
        style={
            "mode": "classes",
            "classes_column": column,
            "fill_opacity": 0.8,
            "outline": "#666666",
            "outline_width": 0.0,
        },
    )


def hotspot_summary(result, snap) -> str:
    """The panel's summary, with the same figures (and definitions) as the note.

    The classes count a cell as hot at 90 % confidence or more (adjusted p <= 0.10);
    the method note, and so the briefing, counts hot *and* cold cells at the false
    discovery rate chosen (0.05 by default). Both are stated, each with its rule,
    so the panel's figure and the briefing's can be read against each other.
    """
    s = result.summary
    hot = s["hot_99"] + s["hot_95"] + s["hot_90"]
    cold = s["cold_99"] + s["cold_95"] + s["cold_90"]
    unit = (
        translate("HotspotPanel", "cells")
        if isinstance(result, GridResult)
        else translate("HotspotPanel", "areas")
    )
    if result.fdr_on:
        rule = translate("HotspotPanel", "FDR-adjusted p ≤ 0.10")
        p = np.nan_to_num(np.asarray(result.p_fdr, dtype=float), nan=1.0)
        at_q = int(np.sum(p <= float(result.fdr)))
        strict = translate(
            "HotspotPanel",
            " Of these, <b>{at_q:,}</b> (hot or cold) are significant at the false "
            "discovery rate of {fdr:g}, the figure the method note and the "
            "briefing give.",
        ).format(at_q=at_q, fdr=result.fdr)
    else:
        rule = translate(
            "HotspotPanel", "unadjusted p ≤ 0.10, NOT corrected for multiple testing"
        )
        strict = ""
    return translate(
        "HotspotPanel",
        "<b>{hot:,} hot</b> and <b>{cold:,} cold</b> {unit} of "
        "{total:,} at 90 % confidence or more ({rule}); {n:,} "
        "events, {filter}.{strict}",
    ).format(
        hot=hot,
        cold=cold,
        unit=unit,
        total=sum(s.values()),
        rule=rule,
        n=snap.n,
        filter=html.escape(snap.filter_text()),
        strict=strict,
    )
