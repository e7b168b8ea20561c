"""The live feed in the window: a growing DEMAND layer, following "now", with alerts.

:class:`LiveController` runs a :class:`~layers.live.Feed` (its worker thread reads,
validates, appends, makes the layer and checks demand), and on the GUI thread, at
most every ``interval_ms`` (batches arriving meanwhile are coalesced), grows the
project's layer by the new rows (:meth:`Project.append_rows`, so the views add only
those rows) or, when a row came out of time order, puts the newest layer in its place
(same id, same place in the drawing order: every view rebuilds); then it moves the
time window to the last ``follow_hours`` hours when following, and writes new alerts
to the audit trail. The layer and its derived arrays (coordinates, category codes,
hours of the week) are made on the worker thread; every GUI turn's length is kept in
:attr:`LiveController.ui_ms`.

:class:`LivePanel` is the Analysis > Live demand panel: source, table, start,
pause/resume, stop, the counts, and the alerts.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from typing import Any

import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from layers.filtering import TimeWindow
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.live import Feed, FeedEvent, LiveLayer, Validator
from layers.live.base import LiveSource
from layers.live.layer import carry_derived
from layers.project import Project
from layers.validation import DataError
from workstation.analysis import monitor
from workstation.qt.i18n import translate

LIVE_BADGE = "● live"
#: the interpreter's thread switch interval while a feed runs (seconds)
SWITCH_S = 0.001


class LiveController(QObject):
    """Feeds ``source`` into ``project`` as a growing DEMAND layer.

    Parameters
    ----------
    project
        The window's project (changed only on the GUI thread).
    source
        Any live source.
    baseline
        A DEMAND layer of history for alerts (None: no alerts).
    interval_ms
        Longest wait between a batch arriving and the project showing it.
    follow_hours
        The time window shown while following "now".
    incremental
        Grow the project's layer in place (False: replace it on every turn, the
        rebuild path, kept as the benchmark's baseline).
    check_s
        Check demand for alerts at most this often (seconds); rows that arrive in
        between are checked when it is up, batch or no batch (the check counts the
        last hour and takes about 0.1 s, so it does not run for every batch).
    """

    status_changed = Signal(object)  # dict
    alerts_changed = Signal(object)  # monitor.MonitorResult

    def __init__(
        self,
        project: Project,
        source: LiveSource,
        *,
        baseline: Layer | None = None,
        interval_ms: int = 250,
        follow_hours: float = 24.0,
        areas: Any = None,
        incremental: bool = True,
        check_s: float = 5.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.source = source
        self.follow = True
        self.follow_hours = follow_hours
        known = []
        if baseline is not None and "call_id" in baseline.frame:
            known = baseline.frame["call_id"].dropna().astype(str).tolist()
        self.incremental = incremental
        #: GUI turns that grew the layer in place / that replaced it
        self.turns = {"appended": 0, "replaced": 0}
        crs = project.metadata.crs if project.layers else None
        self.live = LiveLayer(f"{LIVE_BADGE} {source.name}", crs=crs, known_ids=known)
        self.watch = None
        if baseline is not None and len(baseline):
            grades = baseline.frame.get("grade")
            self.watch = monitor.DemandWatch(
                baseline.times_ns,
                baseline.xy,
                (
                    grades.astype("Int64").fillna(0).to_numpy("int64")
                    if grades is not None
                    else pd.Series(0, index=baseline.frame.index).to_numpy()
                ),
                timezone=baseline.timezone,
                areas=areas,
            )
        self.feed = Feed(source, self.live)
        self.feed.batch_added.connect(self._on_batch)  # worker thread
        self._lock = threading.Lock()
        self._pending: tuple[Layer, dict] | None = None
        self._warmed: Layer | None = None  # the last layer made (worker thread)
        self.check_s = check_s
        self._checked_at = -float("inf")
        self._check_lock = threading.Lock()
        self._check_timer: threading.Timer | None = None
        self._checked: tuple[monitor.MonitorResult | None, set] | None = None
        #: demand checks run so far
        self.checks = 0
        self._layer_id: str | None = None
        self._alerts_id: str | None = None
        self._alerts_shown: tuple[str, ...] = ()
        self.areas = areas
        self.max_ui_ms = 0.0
        #: how long each GUI turn took (ms), newest last
        self.ui_ms: list[float] = []
        self.last_result: monitor.MonitorResult | None = None
        self._timer = QTimer(self)
        self.interval_ms = interval_ms
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._apply)

    # -- worker thread -------------------------------------------------------
    def _on_batch(self, ev: FeedEvent) -> None:
        layer = self.live.layer()
        layer.style = {"color": "#e31a1c", **layer.style, "live": True}
        _warm(layer, self._warmed)
        self._warmed = layer
        status = {
            "total": ev.appended.total,
            "received": self.live.report.rows_total,
            "rejected": self.live.report.rows_rejected,
            "last_batch": ev.batch.received,
            "at": time.time(),
        }
        with self._lock:
            self._pending = (layer, status)
        if self.watch is not None and ev.appended.added:
            self._check_soon()

    def _check_soon(self) -> None:
        """Check demand now, or when ``check_s`` has passed since the last check."""
        with self._check_lock:
            wait = self.check_s - (time.monotonic() - self._checked_at)
            if wait > 0:
                if self._check_timer is None:
                    self._check_timer = threading.Timer(wait, self._check)
                    self._check_timer.daemon = True
                    self._check_timer.start()
                return
        self._check()

    def _check(self) -> None:
        """Check the rows so far against the baseline (worker or timer thread)."""
        with self._check_lock:
            self._check_timer = None
            self._checked_at = time.monotonic()
            self.checks += 1
            arr = self.live.arrays()
            result = self.watch.update(
                arr["times_ns"], arr["x"], arr["y"], arr["grade"]
            )
            new = set(self.watch.new_alerts)
        with self._lock:
            if self._checked is not None:  # alerts raised by a check not yet shown
                new |= self._checked[1]
            self._checked = (result, new)

    # -- GUI thread ------------------------------------------------------------
    def start(self) -> None:
        # the worker's Python work (validation, the demand check) holds the GIL; the
        # GUI thread takes it back after each Qt call, waiting up to the switch
        # interval each time: shorter turns for the worker keep the window's slots
        # and paints from stalling (restored on stop)
        self._switch = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch, SWITCH_S))
        # what is loaded now (history, widgets) leaves the cyclic collector's full
        # passes, which otherwise stop every thread for ~0.1 s while rows pour in
        gc.collect()
        gc.freeze()
        self.feed.start()
        self._timer.start()

    def pause(self) -> None:
        self.feed.pause()

    def resume(self) -> None:
        self.feed.resume()

    @property
    def paused(self) -> bool:
        return self.source.paused

    def stop(self) -> None:
        self.feed.stop()
        with self._check_lock:
            timer, self._check_timer = self._check_timer, None
        if timer is not None:
            timer.cancel()
        self._apply()
        self._timer.stop()
        if getattr(self, "_switch", None) is not None:
            sys.setswitchinterval(self._switch)
            self._switch = None
            gc.unfreeze()

    def _apply(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, None
            checked, self._checked = self._checked, None
        if pending is None and checked is None:
            return
        t0 = time.perf_counter()
        if pending is not None:
            layer, status = pending
            self._grow(layer)
            if self.follow and layer.is_temporal and len(layer):
                last = pd.Timestamp(int(layer.times_ns[-1]) + 1, tz="UTC")
                start = last - pd.Timedelta(hours=self.follow_hours)
                self.project.filter.set_window(TimeWindow(start, last))
            self.status_changed.emit(status)
        result, new = checked if checked is not None else (None, set())
        if result is not None:
            self.last_result = result
            if new:
                self.project.record(
                    "live demand alert", monitor.audit_parameters(result)
                )
            self._show_alert_areas(result)
            self.alerts_changed.emit(result)
        took = (time.perf_counter() - t0) * 1000
        self.ui_ms.append(took)
        self.max_ui_ms = max(self.max_ui_ms, took)
        # keep the GUI thread at most about a quarter busy with swaps (still within
        # a second of a batch while a swap takes under 250 ms)
        self._timer.setInterval(int(max(self.interval_ms, min(3 * took, 750))))

    def _grow(self, layer: Layer) -> None:
        """Append the new rows to the project's layer, else replace it by ``layer``."""
        old = self._layer_id
        if old is not None and old in self.project:
            if self.incremental and self.project.append_rows(old, layer):
                self.turns["appended"] += 1
                return
            layer.style = {**self.project.layer(old).style, "live": True}
        self._swap(layer, old)
        self._layer_id = layer.id
        self.turns["replaced"] += 1

    def _swap(self, layer: Layer, old: str | None) -> None:
        """Put ``layer`` where the layer ``old`` was (or on top when there is none)."""
        if old is not None and old in self.project:
            order = [lyr.id for lyr in self.project.layers]
            index = order.index(old)
            self.project.remove_layer(old)
            self.project.add_layer(layer, index=index)
        else:
            self.project.add_layer(layer)

    def _show_alert_areas(self, result: monitor.MonitorResult) -> None:
        """The alerting areas, outlined on the map above the calls (none: no layer).

        Redrawn only when the set of alerting areas changes (each swap costs every
        view a rebuild).
        """
        shown = tuple(sorted(a.area for a in result.alerts))
        if shown == self._alerts_shown:
            return
        self._alerts_shown = shown
        shapes = monitor.alert_areas(
            result.alerts, areas=self.areas, crs=self.project.metadata.crs
        )
        if not len(shapes):
            if self._alerts_id is not None:
                self.project.remove_layer(self._alerts_id)
                self._alerts_id = None
            return
        kw = {"id": self._alerts_id} if self._alerts_id else {}
        layer = Layer(
            name="● live alerts",
            kind=LayerKind.RESULT,
            frame=shapes,
            provenance={
                "params": result.params,
                "source_layers": [self._layer_id],
                "method_note": result.method_note,
            },
            style={
                "fill": "#e31a1c",
                "fill_opacity": 0.25,
                "outline": "#b10026",
                "live": True,
                "alerts": True,
            },
            **kw,
        )
        self._swap(layer, old=self._alerts_id)
        self._alerts_id = layer.id


def _q_text(q: float) -> str:
    """A q value as text: "q<0.0001" rather than a rounded "q=0"."""
    return "q<0.0001" if q < 1e-4 else f"q={q:.2g}"


def _warm(layer: Layer, prev: Layer | None = None) -> None:
    """Compute, on the worker thread, the derived arrays the views read.

    Those of ``prev`` (the layer made before) are carried over and extended by the
    new rows' when ``layer`` starts with its rows.
    """
    from layers.filtering import hour_of_week

    carry_derived(layer, prev)
    _ = layer.xy
    if "category" in layer.frame:
        layer.category_codes()
    if layer.is_temporal and len(layer):
        hour_of_week(layer)


def open_source(text: str, table: str | None, *, new_only: bool = True) -> LiveSource:
    """A folder source for a folder path, else a PostgreSQL source (needs a table).

    ``new_only`` skips what the table or the files hold now.
    """
    from pathlib import Path

    if Path(text).is_dir():
        from layers.live.folder import FolderSource

        src = FolderSource(text, validator=Validator())
        if new_only:
            src.skip_existing()
        return src
    if not table:
        raise DataError(
            translate("Live", "a database source needs a table"), source=text
        )
    from layers.live.postgres import PostgresSource

    return PostgresSource(
        text,
        table,
        poll_s=2.0,
        validator=Validator(),
        start_after="latest" if new_only else None,
    )


class LivePanel(QWidget):
    """Analysis > Live demand: follow a PostgreSQL table or a folder of exports."""

    TITLE = QT_TRANSLATE_NOOP("Panels", "Live demand")
    MENU = "Analysis"

    def __init__(
        self, project: Project, jobs: Any = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.controller: LiveController | None = None
        #: grow the layer in place (False: the rebuild path, for the benchmark)
        self.incremental = True
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText(
            translate("Live", "postgresql://user@host/db, service or folder")
        )
        self.source_edit.setToolTip(
            translate(
                "Live",
                "Never type a password here: libpq reads it from ~/.pgpass (PGPASSFILE), a service file (PGSERVICEFILE) or PGPASSWORD.",
            )
        )
        self.table_edit = QLineEdit()
        self.table_edit.setPlaceholderText(
            translate("Live", "schema.table (databases only)")
        )
        browse = QPushButton(translate("Live", "Folder…"))
        browse.clicked.connect(self._browse)
        self.new_only_box = QCheckBox(
            translate("Live", "New calls only (skip what is there now)")
        )
        self.new_only_box.setChecked(True)
        self.follow_box = QCheckBox(translate("Live", "Follow now (last 24 h)"))
        self.follow_box.setChecked(True)
        self.follow_box.toggled.connect(self._follow)
        self.start_button = QPushButton(translate("Live", "Start"))
        self.start_button.clicked.connect(self.start)
        self.pause_button = QPushButton(translate("Live", "Pause"))
        self.pause_button.setEnabled(False)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button = QPushButton(translate("Live", "Stop"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        self.status = QLabel(translate("Live", "Not running."))
        self.status.setWordWrap(True)
        self.alert_list = QListWidget()
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.source_edit)
        row.addWidget(browse)
        form.addRow(translate("Live", "Source"), row)
        form.addRow(translate("Live", "Table"), self.table_edit)
        buttons = QHBoxLayout()
        for b in (self.start_button, self.pause_button, self.stop_button):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.new_only_box)
        lay.addWidget(self.follow_box)
        lay.addLayout(buttons)
        lay.addWidget(self.status)
        lay.addWidget(
            QLabel(
                translate("Live", "Alerts (unusual demand for the hour of the week):")
            )
        )
        lay.addWidget(self.alert_list)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, translate("Live", "Folder of CAD exports")
        )
        if folder:
            self.source_edit.setText(folder)

    def _baseline(self) -> Layer | None:
        demand = [
            lyr
            for lyr in self.project.layers_of(LayerKind.DEMAND)
            if not lyr.style.get("live") and lyr.time_precision == "second"
        ]
        return max(demand, key=len) if demand else None

    def start(self, source: LiveSource | None = None) -> None:
        if self.controller is not None:
            return
        try:
            if not isinstance(source, LiveSource):
                source = open_source(
                    self.source_edit.text().strip(),
                    self.table_edit.text().strip(),
                    new_only=self.new_only_box.isChecked(),
                )
        except DataError as exc:
            self.status.setText(str(exc))
            return
        self.controller = LiveController(
            self.project,
            source,
            baseline=self._baseline(),
            incremental=self.incremental,
            parent=self,
        )
        self.controller.follow = self.follow_box.isChecked()
        self.controller.status_changed.connect(self._show_status)
        self.controller.alerts_changed.connect(self._show_alerts)
        self.controller.start()
        self.start_button.setEnabled(False)
        self.pause_button.setEnabled(True)
        self.stop_button.setEnabled(True)
        self.status.setText(
            translate("Live", "Waiting for calls from {name}…").format(name=source.name)
        )

    def toggle_pause(self) -> None:
        c = self.controller
        if c is None:
            return
        if c.paused:
            c.resume()
            self.pause_button.setText(translate("Live", "Pause"))
        else:
            c.pause()
            self.pause_button.setText(translate("Live", "Resume"))

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
        self.start_button.setEnabled(True)
        self.pause_button.setEnabled(False)
        self.pause_button.setText(translate("Live", "Pause"))
        self.stop_button.setEnabled(False)

    def _follow(self, on: bool) -> None:
        if self.controller is not None:
            self.controller.follow = on

    def _show_status(self, s: dict) -> None:
        paused = (
            " (paused)"
            if self.controller is not None and self.controller.paused
            else ""
        )
        self.status.setText(
            translate(
                "Live",
                "{v0:,} calls on the map; {v1:,} received, {v2:,} rejected{paused}.",
            ).format(v0=s["total"], v1=s["received"], v2=s["rejected"], paused=paused)
        )

    def _show_alerts(self, result: monitor.MonitorResult) -> None:
        self.alert_list.clear()
        for a in result.alerts:
            self.alert_list.addItem(
                translate(
                    "Live",
                    "{area}: {observed} calls, {expected:.1f} expected "
                    "({q}; grades {grades})",
                ).format(
                    area=a.area,
                    observed=a.observed,
                    expected=a.expected,
                    q=_q_text(a.q_value),
                    grades=a.grade_mix,
                )
            )
        if not result.alerts:
            self.alert_list.addItem(
                translate("Live", "No unusual demand in the last hour.")
            )
        self.alert_list.setToolTip(result.method_note)

    def closeEvent(self, event: Any) -> None:
        self.stop()
        super().closeEvent(event)
