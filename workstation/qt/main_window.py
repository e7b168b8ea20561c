"""The main window: map, docks, menus, toolbar, status bar, message bar, import, save."""

from __future__ import annotations

import copy
import importlib
import logging
import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QTabBar,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from layers.layer import Layer
from layers.project import Project
from layers.validation import DataError
from workstation.qt import settings as ws_settings
from workstation.qt.i18n import date_text, translate
from workstation.qt.jobs import JobRunner
from workstation.qt.notifications import ActivityWidget, MessageBar, RejectedRowsDialog
from workstation.qt.panels.analysis import PanelInfo, discover_panels
from workstation.qt.panels.analysis._base import fit_to_dock
from workstation.qt.panels.hour_of_week import HourOfWeekPanel
from workstation.qt.panels.table import TablePanel
from workstation.qt.timeline import TimelineWidget

log = logging.getLogger(__name__)

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"
MARKING_COLOURS = {
    "OFFICIAL": ("#1d4f91", "white"),
    "OFFICIAL-SENSITIVE": ("#b35900", "white"),
    "SECRET": ("#c0281b", "white"),
    "TOP SECRET": ("#111111", "#ffdd00"),
}
MAP_TOOLS = (
    (
        "pan",
        QT_TRANSLATE_NOOP("MainWindow", "Pan"),
        QT_TRANSLATE_NOOP(
            "MainWindow", "Pan and zoom the map (drag, wheel, arrow keys)"
        ),
        "P",
    ),
    (
        "identify",
        QT_TRANSLATE_NOOP("MainWindow", "Identify"),
        QT_TRANSLATE_NOOP("MainWindow", "Click a feature to see its attributes"),
        "I",
    ),
    (
        "select_rect",
        QT_TRANSLATE_NOOP("MainWindow", "Select by rectangle"),
        QT_TRANSLATE_NOOP("MainWindow", "Drag a rectangle to select features"),
        "R",
    ),
    (
        "select_lasso",
        QT_TRANSLATE_NOOP("MainWindow", "Select by lasso"),
        QT_TRANSLATE_NOOP("MainWindow", "Draw round features to select them"),
        "L",
    ),
    (
        "filter_area",
        QT_TRANSLATE_NOOP("MainWindow", "Filter to area"),
        QT_TRANSLATE_NOOP(
            "MainWindow", "Draw an area: only events inside it are shown everywhere"
        ),
        "F",
    ),
)


def icon(name: str) -> QIcon:
    path = ICONS / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def optional(module: str, attr: str) -> tuple[Any | None, str | None]:
    """Import ``module.attr`` if it is there; else (None, why)."""
    try:
        return getattr(importlib.import_module(module), attr), None
    except Exception as exc:
        return None, f"{module} is not available ({type(exc).__name__}: {exc})"


class _Bridge(QObject):
    """Delivers project signals that may be emitted on a worker thread to the GUI thread."""

    dirty = Signal(bool)


def replace_project_contents(target: Project, source: Project) -> None:
    """Make ``target`` hold ``source``'s layers, metadata, filter, audit and path.

    Views keep listening to ``target``, so opening a project needs no new widgets.
    """
    from layers.plans import plans_of

    target.selection.clear()
    target.filter.reset()
    plans_of(target).clear()  # saved plans first: panels look them up as layers arrive
    plans_of(target).update(plans_of(source))
    for lyr in list(target.layers):
        target.remove_layer(lyr.id)
    target.metadata = source.metadata
    target.metadata_changed.emit()
    # layers that others refer to (a choropleth counts a point layer) go in first,
    # then the rest are inserted at their place in the drawing order
    order = source.layers
    refers = {lyr.id for lyr in order if _style_refs(lyr) & {o.id for o in order}}
    for lyr in order:
        if lyr.id not in refers:
            target.add_layer(lyr)
    for i, lyr in enumerate(order):
        if lyr.id in refers:
            before = sum(1 for o in order[:i] if o.id in target)
            target.add_layer(lyr, index=before)
    target.filter.set_state(source.filter.state)
    target.audit = list(source.audit)
    target.audit_check = source.audit_check
    target.path = source.path
    target.mark_dirty(source.dirty)


def warm_caches(layers: list[Layer]) -> None:
    """Compute the derived arrays views need (coordinates, category codes, hours).

    Called in the job that reads or opens data, so the first brush or redraw on the
    GUI thread does not pay for them.
    """
    from layers.filtering import hour_of_week

    for lyr in layers:
        _ = lyr.xy
        if "category" in lyr.frame:
            lyr.category_codes()
        if lyr.is_temporal and lyr.time_precision == "second":
            hour_of_week(lyr)


def _style_refs(layer: Layer) -> set[str]:
    ch = (layer.style or {}).get("choropleth") or {}
    lid = ch.get("layer_id") if isinstance(ch, dict) else None
    return {lid} if isinstance(lid, str) else set()


def project_snapshot(project: Project) -> Project:
    """A detached copy (same layer objects) that a worker thread can save.

    Saving marks a project clean and sets its path; doing that on a detached copy
    keeps every signal of the window's project on the GUI thread.
    """
    snap = Project(copy.deepcopy(project.metadata))
    for lyr in project.layers:
        snap.add_layer(lyr)
    snap.filter.set_state(project.filter.state)
    snap.audit = list(project.audit)
    snap.audit_check = project.audit_check
    snap.path = project.path
    return snap


class IdentifyPanel(QTreeWidget):
    """Attributes of the features the identify tool found, grouped by layer."""

    MAX_FEATURES = 50

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderLabels(
            [
                translate("MainWindow", "Feature / field"),
                translate("MainWindow", "Value"),
            ]
        )
        self.setAlternatingRowColors(True)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)

    def show_features(self, project: Project, features: list) -> None:
        from workstation.qt.panels.table import format_value

        self.clear()
        by_layer: dict[str, list[int]] = {}
        for lid, row in features:
            by_layer.setdefault(lid, []).append(int(row))
        for lid, rows in by_layer.items():
            if lid not in project:
                continue
            layer = project.layer(lid)
            top = QTreeWidgetItem(
                [
                    layer.name,
                    translate("MainWindow", "{v0} feature(s)").format(v0=len(rows)),
                ]
            )
            self.addTopLevelItem(top)
            frame = layer.frame
            cols = [c for c in frame.columns if c != frame.geometry.name]
            for row in rows[: self.MAX_FEATURES]:
                label = next(
                    (
                        format_value(frame[c].iat[row])
                        for c in (
                            "name",
                            "area_name",
                            "crime_id",
                            "call_id",
                            "category",
                        )
                        if c in frame
                    ),
                    "",
                )
                item = QTreeWidgetItem(
                    [translate("MainWindow", "row {v0}").format(v0=row + 1), label]
                )
                top.addChild(item)
                for c in cols:
                    precision = layer.time_precision if c == layer.time_column else None
                    value = format_value(frame[c].iat[row], precision)
                    item.addChild(QTreeWidgetItem([c, value]))
            top.setExpanded(True)
            if top.childCount():
                top.child(0).setExpanded(True)


class PlaceholderMap(QLabel):
    """Shown when the map canvas module is missing, so the window still opens."""

    def __init__(self, why: str, parent: QWidget | None = None) -> None:
        super().__init__(
            translate("MainWindow", "The map is not available: {why}").format(why=why),
            parent,
        )
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet("background: #f4f4f4; color: #555;")


#: the layer list's width at the default window size (long layer names fit)
LAYERS_DOCK_WIDTH = 310


class MainWindow(QMainWindow):
    """The Analyst Workstation window around one :class:`Project`."""

    project_opened = Signal()
    layer_imported = Signal(str)  # layer id

    def __init__(
        self,
        project: Project | None = None,
        jobs: JobRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project or Project()
        self.jobs = jobs or JobRunner(self)
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self.analysis_docks: dict[str, QDockWidget] = {}
        self.analysis_panels: dict[str, QWidget] = {}
        self.import_dialog = None
        self.last_dialog: QWidget | None = None
        #: Called on close with unsaved changes: returns "save", "discard" or "cancel".
        self.ask_unsaved: Callable[[], str] = self._ask_unsaved
        self._lonlat = None
        self._bridge = _Bridge(self)
        self._bridge.dirty.connect(lambda _d: self._update_title())
        self.project.dirty_changed.connect(self._bridge.dirty.emit)
        self.project.metadata_changed.connect(self._marking_changed)

        self._build_central()
        self._build_docks()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status()
        self._marking_changed()
        self.resize(1500, 940)
        self.restore_layout()
        self.jobs.unhandled.connect(self._job_failed)

    # -- construction -----------------------------------------------------------
    def _build_central(self) -> None:
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.marking_strip = QLabel()
        self.marking_strip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.marking_strip.setFixedHeight(20)
        lay.addWidget(self.marking_strip)
        self.message_bar = MessageBar()
        lay.addWidget(self.message_bar)
        canvas_cls, why = optional("workstation.qt.map.canvas", "MapCanvas")
        self.canvas = None
        if canvas_cls is not None:
            try:
                self.canvas = canvas_cls(self.project, self)
            except Exception as exc:
                why = f"{type(exc).__name__}: {exc}"
                log.error("map canvas failed:\n%s", traceback.format_exc())
        self.canvas_missing = why
        lay.addWidget(
            self.canvas if self.canvas is not None else PlaceholderMap(why or ""), 1
        )
        self.setCentralWidget(central)
        if self.canvas is not None:
            self.canvas.cursor_moved.connect(self._cursor_moved)
            self.canvas.scale_changed.connect(self._scale_changed)
            self.canvas.message.connect(self._canvas_message)
            self.canvas.profile_requested.connect(self.problem_profile)
            if hasattr(self.canvas, "features_identified"):
                self.canvas.features_identified.connect(self._identified)

    def _dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        right = Qt.DockWidgetArea.RightDockWidgetArea
        panel_cls, why = optional("workstation.qt.panels.layers", "LayerPanel")
        self.layer_panel = None
        if panel_cls is not None:
            try:
                self.layer_panel = panel_cls(self.project, self.canvas, self)
            except Exception as exc:
                why = f"{type(exc).__name__}: {exc}"
        if self.layer_panel is None:
            widget: QWidget = QLabel(
                translate("MainWindow", "Layer panel not available: {why}").format(
                    why=why
                )
            )
            widget.setWordWrap(True)
        else:
            widget = self.layer_panel
            if hasattr(self.layer_panel, "open_table"):
                self.layer_panel.open_table.connect(self.open_table)
        self.layers_dock = self._dock(
            translate("MainWindow", "Layers"), "dock_layers", widget, left
        )
        self.layers_dock.setMinimumWidth(250)

        self.timeline = TimelineWidget(self.project)
        self.timeline_dock = self._dock(
            translate("MainWindow", "Timeline"), "dock_timeline", self.timeline, bottom
        )
        self.table = TablePanel(self.project, self.jobs)
        self.table_dock = self._dock(
            translate("MainWindow", "Attribute table"), "dock_table", self.table, bottom
        )
        self.tabifyDockWidget(self.timeline_dock, self.table_dock)
        self.timeline_dock.raise_()
        self.identify_panel = IdentifyPanel()
        self.identify_dock = self._dock(
            translate("MainWindow", "Identify results"),
            "dock_identify",
            self.identify_panel,
            right,
        )
        self.hour_of_week = HourOfWeekPanel(self.project)
        self.how_dock = self._dock(
            translate("MainWindow", "Hour of week"),
            "dock_hour_of_week",
            self.hour_of_week,
            right,
        )
        self.tabifyDockWidget(self.how_dock, self.identify_dock)
        self.how_dock.raise_()
        self.resizeDocks([self.timeline_dock], [270], Qt.Orientation.Vertical)
        self.resizeDocks(
            [self.layers_dock, self.how_dock],
            [LAYERS_DOCK_WIDTH, 380],
            Qt.Orientation.Horizontal,
        )

    def _action(
        self,
        text: str,
        slot: Callable | None = None,
        *,
        shortcut: Any = None,
        tip: str = "",
        icon_name: str | None = None,
        enabled_why: str | None = None,
    ) -> QAction:
        act = QAction(text, self)
        if icon_name:
            act.setIcon(icon(icon_name))
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        if tip:
            act.setToolTip(tip)
            act.setStatusTip(tip)
        if slot is not None:
            act.triggered.connect(lambda _c=False: slot())
        if enabled_why:
            act.setEnabled(False)
            act.setToolTip(enabled_why)
            act.setStatusTip(enabled_why)
        return act

    def _build_actions(self) -> None:
        a = self._action
        self.act_new = a(
            translate("MainWindow", "&New project"),
            self.new_project,
            shortcut=QKeySequence.StandardKey.New,
            icon_name="new",
        )
        self.act_open = a(
            translate("MainWindow", "&Open project..."),
            self.open_project_dialog,
            shortcut=QKeySequence.StandardKey.Open,
            icon_name="open",
        )
        self.act_save = a(
            translate("MainWindow", "&Save project"),
            self.save_project,
            shortcut=QKeySequence.StandardKey.Save,
            icon_name="save",
        )
        self.act_save_as = a(
            translate("MainWindow", "Save project &as..."),
            self.save_project_as,
            shortcut=QKeySequence.StandardKey.SaveAs,
        )
        self.act_import = a(
            translate("MainWindow", "&Import data..."),
            self.import_dialog_open,
            shortcut="Ctrl+I",
            icon_name="import",
            tip=translate(
                "MainWindow",
                "Import crime, calls, assets or boundaries (or drop files on the window)",
            ),
        )
        export_cls, why = optional(
            "workstation.qt.dialogs.export_briefing", "ExportBriefingDialog"
        )
        self._export_cls = export_cls
        self.act_export = a(
            translate("MainWindow", "&Export briefing..."),
            self.export_briefing,
            shortcut="Ctrl+E",
            icon_name="export",
            enabled_why=why,
        )
        self.act_assess = a(
            translate("MainWindow", "New &tactical assessment..."),
            self.new_assessment,
            tip=translate(
                "MainWindow",
                "Draft a tactical assessment of the latest period (PDF, HTML, DOCX)",
            ),
        )
        self.act_properties = a(
            translate("MainWindow", "Project &properties..."),
            self.project_properties,
            tip=translate("MainWindow", "Title, author and protective marking"),
        )
        self.act_quit = a(
            translate("MainWindow", "&Quit"),
            self.close,
            shortcut=QKeySequence.StandardKey.Quit,
        )

        self.act_remove = a(
            translate("MainWindow", "&Remove layer"), self.remove_current_layer
        )
        self.act_zoom_layer = a(
            translate("MainWindow", "&Zoom to layer"),
            self.zoom_to_layer,
            icon_name="zoom_layer",
            tip=translate("MainWindow", "Zoom to the current layer"),
        )
        style_cls, why = optional("workstation.qt.dialogs.style", "StyleDialog")
        self._style_cls = style_cls
        self.act_style = a(
            translate("MainWindow", "&Style..."),
            self.style_current_layer,
            enabled_why=why,
        )
        self.act_table = a(
            translate("MainWindow", "&Attribute table"), self.open_table, shortcut="F6"
        )
        self.act_rejects = a(
            translate("MainWindow", "Rejected &rows..."),
            self.show_rejected_rows,
            tip=translate(
                "MainWindow", "The rows the reader could not load, with reasons"
            ),
        )

        self.tool_group = QActionGroup(self)
        self.tool_actions: dict[str, QAction] = {}
        no_map = (
            None
            if self.canvas is not None
            else translate("MainWindow", "the map is not available ({why})").format(
                why=self.canvas_missing
            )
        )
        for name, text, tip, key in MAP_TOOLS:
            act = a(
                translate("MainWindow", text),
                partial(self.set_tool, name),
                shortcut=key,
                tip=translate("MainWindow", "{tip} ({key})").format(
                    tip=translate("MainWindow", tip), key=key
                ),
                icon_name=name,
                enabled_why=no_map,
            )
            act.setCheckable(True)
            self.tool_group.addAction(act)
            self.tool_actions[name] = act
        self.tool_actions["pan"].setChecked(True)
        self.act_clear_filter = a(
            translate("MainWindow", "Clear filter"),
            self.clear_filter,
            icon_name="clear_filter",
            tip=translate(
                "MainWindow",
                "Show everything: clear the time window, categories, area and hours",
            ),
        )
        self.act_zoom_full = a(
            translate("MainWindow", "Zoom full"),
            self.zoom_full,
            shortcut="Home",
            icon_name="zoom_full",
            tip=translate("MainWindow", "Zoom to all layers"),
            enabled_why=no_map,
        )
        self.act_zoom_selection = a(
            translate("MainWindow", "Zoom to selection"),
            self.zoom_to_selection,
            icon_name="zoom_selection",
            tip=translate("MainWindow", "Zoom to the selected features"),
            enabled_why=no_map,
        )
        if no_map:
            self.act_zoom_layer.setEnabled(False)

        self.act_guide = a(
            translate("MainWindow", "&User guide"),
            self.show_user_guide,
            shortcut=QKeySequence.StandardKey.HelpContents,
        )
        self.act_about = a(
            translate("MainWindow", "&About Analyst Workstation"), self.show_about
        )

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu(translate("MainWindow", "&File"))
        for act in (self.act_new, self.act_open):
            m.addAction(act)
        self.recent_menu = m.addMenu(translate("MainWindow", "Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()
        m.addSeparator()
        m.addActions([self.act_save, self.act_save_as])
        m.addSeparator()
        m.addActions([self.act_import, self.act_export, self.act_assess])
        m.addSeparator()
        m.addAction(self.act_properties)
        m.addSeparator()
        m.addAction(self.act_quit)

        m = mb.addMenu(translate("MainWindow", "&Layer"))
        m.addAction(
            self._action(
                translate("MainWindow", "&Add layer..."),
                self.import_dialog_open,
                icon_name="import",
            )
        )
        m.addActions(
            [
                self.act_remove,
                self.act_zoom_layer,
                self.act_style,
                self.act_table,
                self.act_rejects,
            ]
        )

        self.panel_infos = discover_panels()
        self.menus: dict[str, Any] = {}
        for menu_name in ("Analysis", "Plan"):
            menu = mb.addMenu(
                translate("MainWindow", "&Analysis")
                if menu_name == "Analysis"
                else translate("MainWindow", "&Plan")
            )
            self.menus[menu_name] = menu
            infos = [p for p in self.panel_infos if p.menu == menu_name]
            if not infos:
                act = menu.addAction(translate("MainWindow", "(no panels installed)"))
                act.setEnabled(False)
            for info in infos:
                if info.available:
                    act = menu.addAction(translate("Panels", info.title))
                    act.triggered.connect(partial(self._open_panel_action, info))
                else:
                    act = menu.addAction(
                        translate("MainWindow", "{title} (unavailable)").format(
                            title=translate("Panels", info.title)
                        )
                    )
                    act.setEnabled(False)
                    act.setToolTip(info.error or "")
                    act.setStatusTip(info.error or "")
            menu.setToolTipsVisible(True)

        m = mb.addMenu(translate("MainWindow", "&View"))
        self.view_menu = m
        for dock in (
            self.layers_dock,
            self.timeline_dock,
            self.table_dock,
            self.how_dock,
            self.identify_dock,
        ):
            m.addAction(dock.toggleViewAction())
        m.addSeparator()
        m.addAction(
            self._action(translate("MainWindow", "Reset layout"), self.reset_layout)
        )
        from workstation.qt.i18n import language_menu

        self.language_menu = language_menu(self)
        m.addMenu(self.language_menu)

        m = mb.addMenu(translate("MainWindow", "&Help"))
        m.addActions([self.act_guide, self.act_about])

    def _build_toolbar(self) -> None:
        tb = QToolBar(translate("MainWindow", "Project"), self)
        tb.setObjectName("toolbar_project")
        tb.setIconSize(QSize(20, 20))
        tb.addActions(
            [
                self.act_new,
                self.act_open,
                self.act_save,
                self.act_import,
                self.act_export,
            ]
        )
        self.addToolBar(tb)
        tb = QToolBar(translate("MainWindow", "Map tools"), self)
        tb.setObjectName("toolbar_map")
        tb.setIconSize(QSize(20, 20))
        for name, *_ in MAP_TOOLS:
            tb.addAction(self.tool_actions[name])
        tb.addAction(self.act_clear_filter)
        tb.addSeparator()
        tb.addActions(
            [self.act_zoom_full, self.act_zoom_layer, self.act_zoom_selection]
        )
        self.addToolBar(tb)
        self.map_toolbar = tb
        self.view_menu.insertAction(self.view_menu.actions()[0], tb.toggleViewAction())

    def _build_status(self) -> None:
        sb = self.statusBar()
        self.coord_label = QLabel("")
        self.coord_label.setMinimumWidth(330)
        self.scale_label = QLabel("")
        self.scale_label.setMinimumWidth(90)
        self.filter_label = QLabel("")
        self.activity = ActivityWidget(self.jobs)
        self.marking_label = QLabel()
        # permanent widgets sit on the right, so passing messages (left) never
        # cover the coordinates
        sb.addPermanentWidget(self.filter_label)
        sb.addPermanentWidget(self.coord_label)
        sb.addPermanentWidget(self.scale_label)
        sb.addPermanentWidget(self.activity)
        sb.addPermanentWidget(self.marking_label)
        self.project.filter.changed.connect(lambda _s: self._update_filter_label())
        self._update_filter_label()

    # -- title, marking, status ----------------------------------------------------
    def _marking_changed(self) -> None:
        md = self.project.metadata
        bg, fg = MARKING_COLOURS.get(md.marking, ("#444", "white"))
        style = (
            f"background: {bg}; color: {fg}; font-weight: bold; letter-spacing: 1px;"
        )
        self.marking_strip.setText(md.marking_text)
        self.marking_strip.setStyleSheet(style)
        self.marking_label.setText(f" {md.marking_text} ")
        self.marking_label.setStyleSheet(style + " padding: 1px 6px;")
        self._update_title()

    def _update_title(self) -> None:
        md = self.project.metadata
        name = (
            translate("MainWindow", "Untitled project")
            if md.title in ("", "Untitled project")  # the default title of layers
            else md.title
        )
        if self.project.path:
            name = f"{name} ({Path(self.project.path).name})"
        star = "*" if self.project.dirty else ""
        self.setWindowTitle(
            translate(
                "MainWindow", "{name}{star} - Analyst Workstation [{marking_text}]"
            ).format(name=name, star=star, marking_text=md.marking_text)
        )

    def _cursor_moved(self, x: float, y: float) -> None:
        crs = self.project.metadata.crs or "EPSG:27700"
        if self._lonlat is None or self._lonlat[0] != crs:
            import pyproj

            self._lonlat = (
                crs,
                pyproj.Transformer.from_crs(crs, "EPSG:4326", always_xy=True),
            )
        lon, lat = self._lonlat[1].transform(x, y)
        if crs.upper() == "EPSG:27700":
            xy = f"E {x:,.0f}  N {y:,.0f}"
        else:
            xy = f"x {x:,.0f}  y {y:,.0f} ({crs})"
        ns = "N" if lat >= 0 else "S"
        ew = "E" if lon >= 0 else "W"
        self.coord_label.setText(f"{xy}   {abs(lat):.5f}°{ns} {abs(lon):.5f}°{ew}")

    def _scale_changed(self, scale: float) -> None:
        self.scale_label.setText(f"1:{scale:,.0f}" if scale > 0 else "")

    def _update_filter_label(self) -> None:
        s = self.project.filter.state
        parts = []
        if s.window is not None:
            tz = self.project.metadata.timezone or "Europe/London"
            last = s.window.end.tz_convert(tz) - pd.Timedelta(nanoseconds=1)
            parts.append(
                translate("MainWindow", "{start} to {end}").format(
                    start=date_text(s.window.start.tz_convert(tz)),
                    end=date_text(last),
                )
            )
        if s.categories is not None:
            parts.append(
                translate("MainWindow", "{n} categories").format(n=len(s.categories))
            )
        if s.area is not None:
            parts.append(translate("MainWindow", "area"))
        if s.hours is not None:
            parts.append(
                translate("MainWindow", "{n} hours of the week").format(n=len(s.hours))
            )
        self.filter_label.setText(
            translate("MainWindow", "Filter: ") + ", ".join(parts)
            if parts
            else translate("MainWindow", "No filter")
        )

    def _canvas_message(self, level: str, text: str) -> None:
        if level == "info":
            self.statusBar().showMessage(text, 5000)
        else:
            self.message_bar.push(level, text)

    def _identified(self, features: list) -> None:
        self.identify_panel.show_features(self.project, features)
        if not features:
            self.statusBar().showMessage(translate("MainWindow", "Nothing here"), 3000)
            return
        self.identify_dock.show()
        self.identify_dock.raise_()

    # -- map tools -------------------------------------------------------------------
    def set_tool(self, name: str) -> None:
        if self.canvas is not None:
            self.canvas.set_tool(name)
        if name in self.tool_actions:
            self.tool_actions[name].setChecked(True)

    def clear_filter(self) -> None:
        self.project.filter.reset()

    def zoom_full(self) -> None:
        if self.canvas is not None:
            self.canvas.zoom_full()

    def zoom_to_layer(self, layer_id: str | None = None) -> None:
        lid = layer_id or self.current_layer_id()
        if self.canvas is not None and lid:
            self.canvas.zoom_to_layer(lid)

    def zoom_to_selection(self) -> None:
        if self.canvas is not None:
            self.canvas.zoom_to_selection()

    # -- layers ------------------------------------------------------------------------
    def current_layer_id(self) -> str | None:
        panel = self.layer_panel
        for attr in ("current_layer_id", "current_layer"):
            fn = getattr(panel, attr, None)
            if callable(fn):
                try:
                    v = fn()
                except Exception:
                    v = None
                if isinstance(v, Layer):
                    return v.id
                if isinstance(v, str) and v in self.project:
                    return v
        layer = self.table.current_layer()
        if layer is not None and layer.id in self.project:
            return layer.id
        layers = self.project.layers
        return layers[-1].id if layers else None

    def remove_current_layer(self, confirm: bool = True) -> None:
        lid = self.current_layer_id()
        if lid is None:
            return
        name = self.project.layer(lid).name
        if confirm:
            ans = QMessageBox.question(
                self,
                translate("MainWindow", "Remove layer"),
                translate(
                    "MainWindow", "Remove the layer {name!r} from the project?"
                ).format(name=name),
            )
            if ans != QMessageBox.StandardButton.Yes:
                return
        self.project.remove_layer(lid)
        self.message_bar.info(
            translate("MainWindow", "Removed layer {name}.").format(name=name)
        )

    def style_current_layer(self) -> None:
        lid = self.current_layer_id()
        if lid is None or self._style_cls is None:
            return
        dlg = self._style_cls(self.project, lid, self)
        self.last_dialog = dlg
        dlg.open()

    def open_table(self, layer_id: str | None = None) -> None:
        lid = layer_id or self.current_layer_id()
        self.table_dock.show()
        self.table_dock.raise_()
        if lid:
            self.table.set_layer(lid)

    def show_rejected_rows(
        self, layer_id: str | None = None
    ) -> RejectedRowsDialog | None:
        lid = layer_id or self.current_layer_id()
        if lid is None or lid not in self.project:
            return None
        layer = self.project.layer(lid)
        if layer.report is None:
            self.message_bar.info(
                translate(
                    "MainWindow",
                    "{name} has no read report (it was not read from a file).",
                ).format(name=layer.name)
            )
            return None
        dlg = RejectedRowsDialog(layer.report, layer.name, self)
        self.last_dialog = dlg
        dlg.show()
        return dlg

    # -- analysis panels ------------------------------------------------------------
    def _open_panel_action(self, info: PanelInfo, _checked: bool = False) -> None:
        self.open_panel(info)

    def open_panel(self, info: PanelInfo | str) -> QWidget | None:
        if isinstance(info, str):
            found = [
                p
                for p in self.panel_infos
                if p.title == info or p.module.endswith(info)
            ]
            if not found:
                raise KeyError(info)
            info = found[0]
        if info.module in self.analysis_docks:
            dock = self.analysis_docks[info.module]
            dock.show()
            dock.raise_()
            return self.analysis_panels[info.module]
        try:
            panel = info.cls(self.project, self.jobs, None)
        except Exception as exc:
            log.error("panel %s failed:\n%s", info.module, traceback.format_exc())
            self.message_bar.error(
                translate("MainWindow", "{title} could not open: {kind}: {exc}").format(
                    title=info.title, kind=type(exc).__name__, exc=exc
                )
            )
            return None
        # long layer names in its combo boxes never widen the panel past its dock
        fit_to_dock(panel)
        # in a scroll area, so a tall panel scrolls instead of growing the window
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        scroller.setWidget(panel)
        dock = self._dock(
            translate("Panels", info.title),
            f"dock_{info.module.rsplit('.', 1)[-1]}",
            scroller,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.tabifyDockWidget(self.how_dock, dock)
        dock.show()
        dock.raise_()
        QTimer.singleShot(0, self.hide_stale_tab_bars)
        self.analysis_docks[info.module] = dock
        self.analysis_panels[info.module] = panel
        self._connect_panel(panel)
        self.view_menu.addAction(dock.toggleViewAction())
        return panel

    def _connect_panel(self, panel: QWidget) -> None:
        """Wire a panel's requests to the map and the table (outline, layer)."""
        outline = getattr(panel, "outline_requested", None)
        if outline is not None and self.canvas is not None:
            outline.connect(self.canvas.show_outline)
        wanted = getattr(panel, "layer_requested", None)
        if wanted is not None:
            wanted.connect(self._show_layer)

    def _show_layer(self, layer_id: str) -> None:
        """Make ``layer_id`` the current layer of the layer list and the table."""
        if layer_id not in self.project:
            return
        if self.layer_panel is not None and hasattr(
            self.layer_panel, "set_current_layer"
        ):
            self.layer_panel.set_current_layer(layer_id)
        self.table.set_layer(layer_id)

    # -- import -------------------------------------------------------------------------
    def import_dialog_open(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            translate("MainWindow", "Import data"),
            "",
            translate(
                "MainWindow",
                "Data (*.csv *.tab *.tsv *.txt *.zip *.gpkg *.geojson *.json *.shp *.fgb);;All files (*)",
            ),
        )
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[str | Path]) -> None:
        """Import files, folders or zips: straight away if the reader is sure, else ask."""
        from layers import readers
        from workstation.qt.dialogs.import_dialog import (
            ImportRequest,
            needs_mapping,
        )

        plist = [Path(p) for p in paths]
        groups: list[list[Path]] = []
        verdicts_of: dict[int, list] = {}
        police: list[Path] = []
        for p in plist:
            try:
                v = readers.sniff_all(p)
            except DataError as exc:
                self.message_bar.error(exc.describe())
                continue
            if v and v[0].reader == "police_uk" and v[0].confidence >= 0.8:
                police.append(p)
                verdicts_of.setdefault(-1, v)
            else:
                groups.append([p])
                verdicts_of[len(groups) - 1] = v
        if police:
            groups.append(police)
            verdicts_of[len(groups) - 1] = verdicts_of.pop(-1)
        for i, group in enumerate(groups):
            verdicts = verdicts_of.get(i, [])
            ask, why = needs_mapping(group, verdicts)
            if ask:
                self.open_mapping_dialog(group, verdicts, why)
            else:
                best = verdicts[0]
                self.run_import(ImportRequest(group, reader=best.reader))

    def open_mapping_dialog(self, paths: list[Path], verdicts=None, why: str = ""):
        from workstation.qt.dialogs.import_dialog import ImportDialog

        dlg = ImportDialog(paths, verdicts, jobs=self.jobs, why=why, parent=self)
        dlg.accepted.connect(lambda: self.run_import(dlg.request()))
        self.import_dialog = dlg
        dlg.open()
        return dlg

    def run_import(self, request) -> None:
        names = ", ".join(p.name for p in request.paths[:2])
        key = "import:" + "|".join(str(p) for p in request.paths)

        def failed(message: str, request=request) -> None:
            self.message_bar.error(
                translate("MainWindow", "Import failed: {message}").format(
                    message=message
                ),
                actions=[
                    (
                        "Choose columns...",
                        lambda: self.open_mapping_dialog(request.paths, None, message),
                    )
                ],
            )

        def read(progress=None, request=request) -> Layer:
            layer = request.read(progress=progress)
            warm_caches([layer])
            return layer

        self.jobs.submit(
            key,
            read,
            on_done=partial(self._imported, request),
            on_error=failed,
            job_title=translate("MainWindow", "Importing {names}").format(names=names),
        )

    def _imported(self, request, layer: Layer) -> None:
        first = not self.project.layers
        self.add_layer(layer)
        self.project.record(
            "import",
            {
                "files": [str(p) for p in request.paths],
                "reader": request.reader,
                "mapping": request.mapping,
                "columns": request.columns,
            },
            inputs=[layer],
        )
        rep = layer.report
        text = (
            rep.summary()
            if rep
            else translate("MainWindow", "{name}: {n:,} rows loaded").format(
                name=layer.name, n=len(layer)
            )
        )
        actions = []
        if rep is not None and rep.rows_rejected:
            actions.append(
                (
                    translate("MainWindow", "Show rejected rows"),
                    partial(self.show_rejected_rows, layer.id),
                )
            )
        self.message_bar.push(
            "warning" if rep and rep.rows_rejected else "success",
            translate("MainWindow", "Imported {text}").format(text=text),
            actions=actions,
        )
        for w in rep.warnings if rep else []:
            self.message_bar.warning(f"{layer.name}: {w}")
        self._say_skipped(layer)
        if first and self.canvas is not None:
            self.canvas.zoom_to_layer(layer.id)
        self.layer_imported.emit(layer.id)

    def _say_skipped(self, layer) -> None:
        """Name the files of a folder or zip the reader did not read (and why)."""
        notes = layer.report.notes if layer.report else []
        skipped = [
            n.removeprefix("skipped ") for n in notes if n.startswith("skipped ")
        ]
        if skipped:
            shown = "; ".join(skipped[:3]) + ("; …" if len(skipped) > 3 else "")
            self.message_bar.info(
                translate("MainWindow", "{name}: {n} file(s) not read: {files}").format(
                    name=layer.name, n=len(skipped), files=shown
                ),
                timeout_s=0,  # stays until closed: the user may need those files
            )

    def add_layer(self, layer: Layer) -> Layer:
        return self.project.add_layer(layer)

    def dragEnterEvent(self, event) -> None:
        md = event.mimeData()
        if md.hasUrls() and any(u.isLocalFile() for u in md.urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.import_paths(paths))

    # -- project files ----------------------------------------------------------------
    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        items = ws_settings.recent_projects()
        for p in items:
            act = self.recent_menu.addAction(Path(p).name)
            act.setToolTip(p)
            act.setStatusTip(p)
            act.triggered.connect(partial(self._open_recent, p))
        if not items:
            act = self.recent_menu.addAction(translate("MainWindow", "(none)"))
            act.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(
                translate("MainWindow", "Clear list"), ws_settings.clear_recent_projects
            )

    def _open_recent(self, path: str, _checked: bool = False) -> None:
        self.open_project(path)

    def _maybe_save(self) -> bool:
        """True if it is fine to drop the current project."""
        if not self.project.dirty or not self.project.layers:
            return True
        ans = self.ask_unsaved()
        if ans == "cancel":
            return False
        if ans == "save":
            return self.save_project(wait=True)
        return True

    def _ask_unsaved(self) -> str:
        box = self.unsaved_box()
        ans = box.exec()
        return {
            QMessageBox.StandardButton.Save: "save",
            QMessageBox.StandardButton.Discard: "discard",
        }.get(QMessageBox.StandardButton(ans), "cancel")

    def unsaved_box(self) -> QMessageBox:
        """The "save before closing?" question (not yet shown)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(translate("MainWindow", "Unsaved changes"))
        box.setText(translate("MainWindow", "The project has unsaved changes."))
        box.setInformativeText(translate("MainWindow", "Save them before closing?"))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return box

    def new_project(self) -> None:
        if not self._maybe_save():
            return
        replace_project_contents(self.project, Project())
        self.project.mark_dirty(False)
        self._marking_changed()

    def open_project_dialog(self) -> None:
        if not self._maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("MainWindow", "Open project"),
            "",
            translate("MainWindow", "Project (*.gpkg)"),
        )
        if path:
            self.open_project(path, ask=False)

    def open_project(self, path: str | Path, ask: bool = True) -> None:
        """Open a project file in a job; the window's project takes its contents."""
        from layers.store import load_project

        if ask and not self._maybe_save():
            return
        path = Path(path)

        def done(loaded: Project) -> None:
            self.load_into_window(loaded)
            ws_settings.add_recent_project(path)
            self.message_bar.push(
                "success",
                translate("MainWindow", "Opened {name}: {n} layers.").format(
                    name=path.name, n=len(loaded.layers)
                ),
            )
            found = loaded.audit_check
            if found is not None and found.status != "intact":
                self.message_bar.warning(
                    f"{path.name}: audit trail {found.summary()}"
                    + (
                        "; saving keeps the break on record."
                        if found.status == "broken"
                        else ""
                    )
                )

        def load(progress=None) -> Project:
            loaded = load_project(path, progress=progress)
            warm_caches(loaded.layers)
            return loaded

        self.jobs.submit(
            "project:open",
            load,
            on_done=done,
            on_error=lambda m: self.message_bar.error(
                translate("MainWindow", "Cannot open the project: {m}").format(m=m)
            ),
            job_title=translate("MainWindow", "Opening {name}").format(name=path.name),
        )

    def load_into_window(self, loaded: Project) -> None:
        """Show ``loaded`` (its layers, styles, filter, extent) in this window."""
        extent = loaded.metadata.extent
        replace_project_contents(self.project, loaded)
        self._marking_changed()
        if self.canvas is not None:
            if extent:
                self.canvas.zoom_to_bounds(tuple(extent))
            else:
                self.canvas.zoom_working_area()
        self.restore_panels(loaded.metadata.panels)
        self.project.mark_dirty(False)
        self.project_opened.emit()

    #: panels that bring their own work back (the Plan panel reopens its saved plan)
    OWN_RESTORE = frozenset({"patrol_panel"})

    def panel_states(self) -> dict[str, Any]:
        """Each open analysis panel's settings and last result, by module name."""
        out: dict[str, Any] = {}
        for module, panel in self.analysis_panels.items():
            short = module.rsplit(".", 1)[-1]
            state_of = getattr(panel, "panel_state", None)
            if short in self.OWN_RESTORE or state_of is None:
                continue
            try:
                out[short] = state_of()
            except Exception:
                log.error("panel %s state:\n%s", module, traceback.format_exc())
        return out

    def restore_panels(self, states: dict[str, Any] | None) -> None:
        """Reopen the panels a saved project had open, with their settings and results."""
        for short, state in (states or {}).items():
            if short in self.OWN_RESTORE:
                continue
            info = next(
                (p for p in self.panel_infos if p.module.endswith("." + short)), None
            )
            if info is None or not info.available:
                continue
            panel = self.open_panel(info)
            restore = getattr(panel, "restore_panel_state", None)
            if restore is None:
                continue
            try:
                restore(state)
            except Exception as exc:
                log.error("panel %s restore:\n%s", short, traceback.format_exc())
                self.message_bar.warning(
                    translate(
                        "MainWindow",
                        "{title}: its last result could not be restored ({exc})",
                    ).format(title=info.title, exc=exc)
                )

    def save_project(self, wait: bool = False) -> bool:
        if not self.project.path:
            return self.save_project_as(wait=wait)
        return self._save_to(Path(self.project.path), wait=wait)

    def save_project_as(self, wait: bool = False) -> bool:
        start = self.project.path or f"{self.project.metadata.title}.gpkg"
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("MainWindow", "Save project as"),
            start,
            translate("MainWindow", "Project (*.gpkg)"),
        )
        if not path:
            return False
        if not path.lower().endswith(".gpkg"):
            path += ".gpkg"
        return self._save_to(Path(path), wait=wait)

    def _save_to(self, path: Path, wait: bool = False) -> bool:
        from layers.store import save_project

        if self.canvas is not None:
            try:
                self.project.metadata.extent = tuple(
                    float(v) for v in self.canvas.extent()
                )
            except Exception:
                pass
        outcome: dict[str, Any] = {}
        self.project.metadata.panels = self.panel_states()
        snapshot = project_snapshot(self.project)

        def done(_result) -> None:
            outcome["ok"] = True
            self.project.path = str(path)
            self.project.mark_dirty(False)
            ws_settings.add_recent_project(path)
            self._update_title()
            self.message_bar.push(
                "success", translate("MainWindow", "Saved {path}").format(path=path)
            )
            self.statusBar().showMessage(
                translate(
                    "MainWindow", "Saved {name}: {v1} layers, {v2} analysis panels"
                ).format(
                    name=path.name,
                    v1=len(snapshot.layers),
                    v2=len(self.project.metadata.panels),
                ),
                8000,
            )

        def failed(message: str) -> None:
            outcome["ok"] = False
            self.message_bar.error(
                translate("MainWindow", "Cannot save the project: {message}").format(
                    message=message
                )
            )

        self.jobs.submit(
            "project:save",
            lambda progress=None: save_project(snapshot, path, progress=progress),
            on_done=done,
            on_error=failed,
            job_title=translate("MainWindow", "Saving {name}").format(name=path.name),
        )
        if wait:
            self.jobs.wait(600)
            return bool(outcome.get("ok"))
        return True

    def project_properties(self) -> None:
        from workstation.qt.dialogs.project_settings import ProjectSettingsDialog

        dlg = ProjectSettingsDialog(self.project, self)
        self.last_dialog = dlg
        dlg.open()

    def new_assessment(self) -> None:
        """File ▸ New tactical assessment: the report dialog (draft, preview, write)."""
        from workstation.qt.dialogs.report_dialog import ReportDialog

        dlg = ReportDialog(self.project, self.jobs, "assess", parent=self)
        self.last_dialog = dlg
        dlg.open()

    def problem_profile(self, area_code: str, area_name: str = "") -> None:
        """A problem profile of one area (the map's right-click on it)."""
        from workstation.qt.dialogs.report_dialog import ReportDialog

        dlg = ReportDialog(
            self.project, self.jobs, "profile", area_code, area_name, parent=self
        )
        self.last_dialog = dlg
        dlg.open()

    def export_briefing(self) -> None:
        if self._export_cls is None:
            return
        dlg = self._export_cls(self.project, self.canvas, self)
        self.last_dialog = dlg
        dlg.open()

    # -- help -------------------------------------------------------------------------------
    def show_about(self) -> None:
        from workstation.qt.dialogs.about import AboutDialog

        dlg = AboutDialog(self.project, self)
        self.last_dialog = dlg
        dlg.open()

    def show_user_guide(self) -> None:
        from workstation.qt.dialogs.about import UserGuideDialog

        dlg = UserGuideDialog(self)
        self.last_dialog = dlg
        dlg.show()

    # -- errors -------------------------------------------------------------------------------
    def _job_failed(self, key: str, message: str) -> None:
        title = key.split(":", 1)[0].replace("_", " ").replace("-", " ")
        self.message_bar.error(
            translate("MainWindow", "{v0} failed: {message}").format(
                v0=title.capitalize(), message=message
            )
        )

    def report_exception(self, exc_type, exc, log_path: Path | None) -> None:
        where = (
            translate("MainWindow", " (details in {path})").format(path=log_path)
            if log_path
            else ""
        )
        self.message_bar.error(
            translate("MainWindow", "Unexpected error: {kind}: {exc}{where}").format(
                kind=exc_type.__name__, exc=exc, where=where
            )
        )

    # -- layout and closing ---------------------------------------------------------------------
    def hide_stale_tab_bars(self) -> int:
        """Hide dock tab bars that Qt left behind after a re-layout.

        Qt can keep a tabified dock group's old tab bar visible at the group's former
        place (seen after resizeDocks before the first show, restoreState and adding a
        tabified dock). A live tab bar touches the dock its current tab names; any
        other tab bar of the window is stale. Returns how many were hidden.
        """
        docks = {d.windowTitle(): d for d in self.findChildren(QDockWidget)}
        hidden = 0
        self.unelide_tab_bars()
        for bar in self.findChildren(QTabBar):
            if bar.parent() is not self or not bar.isVisible() or bar.count() == 0:
                continue
            dock = docks.get(bar.tabText(bar.currentIndex()))
            if dock is None or dock.isFloating():
                continue
            g, d = bar.geometry(), dock.geometry()
            touching = abs(g.top() - d.bottom()) <= 8 or abs(g.bottom() - d.top()) <= 8
            overlap = min(g.right(), d.right()) - max(g.left(), d.left())
            if not (touching and overlap > 0):
                bar.hide()
                hidden += 1
        return hidden

    def unelide_tab_bars(self) -> None:
        """Dock tabs show their whole title ("Horizon scan", not "Horiz…"); when
        they do not fit, the tab bar scrolls.
        """
        for bar in self.findChildren(QTabBar):
            if bar.parent() is self:
                bar.setElideMode(Qt.TextElideMode.ElideNone)
                bar.setUsesScrollButtons(True)
                bar.setExpanding(False)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.hide_stale_tab_bars)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self.hide_stale_tab_bars)

    def restore_layout(self) -> None:
        s = ws_settings.settings()
        geom = s.value("window/geometry")
        state = s.value("window/state")
        self._default_state = self.saveState()
        if geom is not None:
            self.restoreGeometry(geom)
        if state is not None:
            self.restoreState(state)

    def save_layout(self) -> None:
        s = ws_settings.settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.sync()

    def reset_layout(self) -> None:
        self.restoreState(self._default_state)
        for dock in (
            self.layers_dock,
            self.timeline_dock,
            self.table_dock,
            self.how_dock,
        ):
            dock.show()
        QTimer.singleShot(0, self.hide_stale_tab_bars)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._maybe_save():
            event.ignore()
            return
        self.save_layout()
        self.timeline.set_playing(False)
        self.jobs.shutdown()
        event.accept()


__all__ = ["MainWindow", "replace_project_contents"]
