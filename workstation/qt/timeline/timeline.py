"""The timeline: stacked counts per day, week or month, with the time-window brush.

The bars count the rows of the visible temporal layers that pass the project's
filter *except* its time window (so the whole history stays in view); the brush
(a ``LinearRegionItem``) *is* the window: dragging it writes
``project.filter.set_window`` about 30 times a second, and a window set elsewhere
moves the brush. Month-precision data (data.police.uk) is binned by month and the
brush snaps to month edges, because a month record has no finer time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from layers.filtering import FilterState, TimeWindow, slice_positions
from layers.layer import Layer, ns_to_timestamp, times_to_ns
from layers.project import Project
from workstation.qt.i18n import date_text, localise_date_words, translate, vocab
from workstation.styling import category_colours, effective_style

NAT = np.iinfo(np.int64).min
TOP_N = 8
OTHER = "Other"  # shown through vocab()
OTHER_COLOUR = "#9e9e9e"
UNITS = ("day", "week", "month")
UNIT_LABEL = {
    "day": QT_TRANSLATE_NOOP("Timeline", "day"),
    "week": QT_TRANSLATE_NOOP("Timeline", "week"),
    "month": QT_TRANSLATE_NOOP("Timeline", "month"),
}
_PRECISION_RANK = {"second": 0, "day": 0, "month": 2}
_UNIT_RANK = {"day": 0, "week": 1, "month": 2}


# -- pure computation ----------------------------------------------------------
def _floor(ts: pd.Timestamp, unit: str) -> pd.Timestamp:
    day = ts.normalize()
    if unit == "month":
        return day.replace(day=1)
    if unit == "week":
        return (day - pd.Timedelta(days=int(day.day_of_week))).normalize()
    return day


def _offset(unit: str, n: int = 1) -> pd.DateOffset:
    return {
        "day": pd.DateOffset(days=n),
        "week": pd.DateOffset(weeks=n),
        "month": pd.DateOffset(months=n),
    }[unit]


def bin_edges(tmin_ns: int, tmax_ns: int, unit: str, tz: str) -> np.ndarray:
    """Edges (int64 UTC ns) of calendar bins in ``tz`` covering ``[tmin, tmax]``."""
    start = _floor(ns_to_timestamp(tmin_ns, tz), unit)
    last = ns_to_timestamp(tmax_ns, tz)
    freq = {"day": "D", "week": "W-MON", "month": "MS"}[unit]
    end = _floor(last, unit) + _offset(unit)
    rng = pd.date_range(start, end, freq=freq)
    edges = times_to_ns(rng)
    if edges[-1] <= tmax_ns:  # guard against DST rounding
        edges = np.append(edges, times_to_ns(pd.DatetimeIndex([end + _offset(unit)])))
    return edges


def auto_unit(layers: list[Layer]) -> str:
    """Bin unit that follows the finest time precision of ``layers``."""
    if not layers:
        return "month"
    if all(lyr.time_precision == "month" for lyr in layers):
        return "month"
    spans = [lyr.time_range() for lyr in layers]
    days = max(((s[1] - s[0]).days for s in spans if s), default=0)
    if days <= 400:
        return "day"
    return "week" if days <= 3 * 366 else "month"


def coarsest_allowed(layers: list[Layer]) -> str:
    """The finest unit the data support (month data cannot be binned by day)."""
    rank = max(
        (_PRECISION_RANK.get(lyr.time_precision, 0) for lyr in layers), default=0
    )
    return "month" if rank >= 2 else "day"


@dataclass(frozen=True)
class TimelineCounts:
    """Stacked counts: ``counts[bin, series]`` with bin ``edges`` (UTC ns)."""

    edges: np.ndarray
    series: list[str]
    colours: list[str]
    counts: np.ndarray
    unit: str

    @property
    def totals(self) -> np.ndarray:
        return self.counts.sum(axis=1) if self.counts.size else np.zeros(0)


def timeline_counts(
    layers: list[Layer],
    state: FilterState,
    unit: str,
    tz: str,
    *,
    by: str = "category",
    top_n: int = TOP_N,
) -> TimelineCounts | None:
    """Counts per time bin and series for ``layers`` inside ``state`` minus its window.

    ``by="category"`` stacks by category (top ``top_n`` + "Other"); ``by="layer"``
    stacks by layer. Counting is ``np.searchsorted`` + ``np.bincount``.
    """
    ranges = [lyr.time_range() for lyr in layers if lyr.is_temporal]
    ranges = [r for r in ranges if r]
    if not ranges:
        return None
    tmin = min(int(r[0].value) for r in ranges)
    tmax = max(int(r[1].value) for r in ranges)
    edges = bin_edges(tmin, tmax, unit, tz)
    nb = len(edges) - 1
    no_window = replace(state, window=None)
    names: list[str] = []
    index: dict[str, int] = {}
    colour_of: dict[str, str] = {}
    parts: list[tuple[np.ndarray, np.ndarray]] = []
    for lyr in layers:
        if not lyr.is_temporal:
            continue
        pos = slice_positions(lyr, no_window)
        t = lyr.times_ns[pos]
        # t is sorted: find the bin boundaries in t (nb searches, not len(t))
        cuts = np.searchsorted(t, edges, side="left")
        b = np.full(len(t), -1, dtype=np.int64)
        b[cuts[0] : cuts[-1]] = np.repeat(np.arange(nb, dtype=np.int64), np.diff(cuts))
        b[cuts[-1] :] = nb
        if by == "layer" or "category" not in lyr.frame:
            key = lyr.name
            if key not in index:
                index[key] = len(names)
                names.append(key)
                colour_of[key] = effective_style(lyr).get("color", "#1f78b4")
            g = np.full(len(pos), index[key], dtype=np.int64)
        else:
            codes, cats = lyr.category_codes()
            cols = category_colours(lyr)
            lut = np.empty(len(cats) + 1, dtype=np.int64)
            for ci, c in enumerate(cats):
                if c not in index:
                    index[c] = len(names)
                    names.append(c)
                    colour_of[c] = cols.get(c, OTHER_COLOUR)
                lut[ci] = index[c]
            if "(missing)" not in index:
                index["(missing)"] = len(names)
                names.append("(missing)")
                colour_of["(missing)"] = OTHER_COLOUR
            lut[-1] = index["(missing)"]
            c = codes[pos]
            g = lut[np.where(c < 0, len(cats), c)]
        ok = (t != NAT) & (b >= 0) & (b < nb)
        parts.append((b[ok], g[ok]))
    k = len(names)
    counts = np.zeros((nb, max(k, 1)), dtype=np.int64)
    for b, g in parts:
        if len(b):
            counts += np.bincount(b * k + g, minlength=nb * k).reshape(nb, k)
    totals = counts.sum(axis=0)
    order = [i for i in np.argsort(-totals, kind="stable") if totals[i] > 0]
    keep, rest = order[:top_n], order[top_n:]
    series = [names[i] for i in keep]
    colours = [colour_of[names[i]] for i in keep]
    out = counts[:, keep] if keep else np.zeros((nb, 0), dtype=np.int64)
    if rest:
        out = np.column_stack([out, counts[:, rest].sum(axis=1)])
        series.append(OTHER)
        colours.append(OTHER_COLOUR)
    return TimelineCounts(edges, series, colours, out, unit)


# -- widget ------------------------------------------------------------------
def _swatch(colour: str) -> QIcon:
    pm = QPixmap(12, 12)
    pm.fill(QColor(colour))
    return QIcon(pm)


class BrushViewBox(pg.ViewBox):
    """The chart's view box, brushing as timelines do.

    A left-drag on the chart selects the period dragged over (it writes the brush,
    so the filter follows at the proxy's rate); Shift+drag or a middle-drag pans, a
    right-drag zooms, and a double-click clears the window. A drag that starts on
    the brush itself moves or resizes the brush (the region item takes it first).
    """

    def __init__(self, timeline: TimelineWidget) -> None:
        super().__init__()
        self._timeline = timeline
        self._anchor: float | None = None

    def _clamped(self, scene_pos) -> float:
        x = float(self.mapSceneToView(scene_pos).x())
        span = self._timeline.data_span_s()
        return x if span is None else min(max(x, span[0]), span[1])

    def mouseDragEvent(self, ev, axis=None) -> None:
        brush = (
            ev.button() == Qt.MouseButton.LeftButton
            and not ev.modifiers() & Qt.KeyboardModifier.ShiftModifier
            and self._timeline.region.isVisible()
        )
        if not brush:
            if ev.button() == Qt.MouseButton.LeftButton or (
                ev.button() == Qt.MouseButton.MiddleButton
            ):
                self.setMouseMode(pg.ViewBox.PanMode)
            super().mouseDragEvent(ev, axis)
            return
        ev.accept()
        if ev.isStart() or self._anchor is None:
            self._anchor = self._clamped(ev.buttonDownScenePos())
        x = self._clamped(ev.scenePos())
        lo, hi = sorted((self._anchor, x))
        self._timeline.region.setRegion((lo, hi))
        if ev.isFinish():
            self._anchor = None
            self._timeline.region_drag_finished()


class _DoubleClickClears(QObject):
    """A double-click anywhere on the chart clears the time window."""

    def __init__(self, timeline: TimelineWidget) -> None:
        super().__init__(timeline)
        self._timeline = timeline

    def eventFilter(self, obj, event) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonDblClick
            and event.button() == Qt.MouseButton.LeftButton
        ):
            self._timeline.project.filter.set_window(None)
            return True
        return False


class LocalDateAxis(pg.DateAxisItem):
    """pyqtgraph's date axis with month names in the interface language."""

    def tickStrings(self, values, scale, spacing):
        return [
            localise_date_words(s) for s in super().tickStrings(values, scale, spacing)
        ]


class TimelineWidget(QWidget):
    """Stacked counts of the visible temporal layers with the window brush."""

    recomputed = Signal()

    SPEEDS = (
        (QT_TRANSLATE_NOOP("Timeline", "0.5 steps/s"), 2000),
        (QT_TRANSLATE_NOOP("Timeline", "1 step/s"), 1000),
        (QT_TRANSLATE_NOOP("Timeline", "2 steps/s"), 500),
        (QT_TRANSLATE_NOOP("Timeline", "4 steps/s"), 250),
        (QT_TRANSLATE_NOOP("Timeline", "8 steps/s"), 125),
    )

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.counts: TimelineCounts | None = None
        self._bars: list[pg.BarGraphItem] = []
        self._updating = False
        self._set_by_us: tuple[float, float] | None = None
        self._last_key = None
        self._build()
        self._play_timer = QTimer(self)
        self._play_timer.timeout.connect(self._play_step)
        project.filter.changed.connect(self._on_filter)
        project.layer_added.connect(lambda _l: self._layers_added_or_removed())
        project.layer_removed.connect(lambda _i: self._layers_added_or_removed())
        project.layer_changed.connect(lambda _i: self._layers_changed())
        project.order_changed.connect(self._layers_changed)
        project.rows_appended.connect(self._on_rows_appended)
        self._counted_ids: list[str] = []
        self._layers_changed()

    # -- construction ------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(2, 2, 2, 2)
        outer.setSpacing(2)
        bar = QHBoxLayout()
        bar.setSpacing(4)
        self.layer_combo = QComboBox()
        self.layer_combo.setToolTip(
            translate("Timeline", "Which temporal layers the bars count")
        )
        self.layer_combo.currentIndexChanged.connect(self._layer_choice_changed)
        bar.addWidget(self.layer_combo)
        self.unit_combo = QComboBox()
        for text, unit in (
            (translate("Timeline", "Auto bins"), "auto"),
            (translate("Timeline", "Day"), "day"),
            (translate("Timeline", "Week"), "week"),
            (translate("Timeline", "Month"), "month"),
        ):
            self.unit_combo.addItem(text, unit)
        self.unit_combo.setToolTip(
            translate(
                "Timeline",
                "Bin width; month-precision data (data.police.uk) is always binned by month",
            )
        )
        self.unit_combo.currentIndexChanged.connect(lambda _i: self.recompute())
        bar.addWidget(self.unit_combo)
        bar.addSpacing(8)
        self.preset_buttons: dict[str, QPushButton] = {}
        for key, text, tip in (
            (
                "28d",
                translate("Timeline", "28 days"),
                translate("Timeline", "The last 28 days of the data"),
            ),
            (
                "3m",
                translate("Timeline", "3 months"),
                translate("Timeline", "The last 3 months of the data"),
            ),
            (
                "12m",
                translate("Timeline", "12 months"),
                translate("Timeline", "The last 12 months of the data"),
            ),
            (
                "all",
                translate("Timeline", "All"),
                translate("Timeline", "No time window: all the data"),
            ),
        ):
            b = QPushButton(text)
            b.setToolTip(tip)
            b.clicked.connect(lambda _c=False, k=key: self.apply_preset(k))
            bar.addWidget(b)
            self.preset_buttons[key] = b
        bar.addSpacing(8)
        self.play_button = QToolButton()
        self.play_button.setText("▶")
        self.play_button.setCheckable(True)
        self.play_button.setToolTip(
            translate("Timeline", "Play: move the window forward one bin at a time")
        )
        self.play_button.toggled.connect(self.set_playing)
        bar.addWidget(self.play_button)
        self.speed_combo = QComboBox()
        for text, ms in self.SPEEDS:
            self.speed_combo.addItem(translate("Timeline", text), ms)
        self.speed_combo.setCurrentIndex(1)
        self.speed_combo.setToolTip(translate("Timeline", "Animation speed"))
        self.speed_combo.currentIndexChanged.connect(self._speed_changed)
        bar.addWidget(self.speed_combo)
        bar.addSpacing(8)
        self.window_label = QLabel()
        self.window_label.setStyleSheet("color: #444;")
        bar.addWidget(self.window_label, 1)
        outer.addLayout(bar)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.axis = LocalDateAxis(orientation="bottom", utcOffset=0)
        self.view_box = BrushViewBox(self)
        self.plot = pg.PlotWidget(
            viewBox=self.view_box, axisItems={"bottom": self.axis}, background="w"
        )
        self._double_click = _DoubleClickClears(self)
        self.plot.viewport().installEventFilter(self._double_click)
        self.plot.setToolTip(
            translate(
                "Timeline",
                "Drag to choose a period; drag the blue brush or its edges to move it; double-click to clear the window; Shift+drag to pan",
            )
        )
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.hideButtons()
        pi = self.plot.getPlotItem()
        pi.showGrid(x=False, y=True, alpha=0.15)
        for name in ("left", "bottom"):
            ax = pi.getAxis(name)
            ax.setPen(pg.mkPen("#888"))
            ax.setTextPen(pg.mkPen("#333"))
        self.plot.setMinimumHeight(120)
        self.region = pg.LinearRegionItem(
            brush=pg.mkBrush(31, 120, 180, 45),
            hoverBrush=pg.mkBrush(31, 120, 180, 70),
            pen=pg.mkPen("#1f78b4", width=2),
        )
        self.region.setZValue(10)
        self.plot.addItem(self.region, ignoreBounds=True)
        self._proxy = pg.SignalProxy(
            self.region.sigRegionChanged, rateLimit=30, slot=self._region_dragged
        )
        self.region.sigRegionChangeFinished.connect(self._region_finished)
        self.plot.scene().sigMouseMoved.connect(self._hover)
        self.empty_label = pg.TextItem(
            translate("Timeline", "No temporal layer is visible"),
            color="#666",
            anchor=(0.5, 0.5),
        )
        split.addWidget(self.plot)

        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.setSpacing(2)
        head = QHBoxLayout()
        head.addWidget(QLabel(translate("Timeline", "Categories")))
        head.addStretch(1)
        for text, fn in (
            (translate("Timeline", "All", "categories"), self.check_all),
            (translate("Timeline", "None", "categories"), self.check_none),
        ):
            b = QToolButton()
            b.setText(text)
            b.setAutoRaise(True)
            b.clicked.connect(fn)
            head.addWidget(b)
        sl.addLayout(head)
        self.category_list = QListWidget()
        self.category_list.setIconSize(QSize(12, 12))
        self.category_list.itemChanged.connect(self._category_toggled)
        sl.addWidget(self.category_list, 1)
        side.setMinimumWidth(170)
        split.addWidget(side)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        outer.addWidget(split, 1)

    # -- which layers ---------------------------------------------------------
    def temporal_layers(self) -> list[Layer]:
        return [lyr for lyr in self.project.layers if lyr.is_temporal]

    def counted_layers(self) -> list[Layer]:
        """The layers the bars count, from the layer chooser.

        "Auto" counts the biggest visible temporal layer: stacking crime and calls
        for service in one bar would add unlike things, so mixing layers is an
        explicit choice ("All visible layers ...").
        """
        data = self.layer_combo.currentData()
        visible = [lyr for lyr in self.temporal_layers() if lyr.visible]
        if data in (None, "__auto__"):
            return [max(visible, key=len)] if visible else []
        if data in ("__all__", "__by_layer__"):
            return visible
        if data in self.project:
            return [self.project.layer(data)]
        return visible

    def _layers_added_or_removed(self) -> None:
        """Count again only when the temporal layers changed (not for an area layer)."""
        temporal = [lyr.id for lyr in self.temporal_layers()]
        if temporal != getattr(self, "_temporal_ids", None):
            self._layers_changed()

    def _layers_changed(self) -> None:
        self._temporal_ids = [lyr.id for lyr in self.temporal_layers()]
        current = self.layer_combo.currentData()
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        self.layer_combo.addItem(
            translate("Timeline", "Auto: largest visible layer"), "__auto__"
        )
        self.layer_combo.addItem(
            translate("Timeline", "All visible layers, by category"), "__all__"
        )
        self.layer_combo.addItem(
            translate("Timeline", "All visible layers, by layer"), "__by_layer__"
        )
        for lyr in self.temporal_layers():
            self.layer_combo.addItem(lyr.name, lyr.id)
        i = self.layer_combo.findData(current)
        self.layer_combo.setCurrentIndex(max(i, 0))
        self.layer_combo.blockSignals(False)
        self._fill_categories()
        self.recompute()

    def _layer_choice_changed(self, _i: int = 0) -> None:
        self._fill_categories()
        self.recompute()

    def unit(self) -> str:
        layers = self.counted_layers()
        choice = str(self.unit_combo.currentData() or "auto")
        unit = auto_unit(layers) if choice.startswith("auto") else choice
        if coarsest_allowed(layers) == "month":
            unit = "month"
        return unit

    # -- categories ------------------------------------------------------------
    def project_categories(self) -> set[str]:
        names: set[str] = set()
        for lyr in self.temporal_layers():
            if "category" in lyr.frame:
                names.update(lyr.categories)
        return names

    def all_categories(self) -> list[tuple[str, str, int]]:
        """(name, colour, rows) of the categories of the layers the bars count."""
        out: dict[str, list] = {}
        for lyr in self.counted_layers():
            if "category" not in lyr.frame:
                continue
            codes, cats = lyr.category_codes()
            k = len(cats)
            n = lyr.cached(
                "category_totals",
                lambda c=codes, k=k: np.bincount(c[c >= 0], minlength=k),
            )
            cols = category_colours(lyr)
            for c, k in zip(cats, n, strict=True):
                if c in out:
                    out[c][1] += int(k)
                else:
                    out[c] = [cols.get(c, OTHER_COLOUR), int(k)]
        return sorted(((k, v[0], v[1]) for k, v in out.items()), key=lambda t: -t[2])

    def _fill_categories(self) -> None:
        chosen = self.project.filter.state.categories
        self.category_list.blockSignals(True)
        self.category_list.clear()
        for name, colour, n in self.all_categories():
            it = QListWidgetItem(_swatch(colour), vocab(name))
            it.setData(Qt.ItemDataRole.UserRole, name)
            it.setToolTip(
                translate("Timeline", "{name}: {n:,} rows in all").format(
                    name=vocab(name), n=n
                )
            )
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(
                Qt.CheckState.Checked
                if chosen is None or name in chosen
                else Qt.CheckState.Unchecked
            )
            self.category_list.addItem(it)
        self.category_list.blockSignals(False)

    def checked_categories(self) -> set[str]:
        out = set()
        for i in range(self.category_list.count()):
            it = self.category_list.item(i)
            if it.checkState() == Qt.CheckState.Checked:
                out.add(it.data(Qt.ItemDataRole.UserRole))
        return out

    def shown_categories(self) -> set[str]:
        return {
            self.category_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.category_list.count())
        }

    def _category_toggled(self, _item=None) -> None:
        # categories of layers not listed here keep their current state
        everything = self.project_categories()
        current = self.project.filter.state.categories
        current = set(everything if current is None else current)
        shown = self.shown_categories()
        wanted = (current - shown) | self.checked_categories()
        if wanted >= everything:
            self.project.filter.set_categories(None)
        else:
            self.project.filter.set_categories(wanted)

    def set_category_checked(self, name: str, checked: bool) -> None:
        for i in range(self.category_list.count()):
            it = self.category_list.item(i)
            if it.data(Qt.ItemDataRole.UserRole) == name:
                it.setCheckState(
                    Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                )

    def _set_all_shown(self, on: bool) -> None:
        self.category_list.blockSignals(True)
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for i in range(self.category_list.count()):
            self.category_list.item(i).setCheckState(state)
        self.category_list.blockSignals(False)
        self._category_toggled()

    def check_all(self) -> None:
        self._set_all_shown(True)

    def check_none(self) -> None:
        self._set_all_shown(False)

    # -- counting and drawing ------------------------------------------------------
    def recompute(self) -> None:
        layers = self.counted_layers()
        state = self.project.filter.state
        by = "layer" if self.layer_combo.currentData() == "__by_layer__" else "category"
        tz = self.project.metadata.timezone or "Europe/London"
        unit = self.unit()
        self.counts = timeline_counts(layers, state, unit, tz, by=by)
        self._counted_ids = [lyr.id for lyr in layers]
        self._last_key = (state.categories, state.hours, _area_key(state))
        self._draw()
        self.recomputed.emit()

    def _on_rows_appended(self, layer_id: str, start: int, _stop: int) -> None:
        """A layer grew: add its new rows to the bars, or count again if it must."""
        counted = self.counted_layers()
        if [lyr.id for lyr in counted] != self._counted_ids:
            self._fill_categories()  # e.g. the growing layer is now the largest
            self.recompute()
            return
        layer = next((lyr for lyr in counted if lyr.id == layer_id), None)
        if layer is None:
            return
        if not self._add_rows(layer, start):
            self._fill_categories()
            self.recompute()

    def _add_rows(self, layer: Layer, start: int) -> bool:
        """Add the rows of ``layer`` from ``start`` on to the bars' counts.

        False when they need what the bars lack: a bin past the ends, another bin
        unit, or a category that has no series of its own.
        """
        c = self.counts
        if c is None or c.unit != self.unit() or len(c.edges) < 2:
            return False
        state = replace(self.project.filter.state, window=None)
        pos = slice_positions(layer, state)
        pos = pos[np.searchsorted(pos, start) :]
        t = layer.times_ns[pos]
        ok = t != NAT
        pos, t = pos[ok], t[ok]
        if not len(t):
            return True
        if t[0] < c.edges[0] or t[-1] >= c.edges[-1]:
            return False
        by_layer = self.layer_combo.currentData() == "__by_layer__"
        if by_layer or "category" not in layer.frame:
            names = np.array([layer.name])
            g = np.zeros(len(pos), dtype=np.int64)
        else:
            codes, cats = layer.category_codes()
            names = np.array([*cats, "(missing)"], dtype=object)
            code = codes[pos]
            g = np.where(code < 0, len(cats), code).astype(np.int64)
        column = {name: j for j, name in enumerate(c.series) if name != OTHER}
        used = np.unique(g)
        if any(names[u] not in column for u in used):
            return False
        lut = np.full(len(names), -1, dtype=np.int64)
        for u in used:
            lut[u] = column[names[u]]
        b = np.searchsorted(c.edges, t, side="right") - 1
        k = max(len(c.series), 1)
        nb = len(c.edges) - 1
        add = np.bincount(b * k + lut[g], minlength=nb * k).reshape(nb, k)
        self.counts = replace(c, counts=c.counts + add[:, : c.counts.shape[1]])
        self._restack()
        self.recomputed.emit()
        return True

    def _restack(self) -> None:
        """Give the drawn bars the heights of :attr:`counts` (same bins and series)."""
        c = self.counts
        base = np.zeros(len(c.edges) - 1)
        for j, item in enumerate(self._bars):
            h = c.counts[:, j].astype(float)
            item.setOpts(y0=base.copy(), height=h)
            base += h
        ymax = float(base.max()) if len(base) else 1.0
        self.plot.getPlotItem().setYRange(0, max(ymax, 1.0) * 1.05, padding=0)

    def _draw(self) -> None:
        pi = self.plot.getPlotItem()
        for b in self._bars:
            pi.removeItem(b)
        self._bars = []
        if self.empty_label.scene() is not None:
            pi.removeItem(self.empty_label)
        c = self.counts
        if c is None or len(c.edges) < 2:
            self.plot.addItem(self.empty_label, ignoreBounds=True)
            self.region.setVisible(False)
            self.window_label.setText(
                translate("Timeline", "No temporal layer is visible.")
            )
            return
        self.region.setVisible(True)
        x0 = c.edges[:-1] / 1e9
        x1 = c.edges[1:] / 1e9
        width = (x1 - x0) * (0.92 if c.unit == "month" else 1.0)
        base = np.zeros(len(x0))
        for j, (name, colour) in enumerate(zip(c.series, c.colours, strict=True)):
            h = c.counts[:, j].astype(float)
            item = pg.BarGraphItem(
                x0=x0,
                width=width,
                y0=base.copy(),
                height=h,
                brush=pg.mkBrush(colour),
                pen=pg.mkPen(None),
                name=name,
            )
            self.plot.addItem(item)
            self._bars.append(item)
            base += h
        ymax = float(base.max()) if len(base) else 1.0
        pi.setLimits(xMin=x0[0] - (x1[0] - x0[0]), xMax=x1[-1] + (x1[-1] - x0[-1]))
        self.fit_all()
        pi.setYRange(0, max(ymax, 1.0) * 1.05, padding=0)
        pi.getAxis("left").setLabel(
            translate("Timeline", "per {unit}").format(
                unit=translate("Timeline", UNIT_LABEL[c.unit])
            )
        )
        self.region.setBounds((x0[0], x1[-1]))
        self._sync_region()

    def fit_all(self) -> None:
        """Show the whole range of the data, with half a bin of margin each side."""
        c = self.counts
        if c is None or len(c.edges) < 2:
            return
        e = c.edges / 1e9
        margin = 0.5 * float(min(e[1] - e[0], e[-1] - e[-2]))
        self.plot.getPlotItem().setXRange(e[0] - margin, e[-1] + margin, padding=0)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_fitted_on_show", False):
            self._fitted_on_show = True
            QTimer.singleShot(0, self.fit_all)

    def bin_text(self, x_seconds: float) -> str:
        """What a bin holds: its dates, total and the biggest series."""
        c = self.counts
        if c is None:
            return ""
        i = int(np.searchsorted(c.edges, x_seconds * 1e9, side="right")) - 1
        if not 0 <= i < len(c.edges) - 1:
            return ""
        tz = self.project.metadata.timezone or "Europe/London"
        start = ns_to_timestamp(int(c.edges[i]), tz)
        when = {
            "month": date_text(start, "MMMM yyyy"),
            "week": translate("Timeline", "week of {start}").format(
                start=date_text(start)
            ),
            "day": date_text(start, "ddd dd MMM yyyy"),
        }[c.unit]
        row = c.counts[i]
        parts = [
            f"{vocab(name)}: {int(n):,}"
            for name, n in sorted(zip(c.series, row, strict=True), key=lambda t: -t[1])
            if n
        ]
        return f"{when}: {int(row.sum()):,}\n" + "\n".join(parts[:9])

    def _hover(self, pos) -> None:
        vb = self.plot.getPlotItem().getViewBox()
        if not self.plot.sceneBoundingRect().contains(pos) or self.counts is None:
            return
        x = vb.mapSceneToView(pos).x()
        text = self.bin_text(x)
        if text:
            self._double_click = _DoubleClickClears(self)
        self.plot.viewport().installEventFilter(self._double_click)
        self.plot.setToolTip(text)

    def _on_filter(self, state: FilterState) -> None:
        key = (state.categories, state.hours, _area_key(state))
        if key != self._last_key:
            if self._checked_differs(state):
                self._fill_categories()
            self.recompute()
        else:
            self._sync_region()

    def _checked_differs(self, state: FilterState) -> bool:
        shown = self.shown_categories()
        want = shown if state.categories is None else shown & set(state.categories)
        return want != self.checked_categories()

    # -- the window brush ------------------------------------------------------
    def data_span_s(self) -> tuple[float, float] | None:
        if self.counts is None:
            return None
        return self.counts.edges[0] / 1e9, self.counts.edges[-1] / 1e9

    def _sync_region(self) -> None:
        span = self.data_span_s()
        if span is None:
            self._update_label()
            return
        w = self.project.filter.state.window
        lo, hi = (w.start_ns / 1e9, w.end_ns / 1e9) if w is not None else span
        self._updating = True
        try:
            self.region.setRegion((lo, hi))
        finally:
            self._updating = False
        # the proxy delivers this move later: remember it was ours, not a drag
        self._set_by_us = tuple(self.region.getRegion())
        self._update_label()

    def _snap(self, lo: float, hi: float) -> tuple[float, float]:
        """Snap to bin edges when the data has month precision."""
        layers = self.counted_layers()
        if self.counts is None or coarsest_allowed(layers) != "month":
            return lo, hi
        e = self.counts.edges / 1e9
        a = e[int(np.argmin(np.abs(e - lo)))]
        b = e[int(np.argmin(np.abs(e - hi)))]
        if b <= a:
            i = int(np.searchsorted(e, a)) + 1
            b = e[min(i, len(e) - 1)]
        return float(a), float(b)

    def window_from_region(self) -> TimeWindow:
        lo, hi = self._snap(*self.region.getRegion())
        tz = self.project.metadata.timezone or "Europe/London"
        return TimeWindow(
            ns_to_timestamp(round(lo * 1e9), tz),
            ns_to_timestamp(round(hi * 1e9), tz),
        )

    def _moved_by_user(self) -> bool:
        if self._updating or not self.region.isVisible():
            return False
        return tuple(self.region.getRegion()) != self._set_by_us

    def _region_dragged(self, *_args) -> None:
        if self._moved_by_user():
            self.project.filter.set_window(self.window_from_region())

    def _region_finished(self, *_args) -> None:
        if not self._moved_by_user():
            return
        self.project.filter.set_window(self.window_from_region())
        self._sync_region()

    def region_drag_finished(self) -> None:
        """A brush drag on the chart ended: write the window (snapped) now."""
        self._region_finished()

    def set_region_seconds(self, lo: float, hi: float) -> None:
        """Move the brush as a drag would (used by tests and keyboard control)."""
        self.region.setRegion((lo, hi))
        self._region_finished()

    def _update_label(self) -> None:
        w = self.project.filter.state.window
        if w is None:
            self.window_label.setText(translate("Timeline", "Window: all time"))
            return
        tz = self.project.metadata.timezone or "Europe/London"
        s = w.start.tz_convert(tz)
        e = w.end.tz_convert(tz)
        days = (w.end - w.start).total_seconds() / 86400
        last = e - pd.Timedelta(nanoseconds=1)
        self.window_label.setText(
            translate("Timeline", "Window: {start} to {end} ({days:,.0f} days)").format(
                start=date_text(s), end=date_text(last), days=days
            )
        )

    def latest_ns(self) -> int | None:
        ranges = [lyr.time_range() for lyr in self.counted_layers()]
        ranges = [r for r in ranges if r]
        if not ranges:
            return None
        return int(max(r[1] for r in ranges).tz_convert("UTC").value)

    def apply_preset(self, key: str) -> None:
        """``28d``, ``3m``, ``12m`` before the data's latest time, or ``all``."""
        if key == "all":
            self.project.filter.set_window(None)
            return
        latest = self.latest_ns()
        if latest is None:
            return
        tz = self.project.metadata.timezone or "Europe/London"
        month_data = coarsest_allowed(self.counted_layers()) == "month"
        end = _floor(ns_to_timestamp(latest, tz), "month" if month_data else "day")
        end = end + (_offset("month") if month_data else _offset("day"))
        if key == "28d":
            start = end - (
                pd.DateOffset(months=1) if month_data else pd.DateOffset(days=28)
            )
        elif key == "3m":
            start = end - pd.DateOffset(months=3)
        elif key == "12m":
            start = end - pd.DateOffset(months=12)
        else:
            raise ValueError(
                translate("Timeline", "unknown preset {key!r}").format(key=key)
            )
        self.project.filter.set_window(TimeWindow(start, end))

    # -- animation ------------------------------------------------------------
    def _speed_changed(self, _i: int) -> None:
        self._play_timer.setInterval(int(self.speed_combo.currentData()))

    def set_playing(self, playing: bool) -> None:
        if self.play_button.isChecked() != playing:
            self.play_button.setChecked(playing)
            return
        if playing and self.counts is not None:
            self.play_button.setText("■")
            if self.project.filter.state.window is None:
                e = self.counts.edges
                tz = self.project.metadata.timezone or "Europe/London"
                self.project.filter.set_window(
                    TimeWindow(ns_to_timestamp(e[0], tz), ns_to_timestamp(e[1], tz))
                )
            self._play_timer.start(int(self.speed_combo.currentData()))
        else:
            self.play_button.setText("▶")
            self._play_timer.stop()

    def step(self, n: int = 1) -> bool:
        """Move the window forward ``n`` bins; False (and stop) at the end of the data."""
        w = self.project.filter.state.window
        if w is None or self.counts is None:
            return False
        tz = self.project.metadata.timezone or "Europe/London"
        off = _offset(self.counts.unit, n)
        start = w.start.tz_convert(tz) + off
        end = w.end.tz_convert(tz) + off
        if start.value >= self.counts.edges[-1]:
            return False
        self.project.filter.set_window(TimeWindow(start, end))
        return True

    def _play_step(self) -> None:
        if not self.step():
            self.set_playing(False)


def _area_key(state: FilterState):
    return state.area.wkb if state.area is not None else None
