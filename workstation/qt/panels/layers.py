"""The layer panel: drawing order, visibility, opacity, legends and layer actions.

The top of the list is drawn on top (the last layer in ``project.layers``).
Every change goes through the project (``set_visible``, ``move_layer``,
``set_style``, ``rename_layer``, ``remove_layer``); the panel rebuilds itself
from the project's signals, so it never holds its own idea of the layers.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Signal

from layers.kinds import LayerKind
from layers.layer import Layer
from layers.project import Project
from workstation import styling
from workstation.qt.i18n import date_text, translate, vocab
from workstation.qt.map.items import HATCH_STYLES
from workstation.qt.map.overlays import wrap_text

LAYER_ID_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1
#: (full text, depth, has icon) of a tree item, for wrapping it again on resize
FULL_TEXT_ROLE = QtCore.Qt.ItemDataRole.UserRole + 2
#: at most this many legend rows are listed under a layer
MAX_LEGEND_ROWS = 20


def legend_icon(entry: styling.LegendEntry, size: int = 16) -> QtGui.QIcon:
    """A small swatch for a legend row (point symbol, square or line)."""
    pm = QtGui.QPixmap(size, size)
    pm.fill(QtCore.Qt.GlobalColor.transparent)
    p = QtGui.QPainter(pm)
    p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    fill = QtGui.QColor(*entry.fill)
    stroke = QtGui.QColor(*entry.stroke)
    if entry.shape == "point":
        p.setPen(QtGui.QPen(stroke.darker(140), 1.0))
        p.setBrush(fill)
        r = QtCore.QRectF(size * 0.2, size * 0.2, size * 0.6, size * 0.6)
        if entry.symbol == "s":
            p.drawRect(r)
        elif entry.symbol == "t":
            p.drawPolygon(
                QtGui.QPolygonF(
                    [
                        QtCore.QPointF(size / 2, size * 0.15),
                        QtCore.QPointF(size * 0.85, size * 0.8),
                        QtCore.QPointF(size * 0.15, size * 0.8),
                    ]
                )
            )
        elif entry.symbol == "d":
            p.drawPolygon(
                QtGui.QPolygonF(
                    [
                        QtCore.QPointF(size / 2, size * 0.1),
                        QtCore.QPointF(size * 0.9, size / 2),
                        QtCore.QPointF(size / 2, size * 0.9),
                        QtCore.QPointF(size * 0.1, size / 2),
                    ]
                )
            )
        else:
            p.drawEllipse(r)
    elif entry.shape == "line":
        p.setPen(QtGui.QPen(stroke, 2.0))
        p.drawLine(QtCore.QPointF(1, size / 2), QtCore.QPointF(size - 1, size / 2))
    else:
        # a light chequer under transparent fills, so "no fill" reads as such
        if fill.alpha() < 255:
            p.fillRect(QtCore.QRectF(2, 2, size - 4, size - 4), QtGui.QColor("white"))
        p.setPen(QtGui.QPen(stroke if stroke.alpha() else QtGui.QColor("#999"), 1.0))
        p.setBrush(fill)
        p.drawRect(QtCore.QRectF(2.5, 2.5, size - 5, size - 5))
        hatch = HATCH_STYLES.get(getattr(entry, "hatch", "none"))
        if hatch is not None:
            dark = fill.lightnessF() < 0.4
            ink = (
                QtGui.QColor(255, 255, 255, 200)
                if dark
                else QtGui.QColor(20, 20, 20, 170)
            )
            p.setPen(QtCore.Qt.PenStyle.NoPen)
            p.setBrush(QtGui.QBrush(ink, hatch))
            p.drawRect(QtCore.QRectF(3, 3, size - 6, size - 6))
    p.end()
    return QtGui.QIcon(pm)


def is_stale(layer: Layer) -> bool:
    """A result marked stale (its inputs or the filter moved since it was made)."""
    return bool(
        (layer.style or {}).get("stale") or (layer.provenance or {}).get("stale")
    )


KIND_MARK = {
    LayerKind.CRIME: "●",
    LayerKind.DEMAND: "●",
    LayerKind.ASSET: "■",
    LayerKind.BOUNDARY: "▢",
    LayerKind.RESULT: "▦",
}


class LayerTree(QtWidgets.QTreeWidget):
    """Tree of layers (top-level) and legend rows (children); drag to reorder."""

    moved = Signal(str, int)  # layer id, new list position (0 = top)
    #: the viewport changed width (texts are wrapped again)
    resized = Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setDragDropMode(QtWidgets.QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(QtCore.Qt.DropAction.MoveAction)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.setIndentation(18)
        self.setUniformRowHeights(False)
        # long layer names and notes are wrapped onto more lines (LayerPanel.rewrap)
        self.setTextElideMode(QtCore.Qt.TextElideMode.ElideNone)
        self.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)
        self.setIconSize(QtCore.QSize(16, 16))

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.resized.emit()

    def drop_position(self, pos: QtCore.QPoint) -> int:
        """List position a layer dropped at ``pos`` (viewport coordinates) goes to."""
        target = self.itemAt(pos)
        n = self.topLevelItemCount()
        if target is None:
            return n
        if target.parent() is not None:
            # on a legend row: below that layer
            while target.parent() is not None:
                target = target.parent()
            return self.indexOfTopLevelItem(target) + 1
        index = self.indexOfTopLevelItem(target)
        rect = self.visualItemRect(target)
        return index + 1 if pos.y() > rect.center().y() else index

    def dropEvent(self, event: QtGui.QDropEvent) -> None:
        source = self.currentItem()
        while source is not None and source.parent() is not None:
            source = source.parent()
        if source is None:
            event.ignore()
            return
        layer_id = source.data(0, LAYER_ID_ROLE)
        position = self.drop_position(event.position().toPoint())
        old = self.indexOfTopLevelItem(source)
        if position > old:
            position -= 1
        event.setDropAction(QtCore.Qt.DropAction.IgnoreAction)
        event.accept()
        if position != old:
            self.moved.emit(layer_id, position)


class LayerPanel(QtWidgets.QWidget):
    """Layers in drawing order with visibility, opacity, legend and actions."""

    open_table = Signal(str)
    #: the current (highlighted) layer changed; layer id or ""
    current_changed = Signal(str)

    def __init__(
        self,
        project: Project,
        canvas: Any = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.canvas = canvas
        self._building = False
        self._expanded: dict[str, bool] = {}

        self.tree = LayerTree(self)
        self.tree.moved.connect(self.move_to_position)
        self._rewrap_timer = QtCore.QTimer(self)
        self._rewrap_timer.setSingleShot(True)
        self._rewrap_timer.setInterval(30)
        self._rewrap_timer.timeout.connect(self.rewrap)
        self.tree.resized.connect(self._rewrap_timer.start)
        self.tree.itemChanged.connect(self._on_item_changed)
        self.tree.currentItemChanged.connect(self._on_current_changed)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.itemDoubleClicked.connect(self._on_double_click)
        self.tree.itemExpanded.connect(lambda it: self._remember_expanded(it, True))
        self.tree.itemCollapsed.connect(lambda it: self._remember_expanded(it, False))

        self.opacity = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setToolTip(translate("Layers", "Opacity of the selected layer"))
        self.opacity_label = QtWidgets.QLabel(translate("Layers", "Opacity"))
        self.opacity_label.setMinimumWidth(88)
        self._opacity_timer = QtCore.QTimer(self)
        self._opacity_timer.setSingleShot(True)
        self._opacity_timer.setInterval(60)
        self._opacity_timer.timeout.connect(self._apply_opacity)
        self.opacity.valueChanged.connect(self._on_opacity_slider)

        row = QtWidgets.QHBoxLayout()
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(self.opacity_label)
        row.addWidget(self.opacity, 1)
        self.empty_hint = QtWidgets.QLabel(
            translate(
                "Layers",
                "No layers yet. Use File ▸ Import to add crime, calls for service, assets or boundaries.",
            )
        )
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("color: #666; padding: 8px;")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(4)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)

        self._connections = [
            (project.layer_added, self._on_layers_changed),
            (project.layer_removed, self._on_layers_changed),
            (project.layer_changed, self._on_layer_changed),
            (project.order_changed, self._on_layers_changed),
            (project.rows_appended, self._on_rows_appended),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)
        self.destroyed.connect(_disconnector(self._connections))
        if canvas is not None and hasattr(canvas, "legend_changed"):
            canvas.legend_changed.connect(self._on_layer_changed)
        self.rebuild()

    # -- public --------------------------------------------------------------------------
    def current_layer_id(self) -> str | None:
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        return item.data(0, LAYER_ID_ROLE) if item is not None else None

    def set_current_layer(self, layer_id: str) -> None:
        item = self._item_for(layer_id)
        if item is not None:
            self.tree.setCurrentItem(item)

    def layer_ids_in_list(self) -> list[str]:
        """Layer ids as listed (top = drawn on top)."""
        return [
            self.tree.topLevelItem(i).data(0, LAYER_ID_ROLE)
            for i in range(self.tree.topLevelItemCount())
        ]

    def move_to_position(self, layer_id: str, position: int) -> None:
        """Move a layer to list ``position`` (0 = top, drawn above everything)."""
        n = len(self.project.layers)
        position = max(0, min(int(position), n - 1))
        self.project.move_layer(layer_id, n - 1 - position)
        self.set_current_layer(layer_id)

    def zoom_to_layer(self, layer_id: str) -> None:
        if self.canvas is not None:
            self.canvas.zoom_to_layer(layer_id)
        else:
            b = self.project.layer(layer_id).bounds()
            if b is not None:
                self.project.request_zoom(b)

    def open_style_dialog(self, layer_id: str):
        """Open the style dialog for a layer (non-modal); returns the dialog."""
        from workstation.qt.dialogs.style import StyleDialog

        dlg = StyleDialog(self.project, layer_id, canvas=self.canvas, parent=self)
        dlg.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        return dlg

    def rename_layer(self, layer_id: str, name: str | None = None) -> None:
        if name is None:
            layer = self.project.layer(layer_id)
            name, ok = QtWidgets.QInputDialog.getText(
                self,
                translate("Layers", "Rename layer"),
                translate("Layers", "Layer name:"),
                text=layer.name,
            )
            if not ok:
                return
        name = name.strip()
        if name:
            self.project.rename_layer(layer_id, name)

    def remove_layer(self, layer_id: str, confirm: bool = True) -> bool:
        layer = self.project.layer(layer_id)
        if confirm:
            answer = QtWidgets.QMessageBox.question(
                self,
                translate("Layers", "Remove layer"),
                translate(
                    "Layers",
                    "Remove the layer “{name}” from the project?\nThe source file is not changed.",
                ).format(name=layer.name),
            )
            if answer != QtWidgets.QMessageBox.StandardButton.Yes:
                return False
        self.project.remove_layer(layer_id)
        return True

    def layer_actions(self, layer_id: str) -> list[QtGui.QAction]:
        """The context-menu actions for a layer (also used by the main window)."""
        acts = []

        def add(text: str, slot, tip: str = "") -> None:
            a = QtGui.QAction(text, self)
            a.setStatusTip(tip)
            a.triggered.connect(slot)
            acts.append(a)

        add(translate("Layers", "Zoom to layer"), lambda: self.zoom_to_layer(layer_id))
        add(translate("Layers", "Style…"), lambda: self.open_style_dialog(layer_id))
        add(
            translate("Layers", "Open attribute table"),
            lambda: self.open_table.emit(layer_id),
        )
        add(translate("Layers", "Rename…"), lambda: self.rename_layer(layer_id))
        add(
            translate("Layers", "Remove"),
            lambda: self.remove_layer(layer_id),
            translate("Layers", "Remove from the project"),
        )
        return acts

    # -- building the tree -----------------------------------------------------------------
    def _item_for(self, layer_id: str) -> QtWidgets.QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            it = self.tree.topLevelItem(i)
            if it.data(0, LAYER_ID_ROLE) == layer_id:
                return it
        return None

    def rebuild(self) -> None:
        current = self.current_layer_id()
        self._building = True
        try:
            self.tree.clear()
            for layer in reversed(self.project.layers):
                item = QtWidgets.QTreeWidgetItem()
                item.setData(0, LAYER_ID_ROLE, layer.id)
                item.setFlags(
                    QtCore.Qt.ItemFlag.ItemIsEnabled
                    | QtCore.Qt.ItemFlag.ItemIsSelectable
                    | QtCore.Qt.ItemFlag.ItemIsUserCheckable
                    | QtCore.Qt.ItemFlag.ItemIsDragEnabled
                )
                self.tree.addTopLevelItem(item)
                self._fill_layer_item(item, layer)
                item.setExpanded(self._expanded.get(layer.id, True))
        finally:
            self._building = False
        has = bool(self.project.layers)
        self.empty_hint.setVisible(not has)
        if current and current in self.project:
            self.set_current_layer(current)
        elif has:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._sync_opacity()

    def _on_rows_appended(self, layer_id: str, _start: int, _stop: int) -> None:
        """A layer grew: refill its own item (its count), not the whole tree."""
        item = self._item_for(layer_id)
        if item is None or layer_id not in self.project:
            return
        self._building = True
        try:
            self._fill_layer_item(item, self.project.layer(layer_id))
        finally:
            self._building = False

    def _fill_layer_item(self, item: QtWidgets.QTreeWidgetItem, layer: Layer) -> None:
        stale = is_stale(layer)
        text = f"{layer.name}"
        if stale:
            text += translate("Layers", "   ⚠ stale")
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        self._set_text(item, text, depth=0)
        item.setCheckState(
            0,
            QtCore.Qt.CheckState.Checked
            if layer.visible
            else QtCore.Qt.CheckState.Unchecked,
        )
        tip = [
            f"{layer.name}",
            translate("Layers", "{kind}: {n:,} features").format(
                kind=vocab(layer.kind.label), n=len(layer)
            ),
        ]
        tr = layer.time_range()
        if tr is not None:
            tip.append(
                translate("Layers", "{a} to {b} ({precision} precision)").format(
                    a=date_text(tr[0]),
                    b=date_text(tr[1]),
                    precision=translate("Layers", layer.time_precision),
                )
            )
        if layer.report is not None and layer.report.rows_rejected:
            tip.append(
                translate("Layers", "{n:,} rows rejected on import").format(
                    n=layer.report.rows_rejected
                )
            )
        if stale:
            tip.append(
                translate(
                    "Layers",
                    "Stale: the data or the filter changed since this result was "
                    "made; run the analysis again to update it.",
                )
            )
            item.setForeground(0, QtGui.QBrush(QtGui.QColor("#8a5a00")))
        item.setToolTip(0, "\n".join(tip))
        item.takeChildren()
        legend = self._legend(layer)
        for entry in legend[:MAX_LEGEND_ROWS]:
            child = QtWidgets.QTreeWidgetItem()
            self._set_text(child, vocab(entry.label), depth=1)
            child.setIcon(0, legend_icon(entry))
            child.setFlags(QtCore.Qt.ItemFlag.ItemIsEnabled)
            item.addChild(child)
        extra = len(legend) - MAX_LEGEND_ROWS
        if extra > 0:
            more = QtWidgets.QTreeWidgetItem(
                [translate("Layers", "… and {extra} more").format(extra=extra)]
            )
            more.setFlags(QtCore.Qt.ItemFlag.ItemIsEnabled)
            item.addChild(more)
        unit = self._legend_unit(layer)
        if unit:
            head = QtWidgets.QTreeWidgetItem()
            head.setFlags(QtCore.Qt.ItemFlag.ItemIsEnabled)
            font = head.font(0)
            font.setItalic(True)
            head.setFont(0, font)
            self._set_text(head, unit, depth=1, icon=False)
            item.insertChild(0, head)
        note = self._legend_note(layer)
        if note:
            child = QtWidgets.QTreeWidgetItem()
            self._set_text(child, note, depth=1, icon=False)
            child.setToolTip(0, note)
            child.setFlags(QtCore.Qt.ItemFlag.ItemIsEnabled)
            child.setForeground(0, QtGui.QBrush(QtGui.QColor("#666")))
            item.addChild(child)

    def _legend(self, layer: Layer) -> list[styling.LegendEntry]:
        if styling.effective_style(layer).get("mode") == "raster":
            return raster_legend(layer)
        cls = None
        if self.canvas is not None and hasattr(self.canvas, "classification"):
            cls = self.canvas.classification(layer.id)
        if len(layer) == 0 and not getattr(layer, "arrays", None):
            return []
        try:
            return styling.legend_entries(layer, classification=cls)
        except (KeyError, ValueError, TypeError):
            return []

    # -- wrapped texts: nothing is cut off, whatever the panel's width ------------------
    def _text_width(self, depth: int, icon: bool) -> float:
        """Room for an item's text: the viewport less indentation and the swatch."""
        room = self.tree.viewport().width() - self.tree.indentation() * (depth + 1)
        return float(max(room - (22 if icon else 4) - 8, 120))

    def _set_text(
        self, item: QtWidgets.QTreeWidgetItem, text: str, depth: int, icon: bool = True
    ) -> None:
        item.setData(0, FULL_TEXT_ROLE, (text, depth, icon))
        fm = QtGui.QFontMetricsF(item.font(0))
        item.setText(0, "\n".join(wrap_text(fm, text, self._text_width(depth, icon))))
        item.setToolTip(0, item.toolTip(0) or text)

    def rewrap(self) -> None:
        """Wrap every text again for the current width (after a resize)."""
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for it in [top, *(top.child(k) for k in range(top.childCount()))]:
                full = it.data(0, FULL_TEXT_ROLE)
                if full:
                    self._set_text(it, *full)

    def _legend_unit(self, layer: Layer) -> str | None:
        """What a choropleth's classes measure, above them ("Crimes per 1,000 ...")."""
        style = styling.effective_style(layer)
        if style.get("mode") != "choropleth" or self._legend_note(layer) is None:
            return None
        return choropleth_unit(self.project, style.get("choropleth") or {})

    def _legend_note(self, layer: Layer) -> str | None:
        style = styling.effective_style(layer)
        if style.get("mode") != "choropleth":
            return None
        spec = style.get("choropleth") or {}
        err = None
        if self.canvas is not None and hasattr(self.canvas, "choropleth_error"):
            err = self.canvas.choropleth_error(layer.id)
        if err:
            return translate("Layers", "Not drawn: {err}").format(err=err)
        return choropleth_caption(self.project, spec)

    # -- reactions ---------------------------------------------------------------------------
    def _on_layers_changed(self, *_args) -> None:
        self.rebuild()

    def _on_layer_changed(self, layer_id: str) -> None:
        if layer_id not in self.project:
            return
        item = self._item_for(layer_id)
        if item is None:
            self.rebuild()
            return
        self._building = True
        try:
            self._fill_layer_item(item, self.project.layer(layer_id))
            item.setExpanded(self._expanded.get(layer_id, True))
        finally:
            self._building = False
        if layer_id == self.current_layer_id():
            self._sync_opacity()

    def _on_item_changed(self, item: QtWidgets.QTreeWidgetItem, _column: int) -> None:
        if self._building or item.parent() is not None:
            return
        layer_id = item.data(0, LAYER_ID_ROLE)
        if layer_id in self.project:
            visible = item.checkState(0) == QtCore.Qt.CheckState.Checked
            self.project.set_visible(layer_id, visible)

    def _on_current_changed(self, *_args) -> None:
        layer_id = self.current_layer_id()
        if self.canvas is not None and hasattr(self.canvas, "set_active_layer"):
            self.canvas.set_active_layer(layer_id)
        self._sync_opacity()
        self.current_changed.emit(layer_id or "")

    def _remember_expanded(self, item: QtWidgets.QTreeWidgetItem, value: bool) -> None:
        if item.parent() is None and not self._building:
            self._expanded[item.data(0, LAYER_ID_ROLE)] = value

    def _on_double_click(self, item: QtWidgets.QTreeWidgetItem, _col: int) -> None:
        while item.parent() is not None:
            item = item.parent()
        self.open_style_dialog(item.data(0, LAYER_ID_ROLE))

    def _context_menu(self, pos: QtCore.QPoint) -> None:
        item = self.tree.itemAt(pos)
        if item is None:
            return
        while item.parent() is not None:
            item = item.parent()
        self.tree.setCurrentItem(item)
        menu = QtWidgets.QMenu(self)
        for act in self.layer_actions(item.data(0, LAYER_ID_ROLE)):
            menu.addAction(act)
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def _sync_opacity(self) -> None:
        layer_id = self.current_layer_id()
        enabled = bool(layer_id) and layer_id in self.project
        self.opacity.setEnabled(enabled)
        if not enabled:
            self.opacity_label.setText(translate("Layers", "Opacity"))
            return
        value = round(
            100
            * float(
                styling.effective_style(self.project.layer(layer_id)).get(
                    "opacity", 1.0
                )
            )
        )
        self.opacity.blockSignals(True)
        self.opacity.setValue(value)
        self.opacity.blockSignals(False)
        self.opacity_label.setText(
            translate("Layers", "Opacity {value} %").format(value=value)
        )

    def _on_opacity_slider(self, value: int) -> None:
        self.opacity_label.setText(
            translate("Layers", "Opacity {value} %").format(value=value)
        )
        self._opacity_timer.start()

    def _apply_opacity(self) -> None:
        layer_id = self.current_layer_id()
        if layer_id and layer_id in self.project:
            self.project.set_style(layer_id, opacity=self.opacity.value() / 100.0)


def raster_legend(layer: Layer, k: int = 5) -> list[styling.LegendEntry]:
    """Equal steps of a result raster's colour scale, with the values they stand for."""
    from workstation.qt.map.items import raster_of

    found = raster_of(layer)
    if found is None:
        return []
    arr = np.asarray(found[0], dtype=float)
    style = styling.effective_style(layer)
    opts = style.get("raster") or {}
    finite = arr[np.isfinite(arr)]
    vmin = float(opts["vmin"]) if opts.get("vmin") is not None else 0.0
    if opts.get("vmax") is not None:
        vmax = float(opts["vmax"])
    else:
        vmax = float(finite.max()) if finite.size else 1.0
    if vmax <= vmin:
        vmax = vmin + 1.0
    colours = styling.ramp(str(opts.get("ramp", "YlOrRd")), k)
    edges = np.linspace(vmin, vmax, k + 1)
    alpha = float(style.get("opacity", 0.8))
    units = vocab((layer.provenance or {}).get("units", ""))
    out = []
    for i, c in enumerate(colours):
        label = f"{styling._fmt(edges[i])} – {styling._fmt(edges[i + 1])}"
        if i == k - 1 and units:
            label += f" {units}"
        rgba = styling.hex_to_rgba(c, alpha)
        out.append(styling.LegendEntry(label, rgba, rgba, "square"))
    return out


def choropleth_unit(project: Project, spec: dict[str, Any]) -> str:
    """The unit of a choropleth's values, for the head of its legend."""
    source = spec.get("source", "attribute")
    if source == "attribute":
        return f"{spec.get('column', '?')}".replace("_", " ")
    lid = spec.get("layer_id")
    name = project.layer(lid).name if lid in project else translate("Layers", "events")
    short = name.split(" (")[0]
    if source == "count":
        return translate("Layers", "{name}: count per area").format(name=short)
    return translate("Layers", "{name} per 1,000 residents").format(name=short)


def choropleth_caption(project: Project, spec: dict[str, Any]) -> str:
    """One line saying what a choropleth shows and how it is classed."""
    source = spec.get("source", "attribute")
    scheme = styling.SCHEMES.get(spec.get("scheme", "quantiles"), "Quantiles")
    scheme = {
        "Quantiles": translate("Layers", "quantiles"),
        "NaturalBreaks": translate("Layers", "natural breaks"),
        "EqualInterval": translate("Layers", "equal interval"),
        "FisherJenks": "Fisher-Jenks",
    }.get(scheme, scheme)
    k = int(spec.get("k", 5))
    if source == "attribute":
        what = f"{spec.get('column', '?')}"
    else:
        lid = spec.get("layer_id")
        name = (
            project.layer(lid).name
            if lid in project
            else translate("Layers", "(removed layer)")
        )
        what = (
            translate("Layers", "{name}: count per area").format(name=name)
            if source == "count"
            else translate("Layers", "{name}: rate per 1,000 residents").format(
                name=name
            )
        )
        what += translate("Layers", " inside the current filter")
    return translate("Layers", "{what}; {k} classes, {scheme}").format(
        what=what, k=k, scheme=scheme
    )


def layer_copy_with_style(layer: Layer, style: dict[str, Any]) -> Layer:
    """A shallow copy of ``layer`` carrying ``style`` (for previews; shares the frame)."""
    proxy = copy.copy(layer)
    proxy.style = dict(style)
    return proxy


def _disconnector(connections):
    def disconnect(*_args) -> None:
        for signal, slot in connections:
            try:
                signal.disconnect(slot)
            except (ValueError, RuntimeError):
                pass

    return disconnect
