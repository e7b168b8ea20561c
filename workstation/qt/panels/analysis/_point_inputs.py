"""Inputs shared by the point-pattern panels (KDE, Gi* hot spots, emerging).

The events are the chosen layer's rows inside the project's one filter (time
window, categories, area), snapshotted on the main thread so the worker never
touches the live project.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QWidget

from layers.kinds import LayerKind
from layers.project import Project
from workstation import notes
from workstation.qt.i18n import date_text, translate, vocab
from workstation.qt.panels.analysis._base import ResultPanel


@dataclass
class EventSnapshot:
    """The events an analysis runs on, copied out of the project."""

    layer_id: str
    layer_name: str
    x: np.ndarray
    y: np.ndarray
    weights: np.ndarray | None
    crs: str
    study_area: gpd.GeoSeries | None
    study_area_id: str | None
    filter_state: Any
    warnings: list[str] = field(default_factory=list)
    #: the study-area layer's attributes (area_code, area_name), row for row
    study_area_attributes: Any = None

    @property
    def n(self) -> int:
        return len(self.x)

    def filter_text(self, translated: bool = True) -> str:
        """The filter in words: in the interface language, or English for files."""
        words = {
            "window": QT_TRANSLATE_NOOP(
                "PointInputs", "{start} to {end} (end excluded)"
            ),
            "area": QT_TRANSLATE_NOOP("PointInputs", "inside the drawn area"),
            "none": QT_TRANSLATE_NOOP("PointInputs", "no filter"),
        }
        if translated:
            words = {k: translate("PointInputs", v) for k, v in words.items()}
        st = self.filter_state
        parts = []
        if st.window is not None:
            parts.append(
                words["window"].format(
                    start=date_text(st.window.start)
                    if translated
                    else f"{st.window.start:%d %b %Y}",
                    end=date_text(st.window.end)
                    if translated
                    else f"{st.window.end:%d %b %Y}",
                )
            )
        if st.categories is not None:
            names = sorted(st.categories)
            parts.append(", ".join(vocab(c) if translated else c for c in names))
        if st.area is not None:
            parts.append(words["area"])
        return "; ".join(parts) if parts else words["none"]


class EventInputs(QWidget):
    """Layer, harm weighting and study area, as rows of a form."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.layer_combo = QComboBox()
        self.layer_combo.setToolTip(
            translate("PointInputs", "Events to analyse; the project's filter applies")
        )
        form.addRow(translate("PointInputs", "Events"), self.layer_combo)
        self.area_combo = QComboBox()
        self.area_combo.setToolTip(
            translate(
                "PointInputs",
                "Cells whose centre lies outside these polygons take no part (e.g. the force boundary)",
            )
        )
        form.addRow(translate("PointInputs", "Study area"), self.area_combo)
        self.harm = QCheckBox(
            translate("PointInputs", "Weight by crime harm (CCHI-style days)")
        )
        self.harm.setToolTip(
            translate(
                "PointInputs",
                "Each event counts as its crime type's harm weight (resources/lookups/harm_weights.md)",
            )
        )
        form.addRow("", self.harm)
        self.form = form
        project.layer_added.connect(lambda _l: self.refill())
        project.layer_removed.connect(lambda _i: self.refill())
        self.refill()

    def refill(self) -> None:
        cur_l = self.layer_combo.currentData()
        cur_a = self.area_combo.currentData()
        self.layer_combo.clear()
        self.area_combo.clear()
        self.area_combo.addItem(
            translate("PointInputs", "Whole extent (no boundary)"), None
        )
        for lyr in self.project.layers:
            if lyr.kind in (LayerKind.CRIME, LayerKind.DEMAND):
                self.layer_combo.addItem(
                    f"{lyr.name} ({vocab(lyr.kind.label)})", lyr.id
                )
            elif lyr.kind == LayerKind.BOUNDARY:
                self.area_combo.addItem(lyr.name, lyr.id)
        for combo, cur in ((self.layer_combo, cur_l), (self.area_combo, cur_a)):
            i = combo.findData(cur)
            if i >= 0:
                combo.setCurrentIndex(i)

    def snapshot(self) -> EventSnapshot:
        """The filtered events of the chosen layer (raises ValueError when none)."""
        lid = self.layer_combo.currentData()
        if lid is None:
            raise ValueError(
                translate("PointInputs", "add a crime or demand layer first")
            )
        layer = self.project.layer(lid)
        state = self.project.filter.state
        rows = self.project.filter.slice_for(layer, state)
        if len(rows) == 0:
            raise ValueError(
                translate(
                    "PointInputs", "no events of {name!r} pass the current filter"
                ).format(name=layer.name)
            )
        xy = layer.xy[rows]
        warnings: list[str] = []
        weights = None
        if self.harm.isChecked():
            if "category" not in layer.frame:
                raise ValueError(
                    translate(
                        "PointInputs", "{name!r} has no category to weight by harm"
                    ).format(name=layer.name)
                )
            from workstation.analysis.harm import harm_for

            weights = harm_for(
                layer.frame["category"].to_numpy()[rows], warnings_out=warnings
            )
        crs = layer.crs.to_string() if layer.crs is not None else "EPSG:27700"
        area = None
        attributes = None
        aid = self.area_combo.currentData()
        if aid is not None:
            frame = self.project.layer(aid).frame
            area = gpd.GeoSeries(frame.geometry.to_crs(crs).values, crs=crs)
            cols = [c for c in ("area_code", "area_name") if c in frame]
            attributes = frame[cols].reset_index(drop=True).copy()
        return EventSnapshot(
            layer_id=layer.id,
            layer_name=layer.name,
            x=xy[:, 0].copy(),
            y=xy[:, 1].copy(),
            weights=weights,
            crs=crs,
            study_area=area,
            study_area_id=aid,
            filter_state=state,
            warnings=warnings,
            study_area_attributes=attributes,
        )


class EventPanel(ResultPanel):
    """A ``ResultPanel`` whose inputs are ``EventInputs`` plus the panel's own rows.

    Subclasses add their rows in ``add_parameters(form)``; Run is enabled only when
    there is an event layer to choose.
    """

    def __init__(self, project: Project, jobs, parent: QWidget | None = None) -> None:
        super().__init__(project, jobs, parent)
        self._snapshot: EventSnapshot | None = None
        self.inputs.layer_combo.currentIndexChanged.connect(lambda _i: self._enable())
        self._enable()

    def build_inputs(self) -> QWidget:
        self.inputs = EventInputs(self.project)
        self.add_parameters(self.inputs.form)
        return self.inputs

    def add_parameters(self, form: QFormLayout) -> None:
        """Add the panel's own parameter rows under the shared ones."""

    def _enable(self) -> None:
        self.run_bar.run_button.setEnabled(self.inputs.layer_combo.count() > 0)

    def take_snapshot(self) -> EventSnapshot | None:
        """The events to run on, or None (with the reason on the status line)."""
        try:
            snap = self.inputs.snapshot()
        except ValueError as exc:
            self.refuse(exc)
            return None
        return snap

    def submit_snapshot(
        self, job_key: str, status: str, fn, snap: EventSnapshot, /, *args
    ) -> None:
        """Run ``fn(snap, *args)`` as job ``job_key:layer id``; keep ``snap``."""
        self._snapshot = snap
        self.submit(f"{job_key}:{snap.layer_id}", status, fn, snap, *args)


def method_html(note: str, warnings: list[str] | tuple[str, ...]) -> str:
    """The method note and warnings as formatted HTML (see :mod:`workstation.notes`)."""
    return notes.render_html(note, warnings)
