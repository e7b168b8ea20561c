"""Evaluate: WDD / WDQ for an intervention, from counts or from areas and periods."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import shapely
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from layers.kinds import LayerKind
from layers.project import Project
from workstation import notes
from workstation.qt.i18n import translate
from workstation.qt.panels.analysis._base import (
    double_spin,
    note_browser,
    wrapped_label,
)

ROLES = (
    ("treated", QT_TRANSLATE_NOOP("EvaluatePanel", "Treated area")),
    ("control", QT_TRANSLATE_NOOP("EvaluatePanel", "Control area")),
    ("displacement", QT_TRANSLATE_NOOP("EvaluatePanel", "Buffer ring")),
    ("displacement_control", QT_TRANSLATE_NOOP("EvaluatePanel", "Buffer control")),
)


class Panel(QWidget):
    TITLE = QT_TRANSLATE_NOOP("Panels", "Evaluate (WDD / WDQ)")
    MENU = "Plan"

    def __init__(self, project: Project, jobs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.jobs = jobs
        self.areas: dict[str, object] = {}
        self.periods: dict[str, tuple] = {}
        self.result = None
        lay = QVBoxLayout(self)
        lay.addWidget(
            wrapped_label(
                translate(
                    "EvaluatePanel",
                    "Enter before/after counts, or count them: pick areas on the map "
                    "(lasso 'filter to area' or select boundary polygons) and set each "
                    "period from the timeline window.",
                )
            )
        )
        counts = QGroupBox(translate("EvaluatePanel", "Counts (before, after)"))
        grid = QGridLayout(counts)
        self.spins: dict[str, tuple[QSpinBox, QSpinBox]] = {}
        for i, (key, label) in enumerate(ROLES):
            b, a = QSpinBox(), QSpinBox()
            for s in (b, a):
                s.setRange(0, 10_000_000)
                s.setMinimumWidth(72)  # not as wide as ten million: fits the dock
            label = translate("EvaluatePanel", label)
            grid.addWidget(QLabel(label), i, 0)
            grid.addWidget(b, i, 1)
            grid.addWidget(a, i, 2)
            btn = QToolButton()
            btn.setText(translate("EvaluatePanel", "Map"))
            btn.setToolTip(
                translate(
                    "EvaluatePanel",
                    "{label}: take it from the map (the current filter area, or the "
                    "selected boundary polygons)",
                ).format(label=label)
            )
            btn.clicked.connect(lambda _c=False, k=key: self.take_area(k))
            grid.addWidget(btn, i, 3)
            self.spins[key] = (b, a)
        lay.addWidget(counts)
        src = QGroupBox(translate("EvaluatePanel", "Count from a layer"))
        form = QFormLayout(src)
        self.layer_combo = QComboBox()
        form.addRow(translate("EvaluatePanel", "Events"), self.layer_combo)
        self.buffer_m = double_spin(0, 5000, 200, suffix=" m")
        buf_btn = QPushButton(translate("EvaluatePanel", "Buffer ring around treated"))
        buf_btn.clicked.connect(self.make_buffer)
        row = QHBoxLayout()
        row.addWidget(self.buffer_m)
        row.addWidget(buf_btn)
        form.addRow(translate("EvaluatePanel", "Displacement"), row)
        prow = QVBoxLayout()  # stacked: side by side they overflow the dock
        self.before_btn = QPushButton(
            translate("EvaluatePanel", "Before = timeline window")
        )
        self.after_btn = QPushButton(
            translate("EvaluatePanel", "After = timeline window")
        )
        self.before_btn.clicked.connect(lambda: self.take_period("before"))
        self.after_btn.clicked.connect(lambda: self.take_period("after"))
        prow.addWidget(self.before_btn)
        prow.addWidget(self.after_btn)
        form.addRow(translate("EvaluatePanel", "Periods"), prow)
        self.count_btn = QPushButton(translate("EvaluatePanel", "Count events"))
        self.count_btn.clicked.connect(self.count)
        form.addRow("", self.count_btn)
        self.count_status = wrapped_label()
        form.addRow("", self.count_status)
        lay.addWidget(src)
        self.run_button = QPushButton(translate("EvaluatePanel", "Evaluate"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        lay.addWidget(self.run_button)
        self.result_label = wrapped_label()
        lay.addWidget(self.result_label)
        self.note = note_browser()
        lay.addWidget(self.note, 1)
        project.layer_added.connect(lambda _l: self._fill_layers())
        project.layer_removed.connect(lambda _i: self._fill_layers())
        self._fill_layers()

    def _fill_layers(self) -> None:
        self.layer_combo.clear()
        for lyr in self.project.layers:
            if lyr.kind in (LayerKind.CRIME, LayerKind.DEMAND):
                self.layer_combo.addItem(lyr.name, lyr.id)

    # -- areas and periods ---------------------------------------------------
    def take_area(self, role: str) -> bool:
        geom = None
        for lid, rows in self.project.selection.items():
            if (
                lid in self.project
                and self.project.layer(lid).kind == LayerKind.BOUNDARY
            ):
                geom = shapely.union_all(
                    self.project.layer(lid).frame.geometry.values[rows]
                )
                break
        if geom is None:
            geom = self.project.filter.state.area
        if geom is None:
            self.count_status.setText(
                translate(
                    "EvaluatePanel",
                    "Select boundary polygons or draw a filter area first.",
                )
            )
            return False
        self.areas[role] = geom
        self.count_status.setText(
            translate("EvaluatePanel", "{v0} set ({v1:.3f} km²).").format(
                v0=translate("EvaluatePanel", dict(ROLES)[role]), v1=geom.area / 1e6
            )
        )
        return True

    def make_buffer(self) -> None:
        t = self.areas.get("treated")
        if t is None:
            self.count_status.setText(
                translate("EvaluatePanel", "Set the treated area first.")
            )
            return
        ring = t.buffer(self.buffer_m.value()).difference(t)
        self.areas["displacement"] = ring
        self.count_status.setText(
            translate(
                "EvaluatePanel", "Displacement buffer: {v0:.0f} m ring ({v1:.3f} km²)."
            ).format(v0=self.buffer_m.value(), v1=ring.area / 1e6)
        )

    def take_period(self, which: str) -> bool:
        w = self.project.filter.state.window
        if w is None:
            self.count_status.setText(
                translate("EvaluatePanel", "Set a time window on the timeline first.")
            )
            return False
        self.periods[which] = (w.start_ns, w.end_ns, str(w))
        self.count_status.setText(
            translate("EvaluatePanel", "{v0} period: {w}").format(
                v0=which.capitalize(), w=w
            )
        )
        return True

    def count(self) -> dict[str, tuple[int, int]]:
        lid = self.layer_combo.currentData()
        if lid is None or "before" not in self.periods or "after" not in self.periods:
            self.count_status.setText(
                translate(
                    "EvaluatePanel", "Choose an event layer and set both periods."
                )
            )
            return {}
        layer = self.project.layer(lid)
        if not layer.is_temporal:
            self.count_status.setText(
                translate("EvaluatePanel", "That layer has no times.")
            )
            return {}
        state = replace(self.project.filter.state, window=None, area=None, hours=None)
        rows = self.project.filter.slice_for(layer, state)  # categories still apply
        ns = layer.times_ns[rows]
        xy = layer.xy[rows]
        out = {}
        for role, geom in self.areas.items():
            shapely.prepare(geom)
            inside = shapely.contains_xy(geom, xy[:, 0], xy[:, 1])
            b0, b1, _ = self.periods["before"]
            a0, a1, _ = self.periods["after"]
            before = int(np.count_nonzero(inside & (ns >= b0) & (ns < b1)))
            after = int(np.count_nonzero(inside & (ns >= a0) & (ns < a1)))
            self.spins[role][0].setValue(before)
            self.spins[role][1].setValue(after)
            out[role] = (before, after)
        self.count_status.setText(
            translate("EvaluatePanel", "Counted: ")
            + "; ".join(
                f"{translate('EvaluatePanel', dict(ROLES)[k])} {v[0]} → {v[1]}"
                for k, v in out.items()
            )
        )
        return out

    def run(self):
        from workstation.analysis.evaluate import area_overlaps, evaluate

        vals = {k: (b.value(), a.value()) for k, (b, a) in self.spins.items()}
        disp = vals["displacement"] if sum(vals["displacement"]) > 0 else None
        dctl = (
            vals["displacement_control"]
            if disp and sum(vals["displacement_control"]) > 0
            else None
        )
        try:
            r = evaluate(vals["treated"], vals["control"], disp, dctl)
        except ValueError as exc:
            self.result_label.setText(f"⚠ {exc}")
            return None
        self.result = r
        extra = ""
        if r.wdq is not None:
            extra += translate("EvaluatePanel", ", WDQ {wdq:.2f}").format(wdq=r.wdq)
        if r.total_net_effect is not None:
            extra += translate("EvaluatePanel", ", net effect {net:.0f} crimes").format(
                net=r.total_net_effect
            )
        self.result_label.setText(
            translate(
                "EvaluatePanel",
                "<b>WDD {wdd:.1f}</b> (SE {se:.1f}, z {z:.2f}, p {p:.3f}){extra}",
            ).format(wdd=r.wdd, se=r.se, z=r.z, p=r.p, extra=extra)
        )
        overlaps = area_overlaps(self.areas)
        if overlaps:
            r = replace(
                r, warnings=(*(f"Areas overlap: {m}" for m in overlaps), *r.warnings)
            )
            self.result = r
        self.note.setHtml(
            notes.render_html(f"{r.interpretation}\n\n{r.method_note}", r.warnings)
        )
        self.project.record(
            "evaluate",
            r.to_dict() | {"periods": {k: v[2] for k, v in self.periods.items()}},
        )
        return r
