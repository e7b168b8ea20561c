"""Hour-of-week grid: a 7 x 24 heat map of events inside the filter.

Counts honour the window, categories and area of the project's filter but not
its hours (the grid is how hours are chosen). Click or drag over cells to set
``project.filter.set_hours``; Shift or Ctrl adds to the selection; "Clear" lifts
it. Only layers with times to the second can be drawn: a month-precision layer
(data.police.uk) has no hour, and the panel says so instead of drawing a
misleading grid.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from layers.filtering import FilterState, hour_of_week, slice_positions
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.project import Project
from workstation.qt.i18n import date_text, translate
from workstation.styling import ramp

DAYS = (
    QT_TRANSLATE_NOOP("HourOfWeek", "Mon"),
    QT_TRANSLATE_NOOP("HourOfWeek", "Tue"),
    QT_TRANSLATE_NOOP("HourOfWeek", "Wed"),
    QT_TRANSLATE_NOOP("HourOfWeek", "Thu"),
    QT_TRANSLATE_NOOP("HourOfWeek", "Fri"),
    QT_TRANSLATE_NOOP("HourOfWeek", "Sat"),
    QT_TRANSLATE_NOOP("HourOfWeek", "Sun"),
)
RAMP = "YlOrRd"


def hour_of_week_counts(layer: Layer, state: FilterState, start: int = 0) -> np.ndarray:
    """(7, 24) int64 counts of ``layer`` rows inside ``state`` (hours ignored).

    ``start``: count only the rows from this position on (the rows a growing layer
    just gained).
    """
    pos = slice_positions(layer, replace(state, hours=None))
    if start:
        pos = pos[np.searchsorted(pos, start) :]
    how = hour_of_week(layer)[pos]
    how = how[how >= 0]
    return np.bincount(how, minlength=168)[:168].reshape(7, 24).astype(np.int64)


def why_not_drawable(layer: Layer | None) -> str | None:
    """A sentence saying why ``layer`` has no hour-of-week grid, or None if it has."""
    if layer is None:
        return translate(
            "HourOfWeek",
            "No layer with times to the hour is loaded. The hour-of-week grid needs "
            "event times (for example calls for service).",
        )
    if not layer.is_temporal:
        return translate(
            "HourOfWeek", "{name} has no times, so it has no hour-of-week pattern."
        ).format(name=layer.name)
    if layer.time_precision == "month":
        return translate(
            "HourOfWeek",
            "{name} records only the month of each event (data.police.uk "
            "publishes month, not date or time), so an hour-of-week grid cannot be "
            "drawn for it. Use a layer with event times, such as calls for service.",
        ).format(name=layer.name)
    if layer.time_precision == "day":
        return translate(
            "HourOfWeek",
            "{name} records dates without times of day, so an hour-of-week "
            "grid cannot be drawn for it.",
        ).format(name=layer.name)
    return None


class HourOfWeekGrid(QWidget):
    """The painted 7 x 24 grid; emits ``hours_chosen`` with hour-of-week indices."""

    hours_chosen = Signal(object, bool)  # set[int], add (Shift/Ctrl held)

    LEFT, TOP, BOTTOM, RIGHT = 38, 18, 26, 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts = np.zeros((7, 24), dtype=np.int64)
        self.selected: frozenset[int] | None = None
        self._drag_from: tuple[int, int] | None = None
        self._drag_to: tuple[int, int] | None = None
        self._colours = [QColor(c) for c in ramp(RAMP, 9)]
        #: what one cell counts, after the top value of the colour key
        self.unit = translate("HourOfWeek", "per cell")
        self.setMouseTracking(True)
        self.setMinimumSize(360, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_counts(self, counts: np.ndarray, selected: frozenset[int] | None) -> None:
        self.counts = np.asarray(counts, dtype=np.int64).reshape(7, 24)
        self.selected = selected
        self.update()

    # geometry
    def _cell_size(self) -> tuple[float, float]:
        w = max(self.width() - self.LEFT - self.RIGHT, 24)
        h = max(self.height() - self.TOP - self.BOTTOM, 7)
        return w / 24.0, h / 7.0

    def cell_rect(self, day: int, hour: int) -> QRectF:
        cw, ch = self._cell_size()
        return QRectF(self.LEFT + hour * cw, self.TOP + day * ch, cw, ch)

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        cw, ch = self._cell_size()
        hour = int((pos.x() - self.LEFT) // cw)
        day = int((pos.y() - self.TOP) // ch)
        if 0 <= day < 7 and 0 <= hour < 24:
            return day, hour
        return None

    def _colour(self, value: int, vmin: int, vmax: int) -> QColor:
        """Colour on a linear scale from the grid's smallest to largest count."""
        if value <= 0 or vmax <= 0:
            return QColor("#f7f7f7")
        span = max(vmax - vmin, 1)
        k = len(self._colours)
        i = int((value - vmin) / span * k)
        return self._colours[min(max(i, 0), k - 1)]

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.fillRect(self.rect(), QColor("white"))
        vmax = int(self.counts.max()) if self.counts.size else 0
        nonzero = self.counts[self.counts > 0]
        vmin = int(nonzero.min()) if nonzero.size else 0
        cw, ch = self._cell_size()
        font = QFont(self.font())
        font.setPointSizeF(max(6.5, min(9.0, ch * 0.45)))
        p.setFont(font)
        drag = self._drag_cells()
        show_numbers = cw >= 22 and ch >= 14
        for d in range(7):
            for h in range(24):
                r = self.cell_rect(d, h)
                v = int(self.counts[d, h])
                p.fillRect(r, self._colour(v, vmin, vmax))
                if show_numbers and v:
                    dark = vmax and (v - vmin) / max(vmax - vmin, 1) > 0.55
                    p.setPen(QColor("white" if dark else "#333"))
                    p.drawText(
                        r,
                        Qt.AlignmentFlag.AlignCenter,
                        f"{v:,}" if v < 10000 else f"{v / 1000:.0f}k",
                    )
        p.setPen(QPen(QColor("white"), 1))
        for h in range(25):
            x = self.LEFT + h * cw
            p.drawLine(int(x), self.TOP, int(x), int(self.TOP + 7 * ch))
        for d in range(8):
            y = self.TOP + d * ch
            p.drawLine(self.LEFT, int(y), int(self.LEFT + 24 * cw), int(y))
        chosen = set(self.selected) if self.selected is not None else set()
        if drag is not None:
            chosen = drag
        if chosen:
            p.setPen(QPen(QColor("#1f78b4"), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            for hw in chosen:
                p.drawRect(self.cell_rect(hw // 24, hw % 24).adjusted(1, 1, -1, -1))
        p.setPen(QColor("#333"))
        for d, name in enumerate(translate("HourOfWeek", x) for x in DAYS):
            r = QRectF(0, self.TOP + d * ch, self.LEFT - 4, ch)
            p.drawText(
                r, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name
            )
        step = 1 if cw >= 18 else (3 if cw >= 8 else 6)
        for h in range(0, 24, step):
            r = QRectF(self.LEFT + h * cw, 0, cw * step, self.TOP - 2)
            p.drawText(
                r, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, f"{h:02d}"
            )
        # colour key
        y = int(self.TOP + 7 * ch + 6)
        x = self.LEFT
        fm = p.fontMetrics()
        low = f"{vmin:,}"
        p.drawText(QRect(x, y, 60, 16), Qt.AlignmentFlag.AlignVCenter, low)
        x += fm.horizontalAdvance(low) + 4
        for c in self._colours:
            p.fillRect(QRect(x, y + 3, 12, 10), c)
            x += 12
        p.setPen(QColor("#333"))
        p.drawText(
            QRect(x + 4, y, max(self.width() - x - 6, 60), 16),
            Qt.AlignmentFlag.AlignVCenter,
            f"{vmax:,} {self.unit}",
        )
        p.end()

    # interaction
    def _drag_cells(self) -> set[int] | None:
        if self._drag_from is None or self._drag_to is None:
            return None
        (d0, h0), (d1, h1) = self._drag_from, self._drag_to
        return {
            d * 24 + h
            for d in range(min(d0, d1), max(d0, d1) + 1)
            for h in range(min(h0, h1), max(h0, h1) + 1)
        }

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and cell is not None:
            self._drag_from = self._drag_to = cell
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell is not None:
            d, h = cell
            self.setToolTip(
                translate(
                    "HourOfWeek", "{v0} {h:02d}:00-{v2:02d}:00: {v3:,} events"
                ).format(
                    v0=translate("HourOfWeek", DAYS[d]),
                    h=h,
                    v2=h + 1,
                    v3=int(self.counts[d, h]),
                )
            )
            if self._drag_from is not None:
                self._drag_to = cell
                self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        cells = self._drag_cells()
        self._drag_from = self._drag_to = None
        if cells:
            add = bool(
                event.modifiers()
                & (
                    Qt.KeyboardModifier.ShiftModifier
                    | Qt.KeyboardModifier.ControlModifier
                )
            )
            self.hours_chosen.emit(cells, add)
        self.update()


class HourOfWeekPanel(QWidget):
    """Dock content: layer chooser, the grid (or why not), and a Clear button."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        top = QHBoxLayout()
        self.layer_combo = QComboBox()
        self.layer_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.layer_combo.activated.connect(self._chosen_by_user)
        self._user_chose = False
        self._shown: tuple[str, int] | None = None
        top.addWidget(self.layer_combo, 1)
        self.summary = QLabel()
        self.summary.setStyleSheet("color: #444;")
        top.addWidget(self.summary)
        self.clear_button = QPushButton(translate("HourOfWeek", "Clear hours"))
        self.clear_button.setToolTip(
            translate("HourOfWeek", "Show every hour of the week again")
        )
        self.clear_button.clicked.connect(lambda: project.filter.set_hours(None))
        top.addWidget(self.clear_button)
        lay.addLayout(top)
        #: which layer and period the grid counts
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("color: #444;")
        lay.addWidget(self.caption)
        self.stack = QStackedWidget()
        self.grid = HourOfWeekGrid()
        self.grid.hours_chosen.connect(self._chosen)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("color: #555; padding: 12px;")
        self.stack.addWidget(self.grid)
        self.stack.addWidget(self.message)
        lay.addWidget(self.stack, 1)
        project.filter.changed.connect(lambda _s: self.refresh())
        project.layer_added.connect(lambda _l: self._layers_added_or_removed())
        project.layer_removed.connect(lambda _i: self._layers_added_or_removed())
        project.layer_changed.connect(lambda _i: self._fill_layers())
        project.rows_appended.connect(self._on_rows_appended)
        self._fill_layers()

    def _layers_added_or_removed(self) -> None:
        """Fill the chooser again only when the temporal layers changed."""
        temporal = [lyr.id for lyr in self.project.layers if lyr.is_temporal]
        if temporal != getattr(self, "_temporal_ids", None):
            self._fill_layers()

    def _fill_layers(self) -> None:
        self._temporal_ids = [lyr.id for lyr in self.project.layers if lyr.is_temporal]
        current = self.layer_combo.currentData()
        temporal = [lyr for lyr in self.project.layers if lyr.is_temporal]
        # layers with times first: they are the ones the grid can draw
        temporal.sort(
            key=lambda lyr: (
                lyr.time_precision != "second",
                not lyr.visible,
                lyr.kind != LayerKind.DEMAND,
            )
        )
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        for lyr in temporal:
            self.layer_combo.addItem(lyr.name, lyr.id)
        i = self.layer_combo.findData(current)
        chosen = self.project.layer(current) if current in self.project else None
        if (
            chosen is not None
            and not chosen.visible
            and any(lyr.visible and why_not_drawable(lyr) is None for lyr in temporal)
        ):
            self._user_chose = False  # the grid follows the visible layers
        if not self._user_chose:
            i = 0  # the best layer: times to the second, visible, calls first
        self.layer_combo.setCurrentIndex(i if i >= 0 else 0)
        self.layer_combo.blockSignals(False)
        self.refresh()

    def current_layer(self) -> Layer | None:
        lid = self.layer_combo.currentData()
        return self.project.layer(lid) if lid in self.project else None

    def _chosen_by_user(self, _i: int) -> None:
        self._user_chose = True

    def set_layer(self, layer_id: str) -> None:
        i = self.layer_combo.findData(layer_id)
        if i >= 0:
            self._user_chose = True
            self.layer_combo.setCurrentIndex(i)

    def refresh(self) -> None:
        layer = self.current_layer()
        why = why_not_drawable(layer)
        state = self.project.filter.state
        self.clear_button.setEnabled(state.hours is not None)
        if why is not None:
            self.message.setText(why)
            self.stack.setCurrentWidget(self.message)
            self.summary.setText("")
            self.caption.setText("")
            self._shown = None
            return
        self._show(layer, state, hour_of_week_counts(layer, state))

    def _on_rows_appended(self, layer_id: str, start: int, _stop: int) -> None:
        """The layer shown grew: add the new rows' counts to the grid's."""
        layer = self.current_layer()
        if layer is None or layer.id != layer_id:
            return
        if self._shown != (layer_id, start):
            self.refresh()
            return
        state = self.project.filter.state
        counts = self.grid.counts + hour_of_week_counts(layer, state, start)
        self._show(layer, state, counts)

    def _show(self, layer: Layer, state: FilterState, counts: np.ndarray) -> None:
        #: (layer id, rows counted): what the grid's counts are of
        self._shown = (layer.id, len(layer))
        weeks = counted_weeks(layer, state)
        self.grid.unit = translate("HourOfWeek", "(total over {weeks})").format(
            weeks=weeks
        )
        self.caption.setText(grid_caption(layer, state, weeks))
        self.grid.set_counts(counts, state.hours)
        self.stack.setCurrentWidget(self.grid)
        text = translate("HourOfWeek", "{n:,} events").format(n=int(counts.sum()))
        if state.hours is not None:
            inside = sum(int(counts.flat[h]) for h in state.hours)
            text += translate("HourOfWeek", "; {inside:,} in {k} chosen hours").format(
                inside=inside, k=len(state.hours)
            )
        self.summary.setText(text)

    def _chosen(self, cells: set[int], add: bool) -> None:
        current = self.project.filter.state.hours
        hours = set(cells)
        if add and current is not None:
            hours = (
                set(current) ^ hours if hours <= set(current) else set(current) | hours
            )
        self.project.filter.set_hours(hours)

    def counts(self) -> np.ndarray:
        return self.grid.counts


def counted_weeks(layer: Layer, state: FilterState) -> str:
    """The span the grid adds up, in weeks: "52 weeks" (the window, else the data)."""
    if state.window is not None:
        start, end = state.window.start, state.window.end
    else:
        rng = layer.time_range()
        if rng is None:
            return translate("HourOfWeek", "0 weeks")
        start, end = rng
    days = max((end - start).total_seconds() / 86400.0, 0.0)
    n = days / 7.0
    if n >= 1.5:
        return translate("HourOfWeek", "{n:,.0f} weeks").format(n=n)
    if n >= 0.5:
        return translate("HourOfWeek", "1 week")
    return translate("HourOfWeek", "{days:.0f} days").format(days=days)


def grid_caption(layer: Layer, state: FilterState, weeks: str) -> str:
    """Which layer, which period, and what a cell means."""
    tz = layer.timezone
    if state.window is not None:
        a = state.window.start.tz_convert(tz)
        b = state.window.end.tz_convert(tz) - pd.Timedelta(nanoseconds=1)
        period = translate("HourOfWeek", "{a} to {b}").format(
            a=date_text(a), b=date_text(b)
        )
    else:
        rng = layer.time_range()
        period = (
            translate("HourOfWeek", "{a} to {b} (all the data)").format(
                a=date_text(rng[0]), b=date_text(rng[1])
            )
            if rng
            else ""
        )
    hidden = "" if layer.visible else translate("HourOfWeek", " (hidden on the map)")
    return translate(
        "HourOfWeek",
        "{name}{hidden}, {period}: each cell is the total for that hour "
        "of the week over {weeks}, inside the filter.",
    ).format(name=layer.name, hidden=hidden, period=period, weeks=weeks)


__all__ = [
    "HourOfWeekGrid",
    "HourOfWeekPanel",
    "hour_of_week_counts",
    "why_not_drawable",
]
