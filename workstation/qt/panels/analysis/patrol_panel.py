"""Plan patrols: a harm-weighted, dosage-aware plan within the officer hours given."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from layers.project import Project
from workstation.qt.panels.analysis._base import (
    DataFrameModel,
    ResultPanel,
    double_spin,
    fill_layer_combo,
    int_spin,
    table_view,
)

JOB_KEY = "plan:patrol"


class Panel(ResultPanel):
    TITLE = "Plan patrols"
    MENU = "Plan"
    RUN_TEXT = "Plan"
    EXPORT_DIALOG = (
        "Export patrol plan",
        "patrol-plan.gpx",
        "GPX (*.gpx);;GeoJSON (*.geojson);;CSV (*.csv)",
    )

    def __init__(self, project: Project, jobs, parent: QWidget | None = None) -> None:
        super().__init__(project, jobs, parent)
        self.plan = None
        self.context = None
        self.result_layer_ids: list[str] = []
        project.layer_added.connect(lambda _l: self._fill_layers())
        project.layer_removed.connect(lambda _i: self._fill_layers())
        self._fill_layers()

    def build_inputs(self) -> QFormLayout:
        form = QFormLayout()
        self.layer_combo = QComboBox()
        form.addRow("Forecast from", self.layer_combo)
        self.method = QComboBox()
        for key, text in (
            ("sepp", "Self-exciting (SEPP, EM)"),
            ("prospective", "Prospective hot-spotting"),
            ("kde", "KDE of recent periods"),
            ("naive", "Last period (naive)"),
        ):
            self.method.addItem(text, key)
        form.addRow("Forecast method", self.method)
        self.harm = QCheckBox("Weight by crime harm (CCHI-style)")
        self.harm.setChecked(True)
        form.addRow("", self.harm)
        self.hours = double_spin(0.25, 10000, 40, suffix=" officer hours / week")
        form.addRow("Hours available", self.hours)
        self.cap = double_spin(0.1, 50, 2.0, suffix=" % of area")
        form.addRow("Area cap", self.cap)
        self.places = int_spin(1, 100, 15)
        form.addRow("Most places", self.places)
        self.cell = int_spin(25, 2000, 150, suffix=" m cells")
        form.addRow("Grid", self.cell)
        self.visit = int_spin(5, 60, 15, suffix=" min")
        self.visit.setToolTip(
            "Koper (1995): about 15 minutes gives the longest residual deterrence"
        )
        form.addRow("Visit length", self.visit)
        self.gap = int_spin(30, 480, 120, suffix=" min")
        form.addRow("Revisit at most every", self.gap)
        self.speed = QComboBox()
        self.speed.addItem("On foot (5 km/h)", 5.0)
        self.speed.addItem("Cycle (12 km/h)", 12.0)
        self.speed.addItem("Car (20 km/h in town)", 20.0)
        form.addRow("Travel", self.speed)
        self.shifts = QLineEdit("Early=7:8,Late=15:8,Night=23:8")
        form.addRow("Shifts", self.shifts)
        return form

    def result_tabs(self) -> list[tuple[QWidget, str]]:
        self.shift_model = DataFrameModel()
        self.places_model = DataFrameModel()
        self.fair_model = DataFrameModel()
        self.dosage_model = DataFrameModel()
        return [
            (table_view(self.shift_model), "Shift plan"),
            (table_view(self.places_model), "Hot spots"),
            (table_view(self.fair_model), "Fairness"),
            (table_view(self.dosage_model), "Delivered"),
        ]

    def result_buttons(self) -> list[QPushButton]:
        self.export_button = QPushButton("Export plan…")
        self.delivered_button = QPushButton("Compare delivered patrols…")
        self.export_button.clicked.connect(self.export_dialog)
        self.delivered_button.clicked.connect(self.delivered_dialog)
        return [self.export_button, self.delivered_button]

    def _fill_layers(self) -> None:
        fill_layer_combo(
            self.layer_combo, self.project, lambda lyr: f"{lyr.name} ({lyr.kind.label})"
        )
        self.run_bar.run_button.setEnabled(self.layer_combo.count() > 0)

    def parameters(self) -> dict:
        from workstation.analysis.patrol import parse_shifts

        return {
            "officer_hours": float(self.hours.value()),
            "crime_layer": self.layer_combo.currentData(),
            "method": self.method.currentData(),
            "cell_m": float(self.cell.value()),
            "harm": self.harm.isChecked(),
            "area_cap": self.cap.value() / 100.0,
            "max_places": int(self.places.value()),
            "shifts": parse_shifts(self.shifts.text()),
            "visit_minutes": float(self.visit.value()),
            "revisit_gap_minutes": float(self.gap.value()),
            "speed_kmh": float(self.speed.currentData()),
        }

    def run(self) -> None:
        from workstation.analysis.planning import plan_for_project

        try:
            params = self.parameters()
        except ValueError as exc:
            self.refuse(exc)
            return
        self.submit(JOB_KEY, "Planning…", plan_for_project, self.project, **params)

    def show_result(self, result) -> None:
        from workstation.analysis.planning import plan_layers

        plan, context = result
        self.plan, self.context = plan, context
        for lid in self.result_layer_ids:
            self.project.remove_layer(lid)
        self.result_layer_ids = []
        for lyr in plan_layers(plan, context):
            self.project.add_layer(lyr)
            self.result_layer_ids.append(lyr.id)
        self.project.record(
            "patrol plan",
            {**plan.params, "officer_minutes_used": plan.officer_minutes_used},
            inputs=[
                lyr for lyr in self.project.layers if lyr.id in context["source_layers"]
            ],
        )
        self.stale.mark_fresh()
        n_visits = (
            int((plan.visits["stop_type"] == "hot spot").sum())
            if len(plan.visits)
            else 0
        )
        self.summary.setText(
            f"<b>{len(plan.places)} hot spots</b>, {n_visits} visits, "
            f"<b>{plan.officer_minutes_used / 60:.2f} of {plan.officer_minutes_budget / 60:g} "
            f"officer hours</b> ({context['forecast_method']} forecast for "
            f"{context['forecast_for']}{', harm-weighted' if context['harm_weighted'] else ''})."
        )
        self.run_bar.status.setText("Plan ready: layers added to the map.")
        self.shift_model.set_frame(plan.shift_table())
        self.places_model.set_frame(plan.places.drop(columns="geometry"))
        if plan.fairness is not None:
            self.fair_model.set_frame(plan.fairness)
        warnings = list(plan.warnings) + list(context.get("warnings", []))
        text = (
            "<p>"
            + html.escape(plan.method_note)
            .replace("\n\n", "</p><p>")
            .replace("\n", "<br>")
            + "</p>"
        )
        if warnings:
            text += (
                "<p><b>Warnings</b></p><ul>"
                + "".join(f"<li>{html.escape(w)}</li>" for w in warnings)
                + "</ul>"
            )
        self.note.setHtml(text)
        self.export_button.setEnabled(True)
        self.delivered_button.setEnabled(True)

    def export_to(self, path: str | Path) -> Path:
        from workstation.export import plan_files

        path = Path(path)
        ext = path.suffix.lower()
        if ext == ".gpx":
            plan_files.write_gpx(
                self.plan, path, title=f"Patrol plan: {self.project.metadata.title}"
            )
        elif ext in (".geojson", ".json"):
            plan_files.write_geojson(self.plan, path)
        elif ext == ".csv":
            plan_files.write_csv(self.plan, path)
        else:
            raise ValueError("choose a .gpx, .geojson or .csv file")
        self.project.record("export patrol plan", {"path": str(path), "format": ext})
        return path

    def export_dialog(self) -> None:
        self.save_dialog(*self.EXPORT_DIALOG, done="Exported")

    def compare_delivered(self, path: str | Path):
        from workstation.analysis.patrol import (
            compare_dosage,
            delivered_dosage,
            delivered_from_visits,
        )
        from workstation.export import plan_files

        got = plan_files.read_delivered(path, self.plan.crs)
        if isinstance(got, tuple):
            xy, t, ids, _missing = got
            delivered = delivered_dosage(self.plan.places, xy, t, track_ids=ids)
        else:
            delivered = delivered_from_visits(self.plan.places, got)
        table = compare_dosage(self.plan, delivered)
        self.dosage_model.set_frame(table)
        self.tabs.setCurrentIndex(3)
        return table

    def delivered_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Delivered patrols", "", "GPS tracks or visits (*.gpx *.csv)"
        )
        if path:
            try:
                self.compare_delivered(path)
            except Exception as exc:  # shown, never a traceback dialog
                self.refuse(exc)
