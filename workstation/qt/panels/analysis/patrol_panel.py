"""Plan patrols: a harm-weighted, dosage-aware plan within the officer hours given."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from layers.project import Project
from workstation.formatting import fairness_reading
from workstation.notes import METHOD_NAMES
from workstation.qt.i18n import translate, vocab
from workstation.qt.panels.analysis._base import (
    DataFrameModel,
    ResultPanel,
    double_spin,
    fill_layer_combo,
    int_spin,
    table_view,
    wrapped_label,
)
from workstation.qt.panels.analysis._point_inputs import method_html

JOB_KEY = "plan:patrol"


class ShiftTable(QWidget):
    """The shifts as a small table (name, start, length in hours) with add and remove."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from workstation.analysis.patrol import DEFAULT_SHIFTS

        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [
                translate("PatrolPanel", "Shift"),
                translate("PatrolPanel", "Starts"),
                translate("PatrolPanel", "Hours"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setMaximumHeight(130)
        lay.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(translate("PatrolPanel", "Add shift"))
        self.remove_button = QPushButton(translate("PatrolPanel", "Remove shift"))
        self.add_button.clicked.connect(
            lambda: self.add_shift(translate("PatrolPanel", "New"), 9, 8)
        )
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.set_shifts(DEFAULT_SHIFTS)

    def add_shift(self, name: str, start_hour: int, hours: int) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, text in enumerate((name, f"{start_hour:02d}:00", str(hours))):
            self.table.setItem(r, c, QTableWidgetItem(text))

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for r in rows or [self.table.rowCount() - 1]:
            if r >= 0:
                self.table.removeRow(r)

    def set_shifts(self, shifts) -> None:
        self.table.setRowCount(0)
        for s in shifts:
            self.add_shift(s.name, s.start_hour, s.hours)

    def shifts(self):
        """The shifts in the table; ValueError naming the row that is wrong."""
        from workstation.analysis.patrol import Shift, check_shifts

        out = []
        for r in range(self.table.rowCount()):
            name, start, hours = (
                (self.table.item(r, c).text().strip() if self.table.item(r, c) else "")
                for c in range(3)
            )
            try:
                h, _, m = start.partition(":")
                if m.strip() not in ("", "0", "00"):
                    raise ValueError
                out.append(Shift(name, int(h), int(hours)))
            except ValueError:
                raise ValueError(
                    translate(
                        "PatrolPanel",
                        "shift row {v0}: start must be an hour (e.g. 07:00) and the length a whole number of hours",
                    ).format(v0=r + 1)
                ) from None
        return check_shifts(tuple(out))


class Panel(ResultPanel):
    TITLE = QT_TRANSLATE_NOOP("Panels", "Plan patrols")
    MENU = "Plan"
    RUN_TEXT = QT_TRANSLATE_NOOP("Panels", "Plan")
    EXPORT_DIALOG = (
        QT_TRANSLATE_NOOP("Panels", "Export patrol plan"),
        QT_TRANSLATE_NOOP("Panels", "patrol-plan.gpx"),
        QT_TRANSLATE_NOOP("Panels", "GPX (*.gpx);;GeoJSON (*.geojson);;CSV (*.csv)"),
    )

    def __init__(self, project: Project, jobs, parent: QWidget | None = None) -> None:
        super().__init__(project, jobs, parent)
        self.plan = None
        self.context = None
        self._restoring = False
        self.result_layer_ids: list[str] = []
        project.layer_added.connect(self._layer_added)
        project.layer_removed.connect(lambda _i: self._fill_layers())
        self._fill_layers()

    def build_inputs(self) -> QFormLayout:
        form = QFormLayout()
        self.layer_combo = QComboBox()
        form.addRow(translate("PatrolPanel", "Forecast from"), self.layer_combo)
        self.method = QComboBox()
        for key, text in (
            ("sepp", translate("PatrolPanel", "Self-exciting (SEPP, EM)")),
            ("prospective", translate("PatrolPanel", "Prospective hot-spotting")),
            ("kde", translate("PatrolPanel", "KDE of recent periods")),
            ("naive", translate("PatrolPanel", "Last period (naive)")),
        ):
            self.method.addItem(text, key)
        form.addRow(translate("PatrolPanel", "Forecast method"), self.method)
        self.harm = QCheckBox(
            translate("PatrolPanel", "Weight by crime harm (CCHI-style)")
        )
        self.harm.setChecked(True)
        form.addRow("", self.harm)
        self.hours = double_spin(
            0.25, 10000, 40, suffix=translate("PatrolPanel", " officer hours / week")
        )
        form.addRow(translate("PatrolPanel", "Hours available"), self.hours)
        self.cap = double_spin(
            0.1, 50, 2.0, suffix=translate("PatrolPanel", " % of area")
        )
        form.addRow(translate("PatrolPanel", "Area cap"), self.cap)
        self.places = int_spin(1, 100, 15)
        form.addRow(translate("PatrolPanel", "Most places"), self.places)
        self.across = int_spin(
            50, 2000, 250, suffix=translate("PatrolPanel", " m across at most")
        )
        self.across.setToolTip(
            translate(
                "PatrolPanel",
                "A patrol place is a micro-place: a few street segments. Larger clusters of hot cells are split into places of at most this width.",
            )
        )
        form.addRow(translate("PatrolPanel", "Largest place"), self.across)
        self.cell = int_spin(25, 2000, 150, suffix=translate("PatrolPanel", " m cells"))
        form.addRow(translate("PatrolPanel", "Grid"), self.cell)
        self.visit = int_spin(5, 60, 15, suffix=translate("PatrolPanel", " min"))
        self.visit.setToolTip(
            translate(
                "PatrolPanel",
                "Koper (1995): about 15 minutes gives the longest residual deterrence",
            )
        )
        form.addRow(translate("PatrolPanel", "Visit length"), self.visit)
        self.gap = int_spin(30, 480, 120, suffix=translate("PatrolPanel", " min"))
        form.addRow(translate("PatrolPanel", "Revisit at most every"), self.gap)
        self.speed = QComboBox()
        self.speed.addItem(translate("PatrolPanel", "On foot (5 km/h)"), 5.0)
        self.speed.addItem(translate("PatrolPanel", "Cycle (12 km/h)"), 12.0)
        self.speed.addItem(translate("PatrolPanel", "Car (20 km/h in town)"), 20.0)
        form.addRow(translate("PatrolPanel", "Travel"), self.speed)
        self.shifts = ShiftTable()
        form.addRow(translate("PatrolPanel", "Shifts"), self.shifts)
        return form

    def result_tabs(self) -> list[tuple[QWidget, str]]:
        self.shift_model = DataFrameModel()
        self.places_model = DataFrameModel()
        self.fair_model = DataFrameModel()
        self.dosage_model = DataFrameModel()
        self.officers_model = DataFrameModel()
        return [
            (table_view(self.shift_model), translate("PatrolPanel", "Shift plan")),
            (table_view(self.officers_model), translate("PatrolPanel", "Officers")),
            (table_view(self.places_model), translate("PatrolPanel", "Hot spots")),
            (self._fairness_tab(), translate("PatrolPanel", "Fairness")),
            (table_view(self.dosage_model), translate("PatrolPanel", "Delivered")),
        ]

    def _fairness_tab(self) -> QWidget:
        """The fairness table with its one-line reading under it."""
        tab = QWidget()
        lay = QVBoxLayout(tab)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(table_view(self.fair_model), 1)
        self.fair_reading = wrapped_label("")
        lay.addWidget(self.fair_reading)
        return tab

    def result_buttons(self) -> list[QPushButton]:
        self.export_button = QPushButton(translate("PatrolPanel", "Export plan…"))
        self.delivered_button = QPushButton(
            translate("PatrolPanel", "Compare delivered patrols…")
        )
        self.sheets_button = QPushButton(translate("PatrolPanel", "Patrol sheets…"))
        self.export_button.clicked.connect(self.export_dialog)
        self.delivered_button.clicked.connect(self.delivered_dialog)
        self.sheets_button.clicked.connect(self.sheets_dialog)
        return [self.export_button, self.sheets_button, self.delivered_button]

    def _fill_layers(self) -> None:
        fill_layer_combo(
            self.layer_combo,
            self.project,
            lambda lyr: f"{lyr.name} ({vocab(lyr.kind.label)})",
        )
        self.run_bar.run_button.setEnabled(self.layer_combo.count() > 0)

    def parameters(self) -> dict:
        return {
            "officer_hours": float(self.hours.value()),
            "crime_layer": self.layer_combo.currentData(),
            "method": self.method.currentData(),
            "cell_m": float(self.cell.value()),
            "harm": self.harm.isChecked(),
            "area_cap": self.cap.value() / 100.0,
            "max_places": int(self.places.value()),
            "max_across_m": float(self.across.value()),
            "shifts": self.shifts.shifts(),
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
        self.submit(
            JOB_KEY,
            translate("PatrolPanel", "Planning…"),
            plan_for_project,
            self.project,
            **params,
        )

    def _layer_added(self, layer) -> None:
        self._fill_layers()
        prov = layer.provenance
        pid = prov.get("plan_id")
        if prov.get("result_type") != "patrol_plan" or not pid or self._restoring:
            return
        if self.plan is not None and self.plan.extras.get("plan_id") == pid:
            self.result_layer_ids.append(layer.id)
            return
        from layers.plans import plans_of

        saved = plans_of(self.project).get(pid)
        if saved is not None:
            self.restore(saved, layer.id)

    def restore(self, saved, layer_id: str | None = None) -> None:
        """Show a saved plan (after reopening a project) and its settings."""
        from workstation.analysis.patrol import Shift
        from workstation.analysis.planning import plan_from_saved

        plan, context = plan_from_saved(saved)
        p = saved.parameters
        self.hours.setValue(float(p.get("officer_hours", self.hours.value())))
        self.cap.setValue(100.0 * float(p.get("area_cap", self.cap.value() / 100)))
        self.places.setValue(int(p.get("max_places", self.places.value())))
        self.across.setValue(int(p.get("max_across_m", self.across.value())))
        self.visit.setValue(int(p.get("visit_minutes", self.visit.value())))
        self.gap.setValue(int(p.get("revisit_gap_minutes", self.gap.value())))
        if p.get("shifts"):
            self.shifts.set_shifts(
                [
                    Shift(s["name"], int(s["start_hour"]), int(s["hours"]))
                    for s in p["shifts"]
                ]
            )
        self._show(plan, context)
        self.result_layer_ids = [layer_id] if layer_id else []
        self.run_bar.status.setText(
            translate("PatrolPanel", "Saved plan {id} ({name}).").format(
                id=saved.id, name=saved.name
            )
        )

    def show_result(self, result) -> None:
        from workstation.analysis.planning import plan_layers, save_plan

        plan, context = result
        plan = save_plan(self.project, plan, context)
        for lid in self.result_layer_ids:
            if lid in self.project:
                self.project.remove_layer(lid)
        self.result_layer_ids = []
        self.plan, self.context = plan, context
        self._restoring = True
        try:
            for lyr in plan_layers(plan, context):
                self.project.add_layer(lyr)
                self.result_layer_ids.append(lyr.id)
        finally:
            self._restoring = False
        self._show(plan, context)
        self.stale.mark_fresh()
        self.run_bar.status.setText(
            translate(
                "PatrolPanel",
                "Plan ready and kept in the project; layers added to the map.",
            )
        )

    def _show(self, plan, context) -> None:
        self.plan, self.context = plan, context
        n_visits = (
            int((plan.visits["stop_type"] == "hot spot").sum())
            if len(plan.visits)
            else 0
        )
        method = str(context.get("forecast_method"))
        head = translate(
            "PatrolPanel",
            "<b>{places} hot spots</b>, {visits} visits, "
            "<b>{used:.2f} of {budget:g} officer hours</b> "
            "({method} forecast for {when}{harm}). ",
        ).format(
            places=len(plan.places),
            visits=n_visits,
            used=plan.officer_minutes_used / 60,
            budget=plan.officer_minutes_budget / 60,
            method=vocab(METHOD_NAMES.get(method, method)),
            when=context.get("forecast_for"),
            harm=translate("PatrolPanel", ", harm-weighted")
            if context.get("harm_weighted")
            else "",
        )
        timing = (
            translate("PatrolPanel", "Times from {layer}.").format(
                layer=html.escape(
                    str(
                        context.get("demand_layer")
                        or translate("PatrolPanel", "timed demand")
                    )
                )
            )
            if plan.timing_evidence
            else translate(
                "PatrolPanel",
                "<b>Timing is not evidence-based</b> (no layer timed to the hour).",
            )
        )
        plan_id = translate("PatrolPanel", " Plan {id}.").format(
            id=html.escape(str(plan.extras.get("plan_id", "")))
        )
        self.summary.setText(head + timing + plan_id)
        self.shift_model.set_frame(plan.shift_table())
        self.officers_model.set_frame(plan.shifts())
        self.places_model.set_frame(
            plan.hotspots
            if plan.hotspots is not None
            else plan.places.drop(columns="geometry")
        )
        if plan.fairness is not None:
            self.fair_model.set_frame(plan.fairness)
        self.fair_reading.setText(fairness_reading(plan.fairness))
        warnings = list(plan.warnings) + list(context.get("warnings", []))
        self.note.setHtml(method_html(plan.method_note, warnings))
        self.export_button.setEnabled(True)
        self.sheets_button.setEnabled(True)
        self.delivered_button.setEnabled(True)

    def export_to(self, path: str | Path) -> Path:
        from workstation.export import plan_files

        path = Path(path)
        ext = path.suffix.lower()
        if ext == ".gpx":
            plan_files.write_gpx(
                self.plan,
                path,
                title=translate("PatrolPanel", "Patrol plan: {title}").format(
                    title=self.project.metadata.title
                ),
            )
        elif ext in (".geojson", ".json"):
            plan_files.write_geojson(self.plan, path)
        elif ext == ".csv":
            plan_files.write_csv(self.plan, path)
        else:
            raise ValueError(
                translate("PatrolPanel", "choose a .gpx, .geojson or .csv file")
            )
        self.project.record("export patrol plan", {"path": str(path), "format": ext})
        return path

    def write_sheets(self, folder: str | Path) -> list[Path]:
        """One PDF and PNG sheet per shift worked and patrol area, into ``folder``."""
        from workstation.export.patrol_sheets import write_sheets

        return write_sheets(self.project, self.plan, self.context or {}, folder)

    def sheets_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, translate("PatrolPanel", "Folder for the patrol sheets")
        )
        if folder:
            try:
                files = self.write_sheets(folder)
                self.run_bar.status.setText(
                    translate(
                        "PatrolPanel", "Wrote {v0} sheet files to {folder}"
                    ).format(v0=len(files), folder=folder)
                )
            except (OSError, ValueError) as exc:
                self.refuse(exc)

    def export_dialog(self) -> None:
        caption, name, filters = self.EXPORT_DIALOG
        self.save_dialog(
            translate("Panels", caption),
            name,
            translate("Panels", filters),
            done=translate("PatrolPanel", "Exported"),
        )

    def compare_delivered(self, path: str | Path):
        from workstation.analysis.planning import compare_with_plan
        from workstation.export import plan_files

        got = plan_files.read_delivered(path, self.plan.crs)
        tz = (self.context or {}).get("timezone", "Europe/London")
        _matched, table = compare_with_plan(self.plan, got, tz)
        self.project.record(
            "patrol delivered",
            {"plan_id": self.plan.extras.get("plan_id"), "delivered": str(path)},
        )
        self.dosage_model.set_frame(table)
        self.tabs.setCurrentIndex(4)
        return table

    def delivered_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("PatrolPanel", "Delivered patrols"),
            "",
            translate("PatrolPanel", "GPS tracks or visits (*.gpx *.csv)"),
        )
        if path:
            try:
                self.compare_delivered(path)
            except Exception as exc:  # shown, never a traceback dialog
                self.refuse(exc)
