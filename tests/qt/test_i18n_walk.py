"""The window in Welsh shows no English: every menu, dialog and panel is walked.

The window is built twice on the same project, once in English and once in Welsh,
and every text a user can see is collected from both (menus and actions with their
tooltips, labels, buttons, group boxes, tabs, table headers, combo items, spin box
suffixes, placeholders, window and dock titles). A text that is the same in both
languages is still English, unless it is data (layer names, category values,
column names, file names) or on the short list below of words that are the same
in Welsh (proper nouns, acronyms, units).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QTabBar,
    QTableView,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from tests.qt import _map_data
from tests.qt.shell_data import (
    calls_layer,
    crime_layer,
    isolated_settings,  # noqa: F401
    project_with,
)
from workstation.qt import i18n
from workstation.qt.dialogs.about import LIBRARIES, AboutDialog
from workstation.qt.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("isolated_settings")

#: Words that are the same in the Welsh interface: proper nouns, product and format
#: names, acronyms, units, protective markings (Government Security Classifications
#: are printed in English on every document), the languages' own names.
SAME_IN_WELSH = {
    # the product and other proper nouns
    "Analyst", "Workstation", "Getis", "Ord", "Gi", "Moran", "Mann", "Kendall",
    "Knox", "Jenks", "Fisher", "ArcGIS", "Leaflet", "OpenStreetMap", "PySAL", "Qt",
    "Python", "Ordnance", "Survey", "OSTN15", "CCHI", "THRIVE", "Gaussian",
    # formats, acronyms and units
    "CSV", "PDF", "PNG", "HTML", "GPX", "GeoJSON", "GeoPackage", "GeoTIFF", "KDE",
    "LISA", "SEPP", "EM", "WDD", "WDQ", "FDR", "EPSG", "BNG", "CRS", "LSOA", "LSOAs",
    "CAD", "MBTiles", "UTC", "dpi", "px", "km", "km²", "m", "h", "min", "ms", "p",
    "q", "z", "x", "y", "E", "N", "S", "W", "A4", "A3", "gpkg", "csv", "tif", "txt",
    "tab", "tsv", "zip", "geojson", "json", "shp", "fgb", "gpx", "pdf", "png", "html",
    "xlsx", "Ctrl", "Shift",
    # protective markings
    "OFFICIAL", "SENSITIVE", "SECRET", "TOP",
    # language names (each in its own language)
    "English", "Cymraeg",
    # time zones
    "Europe", "London",
    # colour ramps by their ColorBrewer / matplotlib names
    "Blues", "Greens", "Purples", "Reds", "Oranges", "Greys", "Magma", "Viridis",
    "RdBu", "YlOrRd", "YlGnBu", "RdYlBu", "Set", "Dark", "Paired",
}  # fmt: skip
#: hex colours (the colour buttons' tooltips)
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
TAG = re.compile(r"<[^>]+>")


def clean(text: str) -> str:
    """A text as a user reads it: no mnemonics, no HTML tags, one line."""
    text = TAG.sub(" ", text or "")
    text = html.unescape(text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split())


def add(out: dict[str, str], text: str, where: str) -> None:
    t = clean(text)
    if t:
        out.setdefault(t, where)


def walk_menu(menu: QMenu, out: dict[str, str], where: str) -> None:
    menu.aboutToShow.emit()  # menus filled on demand (recent projects)
    add(out, menu.title(), where)
    for act in menu.actions():
        walk_action(act, out, f"{where} > {clean(act.text())}")


def walk_action(act: QAction, out: dict[str, str], where: str) -> None:
    if not shiboken6.isValid(act):  # a menu filled on demand replaced it
        return
    add(out, act.text(), where)
    add(out, act.toolTip(), where + " (tooltip)")
    add(out, act.statusTip(), where + " (status tip)")
    if act.menu() is not None:
        walk_menu(act.menu(), out, where)


def headers(view: QAbstractItemView, out: dict[str, str], where: str) -> None:
    model = view.model()
    if model is None:
        return
    root = QModelIndex()
    if isinstance(view, QListView):
        for r in range(min(model.rowCount(root), 100)):
            value = model.data(model.index(r, 0, root), DISPLAY)
            if isinstance(value, str):
                add(out, value, where + " (item)")
        return
    if isinstance(view, QTableView):
        for i in range(min(model.columnCount(root), 60)):
            for role, label in ((DISPLAY, "header"), (TOOLTIP, "header tooltip")):
                value = model.headerData(i, Qt.Orientation.Horizontal, role)
                if isinstance(value, str):
                    add(out, value, f"{where} ({label})")


def walk_widget(w: QWidget, out: dict[str, str], where: str) -> None:
    """Every text of ``w`` (not its children)."""
    if not shiboken6.isValid(w):
        return
    name = f"{where}/{type(w).__name__}"
    if w.isWindow() or isinstance(w, QDockWidget):
        add(out, w.windowTitle(), name + " (title)")
    add(out, w.toolTip(), name + " (tooltip)")
    if isinstance(w, QLabel):
        add(out, w.text(), name)
    elif isinstance(w, QAbstractButton):
        add(out, w.text(), name)
    elif isinstance(w, QGroupBox):
        add(out, w.title(), name)
    elif isinstance(w, QTabBar):
        for i in range(w.count()):
            add(out, w.tabText(i), name)
            add(out, w.tabToolTip(i), name + " (tooltip)")
    elif isinstance(w, QComboBox):
        for i in range(w.count()):
            add(out, w.itemText(i), name + " (item)")
            tip = w.itemData(i, Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str):
                add(out, tip, name + " (item tooltip)")
        add(out, w.placeholderText(), name + " (placeholder)")
    elif isinstance(w, QLineEdit):
        add(out, w.placeholderText(), name + " (placeholder)")
    elif isinstance(w, QTextEdit):
        add(out, w.placeholderText(), name + " (placeholder)")
        if isinstance(w.window(), AboutDialog):  # the user guide is a document
            for line in w.toPlainText().splitlines():
                add(out, line, name + " (text)")
    elif isinstance(w, QAbstractSpinBox):
        for attr in ("prefix", "suffix"):
            if hasattr(w, attr):
                add(out, getattr(w, attr)(), name + f" ({attr})")
        add(out, w.specialValueText(), name + " (special value)")
    if isinstance(w, QTreeWidget):
        item = w.headerItem()
        for i in range(w.columnCount()):
            add(out, item.text(i), name + " (header)")
        walk_tree(w.invisibleRootItem(), w.columnCount(), out, name)
    elif isinstance(w, QAbstractItemView):
        headers(w, out, name)
    if isinstance(w, QMenu):
        walk_menu(w, out, name)


def walk_tree(item, columns: int, out: dict[str, str], where: str) -> None:
    """The texts and tooltips of a tree's items (layer list, legends, identify)."""
    for i in range(min(item.childCount(), 200)):
        child = item.child(i)
        for c in range(columns):
            add(out, child.text(c), where + " (item)")
            add(out, child.toolTip(c), where + " (item tooltip)")
        walk_tree(child, columns, out, where)


def walk_root(root: QWidget, out: dict[str, str], where: str) -> None:
    walk_widget(root, out, where)
    for child in root.findChildren(QWidget):
        walk_widget(child, out, where)
    for act in root.findChildren(QAction):
        walk_action(act, out, f"{where} action")


#: panels run during the walk, so their summaries, tables and result legends are seen
RUN = ("kde_panel", "hotspot_panel", "emerging_panel", "repeats_panel")


def run_analyses(window: MainWindow, qtbot) -> None:
    """Run a few analyses on the walk's project and wait for their results."""
    for module, panel in window.analysis_panels.items():
        if module.rsplit(".", 1)[-1] in RUN:
            panel.run()
            qtbot.waitUntil(lambda p=panel: p.result is not None, timeout=60_000)
            qtbot.waitUntil(lambda: not window.jobs.running(), timeout=60_000)


def open_everything(window: MainWindow, qtbot, tmp_path) -> list[QWidget]:
    """Every panel, dock and dialog of the window, opened; the top-level widgets."""
    from workstation.qt.dialogs.import_dialog import ImportDialog
    from workstation.qt.dialogs.marking_downgrade import MarkingDowngradeDialog

    roots: list[QWidget] = [window]
    for info in window.panel_infos:
        if info.available:
            window.open_panel(info)
    run_analyses(window, qtbot)
    window.open_table(window.project.layers[0].id)
    for opener in (
        window.export_briefing,
        window.project_properties,
        window.show_about,
        window.show_user_guide,
        window.new_assessment,
        lambda: window.problem_profile("E0001", "Area E0001"),
    ):
        opener()
        roots.append(window.last_dialog)
    for lyr in window.project.layers:
        window.layer_panel.set_current_layer(lyr.id)
        if window._style_cls is not None:
            roots.append(window._style_cls(window.project, lyr.id, window))
        roots.append(window.show_rejected_rows(lyr.id) or window)
        menu = QMenu()
        menu.addActions(window.layer_panel.layer_actions(lyr.id))
        roots.append(menu)
    csv = import_file(tmp_path)
    roots.append(ImportDialog([csv]))
    roots.append(window.unsaved_box())
    roots.append(MarkingDowngradeDialog("SECRET", "OFFICIAL", "below", window))
    for r in roots:
        if r is not window and isinstance(r, QWidget) and not isinstance(r, QMenu):
            r.show()
    QApplication.processEvents()
    return roots


def import_file(tmp_path):
    """A small table the import dialog must ask about (its columns are data)."""
    csv = tmp_path / "calls.csv"
    csv.write_text(IMPORT_TABLE, encoding="utf-8")
    return csv


IMPORT_TABLE = (
    "when,x,y,kind\n2024-01-01 10:00,400000,285000,Theft\n"
    "2024-01-02 11:00,400100,285100,ASB\n"
)


def reader_words(tmp_path) -> set[str]:
    """What the readers (``layers``, English by design) say about the import file.

    The import dialog shows each reader's verdict (its reason) as a tooltip: it is
    made in ``layers`` and stays English, as do the file's own name and columns.
    """
    from layers import readers

    words = set(WORD.findall(IMPORT_TABLE)) | {"calls"}
    for verdict in readers.sniff_all(import_file(tmp_path)):
        words.update(WORD.findall(str(verdict.reason)))
    return words


def collect(qtbot, tmp_path, language: str) -> tuple[dict[str, str], set[str]]:
    """All texts of the window in ``language`` (text -> where), and the data words."""
    i18n.install_language(language)
    project = project_with(
        crime_layer(),
        calls_layer(),
        _map_data.grid_boundaries(),
        _map_data.asset_layer(),
    )
    window = MainWindow(project)
    window.ask_unsaved = lambda: "discard"
    qtbot.addWidget(window)
    window.show()
    roots = open_everything(window, qtbot, tmp_path)
    out: dict[str, str] = {}
    for act in window.menuBar().actions():
        walk_action(act, out, "menu " + clean(act.text()))
    for i, r in enumerate(roots):
        walk_root(r, out, f"root{i}:{type(r).__name__}")
    data = data_words(project)
    for r in roots:
        if r is not window:
            r.close()
    window.jobs.shutdown()
    window.close()
    return out, data


def data_words(project) -> set[str]:
    """Words that come from the data: layer names, values, column names."""
    words: set[str] = set()
    for lyr in project.layers:
        words.update(WORD.findall(lyr.name))
        for col in lyr.frame.columns:
            words.update(WORD.findall(str(col)))
            words.update(WORD.findall(str(col).replace("_", " ")))
        for col in ("category", "name", "asset_type", "area_name", "area_code"):
            if col in lyr.frame:
                for v in lyr.frame[col].astype(str).unique()[:200]:
                    # a value from a known vocabulary (police.uk crime types) is
                    # shown translated, so it is no excuse for English
                    if v not in i18n.VOCABULARY:
                        words.update(WORD.findall(v))
    return words


def library_words() -> set[str]:
    """The about box's libraries and licences (names, not interface)."""
    words = {"Clause", "GDAL", "PROJ", "OGL", "OS", "LGPL"}
    for name, licence in LIBRARIES:
        words.update(WORD.findall(name) + WORD.findall(licence))
    return words


def same_in_catalogue() -> set[str]:
    """Texts whose finished Welsh translation is the English itself ("Symbol")."""
    import xml.etree.ElementTree as ET

    same = set()
    for m in ET.parse(i18n.CATALOGUES / "workstation_cy.ts").iter("message"):
        tr = m.find("translation")
        src = m.find("source").text or ""
        if tr.get("type") is None and (tr.text or "") == src:
            same.add(clean(src))
    return same


def still_english(
    welsh: dict[str, str], english: dict[str, str], allowed: Iterable[str]
) -> dict[str, str]:
    """Texts shown alike in both languages that hold a word not on the lists."""
    ok = set(SAME_IN_WELSH) | set(allowed) | library_words()
    same = same_in_catalogue()
    bad = {}
    for text, where in welsh.items():
        if text not in english or text in same:
            continue
        if HEX.match(text):
            continue
        words = [w for w in WORD.findall(text) if w not in ok]
        if words:
            bad[text] = where
    return bad


@pytest.fixture
def english_source():
    yield
    i18n.install_language("en")


@pytest.mark.usefixtures("english_source")
def test_welsh_window_shows_no_english(qtbot, tmp_path):
    english, data = collect(qtbot, tmp_path, "en")
    assert len(english) > 300  # the walk reaches the whole window
    welsh, _ = collect(qtbot, tmp_path, "cy")
    bad = still_english(welsh, english, data | reader_words(tmp_path))
    listing = "\n".join(f"  {t!r}  [{w}]" for t, w in sorted(bad.items()))
    assert not bad, f"{len(bad)} texts are still English in Welsh:\n{listing}"
    assert QCoreApplication.translate("MainWindow", "&File") != "&File"
