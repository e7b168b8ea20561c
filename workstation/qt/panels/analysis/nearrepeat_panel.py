"""Near repeat: the Knox test over distance x time bands, and the top repeat places."""

from __future__ import annotations

import html
import itertools
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from layers.kinds import LayerKind
from layers.project import Project
from workstation.qt.panels.analysis._base import (
    DataFrameModel,
    RunBar,
    StaleNote,
    note_browser,
    table_view,
)
from workstation.qt.panels.analysis._point_inputs import method_html

JOB_KEY = "nearrepeat"


def parse_edges(text: str, what: str) -> list[float]:
    """'0, 100, 200' -> [0.0, 100.0, 200.0]; ValueError with a readable reason."""
    try:
        vals = [float(s) for s in text.replace(";", ",").split(",") if s.strip()]
    except ValueError:
        raise ValueError(f"{what}: give numbers separated by commas") from None
    if len(vals) < 2 or any(b <= a for a, b in itertools.pairwise(vals)):
        raise ValueError(f"{what}: give at least two increasing edges, e.g. 0,100,200")
    if vals[0] < 0:
        raise ValueError(f"{what}: edges cannot be negative")
    return vals


def compute_nearrepeat(
    x: np.ndarray,
    y: np.ndarray,
    t_days: np.ndarray,
    xy_all: np.ndarray,
    params: dict[str, Any],
    progress=None,
):
    """Worker (no Qt): the Knox table and the top repeat places."""
    from workstation.analysis.repeat import knox_test, repeat_locations

    knox = knox_test(
        x,
        y,
        t_days,
        space_bands_m=params["space_bands_m"],
        time_bands_days=params["time_bands_days"],
        permutations=params["permutations"],
        seed=params["seed"],
        progress=progress,
    )
    return knox, repeat_locations(xy_all, top=20)


class Panel(QWidget):
    TITLE = "Near repeat (Knox)"
    MENU = "Analysis"

    def __init__(self, project: Project, jobs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.jobs = jobs
        self.result = None
        self._key: str | None = None
        lay = QVBoxLayout(self)
        intro = QLabel(
            "Do events follow each other closely in space and time more than chance? "
            "The Knox test counts pairs by distance and days apart against shuffled "
            "times. Needs dated events: police.uk data (months only) are refused."
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.layer_combo = QComboBox()
        form.addRow("Events", self.layer_combo)
        self.space = QLineEdit("0, 100, 200, 400")
        self.space.setToolTip(
            "Band edges in metres; a leading 0 adds a same-place band"
        )
        form.addRow("Distance bands (m)", self.space)
        self.time = QLineEdit("0, 7, 14, 28")
        form.addRow("Time bands (days)", self.time)
        self.perms = QSpinBox()
        self.perms.setRange(99, 9999)
        self.perms.setSingleStep(100)
        self.perms.setValue(999)
        form.addRow("Permutations", self.perms)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(1)
        form.addRow("Random seed", self.seed)
        lay.addLayout(form)
        self.run_bar = RunBar("Run")
        lay.addWidget(self.run_bar)
        lay.addWidget(self.run_bar.status)
        self.stale = StaleNote(project)
        lay.addWidget(self.stale)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.knox_model = DataFrameModel()
        self.repeat_model = DataFrameModel()
        self.tabs.addTab(table_view(self.knox_model), "Knox table")
        self.tabs.addTab(table_view(self.repeat_model), "Repeat places")
        self.note = note_browser()
        self.tabs.addTab(self.note, "Method")
        lay.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setEnabled(False)
        row.addWidget(self.export_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.run_bar.run_button.clicked.connect(self.run)
        self.run_bar.cancel_button.clicked.connect(self._cancel)
        self.export_button.clicked.connect(self.export_dialog)
        self.jobs.progressed.connect(self._progress)
        project.layer_added.connect(lambda _l: self.refill())
        project.layer_removed.connect(lambda _i: self.refill())
        self.refill()

    def refill(self) -> None:
        cur = self.layer_combo.currentData()
        self.layer_combo.clear()
        for lyr in self.project.layers:
            if lyr.kind in (LayerKind.CRIME, LayerKind.DEMAND):
                note = " - months only" if lyr.time_precision == "month" else ""
                self.layer_combo.addItem(f"{lyr.name} ({lyr.kind.label}{note})", lyr.id)
        i = self.layer_combo.findData(cur)
        if i >= 0:
            self.layer_combo.setCurrentIndex(i)
        self.run_bar.run_button.setEnabled(self.layer_combo.count() > 0)

    def _cancel(self) -> None:
        if self._key:
            self.jobs.cancel(self._key)

    def run(self) -> None:
        from workstation.analysis.repeat import MONTHLY_REFUSAL, layer_days

        lid = self.layer_combo.currentData()
        if lid is None:
            self.run_bar.status.setText("⚠ add a crime or calls layer first")
            return
        layer = self.project.layer(lid)
        if layer.time_precision == "month":
            self.run_bar.status.setText(f"⚠ {MONTHLY_REFUSAL}")
            return
        try:
            params = {
                "space_bands_m": parse_edges(self.space.text(), "Distance bands"),
                "time_bands_days": parse_edges(self.time.text(), "Time bands"),
                "permutations": int(self.perms.value()),
                "seed": int(self.seed.value()),
            }
        except ValueError as exc:
            self.run_bar.status.setText(f"⚠ {exc}")
            return
        state = self.project.filter.state
        rows = self.project.filter.slice_for(layer, state)
        if len(rows) < 3:
            self.run_bar.status.setText("⚠ fewer than 3 events pass the filter")
            return
        xy = layer.xy[rows].copy()
        t = layer_days(layer)[rows]
        self._layer_name = layer.name
        self._n = len(rows)
        self._key = f"{JOB_KEY}:{lid}"
        self.run_bar.busy(True)
        self.run_bar.status.setText(f"Knox test of {len(rows):,} events…")
        self.jobs.submit(
            self._key,
            compute_nearrepeat,
            xy[:, 0],
            xy[:, 1],
            t,
            xy,
            params,
            on_done=self._done,
            on_error=self._failed,
            job_title="Near repeat (Knox)",
        )

    def _progress(self, key: str, fraction: float, message: str) -> None:
        if key == self._key:
            self.run_bar.set_progress(fraction, message)

    def _failed(self, message: str) -> None:
        self.run_bar.busy(False)
        self.run_bar.status.setText(f"⚠ {message}")

    def _done(self, outcome) -> None:
        knox, repeats = outcome
        self.run_bar.busy(False)
        self.result = knox
        self.stale.mark_fresh()
        cols = [
            "space_band",
            "time_band",
            "observed",
            "expected",
            "knox_ratio",
            "p_value",
        ]
        self.knox_model.set_frame(knox.table[cols])
        self.repeat_model.set_frame(repeats[["rank", "x", "y", "count"]])
        sig = knox.significant()
        if len(sig):
            lines = ", ".join(
                f"{r.space_band} and {r.time_band} (x{r.knox_ratio:.2f})"
                for r in sig.head(4).itertuples()
            )
            text = f"<b>Near repeats</b> beyond chance (p &lt; 0.05): {html.escape(lines)}."
        else:
            text = "No band shows more close pairs than chance (p &lt; 0.05)."
        self.summary.setText(
            f"{text} {knox.n_events:,} events of {html.escape(self._layer_name)}."
        )
        self.note.setHtml(method_html(knox.method_note, list(knox.warnings)))
        self.export_button.setEnabled(True)
        self.project.record("near repeat (Knox)", knox.params)
        self.run_bar.status.setText("Knox table ready.")

    def export_to(self, path: str | Path) -> Path:
        if self.result is None:
            raise ValueError("run the test first")
        return self.result.to_csv(path)

    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export Knox table", "knox.csv", "CSV (*.csv)"
        )
        if path:
            try:
                self.export_to(path)
                self.run_bar.status.setText(f"Saved {path}")
            except (OSError, ValueError) as exc:
                self.run_bar.status.setText(f"⚠ {exc}")
