"""Near repeat: the Knox test over distance x time bands, and the top repeat places."""

from __future__ import annotations

import html
import itertools
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from layers.project import Project
from workstation.qt.i18n import translate, vocab
from workstation.qt.panels.analysis._base import (
    DataFrameModel,
    ResultPanel,
    fill_layer_combo,
    int_spin,
    table_view,
)
from workstation.qt.panels.analysis._point_inputs import method_html

JOB_KEY = "nearrepeat"


def parse_edges(text: str, what: str) -> list[float]:
    """'0, 100, 200' -> [0.0, 100.0, 200.0]; ValueError with a readable reason."""
    try:
        vals = [float(s) for s in text.replace(";", ",").split(",") if s.strip()]
    except ValueError:
        raise ValueError(
            translate(
                "NearrepeatPanel", "{what}: give numbers separated by commas"
            ).format(what=what)
        ) from None
    if len(vals) < 2 or any(b <= a for a, b in itertools.pairwise(vals)):
        raise ValueError(
            translate(
                "NearrepeatPanel",
                "{what}: give at least two increasing edges, e.g. 0,100,200",
            ).format(what=what)
        )
    if vals[0] < 0:
        raise ValueError(
            translate("NearrepeatPanel", "{what}: edges cannot be negative").format(
                what=what
            )
        )
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


class Panel(ResultPanel):
    TITLE = QT_TRANSLATE_NOOP("Panels", "Near repeat (Knox)")
    MENU = "Analysis"
    INTRO = QT_TRANSLATE_NOOP(
        "Panels",
        "Do events follow each other closely in space and time more than chance? The Knox test counts pairs by distance and days apart against shuffled times. Needs dated events: police.uk data (months only) are refused.",
    )
    EXPORT_DIALOG = (
        QT_TRANSLATE_NOOP("Panels", "Export Knox table"),
        "knox.csv",
        QT_TRANSLATE_NOOP("Panels", "CSV (*.csv)"),
    )

    def __init__(self, project: Project, jobs, parent: QWidget | None = None) -> None:
        super().__init__(project, jobs, parent)
        project.layer_added.connect(lambda _l: self.refill())
        project.layer_removed.connect(lambda _i: self.refill())
        self.refill()

    def build_inputs(self) -> QFormLayout:
        form = QFormLayout()
        self.layer_combo = QComboBox()
        form.addRow(translate("NearrepeatPanel", "Events"), self.layer_combo)
        self.space = QLineEdit("0, 100, 200, 400")
        self.space.setToolTip(
            translate(
                "NearrepeatPanel",
                "Band edges in metres; a leading 0 adds a same-place band",
            )
        )
        form.addRow(translate("NearrepeatPanel", "Distance bands (m)"), self.space)
        self.time = QLineEdit("0, 7, 14, 28")
        form.addRow(translate("NearrepeatPanel", "Time bands (days)"), self.time)
        self.perms = int_spin(99, 9999, 999, step=100)
        form.addRow(translate("NearrepeatPanel", "Permutations"), self.perms)
        self.seed = int_spin(0, 2**31 - 1, 1)
        form.addRow(translate("NearrepeatPanel", "Random seed"), self.seed)
        return form

    def result_tabs(self) -> list[tuple[QWidget, str]]:
        self.knox_model = DataFrameModel()
        self.repeat_model = DataFrameModel()
        return [
            (table_view(self.knox_model), translate("NearrepeatPanel", "Knox table")),
            (
                table_view(self.repeat_model),
                translate("NearrepeatPanel", "Repeat places"),
            ),
        ]

    def result_buttons(self) -> list[QPushButton]:
        self.export_button = QPushButton(translate("NearrepeatPanel", "Export CSV…"))
        self.export_button.clicked.connect(self.export_dialog)
        return [self.export_button]

    def refill(self) -> None:
        def label(lyr) -> str:
            note = (
                translate("NearrepeatPanel", " - months only")
                if lyr.time_precision == "month"
                else ""
            )
            return f"{lyr.name} ({vocab(lyr.kind.label)}{note})"

        fill_layer_combo(self.layer_combo, self.project, label)
        self.run_bar.run_button.setEnabled(self.layer_combo.count() > 0)

    def run(self) -> None:
        from workstation.analysis.repeat import MONTHLY_REFUSAL, layer_days

        lid = self.layer_combo.currentData()
        if lid is None:
            self.refuse(
                translate("NearrepeatPanel", "add a crime or calls layer first")
            )
            return
        layer = self.project.layer(lid)
        if layer.time_precision == "month":
            self.refuse(MONTHLY_REFUSAL)
            return
        try:
            params = {
                "space_bands_m": parse_edges(
                    self.space.text(), translate("NearrepeatPanel", "Distance bands")
                ),
                "time_bands_days": parse_edges(
                    self.time.text(), translate("NearrepeatPanel", "Time bands")
                ),
                "permutations": int(self.perms.value()),
                "seed": int(self.seed.value()),
            }
        except ValueError as exc:
            self.refuse(exc)
            return
        state = self.project.filter.state
        rows = self.project.filter.slice_for(layer, state)
        if len(rows) < 3:
            self.refuse(
                translate("NearrepeatPanel", "fewer than 3 events pass the filter")
            )
            return
        xy = layer.xy[rows].copy()
        t = layer_days(layer)[rows]
        self._layer_name = layer.name
        self._n = len(rows)
        self.submit(
            f"{JOB_KEY}:{lid}",
            translate("NearrepeatPanel", "Knox test of {v0:,} events…").format(
                v0=len(rows)
            ),
            compute_nearrepeat,
            xy[:, 0],
            xy[:, 1],
            t,
            xy,
            params,
        )

    def show_result(self, outcome) -> None:
        knox, repeats = outcome
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
                translate(
                    "NearrepeatPanel", "{space} and {time} (x{ratio:.2f})"
                ).format(space=r.space_band, time=r.time_band, ratio=r.knox_ratio)
                for r in sig.head(4).itertuples()
            )
            text = translate(
                "NearrepeatPanel",
                "<b>Near repeats</b> beyond chance (p &lt; 0.05): {lines}.",
            ).format(lines=html.escape(lines))
        else:
            text = translate(
                "NearrepeatPanel",
                "No band shows more close pairs than chance (p &lt; 0.05).",
            )
        self.summary.setText(
            translate("NearrepeatPanel", "{text} {n_events:,} events of {v2}.").format(
                text=text, n_events=knox.n_events, v2=html.escape(self._layer_name)
            )
        )
        self.note.setHtml(method_html(knox.method_note, list(knox.warnings)))
        self.export_button.setEnabled(True)
        self.project.record("near repeat (Knox)", knox.params)
        self.run_bar.status.setText(translate("NearrepeatPanel", "Knox table ready."))

    def export_to(self, path: str | Path) -> Path:
        if self.result is None:
            raise ValueError(translate("NearrepeatPanel", "run the test first"))
        return self.result.to_csv(path)
